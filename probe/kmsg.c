// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel log: a collected copy, the system log, or /dev/kmsg on a live system. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"

#define KMSG_CAP (16u << 20)

/* `journalctl -k -b` of this boot, when /dev/kmsg cannot be read; live only. */
static int read_journal(char **out, size_t *outlen)
{
	FILE *cmd = popen("journalctl -k -b -q --no-pager -o cat 2>/dev/null", "r");
	int rc;

	if (!cmd)
		return -1;
	rc = hv_read_fd(fileno(cmd), KMSG_CAP, out, outlen);
	if (pclose(cmd) != 0 || rc || !*outlen) {
		if (!rc)
			free(*out);
		return -1;
	}
	return 0;
}

/* /dev/kmsg records ("6,1234,5678,-;text"), read until EAGAIN; live only. */
static int read_dev_kmsg(char **out, size_t *outlen)
{
	size_t len = 0, alloc = 1 << 16;
	char *buf = malloc(alloc), rec[8192];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (!buf || fd < 0) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		const char *text;
		size_t tl;

		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records */
		if (n <= 0)
			break;
		rec[n] = '\0';
		text = strchr(rec, ';');
		text = text ? text + 1 : rec;
		tl = strcspn(text, "\n");
		if (len + tl + 1 > alloc) {
			char *nb;

			if (alloc >= KMSG_CAP)
				break;
			alloc *= 2;
			nb = realloc(buf, alloc);
			if (!nb)
				break;
			buf = nb;
		}
		memcpy(buf + len, text, tl);
		len += tl;
		buf[len++] = '\n';
	}
	close(fd);
	*out = buf;
	*outlen = len;
	return 0;
}

/*
 * collect's copy, a sos report's dmesg (this boot alone), Debian's and
 * Ubuntu's kern.log, RHEL's and SUSE's messages
 */
static const char *const files[] = {
	"/hvkdump/dmesg.txt", SOS_DMESG, "/var/log/kern.log", "/var/log/messages",
	"/var/log/dmesg",
};

bool probe_kmsg_file(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (!strcmp(path, files[i]))
			return true;
	return false;
}

void probe_kmsg(struct probe *p)
{
	struct facts *f = p->f;
	const char *src = NULL;
	struct hv_err err = { 0, "" };
	char *buf = NULL, tail[128];
	uint64_t size = 0;
	size_t len, i;
	bool no_file = false;	/* read from no file: what collect must keep */

	if (hv_path_is_live(p->pc) && !read_dev_kmsg(&buf, &len))
		src = "/dev/kmsg";
	else if (hv_path_is_live(p->pc) && !read_journal(&buf, &len))
		src = "journalctl -k -b";
	no_file = src != NULL;
	/* a log past the cap is read from its end: the latest boots are there */
	for (i = 0; !src && i < sizeof(files) / sizeof(files[0]); i++)
		if (!hv_path_read_tail(p->pc, files[i], KMSG_CAP, &buf, &len, &size))
			src = files[i];
	/* Debian 12 keeps it in the binary journal alone */
	if (!src && !hv_path_is_live(p->pc)) {
		const char *jsrc = NULL;
		char why[320];
		int jrc = probe_journal(p, KMSG_CAP, &buf, &len, &jsrc, why, sizeof(why));

		if (!jrc) {
			src = jsrc;
			no_file = true;	/* journal files: collect keeps the text instead */
		} else if (jrc == -ENOTSUP) {
			fact_unknown(f, F_KMSG, jsrc, "unknown: the kernel log is in the binary "
				     "journal, and %s", why);
			return;
		}
	}
	tail[0] = '\0';
	if (src && size > KMSG_CAP)
		snprintf(tail, sizeof(tail), " (in its last %u bytes: the file has %" PRIu64
			 ", more than the cap)", KMSG_CAP, size);
	if (!src) {
		fact_unknown(f, F_KMSG, "/var/log/kern.log", "unknown: no kernel log to read");
	} else if (size > KMSG_CAP && !memchr(buf, '\n', len)) {
		free(buf);
		fact_unknown(f, F_KMSG, src, "unknown: %s has %" PRIu64 " bytes, more than the "
			     "%u-byte cap, and no line in its last %u: not a log", src, size,
			     KMSG_CAP, KMSG_CAP);
	} else if (log_text_check(buf, len, &err)) {
		free(buf);
		probe_bad_file(p, F_KMSG, src, &err);
	} else {
		kmsg_scan(buf, len, &f->kmsg);
		/* a file is collected as a file; what no file holds, kept */
		if (p->keep_kmsg && no_file) {
			p->kmsg_live = buf;
			p->kmsg_live_len = len;
		} else {
			free(buf);
		}
		fact_set(f, F_KMSG, src, "%u D0 entry failure%s%s%s, %s, %u \"Need ... MMIO\" line%s%s",
			 f->kmsg.d0_failures, f->kmsg.d0_failures == 1 ? "" : "s",
			 f->kmsg.d0_failures ? " with status " : "", f->kmsg.d0_status,
			 f->kmsg.hv_mmio_line ? "an hv_mmio= line (the improved vmbus_reserve_fb)" :
			 "no hv_mmio= line", f->kmsg.need_mmio, f->kmsg.need_mmio == 1 ? "" : "s",
			 tail);
	}
}
