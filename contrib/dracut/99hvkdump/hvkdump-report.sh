#!/bin/sh
# In the kdump kernel only (it alone has /proc/vmcore): what that kernel
# got and did, to the kernel log (and so the serial console) and to /run.
[ -e /proc/vmcore ] || return 0
[ -x /usr/bin/hvkdump ] || return 0
{
	echo "the kdump kernel's /proc/iomem:"
	/usr/bin/hvkdump iomem --raw
	echo "the kdump kernel's facts:"
	/usr/bin/hvkdump check --json
} 2>&1 | while IFS= read -r line; do echo "<4>hvkdump: $line" >/dev/kmsg; done
/usr/bin/hvkdump iomem --raw >/run/hvkdump-iomem.txt 2>&1
/usr/bin/hvkdump check --json >/run/hvkdump-check.json 2>&1
