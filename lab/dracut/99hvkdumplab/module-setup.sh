#!/bin/bash
# The lab's dracut module (doc/lab.md): after contrib/dracut/99hvkdump's
# pre-mount hook, the lab's report (lab/kdump-report), which powers off.
check() {
	return 255
}

depends() {
	echo hvkdump
	return 0
}

install() {
	inst_multiple od tr grep sed dmesg sleep
	inst_simple "$moddir/kdump-report" /usr/lib/hvkdump-lab/kdump-report
	inst_hook pre-mount 99 "$moddir/lab-report.sh"
}
