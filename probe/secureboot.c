// SPDX-License-Identifier: GPL-2.0-or-later
/* Secure Boot (efivars), lockdown, kexec_load_disabled. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strcopy.h"
#include "probe.h"

#define EFI_GLOBAL	"8be4df61-93ca-11d2-aa0d-00e098032b8c"
#define SECURE_BOOT	"/sys/firmware/efi/efivars/SecureBoot-" EFI_GLOBAL
#define SETUP_MODE	"/sys/firmware/efi/efivars/SetupMode-" EFI_GLOBAL
#define LOCKDOWN	"/sys/kernel/security/lockdown"
#define KEXEC_DISABLED	"/proc/sys/kernel/kexec_load_disabled"
#define SECURELEVEL	"/sys/kernel/security/securelevel"

/* 0, -EINVAL for a file that is no boolean efivar (@path then in @bad), or the read's -errno */
static int efivar(struct probe *p, const char *path, uint8_t *v, const char **bad)
{
	char *buf;
	size_t len;
	int rc = hv_path_read(p->pc, path, 4096, &buf, &len);

	if (rc)
		return rc;
	rc = efivar_byte((const uint8_t *)buf, len, v) ? -EINVAL : 0;
	if (rc)
		*bad = path;
	free(buf);
	return rc;
}

/*
 * The securelevel of kernels that carry that patch set: kdump-config's
 * check_securelevel() adds -s when it reads "1", as for Secure Boot
 * (kdump-tools 1:1.8.1, debian/kdump-config). Most kernels have no such
 * file: then nothing is said.
 */
static void securelevel(struct probe *p)
{
	struct facts *f = p->f;
	char line[16], value[sizeof(f->f[0].value)], src[sizeof(f->f[0].source)];

	if (probe_read_line(p, -1, SECURELEVEL, sizeof(line), line, sizeof(line)) ||
	    strcmp(line, "1"))
		return;
	f->securelevel = true;
	if (!f->f[F_SECURE_BOOT].known)
		return;
	snprintf(value, sizeof(value), "%.200s", f->f[F_SECURE_BOOT].value);
	hv_strcopy(src, sizeof(src), f->f[F_SECURE_BOOT].source);
	fact_set(f, F_SECURE_BOOT, src, "%s; securelevel 1 (%s)", value, SECURELEVEL);
}

/* A sos report keeps no efivars: its `mokutil --sb-state`. True when it told. */
static bool sos_sb_state(struct probe *p)
{
	struct facts *f = p->f;
	int on = probe_sos_answer(p, SOS_MOKUTIL, mokutil_sb_state);

	if (on == -1)
		return false;
	f->secure_boot = on == 1;
	fact_set(f, F_SECURE_BOOT, SOS_MOKUTIL, "%s", on == 1 ? "on (SecureBoot enabled)" :
		 on == 0 ? "off (SecureBoot disabled)" : "off (no EFI variables: BIOS boot)");
	return true;
}

void probe_secureboot(struct probe *p)
{
	struct facts *f = p->f;
	uint8_t sb = 0, setup = 0;
	const char *bad = SECURE_BOOT;
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;
	int rc;

	if (f->f[F_GEN].known && f->gen == 1) {
		f->secure_boot = false;
		fact_set(f, F_SECURE_BOOT, "/sys/firmware/efi", "off (BIOS boot)");
	} else if (!(rc = efivar(p, SECURE_BOOT, &sb, &bad)) &&
		   !(rc = efivar(p, SETUP_MODE, &setup, &bad))) {
		f->secure_boot = sb == 1 && setup == 0;
		fact_set(f, F_SECURE_BOOT, SECURE_BOOT, "%s (SecureBoot %u, SetupMode %u)",
			 f->secure_boot ? "on" : "off", sb, setup);
	} else if (rc == -EINVAL) {
		hv_err_set(&err, 0, "not a boolean efivar (4 attribute bytes, then 0 or 1)");
		probe_bad_file(p, F_SECURE_BOOT, bad, &err);
	} else if (rc == -EACCES || rc == -EPERM) {
		fact_denied(f, F_SECURE_BOOT, SECURE_BOOT, "unknown: the SecureBoot and SetupMode "
			    "efivars cannot be read: permission denied (run as root)");
	} else if (!sos_sb_state(p)) {
		fact_unknown(f, F_SECURE_BOOT, SECURE_BOOT,
			     "unknown: the SecureBoot and SetupMode efivars cannot be read");
	}

	securelevel(p);
	if (!probe_read(p, F_LOCKDOWN, LOCKDOWN, 4096, &buf, &len)) {
		/* lockdown_read()'s levels in the order of enum lockdown */
		unsigned int level = f->lockdown;

		if (probe_kernel_text(buf, len, false, &err)) {
			probe_bad_file(p, F_LOCKDOWN, LOCKDOWN, &err);
		} else if (lockdown_parse(buf, &level)) {
			f->lockdown = (enum lockdown)level;
			hv_err_set(&err, 1, "not the kernel's list of levels, the current one in []");
			probe_bad_file(p, F_LOCKDOWN, LOCKDOWN, &err);
		} else {
			f->lockdown = (enum lockdown)level;
			fact_set(f, F_LOCKDOWN, LOCKDOWN, "%s", lockdown_name(f->lockdown));
		}
		free(buf);
	}
	if (!probe_read_bool(p, F_KEXEC_LOAD_DISABLED, KEXEC_DISABLED, &f->kexec_load_disabled))
		fact_set(f, F_KEXEC_LOAD_DISABLED, KEXEC_DISABLED, "%s",
			 f->kexec_load_disabled ? "1 (kexec_load refused)" : "0");
}
