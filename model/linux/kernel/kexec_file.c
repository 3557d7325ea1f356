// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, kernel/kexec_file.c: what SYSCALL_DEFINE5(kexec_file_load)
 * answers a kdump load, as far as the verdict needs it.
 */
#include "model/kexec.h"

/* kernel/kexec_file.c: SYSCALL_DEFINE5(kexec_file_load) */
enum load_rc kexec_file_load(const struct scenario *sc)
{
	if (!sc->kexec_file_supported)
		return LOAD_ENOSYS;
	/* under lockdown the image must pass signature verification */
	if (sc->lockdown != LOCKDOWN_NONE && !sc->kernel_signed)
		return LOAD_EKEYREJECTED;
	return LOAD_OK;
}
