// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A package's version on an rpm system (RHEL, Fedora, Azure Linux, SUSE),
 * with the distribution's release ("2.0.26-8.el9"): what decides a
 * backported kexec default, as the live system's rpm answers (collect keeps
 * the answer in the archive). rpmdb.c reads the sqlite database itself; rpm
 * answers for the others (Berkeley DB on RHEL 8, ndb on SUSE).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
