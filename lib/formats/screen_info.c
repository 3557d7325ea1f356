// SPDX-License-Identifier: GPL-2.0-or-later
/* struct screen_info (include/uapi/linux/screen_info.h) at offset 0 of boot_params. */
#include <inttypes.h>

#include "parsers.h"
#include "util/bytes.h"

#define VIDEO_CAPABILITY_64BIT_BASE	(1u << 1)
/* include/uapi/linux/screen_info.h */
#define VIDEO_TYPE_VLFB	0x23
#define VIDEO_TYPE_EFI	0x70

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
	si->lfb_width = get_le16(buf + 0x12);
	si->lfb_height = get_le16(buf + 0x14);
	si->lfb_depth = get_le16(buf + 0x16);
	si->lfb_base = get_le32(buf + 0x18);
	si->lfb_size = get_le32(buf + 0x1c);
	caps = get_le32(buf + 0x36);
	si->capabilities = caps;
	si->ext_lfb_base = get_le32(buf + 0x3a);
	/* __screen_info_lfb_base(): ext_lfb_base only with the 64-bit capability */
	if (caps & VIDEO_CAPABILITY_64BIT_BASE)
		si->lfb_base |= (uint64_t)si->ext_lfb_base << 32;
	return 0;
}

int screen_info_check(const struct screen_info_lfb *si, struct hv_err *err)
{
	/*
	 * the VIDEO_TYPE_* values of include/uapi/linux/screen_info.h, 0, and
	 * 1, which kexec-tools' setup_linux_system_parameters() leaves when no
	 * framebuffer is handed over
	 */
	static const uint8_t types[] = { 0x00, 0x01, 0x10, 0x11, 0x20, 0x21, 0x22, 0x23,
					 0x30, 0x31, 0x33, 0x40, 0x50, 0x51, 0x60, 0x70 };
	uint64_t mode, have;
	unsigned int i, bytes;

	for (i = 0; i < sizeof(types) && types[i] != si->orig_video_isVGA; i++)
		;
	if (i == sizeof(types)) {
		hv_err_set(err, 0, "orig_video_isVGA 0x%02x is no VIDEO_TYPE_*",
			   si->orig_video_isVGA);
		return -1;
	}
	if (!si->lfb_base)
		return 0;
	if (si->orig_video_isVGA != VIDEO_TYPE_VLFB && si->orig_video_isVGA != VIDEO_TYPE_EFI) {
		hv_err_set(err, 0, "lfb_base 0x%" PRIx64 " with orig_video_isVGA 0x%02x, which "
			   "is no linear framebuffer", si->lfb_base, si->orig_video_isVGA);
		return -1;
	}
	if (!si->lfb_width || si->lfb_width > 16384 || !si->lfb_height ||
	    si->lfb_height > 16384 || (si->lfb_depth != 8 && si->lfb_depth != 15 &&
	    si->lfb_depth != 16 && si->lfb_depth != 24 && si->lfb_depth != 32)) {
		hv_err_set(err, 0, "a %ux%ux%u mode is no framebuffer's", si->lfb_width,
			   si->lfb_height, si->lfb_depth);
		return -1;
	}
	if (si->lfb_base & 0xfff) {
		hv_err_set(err, 0, "lfb_base 0x%" PRIx64 " is not page-aligned", si->lfb_base);
		return -1;
	}
	bytes = (si->lfb_depth + 7u) / 8u;
	mode = (uint64_t)si->lfb_width * si->lfb_height * bytes;
	/*
	 * VLFB counts in 64 KiB units; EFI in bytes from the EFI stub, but in
	 * 64 KiB units too when kexec-tools' setup_linux_vesafb() handed it
	 * from /dev/fb0 (smem_len >> 16): either holds the mode
	 */
	have = si->orig_video_isVGA == VIDEO_TYPE_VLFB ? (uint64_t)si->lfb_size << 16 :
							 si->lfb_size;
	if (si->orig_video_isVGA == VIDEO_TYPE_EFI && have < mode)
		have = (uint64_t)si->lfb_size << 16;
	if (have < mode) {
		hv_err_set(err, 0, "lfb_size 0x%x%s cannot hold a %ux%ux%u mode",
			   si->lfb_size, si->orig_video_isVGA == VIDEO_TYPE_VLFB ?
			   " (64 KiB units)" : "", si->lfb_width, si->lfb_height,
			   si->lfb_depth);
		return -1;
	}
	return 0;
}
