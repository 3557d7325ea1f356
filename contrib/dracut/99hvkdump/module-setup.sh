#!/bin/bash
# hvkdump's report from inside the kdump kernel, for dracut (RHEL, Fedora,
# Azure Linux, SUSE): never included unless asked for, as kdumpctl does
# with `dracut_args --add hvkdump` in /etc/kdump.conf.

check() {
	return 255
}

depends() {
	return 0
}

install() {
	local bin

	for bin in "${HVKDUMP_BINARY:-}" /usr/lib/hvkdump/hvkdump-static \
		/usr/local/sbin/hvkdump-static /usr/bin/hvkdump /usr/local/bin/hvkdump; do
		[[ -n $bin && -x $bin ]] && break
		bin=
	done
	if [[ -z $bin ]]; then
		dwarn "hvkdump: no hvkdump binary to put into the initramfs"
		return 0
	fi
	inst_binary "$bin" /usr/bin/hvkdump
	inst_hook pre-mount 01 "$moddir/hvkdump-report.sh"
}
