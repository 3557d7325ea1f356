// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stack a command is about to use, faulted in with one system call.
 *
 * check's own frame holds the facts and the result (80 KiB), and the
 * probes below it read through buffers of up to 64 KiB: about 130 KiB of
 * stack, every page of it touched. Touched one page at a time, that is
 * some thirty page faults; on a virtual machine whose faults trap to the
 * hypervisor one costs 10 to 15 microseconds (13 on the development VM,
 * against 0.7 a page populated by madvise()), half a millisecond of a
 * check that takes three or four.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"

#ifndef MADV_POPULATE_WRITE
/* include/uapi/asm-generic/mman-common.h (Linux 5.14): a libc too old to name it */
#define MADV_POPULATE_WRITE	23
#endif

/*
 * The VLA is this function's frame, below the caller's: where the
 * caller's next callee will have its own. Writing its lowest byte grows
 * the stack mapping to hold it (one fault); madvise() populates the
 * rest, which the kernel does not do for a range it does not map.
 * noinline: inlined, the area would lie in the caller's frame.
 */
__attribute__((noinline)) bool hv_prefault_stack(size_t bytes)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile char area[bytes ? bytes : 1];
	char *lo;
	size_t len;

	if (page <= 0 || bytes < (size_t)page)
		return false;
	area[0] = 0;
	/* from the page that holds area[0] to the end of the one holding the last byte */
	lo = (char *)&area[0] - ((uintptr_t)&area[0] & ((uintptr_t)page - 1));
	len = (size_t)((char *)&area[bytes - 1] - lo) + 1;
	len = (len + (size_t)page - 1) & ~((size_t)page - 1);
	/* EINVAL before Linux 5.14: the pages are then faulted in as used */
	return madvise(lo, len, MADV_POPULATE_WRITE) == 0;
}
