// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/fb (drivers/video/fbdev/core/fbmem.c fb_seq_show()): "%d %s\n" per device. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lines.h"
#include "parsers.h"

int procfb_parse(const char *text, size_t len, struct procfb *out, struct hv_err *err)
{
	struct line_iter it;
	const char *p;
	size_t l;

	memset(out, 0, sizeof(*out));
	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a /proc/fb listing");
		return -1;
	}
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		size_t d = 0;

		if (!l)
			continue;
		while (d < l && p[d] >= '0' && p[d] <= '9')
			d++;
		if (!d || d > 3 || d + 1 >= l || p[d] != ' ') {
			hv_err_set(err, it.lineno, "expected \"<node> <id>\", not \"%.*s\"",
				   (int)(l > 60 ? 60 : l), p);
			return -1;
		}
		if (d == 1 && p[0] == '0') {
			if (l - 2 >= sizeof(out->id)) {
				hv_err_set(err, it.lineno, "fb0's id is longer than fix.id can be");
				return -1;
			}
			out->has_fb0 = true;
			snprintf(out->id, sizeof(out->id), "%.*s", (int)(l - 2), p + 2);
		}
	}
	return 0;
}
