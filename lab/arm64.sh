# lab/run's arm64 steps (sourced; doc/lab.md): qemu-system-aarch64 (TCG)
# with AAVMF and a ramfb framebuffer, Debian's arm64 kernel, kexec-tools and
# busybox, unpacked. Debian's arm64 kernels have KEXEC_FILE off, so only
# kexec_load (-c, which is also the default) is measured. arm64 has no
# /sys/kernel/boot_params: the kdump kernel's framebuffer is read from
# /proc/fb and efifb's probe in its log. mkinitramfs would put this
# machine's busybox into the image, so the kdump initramfs is made by hand:
# lab/kdump-init runs contrib's init-premount script, then the lab's report.

dpkg --print-foreign-architectures | grep -qx arm64 || {
	say "adding the arm64 architecture to dpkg (for apt-get download of arm64 packages)"
	dpkg --add-architecture arm64 && apt-get update -qq >/dev/null 2>&1 ||
		skip "cannot add the arm64 architecture"
}
install_missing qemu-system-arm qemu-efi-aarch64 cpio python3 musl-tools gcc-aarch64-linux-gnu \
	musl-dev:arm64 binutils-aarch64-linux-gnu libxenmisc4.17
aavmf_code=/usr/share/AAVMF/AAVMF_CODE.fd aavmf_vars=/usr/share/AAVMF/AAVMF_VARS.fd
[ -r "$aavmf_code" ] && [ -r "$aavmf_vars" ] || skip "no AAVMF firmware in /usr/share/AAVMF"

kdeb=$(kernel_deb arm64)
xdeb=${LAB_KEXEC_DEB:-$(fetch kexec-tools:arm64)}
bdeb=$(fetch busybox-static:arm64)
kexec_version=$(dpkg-deb -f "$xdeb" Version)
kernel_package="$(dpkg-deb -f "$kdeb" Package) $(dpkg-deb -f "$kdeb" Version)"
rm -rf "$work/a"
mkdir -p "$work/a"
dpkg-deb -x "$kdeb" "$work/a/k"
dpkg-deb -x "$xdeb" "$work/a/kx"
dpkg-deb -x "$bdeb" "$work/a/bb"
kver=$(ls "$work/a/k/lib/modules" | head -1)
[ -n "$kver" ] || die "$kdeb: no /lib/modules in the package"
image=$work/a/k/boot/vmlinuz-$kver

# kexec's libraries: each NEEDED name, from the arm64 build of the package
# that ships it on this machine, recursively
libs=$work/a/libs
mkdir -p "$libs"
find_lib() { find "$libs" -name "$1" \( -type f -o -type l \) | head -1; }
needed() { aarch64-linux-gnu-readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
todo=$(needed "$work/a/kx/sbin/kexec")
while [ -n "$todo" ]; do
	next=""
	for lib in $todo; do
		[ -z "$(find_lib "$lib")" ] || continue
		case "$lib" in
		ld-linux-*) pkg=libc6 ;;	# the loader has no counterpart here
		*) pkg=$(dpkg -S "*/$(gcc -print-multiarch)/$lib" 2>/dev/null | head -1 | cut -d: -f1) ;;
		esac
		[ -n "$pkg" ] || skip "no package on this machine ships $lib (for kexec's arm64 libraries)"
		dpkg-deb -x "$(fetch "$pkg:arm64")" "$libs"
		l=$(find_lib "$lib")
		[ -n "$l" ] || die "$pkg:arm64 has no $lib"
		next="$next $(needed "$(readlink -f "$l")")"
	done
	todo=$next
done

# static hvkdump: aarch64 for the guests, x86_64 for the predictions here
if [ -n "${HVKDUMP_STATIC_ARM64:-}" ]; then
	ahvkdump=$HVKDUMP_STATIC_ARM64
else
	static_hvkdump "$work/build-static-arm64" --cross-file "$src/packaging/aarch64-musl.ini" \
		>/dev/null
	ahvkdump=$work/build-static-arm64/hvkdump
fi
file -L "$ahvkdump" | grep -q "aarch64.*statically linked" ||
	die "$ahvkdump is not a static aarch64 binary (HVKDUMP_STATIC_ARM64)"
hvkdump=${HVKDUMP_STATIC:-$(CC=musl-gcc static_hvkdump "$work/build-static")}

# --- the kdump initramfs
kroot=$work/a/kdump-root
rm -rf "$kroot" && mkdir -p "$kroot"/{bin,proc,sys,dev,run,scripts/init-premount}
cp "$work/a/bb/bin/busybox" "$kroot/bin/busybox"
cp "$src/lab/kdump-init" "$kroot/init"
cp "$ahvkdump" "$kroot/bin/hvkdump"
cp "$src/contrib/initramfs-tools/scripts/init-premount/hvkdump" "$kroot/scripts/init-premount/"
cp "$src/lab/kdump-report" "$kroot/scripts/init-premount/"
cpio_of "$kroot" | gzip -9 >"$work/a/kdump-initrd.img"

# --- the first kernel's initramfs
root=$work/a/first
rm -rf "$root" && mkdir -p "$root"/{bin,sbin,proc,sys,dev,kdump,lib}
cp "$work/a/bb/bin/busybox" "$root/bin/busybox"
cp "$src/lab/first-init" "$root/init"
cp "$work/a/kx/sbin/kexec" "$root/sbin/kexec"
(cd "$libs" && find . -name gconv -prune -o \( -name '*.so*' -o -name 'ld-linux*' \) -print |
	cpio -pdm --quiet "$root")
cp "$ahvkdump" "$root/bin/hvkdump"
cp "$image" "$root/kdump/vmlinuz"
cp "$work/a/kdump-initrd.img" "$root/kdump/initrd.img"
cpio_of "$root" >"$work/a/first-base.cpio"

use_accel=tcg	# KVM would need an arm64 host
[ "$accel" != kvm ] || die "--accel kvm: the arm64 lab runs under TCG on this machine"
say "accelerator: $use_accel"

# runs: NAME|KEXEC_ARGS|VIDEO (ramfb: AAVMF's GOP, efifb in Linux; nofb: video=efifb:off)
runs=("ramfb-c|-c|ramfb" "ramfb||ramfb" "nofb-c|-c|nofb")

one_run() {	# one_run NAME ARGS VIDEO
	local name=$1 args=$2 video=$3 dir=$work/run-$1 append
	rm -rf "$dir" && mkdir -p "$dir/root"
	append="console=ttyAMA0 crashkernel=256M panic=1"
	[ "$video" = nofb ] && append="$append video=efifb:off"
	{
		echo "LAB_MODULES=''"
		echo "LAB_KEXEC_ARGS='$args'"
		echo "LAB_KDUMP_APPEND='console=ttyAMA0 nr_cpus=1 reset_devices panic=1'"
	} >"$dir/root/lab.conf"
	cpio_of "$dir/root" >"$dir/run.cpio"
	cat "$work/a/first-base.cpio" "$dir/run.cpio" >"$dir/initrd"
	boot_run "$name" "$dir" "$aavmf_code" "$aavmf_vars" "$image" "$append" \
		qemu-system-aarch64 -machine virt -cpu cortex-a72 -accel tcg -device ramfb
}
