// SPDX-License-Identifier: GPL-2.0-or-later
/* struct screen_info (include/uapi/linux/screen_info.h) at offset 0 of boot_params. */
#include "parsers.h"

#define VIDEO_CAPABILITY_64BIT_BASE	(1u << 1)

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int screen_info_parse(const uint8_t *buf, size_t len, struct screen_info_lfb *si,
		      struct hv_err *err)
{
	uint32_t caps;

	if (len < SCREEN_INFO_SIZE) {
		hv_err_set(err, 0, "%zu bytes: too short for struct boot_params (screen_info "
			   "needs %d)", len, SCREEN_INFO_SIZE);
		return -1;
	}
	si->orig_video_isVGA = buf[0x0f];
	si->lfb_width = le16(buf + 0x12);
	si->lfb_height = le16(buf + 0x14);
	si->lfb_depth = le16(buf + 0x16);
	si->lfb_base = le32(buf + 0x18);
	si->lfb_size = le32(buf + 0x1c);
	caps = le32(buf + 0x36);
	/* __screen_info_lfb_base(): ext_lfb_base only with the 64-bit capability */
	if (caps & VIDEO_CAPABILITY_64BIT_BASE)
		si->lfb_base |= (uint64_t)le32(buf + 0x3a) << 32;
	return 0;
}
