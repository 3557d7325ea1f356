// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kexec-tools v2.0.14 ... v2.0.32, kexec/kexec.c main() with
 * kexec/kexec.h KEXEC_OPT_STR and KEXEC_OPTIONS and, for x86,
 * kexec/arch/i386/include/arch/options.h: which options each version has,
 * and what GNU getopt_long() makes of an argument string (clusters such as
 * -ds, --name=value, unambiguous prefixes of long names; the last of -c, -s,
 * -a wins). Also the default syscall of a kexec-tools package: -a from
 * 2.0.27 (29fe5067ed07), and in the distribution packages that backported
 * it without changing the version.
 */
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "model/kexec.h"

/* An option, the first version that has it, whether it takes an argument. */
struct kopt {
	const char *name;	/* long name, NULL: short only */
	char letter;		/* short letter, 0: long only */
	unsigned int since;	/* 2.0.17 is 20017 */
	bool arg;
	int what;		/* OPT_* below, 0: no effect on the model */
};

enum { OPT_PANIC = 1, OPT_FILE, OPT_LOAD, OPT_AUTO, OPT_DEBUG, OPT_REUSE_VIDEO, OPT_NOEFI };

static const struct kopt kopts[] = {
	/* KEXEC_OPT_STR "h?vdfixyluet:pscaS" and KEXEC_OPTIONS */
	{ "help", 'h', 0, false, 0 },
	{ "version", 'v', 0, false, 0 },
	{ "debug", 'd', 0, false, OPT_DEBUG },
	{ "force", 'f', 0, false, 0 },
	{ "no-checks", 'i', 20019, false, 0 },
	{ "no-ifdown", 'x', 0, false, 0 },
	{ "no-sync", 'y', 0, false, 0 },
	{ "load", 'l', 0, false, 0 },
	{ "unload", 'u', 0, false, 0 },
	{ "exec", 'e', 0, false, 0 },
	{ "type", 't', 0, true, 0 },
	{ "load-panic", 'p', 0, false, OPT_PANIC },
	{ "kexec-file-syscall", 's', 0, false, OPT_FILE },
	{ "kexec-syscall", 'c', 20017, false, OPT_LOAD },
	{ "kexec-syscall-auto", 'a', 20017, false, OPT_AUTO },
	{ "status", 'S', 0, false, 0 },
	{ "entry", 0, 0, true, 0 },
	{ "mem-min", 0, 0, true, 0 },
	{ "mem-max", 0, 0, true, 0 },
	{ "reuseinitrd", 0, 0, false, 0 },
	{ "load-preserve-context", 0, 0, false, 0 },
	{ "load-jump-back-helper", 0, 0, false, 0 },
	{ "print-ckr-size", 0, 20026, false, 0 },
	{ "hotplug", 0, 20028, false, 0 },
	/* x86: KEXEC_ARCH_OPTIONS and the bzImage loader's options */
	{ "reset-vga", 0, 0, false, 0 },
	{ "serial", 0, 0, true, 0 },
	{ "serial-baud", 0, 0, true, 0 },
	{ "console-vga", 0, 0, false, 0 },
	{ "console-serial", 0, 0, false, 0 },
	{ "elf32-core-headers", 0, 0, false, 0 },
	{ "elf64-core-headers", 0, 0, false, 0 },
	{ "pass-memmap-cmdline", 0, 0, false, 0 },
	{ "noefi", 0, 0, false, OPT_NOEFI },
	{ "reuse-video-type", 0, 20020, false, OPT_REUSE_VIDEO },
	{ "command-line", 0, 0, true, 0 },
	{ "append", 0, 0, true, 0 },
	{ "reuse-cmdline", 0, 0, false, 0 },
	{ "initrd", 0, 0, true, 0 },
	{ "ramdisk", 0, 0, true, 0 },
	{ "args-elf", 0, 0, false, 0 },
	{ "args-linux", 0, 0, false, 0 },
	{ "args-none", 0, 0, false, 0 },
	{ "module", 0, 0, true, 0 },
	{ "real-mode", 0, 0, false, 0 },
	{ "entry-32bit", 0, 0, false, 0 },
};
#define NKOPTS (sizeof(kopts) / sizeof(kopts[0]))

static void take(struct kexec_invocation *inv, const struct kopt *o)
{
	switch (o->what) {
	case OPT_PANIC:
		inv->panic = true;
		break;
	case OPT_FILE:
		inv->req = KEXEC_REQ_FILE;
		inv->flag = "-s";
		break;
	case OPT_LOAD:
		inv->req = KEXEC_REQ_LOAD;
		inv->flag = "-c";
		break;
	case OPT_AUTO:
		inv->req = KEXEC_REQ_AUTO;
		inv->flag = "-a";
		break;
	case OPT_DEBUG:
		inv->debug = true;
		break;
	case OPT_REUSE_VIDEO:
		inv->reuse_video_type = true;
		break;
	case OPT_NOEFI:
		inv->noefi = true;
		break;
	}
}

