// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What names a kernel: a recorded kexec command line, the release in a
 * kernel's or an initrd's file name, the upstream version /proc/version or
 * /proc/version_signature gives.
 */
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "parsers.h"

/* The next word of a shell-like command line into @out; NULL at the end. */
static const char *next_word(const char *p, char *out, size_t olen)
{
	size_t n = 0;
	char q = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p)
		return NULL;
	for (; *p && (q || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
		if (!q && (*p == '"' || *p == '\'')) {
			q = *p;
			continue;
		}
		if (q && *p == q) {
			q = 0;
			continue;
		}
		if (n + 1 < olen)
			out[n++] = *p;
	}
	out[n] = '\0';
	return p;
}

int kexec_cmd_parse(const char *cmd, char *image, size_t ilen, char *initrd, size_t rlen)
{
	char w[1024];
	const char *p = cmd;
	bool kexec = false;

	image[0] = initrd[0] = '\0';
	while ((p = next_word(p, w, sizeof(w)))) {
		const char *base = strrchr(w, '/');

		base = base ? base + 1 : w;
		if (!kexec) {
			kexec = !strcmp(base, "kexec");
			continue;
		}
		if (!strncmp(w, "--initrd=", 9)) {
			hv_strcopy(initrd, rlen, w + 9);
		} else if (!strcmp(w, "--initrd") || !strcmp(w, "-i")) {
			if (!(p = next_word(p, w, sizeof(w))))
				break;
			hv_strcopy(initrd, rlen, w);
		} else if (w[0] != '-') {
			hv_strcopy(image, ilen, w);
		}
	}
	return kexec && image[0] ? 0 : -1;
}

bool release_from_name(const char *path, char *release, size_t len)
{
	static const char *const prefixes[] = {
		"vmlinuz-", "vmlinux-", "Image-", "initrd.img-", "initrd-", "initramfs-",
	};
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base ? base + 1 : path;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t pl = strlen(prefixes[i]);

		if (strncmp(base, prefixes[i], pl) || !base[pl])
			continue;
		base += pl;
		n = strlen(base);
		/* RHEL's kdump initrd: initramfs-RELEASEkdump.img */
		if (n > 9 && !strcmp(base + n - 9, "kdump.img"))
			n -= 9;
		else if (n > 4 && !strcmp(base + n - 4, ".img"))
			n -= 4;
		if (!n || base[0] < '0' || base[0] > '9')
			return false;
		snprintf(release, len, "%.*s", (int)n, base);
		return true;
	}
	return false;
}

bool kernel_release_valid(const char *s)
{
	size_t n = strlen(s);

	return n && n <= 64 && *s >= '0' && *s <= '9' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+~-") == n;
}

/* "6.1.192" at @s (and nothing more of the word): its length, else 0 */
static size_t upstream_at(const char *s)
{
	unsigned int dots = 0;
	size_t n = 0;

	for (;;) {
		size_t d = strspn(s + n, "0123456789");

		if (!d || d > 4)
			return 0;
		n += d;
		if (s[n] != '.' || dots == 2)
			break;
		dots++;
		n++;
	}
	return dots == 2 ? n : 0;
}

int proc_version_upstream(const char *text, char *out, size_t olen, char *pkg, size_t plen)
{
	const char *d = strstr(text, " Debian ");
	size_t n, m;

	if (!d)
		return -1;
	d += 8;
	if (!(n = upstream_at(d)) || d[n] != '-')
		return -1;
	m = n + strcspn(d + n, " \t\n(");
	snprintf(out, olen, "%.*s", (int)n, d);
	snprintf(pkg, plen, "%.*s", (int)m, d);
	return 0;
}

int version_signature_upstream(const char *text, char *out, size_t olen, char *pkg, size_t plen)
{
	char w[3][64];
	int n = sscanf(text, "%63s %63s %63s", w[0], w[1], w[2]);
	size_t u;

	if (n != 3 || strcmp(w[0], "Ubuntu") || !(u = upstream_at(w[2])) || w[2][u])
		return -1;
	hv_strcopy(out, olen, w[2]);
	hv_strcopy(pkg, plen, w[1]);
	return 0;
}
