// SPDX-License-Identifier: GPL-2.0-or-later
/* Secure Boot (efivars) and kernel lockdown (security/lockdown/lockdown.c). */
#include <string.h>

#include "parsers.h"

int efivar_byte(const uint8_t *buf, size_t len, uint8_t *value)
{
	/* efivarfs: a u32 of attributes, then the data */
	if (len < 5)
		return -1;
	*value = buf[4];
	return 0;
}

int lockdown_parse(const char *text, enum lockdown *out)
{
	static const char *const levels[] = { "[none]", "[integrity]", "[confidentiality]" };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strstr(text, levels[i])) {
			*out = (enum lockdown)i;
			return 0;
		}
	}
	return -1;
}
