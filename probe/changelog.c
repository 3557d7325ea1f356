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
#include <unistd.h>

#include "util/strcopy.h"
#include "unpack.h"
#include "model/linux/releases.h"
#include "probe.h"

#define CHANGELOG_CAP	(64u << 20)

/* a needle for each tracked change's commit, and one for its subject */
#define NEEDLES	((size_t)KC_TRACKED * 2)
_Static_assert(NEEDLES <= CHANGELOG_NEEDLES, "room for the needles");

/* A scan for each tracked change's commit (found[2i]) and subject (found[2i + 1]). */
static bool scan_init(struct changelog_scan *s, bool *found)
{
	const char *needle[NEEDLES];
	size_t i;

	for (i = 0; i < KC_TRACKED; i++) {
		needle[2 * i] = kernel_change((enum kernel_change)i)->commit;
		needle[2 * i + 1] = kernel_change((enum kernel_change)i)->subject;
	}
	return changelog_scan_init(s, needle, NEEDLES, found);
}

/* Kernel @k's changelog, read from @source, named what @found says. */
static void record(struct facts *f, enum which_kernel k, const char *source, const bool *found)
{
	size_t i;

	f->changelog_read[k] = true;
	hv_strcopy(f->changelog_path[k], sizeof(f->changelog_path[k]), source);
	for (i = 0; i < KC_TRACKED; i++)
		f->changelog_has[k][i] = found[2 * i] || found[2 * i + 1];
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
		struct changelog_scan scan;
		bool found[NEEDLES];

		snprintf(source, sizeof(source), "rpm changelog of %.150s (%.80s)", rk.nvra, db);
		if (scan_init(&scan, found)) {
			changelog_scan_feed(&scan, rk.text, rk.tlen);
			record(p->f, k, source, found);
		}
	} else if (rk.rank) {
		/* the kernel's package is there, its changelog does not read */
		struct hv_err err = { 0, "" };

		hv_err_set(&err, 0, "the changelog of %.230s", rk.why);
		probe_warn(p, db, &err);
	}
	free(rk.text);
}

/* The inflated changelog, into the scan: it stops the stream once every needle is found. */
struct sink {
	struct changelog_scan scan;
	size_t total;
};

static int sink_take(void *ctx, const void *buf, size_t len, struct hv_err *err)
{
	struct sink *s = ctx;

	if (len > CHANGELOG_CAP - s->total) {
		hv_err_set(err, 0, "larger than %u MiB inflated", CHANGELOG_CAP >> 20);
		return -1;
	}
	s->total += len;
	return changelog_scan_feed(&s->scan, buf, len);
}

/*
 * Ubuntu's changelog.Debian.gz, or Debian's changelog.gz: linux-image-REL
 * is built by linux-signed-amd64, whose changelog.gz is the kernel's with
 * the signing entry on top. Debian 12's is 1.3 MB, 3.7 MB inflated: it is
 * inflated and searched a piece at a time, never held whole.
 */
static void one(struct probe *p, enum which_kernel k, const char *release)
{
	static const char *const names[] = { "changelog.Debian.gz", "changelog.gz" };
	struct hv_err err = { 0, "" };
	bool found[NEEDLES];
	struct sink s;	/* 10 KiB, set by scan_init(): not zeroed first */
	char path[256];
	unsigned int i;
	int fd = -1, rc;

	for (i = 0; i < 2 && fd < 0; i++) {
		snprintf(path, sizeof(path), "/usr/share/doc/linux-image-%s/%s", release, names[i]);
		fd = hv_path_open_regular(p->pc, path, NULL);
	}
	if (fd < 0) {
		from_rpm(p, k, release);
		return;
	}
	if (!scan_init(&s.scan, found)) {
		close(fd);
		return;
	}
	s.total = 0;
	rc = hv_unpack_fd(fd, 0, HV_COMP_GZIP, sink_take, &s, &err);
	close(fd);
	if (rc == -1)
		probe_warn(p, path, &err);	/* damaged: what it names is unknown */
	if (rc < 0)
		return;
	record(p->f, k, path, found);
}

void probe_changelog(struct probe *p)
{
	struct facts *f = p->f;

	if (f->release[0])
		one(p, KERNEL_RUNNING, f->release);
	if (f->kdump_release[0] && !f->kdump_same)
		one(p, KERNEL_KDUMP, f->kdump_release);
}
