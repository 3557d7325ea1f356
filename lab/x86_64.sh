# lab/run's x86_64 steps (sourced; doc/lab.md): OVMF, Debian's amd64
# kernel, the kdump initramfs made by initramfs-tools' mkinitramfs with
# contrib/initramfs-tools, and the matrix {-c, -s, the default} x {efifb, no
# fb0, bochs-drm, virtio-gpu, qxl}.

install_missing qemu-system-x86 ovmf busybox-static cpio kmod libxenmisc4.17 python3 musl-tools \
	udev
command -v mkinitramfs >/dev/null ||
	skip "no mkinitramfs: the kdump initramfs is built with initramfs-tools' own (apt-get install initramfs-tools; the lab does not install initramfs tooling itself)"
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
[ -r "$ovmf_code" ] && [ -r "$ovmf_vars" ] || skip "no OVMF firmware in /usr/share/OVMF"

kdeb=$(kernel_deb amd64)
kernel_package="$(dpkg-deb -f "$kdeb" Package) $(dpkg-deb -f "$kdeb" Version)"
rm -rf "$work/k" "$work/kx"
dpkg-deb -x "$kdeb" "$work/k"
kver=$(ls "$work/k/lib/modules" | head -1)
[ -n "$kver" ] || die "$kdeb: no /lib/modules in the package"
depmod -b "$work/k" "$kver"
vmlinuz=$work/k/boot/vmlinuz-$kver

if [ -n "${LAB_KEXEC_SOURCE:-}" ]; then
	# another kexec-tools release, built here from its source: a tarball's
	# path; a source tree's (a git checkout of a release tag, say, which
	# ./bootstrap gives its configure); or VERSION, Debian's copy of the
	# upstream tarball. Static and without xen, lzma and zlib (the kernel is
	# a bzImage); -fcommon because releases before 2.0.21 define some
	# globals in two files, which gcc 10 and later refuse to link; purgatory
	# without vectorization, which gcc 12 turns on at -O2 and which hangs
	# purgatory before the kdump kernel starts (2.0.24 added the flag
	# itself: 1b03cf7adc3c)
	case "$LAB_KEXEC_SOURCE" in
	*/*) kexec_source=$LAB_KEXEC_SOURCE ;;
	*)
		install_missing curl xz-utils
		kexec_source=$cache/kexec-tools_$LAB_KEXEC_SOURCE.orig.tar.xz
		[ -s "$kexec_source" ] || curl -fsS -o "$kexec_source" \
			"http://deb.debian.org/debian/pool/main/k/kexec-tools/kexec-tools_$LAB_KEXEC_SOURCE.orig.tar.xz" ||
			skip "cannot download kexec-tools $LAB_KEXEC_SOURCE's source from Debian's pool (give a tarball's path)"
		;;
	esac
	rm -rf "$work/kexec-src" && mkdir -p "$work/kexec-src"
	if [ -d "$kexec_source" ]; then
		cp -a "$kexec_source/." "$work/kexec-src/"
		if [ ! -x "$work/kexec-src/configure" ]; then
			install_missing autoconf
			(cd "$work/kexec-src" && ./bootstrap) >"$work/kexec-build.log" 2>&1 ||
				die "$kexec_source: ./bootstrap failed (see $work/kexec-build.log)"
		fi
	else
		tar -xf "$kexec_source" -C "$work/kexec-src" --strip-components=1 ||
			die "$kexec_source: not a tarball"
	fi
	(cd "$work/kexec-src" && ./configure --without-xen --without-lzma --without-zlib \
		CFLAGS="-O2 -fcommon" LDFLAGS=-static &&
		make -j"$(nproc)" PURGATORY_EXTRA_CFLAGS="$(sed -n \
			's/^PURGATORY_EXTRA_CFLAGS *= *//p' Makefile) -fno-tree-vectorize") \
		>"$work/kexec-build.log" 2>&1 ||
		die "kexec-tools did not build (see $work/kexec-build.log)"
	kexec=$work/kexec-src/build/sbin/kexec
	kexec_version=$("$kexec" --version | sed -n 's/^kexec-tools \([0-9.]*\).*/\1/p')
	[ -n "$kexec_version" ] || die "$kexec: kexec --version names no version"
else
	xdeb=${LAB_KEXEC_DEB:-$(fetch kexec-tools)}
	kexec_version=$(dpkg-deb -f "$xdeb" Version)
	dpkg-deb -x "$xdeb" "$work/kx"
	kexec=$work/kx/sbin/kexec
