/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A string into a fixed buffer, cut to fit and always terminated: what
 * snprintf(dst, len, "%s", src) does, without its formatting machinery
 * (check copies a few hundred strings a run).
 */
#ifndef HVKDUMP_STRCOPY_H
#define HVKDUMP_STRCOPY_H

#include <stddef.h>
#include <string.h>

static inline void hv_strcopy(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!len)
		return;
	if (!src)
		src = "(null)";	/* as glibc's printf says it */
	n = strlen(src);	/* as snprintf() reads it: to its end */
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

#endif
