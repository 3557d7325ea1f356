// SPDX-License-Identifier: GPL-2.0-or-later
/* /sys/kernel/boot_params/data: screen_info and its domain check; the efivar bytes */
#include <stdint.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct screen_info_lfb si;
	struct hv_err err;
	uint8_t v;

	if (!screen_info_parse(data, size, &si, &err) && !screen_info_check(&si, &err) &&
	    si.lfb_base) {
		/* what the check lets through is a framebuffer that holds its mode */
		uint64_t need = (uint64_t)si.lfb_width * si.lfb_height * ((si.lfb_depth + 7u) / 8u);
		/* VLFB in 64 KiB units; EFI in bytes, or as kexec-tools hands it, 64 KiB units */
		uint64_t have = si.orig_video_isVGA == 0x23 || (si.orig_video_isVGA == 0x70 &&
							       si.lfb_size < need) ?
				(uint64_t)si.lfb_size << 16 : si.lfb_size;

		if ((si.lfb_base & 0xfff) || !si.lfb_width || si.lfb_width > 16384 ||
		    !si.lfb_height || si.lfb_height > 16384 || have < need)
			__builtin_trap();
	}
	if (!efivar_byte(data, size, &v) && v > 1)
		__builtin_trap();
	return 0;
}
