// SPDX-License-Identifier: GPL-2.0-or-later
/* FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO (include/uapi/linux/fb.h), shown. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "fbinfo.h"
#include "jsonwrt.h"

static const char *type_name(uint32_t t)
{
	static const char *const n[] = {
		"FB_TYPE_PACKED_PIXELS", "FB_TYPE_PLANES", "FB_TYPE_INTERLEAVED_PLANES",
		"FB_TYPE_TEXT", "FB_TYPE_VGA_PLANES", "FB_TYPE_FOURCC",
	};

	return t < sizeof(n) / sizeof(n[0]) ? n[t] : "unknown";
}

static const char *visual_name(uint32_t v)
{
	static const char *const n[] = {
		"FB_VISUAL_MONO01", "FB_VISUAL_MONO10", "FB_VISUAL_TRUECOLOR",
		"FB_VISUAL_PSEUDOCOLOR", "FB_VISUAL_DIRECTCOLOR", "FB_VISUAL_STATIC_PSEUDOCOLOR",
		"FB_VISUAL_FOURCC",
	};

	return v < sizeof(n) / sizeof(n[0]) ? n[v] : "unknown";
}

/* fix.id is 16 bytes, not always NUL-terminated */
static void fix_id(const struct fb_fix_screeninfo *fix, char out[17])
{
	memcpy(out, fix->id, 16);
	out[16] = '\0';
}

const char *fbinfo_strerror(int rc)
{
	switch (rc) {
	case -ENOENT:
		return "no such device";
	case -EACCES:
	case -EPERM:
		return "permission denied (run as root, or as a member of the video group)";
	case -ENOTTY:
		return "not a framebuffer device";
	case -EOPNOTSUPP:
		return "a captured system has no devices to ask";
	default:
		return strerror(-rc);
	}
}

static void bitfield_json(struct jsonwrt *jw, const char *name, const struct fb_bitfield *b)
{
	jw_open(jw, name, false);
	jw_u64(jw, "offset", b->offset);
	jw_u64(jw, "length", b->length);
	jw_u64(jw, "msb_right", b->msb_right);
	jw_close(jw, false);
}

static void print_json(FILE *out, const char *dev, const struct fbdev_info *info)
{
	const struct fb_fix_screeninfo *fix = &info->fix;
	const struct fb_var_screeninfo *var = &info->var;
	struct jsonwrt jw;
	char id[17];

	fix_id(fix, id);
	jw_begin(&jw, out);
	jw_str(&jw, "device", dev);
	jw_open(&jw, "fix", false);
	jw_str(&jw, "id", id);
	jw_hex(&jw, "smem_start", fix->smem_start);
	jw_u64(&jw, "smem_len", fix->smem_len);
	jw_u64(&jw, "type", fix->type);
	jw_str(&jw, "type_name", type_name(fix->type));
	jw_u64(&jw, "type_aux", fix->type_aux);
	jw_u64(&jw, "visual", fix->visual);
	jw_str(&jw, "visual_name", visual_name(fix->visual));
	jw_u64(&jw, "xpanstep", fix->xpanstep);
	jw_u64(&jw, "ypanstep", fix->ypanstep);
	jw_u64(&jw, "ywrapstep", fix->ywrapstep);
	jw_u64(&jw, "line_length", fix->line_length);
	jw_hex(&jw, "mmio_start", fix->mmio_start);
	jw_u64(&jw, "mmio_len", fix->mmio_len);
	jw_u64(&jw, "accel", fix->accel);
	jw_hex(&jw, "capabilities", fix->capabilities);
	jw_close(&jw, false);
	jw_open(&jw, "var", false);
	jw_u64(&jw, "xres", var->xres);
	jw_u64(&jw, "yres", var->yres);
	jw_u64(&jw, "xres_virtual", var->xres_virtual);
	jw_u64(&jw, "yres_virtual", var->yres_virtual);
	jw_u64(&jw, "xoffset", var->xoffset);
	jw_u64(&jw, "yoffset", var->yoffset);
	jw_u64(&jw, "bits_per_pixel", var->bits_per_pixel);
	jw_u64(&jw, "grayscale", var->grayscale);
	bitfield_json(&jw, "red", &var->red);
	bitfield_json(&jw, "green", &var->green);
	bitfield_json(&jw, "blue", &var->blue);
	bitfield_json(&jw, "transp", &var->transp);
	jw_u64(&jw, "nonstd", var->nonstd);
	jw_u64(&jw, "activate", var->activate);
	jw_u64(&jw, "height_mm", var->height);
	jw_u64(&jw, "width_mm", var->width);
	jw_u64(&jw, "accel_flags", var->accel_flags);
	jw_u64(&jw, "pixclock", var->pixclock);
	jw_u64(&jw, "left_margin", var->left_margin);
	jw_u64(&jw, "right_margin", var->right_margin);
	jw_u64(&jw, "upper_margin", var->upper_margin);
	jw_u64(&jw, "lower_margin", var->lower_margin);
	jw_u64(&jw, "hsync_len", var->hsync_len);
	jw_u64(&jw, "vsync_len", var->vsync_len);
	jw_u64(&jw, "sync", var->sync);
	jw_u64(&jw, "vmode", var->vmode);
	jw_u64(&jw, "rotate", var->rotate);
	jw_u64(&jw, "colorspace", var->colorspace);
	jw_close(&jw, false);
	jw_end(&jw);
}

