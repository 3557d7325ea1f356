// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, kernel/kexec_file.c: what SYSCALL_DEFINE5(kexec_file_load)
 * answers a kdump load, as far as the verdict needs it.
 */
#include "model/kexec.h"

/* kernel/kexec_file.c: SYSCALL_DEFINE5(kexec_file_load) */
enum load_rc kexec_file_load(const struct scenario *sc, bool debug_flag)
{
	if (!sc->kexec_file_supported)
		return LOAD_ENOSYS;
	/* kexec_load_permitted(): kexec_load_disabled refuses both calls */
	if (sc->kexec_load_disabled)
		return LOAD_EPERM;
	/* KEXEC_FILE_DEBUG (cbc2fe9d9cb2): a flag an older kernel does not know */
	if (debug_flag && !sc->kexec_file_debug)
		return LOAD_EINVAL;
	/*
	 * kimage_validate_signature(): an image that fails verification under
	 * lockdown is refused with -EPERM
	 */
	if (sc->lockdown != LOCKDOWN_NONE && !sc->kernel_signed)
		return LOAD_EPERM;
	return LOAD_OK;
}