fi
ldd "$kexec" 2>/dev/null | grep -q 'not found' &&
	skip "Debian's kexec misses libraries: $(ldd "$kexec" | grep 'not found' | tr -s '\t\n' '  ')"

# a static hvkdump: it runs in both kernels and predicts on this machine
hvkdump=${HVKDUMP_STATIC:-$(CC=musl-gcc static_hvkdump "$work/build-static")}
file -L "$hvkdump" 2>/dev/null | grep -q "x86-64.*statically linked" ||
	die "$hvkdump is not a static x86_64 binary (HVKDUMP_STATIC)"

# --- the kdump initramfs: initramfs-tools with contrib/initramfs-tools (the
# files the packages install) and the lab's report after it
conf=$work/initramfs-conf
rm -rf "$conf" && mkdir -p "$conf/hooks" "$conf/scripts/init-premount"
printf 'MODULES=list\nBUSYBOX=y\nCOMPRESS=gzip\n' >"$conf/initramfs.conf"
: >"$conf/modules"
cp "$src/contrib/initramfs-tools/hooks/hvkdump" "$conf/hooks/"
cp "$src/contrib/initramfs-tools/scripts/init-premount/hvkdump" "$conf/scripts/init-premount/"
cp "$src/lab/kdump-report" "$conf/scripts/init-premount/"
created=
[ -d /usr/lib/modules ] || { mkdir /usr/lib/modules; created=1; }
trap '[ -z "$created" ] || rmdir /usr/lib/modules 2>/dev/null || true' EXIT
[ -d /boot ] || die "no /boot to bind the kernel package's onto"
unshare -m sh -c "mount --bind '$work/k/lib/modules' /usr/lib/modules &&
	mount --bind '$work/k/boot' /boot &&
	HVKDUMP_INITRAMFS=yes HVKDUMP_BINARY='$hvkdump' \
	mkinitramfs -d '$conf' -o '$work/kdump-initrd.img' '$kver'" >"$work/mkinitramfs.log" 2>&1 ||
	die "mkinitramfs failed (see $work/mkinitramfs.log)"

# --- a second kdump initramfs, from dracut with contrib/dracut and the lab's
# module after it. Debian's dracut conflicts with initramfs-tools, so
# dracut-core is unpacked and run from there (dracutbasedir).
ddeb=$(fetch dracut-core)
rm -rf "$work/dracut" "$work/dracut-conf" && mkdir -p "$work/dracut-conf"
dpkg-deb -x "$ddeb" "$work/dracut"
cp -r "$src/contrib/dracut/99hvkdump" "$src/lab/dracut/99hvkdumplab" \
	"$work/dracut/usr/lib/dracut/modules.d/"
cp "$src/lab/kdump-report" "$work/dracut/usr/lib/dracut/modules.d/99hvkdumplab/"
# its pre-mount hooks run once the root device is there: a blank virtio disk
unshare -m sh -c "mount --bind '$work/k/lib/modules' /usr/lib/modules &&
	dracutbasedir='$work/dracut/usr/lib/dracut' HVKDUMP_BINARY='$hvkdump' \
	'$work/dracut/usr/bin/dracut' --force --no-hostonly --no-hostonly-cmdline -c /dev/null \
	--confdir '$work/dracut-conf' -m 'base rootfs-block hvkdump hvkdumplab' \
	--add-drivers 'virtio_pci virtio_blk' --gzip --kver '$kver' '$work/kdump-dracut.img'" \
	>"$work/dracut.log" 2>&1 || die "dracut failed (see $work/dracut.log)"
truncate -s 16M "$work/blank-disk.img"

# --- the first kernel's initramfs: busybox, Debian's kexec and its
# libraries, hvkdump, the framebuffer drivers' modules, the kdump kernel
root=$work/first
rm -rf "$root" && mkdir -p "$root"/{bin,sbin,proc,sys,dev,kdump,lib/modules}
cp /bin/busybox "$root/bin/busybox"
cp "$src/lab/first-init" "$root/init"
cp "$kexec" "$root/sbin/kexec"
for lib in $(ldd "$kexec" 2>/dev/null | grep -o '/[^ ]*'); do	# none when static
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
cp "$hvkdump" "$root/bin/hvkdump"
cp "$vmlinuz" "$root/kdump/vmlinuz"
cp "$work/kdump-initrd.img" "$root/kdump/initrd.img"
modules_of() {	# modules_of MODULE...: their .ko paths under lib/modules, in load order
	local m
	for m in "$@"; do
		modprobe -d "$work/k" -S "$kver" --show-depends "$m" |
			sed -n "s|^insmod $work/k/lib/modules/||p" | sed 's/ *$//'
	done | awk '!seen[$0]++'
}
for ko in $(modules_of bochs virtio_pci virtio_gpu qxl); do
	mkdir -p "$root/lib/modules/$(dirname "$ko")"
	cp "$work/k/lib/modules/$ko" "$root/lib/modules/$ko"