/* getopt's complaint about one option, with the version that added it. */
static int refuse(struct kexec_invocation *inv, const char *what, unsigned int since)
{
	char v[16];

	if (since)
		snprintf(inv->bad, sizeof(inv->bad), "%s (it came in kexec-tools %s)", what,
			 kexec_tools_str(since, v, sizeof(v)));
	else
		snprintf(inv->bad, sizeof(inv->bad), "%s (no such option, or its argument missing)",
			 what);
	return -1;
}

/* A long option: exact name, else the one option the prefix names (getopt_long). */
static int long_option(struct kexec_invocation *inv, const char *word, const char **next_arg,
		       bool *used_next, unsigned int version)
{
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const struct kopt *hit = NULL, *later = NULL;
	unsigned int i, n = 0;
	char what[80];

	for (i = 0; i < NKOPTS; i++) {
		const struct kopt *o = &kopts[i];
		bool exact;

		if (!o->name || strncmp(o->name, word, len))
			continue;
		exact = strlen(o->name) == len;
		if (o->since > version) {
			if (exact || !later)
				later = o;
			continue;
		}
		if (exact) {
			hit = o;
			n = 1;
			break;
		}
		if (!hit)
			hit = o;
		n++;
	}
	snprintf(what, sizeof(what), "--%.*s", (int)len, word);
	if (!hit)
		return refuse(inv, what, later ? later->since : 0);
	if (n > 1) {
		snprintf(inv->bad, sizeof(inv->bad), "%s (ambiguous)", what);
		return -1;
	}
	if (hit->arg && !eq) {
		if (!*next_arg)
			return refuse(inv, what, 0);
		*used_next = true;
	}
	take(inv, hit);
	return 0;
}

/* One short option cluster: "-ds", "-t" "bzImage", "-tbzImage". */
static int short_options(struct kexec_invocation *inv, const char *word, const char **next_arg,
			 bool *used_next, unsigned int version)
{
	for (; *word; word++) {
		const struct kopt *o = NULL;
		char what[4] = { '-', *word, 0, 0 };
		unsigned int i;

		for (i = 0; i < NKOPTS; i++)
			if (kopts[i].letter == *word)
				o = &kopts[i];
		if (!o)
			return refuse(inv, what, 0);
		if (o->since > version)
			return refuse(inv, what, o->since);
		take(inv, o);
		if (o->arg) {
			if (!word[1]) {
				if (!*next_arg)
					return refuse(inv, what, 0);
				*used_next = true;
			}
			return 0;
		}
	}
	return 0;
}

int kexec_parse_args(const char *args, unsigned int version, struct kexec_invocation *inv)
{
	char buf[1024], *words[128], *p;
	unsigned int n = 0, i;

	memset(inv, 0, sizeof(*inv));
	inv->req = KEXEC_REQ_DEFAULT;
	if (!args)
		return 0;
	hv_strcopy(buf, sizeof(buf), args);
	for (p = strtok(buf, " \t\n"); p && n < 128; p = strtok(NULL, " \t\n"))
		words[n++] = p;
	for (i = 0; i < n; i++) {
		const char *w = words[i], *next = i + 1 < n ? words[i + 1] : NULL;
		bool used_next = false;
		int rc;

		if (!strcmp(w, "--"))
			break;
		if (w[0] != '-' || !w[1])
			continue;	/* the image: getopt permutes it to the end */
		if (w[1] == '-')
			rc = long_option(inv, w + 2, &next, &used_next, version);
		else
			rc = short_options(inv, w + 1, &next, &used_next, version);
		if (rc)
			return -1;
		i += used_next;
	}
	return 0;
}

/*
 * The syscall a kexec-tools package uses when told none. @package is the
 * distribution's version string ("1:2.0.22-2ubuntu3", "2.0.26-8.el9") or
 * "" when only the upstream version is known.
 */
bool kexec_default_is_auto(unsigned int version, const char *package, const char **why)
{
	const char *rev;
	unsigned int n;

	if (version >= 20027) {
		*why = "-a since 2.0.27 (29fe5067ed07)";
		return true;
	}
	rev = package ? strrchr(package, '-') : NULL;
	/* Ubuntu 23.04/23.10: 1:2.0.22-2ubuntu3 ... ubuntu5 (LP: #2008523) */
	if (version == 20022 && rev && sscanf(rev, "-2ubuntu%u", &n) == 1 && n >= 3) {
		*why = "-a: Ubuntu's 2.0.22-2ubuntu3 and later backported it (LP: #2008523)";
		return true;
	}
	/* RHEL 9.3 and later: 2.0.26-8.el9 */
	if (version == 20026 && rev && sscanf(rev, "-%u.el9", &n) == 1 && n >= 8 &&
	    strstr(rev, ".el9")) {
		*why = "-a: RHEL's 2.0.26-8.el9 and later backported it";
		return true;
	}
	*why = "-c (kexec_load) before 2.0.27";
	return false;
}
