// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A VMBus GUID as sysfs shows it: class_id and device_id are "{%pUl}"
 * (drivers/hv/vmbus_drv.c class_id_show()), device names the same without
 * braces: 8-4-4-4-12 hex digits.
 */
#include <ctype.h>
#include <string.h>

#include "parsers.h"

bool guid_valid(const char *s, bool braces)
{
	static const unsigned char groups[] = { 8, 4, 4, 4, 12 };
	unsigned int g, i;

	if (braces && *s++ != '{')
		return false;
	for (g = 0; g < sizeof(groups); g++) {
		if (g && *s++ != '-')
			return false;
		for (i = 0; i < groups[g]; i++, s++)
			if (!isxdigit((unsigned char)*s))
				return false;
	}
	if (braces && *s++ != '}')
		return false;
	return *s == '\0';
}
