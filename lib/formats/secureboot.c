// SPDX-License-Identifier: GPL-2.0-or-later
/* Secure Boot (efivars) and kernel lockdown (security/lockdown/lockdown.c). */
#include <string.h>

#include "parsers.h"

int efivar_byte(const uint8_t *buf, size_t len, uint8_t *value)
{
	/* efivarfs: a u32 of attributes, then the one data byte of a boolean */
	if (len != 5 || buf[4] > 1)
		return -1;
	*value = buf[4];
	return 0;
}

int lockdown_parse(const char *text, enum lockdown *out)
{
	static const char *const levels[] = { "none", "integrity", "confidentiality" };
	const char *p = text;
	unsigned int chosen = 0;
	size_t i, n;
	bool br;

	/* lockdown_read(): each level the kernel offers, the current one in [] */
	while (*p && *p != '\n') {
		br = *p == '[';
		p += br;
		n = strcspn(p, "] \n");
		for (i = 0; i < 3 && (strlen(levels[i]) != n || strncmp(p, levels[i], n)); i++)
			;
		if (i == 3 || (br && p[n] != ']') || (!br && p[n] == ']'))
			return -1;
		p += n + br;
		if (br) {
			chosen++;
			*out = (enum lockdown)i;
		}
		if (*p == ' ')
			p++;
	}
	return chosen == 1 && *p == '\n' && !p[1] ? 0 : -1;
}
