// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, kernel/kexec.c: what SYSCALL_DEFINE4(kexec_load)
 * answers a kdump load, as far as the verdict needs it.
 */
#include "model/kexec.h"

/* kernel/kexec.c: SYSCALL_DEFINE4(kexec_load), kexec_load_check(): kexec_load_permitted() and lockdown */
enum load_rc kexec_load(const struct scenario *sc)
{
	if (sc->lockdown != LOCKDOWN_NONE || sc->kexec_load_disabled)
		return LOAD_EPERM;
	return LOAD_OK;
}
