// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Each kernel's distribution changelog (Debian and Ubuntu:
 * /usr/share/doc/linux-image-RELEASE/changelog.Debian.gz, Debian's linux-image:
 * changelog.gz): whether it names each tracked change of the registry
 * (model/linux/releases.c), by commit or by subject (Debian's: by subject).
 */
#include <stdio.h>
#include <stdlib.h>

#include "gunzip.h"
#include "model/linux/releases.h"
#include "probe.h"

#define CHANGELOG_CAP	(64u << 20)

static void one(struct probe *p, enum which_kernel k, const char *release)
{
	struct facts *f = p->f;
	char path[256], *gz, *text;
	size_t len, tlen;
	unsigned int i;

	/*
	 * Ubuntu's; Debian's linux-image-REL is built by linux-signed-amd64,
	 * whose changelog.gz is the kernel's with the signing entry on top
	 */
	snprintf(path, sizeof(path), "/usr/share/doc/linux-image-%s/changelog.Debian.gz", release);
	if (hv_path_read(p->pc, path, CHANGELOG_CAP, &gz, &len)) {
		snprintf(path, sizeof(path), "/usr/share/doc/linux-image-%s/changelog.gz", release);
		if (hv_path_read(p->pc, path, CHANGELOG_CAP, &gz, &len))
			return;
	}
	if (hv_gunzip(gz, len, CHANGELOG_CAP, &text, &tlen)) {
		free(gz);
		return;
	}
	free(gz);
	f->changelog_read[k] = true;
	snprintf(f->changelog_path[k], sizeof(f->changelog_path[k]), "%s", path);
	for (i = 0; i < KC_TRACKED; i++)
		f->changelog_has[k][i] = changelog_mentions(text, tlen, kernel_change(i)->commit,
							    kernel_change(i)->subject);
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
