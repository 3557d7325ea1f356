// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A package's version on an rpm system (RHEL, Fedora, Azure Linux, SUSE),
 * with the distribution's release ("2.0.26-8.el9"): what decides a
 * backported kexec default, as the live system's rpm answers (collect keeps
 * the answer in the archive). rpmdb.c reads the database itself (sqlite,
 * ndb or Berkeley DB); rpm answers when it cannot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "probe.h"

/*
 * rpm -q --qf '%{VERSION}-%{RELEASE}' NAME on the live system: 0 and the
 * version, or -1 (no rpm, not installed, an answer not a version).
 */
int rpm_query_version(const char *name, char *out, size_t outlen)
{
	char buf[256];
	size_t len = 0;
	int fds[2], status;
	ssize_t r;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (!pid) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (!freopen("/dev/null", "w", stderr))
			_exit(127);
		execlp("rpm", "rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}\\n", name, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (len < sizeof(buf) - 1 &&
	       (r = read(fds[0], buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (r < 0)
			break;
		len += (size_t)r;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return rpm_version_parse(buf, len, out, outlen);
}

int probe_rpm_version(struct probe *p, const char *name, const char *collected,
		      unsigned int (*version_of)(const char *version), char *ver, size_t vlen,
		      char *src, size_t slen, const char **bad, char *why, size_t wlen,
		      char *seen, size_t seen_len)
{
	char *buf, reason[200] = "";
	const char *db = NULL;
	size_t len;
	int rc;

	/* what collect kept of rpm -q decides, when it is there */
	if (!hv_path_read(p->pc, collected, 4096, &buf, &len)) {
		rc = rpm_version_parse(buf, len, ver, vlen);
		free(buf);
		snprintf(src, slen, "%s (rpm -q %s)", collected, name);
		if (!rc && version_of(ver))
			return 0;
		*bad = collected;
		snprintf(why, wlen, "%s:1: not a %s VERSION-RELEASE", collected, name);
		return -1;
	}
	/* a sos report: rpm -qa's list */
	if (!hv_path_read(p->pc, SOS_RPM_LIST, 64u << 20, &buf, &len)) {
		rc = rpm_list_version(buf, len, name, ver, vlen);
		free(buf);
		if (!rc && version_of(ver)) {
			snprintf(src, slen, "%s (rpm -qa)", SOS_RPM_LIST);
			return 0;
		}
	}
	rc = rpmdb_version(p->pc, name, ver, vlen, &db, reason, sizeof(reason));
	if (!rc && version_of(ver)) {
		hv_strcopy(src, slen, db);
		hv_strcopy(seen, seen_len, ver);
		return 0;
	}
	if (!rc)
		snprintf(reason, sizeof(reason), "%s is installed with version \"%.40s\", which "
			 "hvkdump cannot read", name, probe_printable(ver));
	if (db) {
		*bad = db;
		if (snprintf(why, wlen, "%s: %s", db, reason) < 0)
			why[0] = '\0';
	}
	snprintf(src, slen, "rpm -q %s", name);
	if (hv_path_is_live(p->pc) && !rpm_query_version(name, ver, vlen) && version_of(ver)) {
		hv_strcopy(seen, seen_len, ver);
		return 0;
	}
	return -1;
}
