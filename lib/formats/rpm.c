// SPDX-License-Identifier: GPL-2.0-or-later
/* rpm's answer to `rpm -q --qf '%{VERSION}-%{RELEASE}' NAME`. */
#include <string.h>

#include "parsers.h"

/* VERSION-RELEASE as rpm prints them: one line, no blanks, one '-' at least */
int rpm_version_parse(const char *text, size_t len, char *out, size_t outlen)
{
	size_t n = 0;

	while (n < len && text[n] != '\n')
		n++;
	if (!n || n >= outlen || !memchr(text, '-', n))
		return -1;
	for (size_t i = 0; i < n; i++)	/* strchr() finds a NUL: refused apart */
		if (!strchr("0123456789abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ._+~^-", text[i]) || !text[i])
			return -1;
	memcpy(out, text, n);
	out[n] = '\0';
	return 0;
}
