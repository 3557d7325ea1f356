// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Secure Boot (efivars, or what mokutil and efibootmgr said in a sos
 * report) and kernel lockdown (security/lockdown/lockdown.c).
 */
#define _GNU_SOURCE
#include <stdio.h>
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

int lockdown_parse(const char *text, unsigned int *level)
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
			*level = (unsigned int)i;
		}
		if (*p == ' ')
			p++;
	}
	return chosen == 1 && *p == '\n' && !p[1] ? 0 : -1;
}

/* Whether @text (@len bytes) holds @what at the start of a line. */
static bool has_line(const char *text, size_t len, const char *what)
{
	size_t n = strlen(what), i;

	for (i = 0; i + n <= len; i++)
		if ((i == 0 || text[i - 1] == '\n') && !memcmp(text + i, what, n))
			return true;
	return false;
}

/* What a mokutil line holds past its colour escape ("\033[32m"), if any */
static bool has_state(const char *text, size_t len, const char *what)
{
	char esc[48];

	snprintf(esc, sizeof(esc), "m%s", what);
	return has_line(text, len, what) || memmem(text, len, esc, strlen(esc));
}

int mokutil_sb_state(const char *text, size_t len)
{
	/* mokutil's --sb-state: "enabled" is SecureBoot 1 and SetupMode 0 */
	if (has_state(text, len, "SecureBoot enabled"))
		return 1;
	if (has_state(text, len, "SecureBoot disabled"))
		return 0;
	if (memmem(text, len, "EFI variables are not supported", 31))
		return -2;
	return -1;
}

int efibootmgr_uefi(const char *text, size_t len)
{
	if (has_line(text, len, "BootCurrent:") || has_line(text, len, "BootOrder:"))
		return 1;
	if (memmem(text, len, "EFI variables are not supported", 31))
		return 0;
	return -1;
}