done
cpio_of "$root" >"$work/first-base.cpio"
cp "$work/kdump-dracut.img" "$root/kdump/initrd.img"
cpio_of "$root" >"$work/first-base-dracut.cpio"

# --- the accelerator: KVM only when OVMF really boots on it here
use_accel=tcg
if [ "$accel" != tcg ] && [ -w /dev/kvm ]; then
	cp "$ovmf_vars" "$work/probe-vars.fd"
	timeout 15 qemu-system-x86_64 -machine q35,accel=kvm -m 512 -display none -no-reboot \
		-drive if=pflash,format=raw,readonly=on,file="$ovmf_code" \
		-drive if=pflash,format=raw,file="$work/probe-vars.fd" \
		-kernel "$vmlinuz" -append "console=ttyS0 panic=-1" \
		-serial file:"$work/kvm-probe.log" -monitor none >"$work/kvm-probe.err" 2>&1 || true
	grep -q "Linux version" "$work/kvm-probe.log" 2>/dev/null && use_accel=kvm
fi
[ "$accel" = kvm ] && [ "$use_accel" != kvm ] &&
	die "--accel kvm: OVMF does not boot under KVM here (see $work/kvm-probe.err)"
say "accelerator: $use_accel"

# --- the matrix. A run: NAME|KEXEC_ARGS|VIDEO (efifb, nofb, bochs, virtio-gpu, qxl);
# a name starting with "dracut-" boots the kdump kernel with dracut's initramfs
runs=()
for video in efifb nofb bochs virtio-gpu qxl; do
	for args in "-c" "-s" ""; do
		runs+=("$video${args:+$args}|$args|$video")
	done
done
# --reuse-video-type: kexec-tools 2.0.20 and later (fb5a8792e6e4)
upstream=${kexec_version#*:}
dpkg --compare-versions "${upstream%%-*}" ge 2.0.20 &&
	runs+=("bochs-c-reuse|-c --reuse-video-type|bochs")
runs+=("dracut-efifb-c|-c|efifb" "dracut-bochs-s|-s|bochs")
[ "$short" = 0 ] || runs=("efifb-c|-c|efifb" "efifb-s|-s|efifb" "efifb||efifb" "nofb-c|-c|nofb"
			"bochs-c|-c|bochs" "bochs-s|-s|bochs" "dracut-efifb-c|-c|efifb")

one_run() {	# one_run NAME ARGS VIDEO
	local name=$1 args=$2 video=$3 dir=$work/run-$1 append vga modules="" base disk=()
	local kappend="console=ttyS0 irqpoll nr_cpus=1 reset_devices panic=1"
	rm -rf "$dir" && mkdir -p "$dir/root"
	base=$work/first-base.cpio
	case "$name" in dracut-*)
		base=$work/first-base-dracut.cpio
		kappend="$kappend root=/dev/vda rd.shell=0"
		disk=(-drive file="$work/blank-disk.img",format=raw,if=virtio,readonly=on) ;;
	esac
	append="console=ttyS0 crashkernel=256M panic=1"
	vga=(-vga std)
	case "$video" in
	efifb) ;;
	nofb) append="$append video=efifb:off" ;;
	bochs) modules=$(modules_of bochs) ;;
	virtio-gpu) vga=(-vga none -device virtio-gpu-pci); modules=$(modules_of virtio_pci virtio_gpu) ;;
	qxl) vga=(-vga qxl); modules=$(modules_of qxl) ;;
	esac
	{
		echo "LAB_MODULES='$(echo $modules)'"
		echo "LAB_KEXEC_ARGS='$args'"
		echo "LAB_KDUMP_APPEND='$kappend'"
	} >"$dir/root/lab.conf"
	cpio_of "$dir/root" >"$dir/run.cpio"
	cat "$base" "$dir/run.cpio" >"$dir/initrd"
	boot_run "$name" "$dir" "$ovmf_code" "$ovmf_vars" "$vmlinuz" "$append" \
		qemu-system-x86_64 -machine q35,accel="$use_accel" "${vga[@]}" "${disk[@]}"
}