void fbinfo_print(FILE *out, const char *dev, const struct fbdev_info *info, bool json)
{
	const struct fb_fix_screeninfo *fix = &info->fix;
	const struct fb_var_screeninfo *var = &info->var;
	char id[17];

	if (json) {
		print_json(out, dev, info);
		return;
	}
	fix_id(fix, id);
	fprintf(out, "device           %s\n"
		"FBIOGET_FSCREENINFO:\n"
		"  id             %s\n"
		"  smem_start     0x%lx%s\n"
		"  smem_len       %u\n"
		"  type           %u (%s), type_aux %u\n"
		"  visual         %u (%s)\n"
		"  panstep        x %u, y %u, ywrapstep %u\n"
		"  line_length    %u\n"
		"  mmio           start 0x%lx, len %u\n"
		"  accel          %u\n"
		"  capabilities   0x%x\n",
		dev, id, fix->smem_start,
		fix->smem_start ? "" : " (hidden: FBINFO_HIDE_SMEM_START, or none)",
		fix->smem_len, fix->type, type_name(fix->type), fix->type_aux, fix->visual,
		visual_name(fix->visual), fix->xpanstep, fix->ypanstep, fix->ywrapstep,
		fix->line_length, fix->mmio_start, fix->mmio_len, fix->accel, fix->capabilities);
	fprintf(out, "FBIOGET_VSCREENINFO:\n"
		"  resolution     %ux%u\n"
		"  virtual        %ux%u\n"
		"  offset         %u,%u\n"
		"  bits_per_pixel %u, grayscale %u\n"
		"  red            offset %u, length %u, msb_right %u\n"
		"  green          offset %u, length %u, msb_right %u\n"
		"  blue           offset %u, length %u, msb_right %u\n"
		"  transp         offset %u, length %u, msb_right %u\n"
		"  nonstd %u, activate %u, size %ux%u mm, accel_flags %u\n"
		"  timings        pixclock %u ps, margins left %u right %u upper %u lower %u,"
		" hsync %u, vsync %u\n"
		"  sync %u, vmode %u, rotate %u, colorspace %u\n",
		var->xres, var->yres, var->xres_virtual, var->yres_virtual, var->xoffset,
		var->yoffset, var->bits_per_pixel, var->grayscale,
		var->red.offset, var->red.length, var->red.msb_right,
		var->green.offset, var->green.length, var->green.msb_right,
		var->blue.offset, var->blue.length, var->blue.msb_right,
		var->transp.offset, var->transp.length, var->transp.msb_right,
		var->nonstd, var->activate, var->width, var->height, var->accel_flags,
		var->pixclock, var->left_margin, var->right_margin, var->upper_margin,
		var->lower_margin, var->hsync_len, var->vsync_len, var->sync, var->vmode,
		var->rotate, var->colorspace);
}
