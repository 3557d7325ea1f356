// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/fb, and what fb0's FBIOGET_FSCREENINFO says about smem_start. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbdev.h"
#include "probe.h"

/* "smem_start": "0x..." in a collected fbinfo --json; -1 if absent. */
static int collected_smem_start(const char *json, uint64_t *v)
{
	const char *s = strstr(json, "\"smem_start\": \"0x");

	if (!s)
		return -1;
	*v = strtoull(s + 17, NULL, 16);
	return 0;
}

static void smem_evidence(struct probe *p, enum fb_driver d)
{
	struct facts *f = p->f;
	bool drm = d == FB_HYPERV_DRM || d == FB_SIMPLEDRM;
	struct fbdev_info info;
	const char *src = NULL;
	uint64_t smem = 0;
	char *buf;
	size_t len;

	if (!drm)
		return;
	if (hv_path_is_live(p->pc)) {
		if (fbdev_read(p->pc, "/dev/fb0", &info))
			return;
		smem = info.fix.smem_start;
		src = "/dev/fb0 FBIOGET_FSCREENINFO";
	} else if (!hv_path_read(p->pc, "/hvkdump/fbinfo.json", 1 << 20, &buf, &len)) {
		int rc = collected_smem_start(buf, &smem);

		free(buf);
		if (rc)
			return;
		src = "/hvkdump/fbinfo.json (collected FBIOGET_FSCREENINFO)";
	} else {
		return;
	}
	f->hide_smem = !smem;
	fact_set(f, F_HIDE_SMEM, src, "%s (fb0 smem_start = 0x%" PRIx64 ")",
		 f->hide_smem ? "yes" : "no", smem);
}

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

/* fix.id -> driver; false for an id the model does not know */
static bool fb_id_driver(const char *id, enum fb_driver *d)
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

void probe_fb(struct probe *p)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	struct procfb pf;
	enum fb_driver d = FB_NONE;
	char *buf;
	size_t len;

	if (probe_read(p, F_FB0, "/proc/fb", 1 << 20, &buf, &len))
		return;
	/* no framebuffer at all: an empty /proc/fb */
	if (probe_kernel_text(buf, len, true, &err) || procfb_parse(buf, len, &pf, &err)) {
		free(buf);
		probe_bad_file(p, F_FB0, "/proc/fb", &err);
		return;
	}
	free(buf);
	if (!pf.has_fb0) {
		f->fb_driver = FB_NONE;
		fact_set(f, F_FB0, "/proc/fb", "none (no /dev/fb0)");
	} else if (!fb_id_driver(pf.id, &d)) {
		fact_unknown(f, F_FB0, "/proc/fb", "unknown: fb0 is \"%s\", a driver the model "
			     "does not know", pf.id);
	} else {
		f->fb_driver = d;
		fact_set(f, F_FB0, "/proc/fb", "%s (fix.id \"%s\")", fb_driver_name(d), pf.id);
	}
	smem_evidence(p, d);
}
