// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Each kernel's distribution changelog (Debian and Ubuntu:
 * /usr/share/doc/linux-image-RELEASE/changelog.Debian.gz, Debian's linux-image:
 * changelog.gz): whether it names each tracked change of the registry
 * (model/linux/releases.c), by commit or by subject (Debian's: by subject);
 * on rpm systems the %changelog of the kernel's package in the rpm database.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/strcopy.h"
#include "gunzip.h"
#include "model/linux/releases.h"
#include "probe.h"

#define CHANGELOG_CAP	(64u << 20)

/* Kernel @k's changelog is @text, read from @source: the tracked changes it names. */
static void record(struct facts *f, enum which_kernel k, const char *source, const char *text,
		   size_t tlen)
{
	unsigned int i;

	f->changelog_read[k] = true;
	hv_strcopy(f->changelog_path[k], sizeof(f->changelog_path[k]), source);
	for (i = 0; i < KC_TRACKED; i++)
		f->changelog_has[k][i] = changelog_mentions(text, tlen, kernel_change(i)->commit,
							    kernel_change(i)->subject);
}

/*
 * RHEL's, SUSE's and Azure Linux's: the kernel package's %changelog in the
 * rpm database (rpm -q --changelog kernel-core-RELEASE), as one spec file
 * writes it for every subpackage; RHEL's names each backport by its
 * subject ("- Drivers: hv: vmbus: ... (Author) [RHEL-1234]"), SUSE's too
 * ("- Drivers: hv: vmbus: ... (git-fixes)."). Nothing when it does not
 * read: a warning when the package is there and its changelog is not.
 */
static void from_rpm(struct probe *p, enum which_kernel k, const char *release)
{
	struct rpm_kernel rk = { .release = release };
	char why[300], source[256];
	const char *db = NULL;

	if (!rpmdb_kernel(p->pc, &rk, &db, why, sizeof(why)) && rk.text) {
		snprintf(source, sizeof(source), "rpm changelog of %.150s (%.80s)", rk.nvra, db);
		record(p->f, k, source, rk.text, rk.tlen);
	} else if (rk.rank) {
		/* the kernel's package is there, its changelog does not read */
		struct hv_err err = { 0, "" };

		hv_err_set(&err, 0, "the changelog of %.230s", rk.why);
		probe_warn(p, db, &err);
	}
	free(rk.text);
}

static void one(struct probe *p, enum which_kernel k, const char *release)
{
	struct hv_err err = { 0, "" };
	char path[256], *gz, *text;
	size_t len, tlen;

	/*
	 * Ubuntu's; Debian's linux-image-REL is built by linux-signed-amd64,
	 * whose changelog.gz is the kernel's with the signing entry on top
	 */
	snprintf(path, sizeof(path), "/usr/share/doc/linux-image-%s/changelog.Debian.gz", release);
	if (hv_path_read(p->pc, path, CHANGELOG_CAP, &gz, &len)) {
		snprintf(path, sizeof(path), "/usr/share/doc/linux-image-%s/changelog.gz", release);
		if (hv_path_read(p->pc, path, CHANGELOG_CAP, &gz, &len)) {
			from_rpm(p, k, release);
			return;
		}
	}
	if (hv_gunzip(gz, len, CHANGELOG_CAP, &text, &tlen, &err)) {
		free(gz);
		return;
	}
	free(gz);
	record(p->f, k, path, text, tlen);
	free(text);
}

void probe_changelog(struct probe *p)
{
	struct facts *f = p->f;

	if (f->release[0])
		one(p, KERNEL_RUNNING, f->release);
	if (f->kdump_release[0] && !f->kdump_same)
		one(p, KERNEL_KDUMP, f->kdump_release);
}
