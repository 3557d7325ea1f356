// SPDX-License-Identifier: GPL-2.0-or-later
/* The probe's common steps and its order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

const char *probe_shown(const struct probe *p, const char *path, char *buf, size_t len)
{
	return hv_path_shown(p->pc, path, buf, len);
}

int probe_read(struct probe *p, enum fact_id id, const char *path, size_t cap, char **buf,
	       size_t *len)
{
	int rc = hv_path_read(p->pc, path, cap, buf, len);

	if (!rc)
		return 0;
	if (rc == -ENOENT)
		fact_unknown(p->f, id, path, "unknown: %s does not exist", path);
	else if (rc == -EFBIG)
		fact_unknown(p->f, id, path, "unknown: %s is larger than %zu bytes: too large to "
			     "read", path, cap);
	else if (rc == -EINVAL)
		fact_unknown(p->f, id, path, "unknown: %s is not a regular file: not read", path);
	else if (rc == -EACCES || rc == -EPERM)
		fact_denied(p->f, id, path, "unknown: %s: permission denied (run as root)", path);
	else if (rc == -ELOOP)
		fact_unknown(p->f, id, path, "unknown: %s: too many levels of links", path);
	else
		fact_unknown(p->f, id, path, "unknown: %s: %s", path, strerror(-rc));
	return -1;
}

char *probe_printable(char *s)
{
	for (char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	return s;
}

/* The 1-based line of @buf that byte @at lies on. */
static unsigned long line_at(const char *buf, size_t at)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < at; i++)
		line += buf[i] == '\n';
	return line;
}

int probe_kernel_text(const char *buf, size_t len, bool allow_empty, struct hv_err *err)
{
	const char *nul = memchr(buf, '\0', len);

	if (!len && !allow_empty) {
		hv_err_set(err, 0, "empty: the kernel always writes something here");
		return -1;
	}
	if (nul) {
		hv_err_set(err, line_at(buf, (size_t)(nul - buf)),
			   "a NUL byte: not text the kernel wrote");
		return -1;
	}
	if (len && buf[len - 1] != '\n') {
		hv_err_set(err, line_at(buf, len - 1), "no newline at the end: the file is cut");
		return -1;
	}
	return 0;
}

int probe_read_bool(struct probe *p, enum fact_id id, const char *path, bool *val)
{
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;

	if (probe_read(p, id, path, 64, &buf, &len))
		return -1;
	/* what proc_dointvec and sysfs print: the digit and a newline */
	if (len == 2 && (buf[0] == '0' || buf[0] == '1') && buf[1] == '\n') {
		*val = buf[0] == '1';
		free(buf);
		return 0;
	}
	if (!probe_kernel_text(buf, len, false, &err) || strspn(buf, "01") != len) {
		len = strcspn(buf, "\n");
		hv_err_set(&err, 1, "\"%.*s\" is neither 0 nor 1", (int)(len > 16 ? 16 : len),
			   probe_printable(buf));
	}
	free(buf);
	return probe_bad_file(p, id, path, &err);
}

int probe_sos_answer(struct probe *p, const char *path,
		     int (*parse)(const char *text, size_t len))
{
	char *buf;
	size_t len;
	int rc;

	if (hv_path_read(p->pc, path, 1u << 20, &buf, &len))
		return -1;
	rc = parse(buf, len);
	free(buf);
	return rc;
}

int probe_read_line(struct probe *p, int id, const char *path, size_t cap, char *out,
		    size_t outlen)
{
	char *buf;
	size_t len;

	if (id >= 0 ? probe_read(p, (enum fact_id)id, path, cap, &buf, &len) :
		      hv_path_read(p->pc, path, cap, &buf, &len))
		return -1;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	snprintf(out, outlen, "%.*s", (int)len, buf);
	free(buf);
	return 0;
}

void probe_warn(struct probe *p, const char *path, const struct hv_err *err)
{
	char shown[512], w[sizeof(p->warnings[0])];
	unsigned int i;

	probe_shown(p, path, shown, sizeof(shown));
	if (err->line)
		snprintf(w, sizeof(w), "%s:%lu: %s", shown, err->line, err->msg);
	else
		snprintf(w, sizeof(w), "%s: %s", shown, err->msg);
	for (i = 0; i < p->nwarnings; i++)
		if (!strcmp(p->warnings[i], w))
			return;
	if (p->nwarnings < PROBE_MAX_WARNINGS)
		memcpy(p->warnings[p->nwarnings++], w, sizeof(w));
}

int probe_bad_file(struct probe *p, enum fact_id id, const char *path,
		   const struct hv_err *err)
{
	if (err->line)
		fact_unknown(p->f, id, path, "unknown: %s:%lu: %s", path, err->line, err->msg);
	else
		fact_unknown(p->f, id, path, "unknown: %s: %s", path, err->msg);
	probe_warn(p, path, err);
	return -1;
}

void probe_system(struct probe *p)
{
	unsigned int i;
	bool elsewhere;

	for (i = 0; i < F_COUNT; i++)
		fact_unknown(p->f, (enum fact_id)i, "", "unknown: not probed");
	probe_hyperv(p);
	probe_kdump_self(p);
	/* off Hyper-V only a kdump kernel has more to say: what it was handed */
	elsewhere = p->f->f[F_HYPERV].known && !p->f->hyperv;
	if (elsewhere && !p->f->in_kdump)
		return;
	probe_kernel(p);
	probe_iomem(p);
	probe_boot_params(p);
	probe_kmsg(p);
	if (elsewhere)
		return;
	probe_fb(p);
	probe_distro(p);
	probe_kexec(p);
	probe_kexec_args(p);
	probe_blacklist(p);
	probe_secureboot(p);
	probe_dump_target(p);
	probe_kdump_kernel(p);
	probe_changelog(p);
	probe_initramfs(p);
}
