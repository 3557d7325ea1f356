// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/fb (drivers/video/fbdev/core/fbmem.c fb_seq_show()): "%d %s\n" per device. */
#include <stdio.h>
#include <stdlib.h>

#include "util/lines.h"
#include "parsers.h"

static const struct {
	const char *id;
	enum fb_driver driver;
} fb_ids[] = {
	{ "hyperv_drmdrmfb", FB_HYPERV_DRM },	/* drm_fbdev: driver name + "drmfb" */
	{ "hyperv_drm", FB_HYPERV_DRM },
	{ "hyperv_fb", FB_HYPERV_FB },
	{ "EFI VGA", FB_EFIFB },
	{ "simpledrmdrmfb", FB_SIMPLEDRM },
	{ "simpledrm", FB_SIMPLEDRM },
	{ "VESA VGA", FB_VESAFB },
};

bool fb_id_driver(const char *id, enum fb_driver *d)
{
	size_t i;

	for (i = 0; i < sizeof(fb_ids) / sizeof(fb_ids[0]); i++) {
		if (!strcmp(fb_ids[i].id, id)) {
			*d = fb_ids[i].driver;
			return true;
		}
	}
	return false;
}

int procfb_parse(const char *text, size_t len, struct procfb *out, struct hv_err *err)
{
	struct line_iter it;
	const char *p;
	size_t l;

	memset(out, 0, sizeof(*out));
	out->driver = FB_NONE;
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
			out->known_id = fb_id_driver(out->id, &out->driver);
		}
	}
	return 0;
}
