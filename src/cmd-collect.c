// SPDX-License-Identifier: GPL-2.0-or-later
#define _GNU_SOURCE
/*
 * hvkdump collect: every file the probe reads, in one archive that unpacks
 * into a sysroot for `hvkdump check --sysroot`. Nothing else: the paths are
 * the probe's own, the kernel log and the package database are cut down to
 * what the check uses, and anything that looks like a key is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "util/array.h"
#include "check-text.h"
#include "cli.h"

#if !HAVE_ZLIB
int cmd_collect(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	hv_warnx("collect is not in this static build (it has no zlib to write .tar.gz)");
	return HV_EXIT_ERROR;
}
#else
#include "fbinfo.h"
#include "jsonwrt.h"
#include "probe/probe.h"
#include "tarwrite.h"
#include "probe/dynlib.h"	/* after zlib.h */

#define COLLECT_CAP	(64u << 20)

struct item {
	char *path;
	bool is_dir;
};

struct collection {
	struct item *items;
	size_t n, cap;
	bool oom;
};

static void record(void *ctx, const char *path, bool is_dir, int rc)
{
	struct collection *c = ctx;
	struct item *ni;

	if (rc || c->oom)
		return;
	ni = hv_grow(c->items, &c->cap, c->n, sizeof(*ni), 64);
	if (!ni) {
		c->oom = true;
		return;
	}
	c->items = ni;
	c->items[c->n].path = strdup(path);
	c->items[c->n].is_dir = is_dir;
	if (!c->items[c->n].path)
		c->oom = true;
	else
		c->n++;
}

static int cmp_items(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int d = strcmp(x->path, y->path);

	return d ? d : (int)y->is_dir - (int)x->is_dir;
}

/* Defense in depth: the probe reads no keys, and collect never writes one. */
static bool looks_private(const char *path)
{
	static const char *const parts[] = {
		"/.ssh/", "/ssh/ssh_host_", "id_rsa", "id_ecdsa", "id_ed25519", "/private/",
	};
	static const char *const ends[] = { ".key", ".pem", ".p12", ".pfx" };
	size_t i, len = strlen(path);

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strstr(path, parts[i]))
			return true;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (len >= strlen(ends[i]) && !strcmp(path + len - strlen(ends[i]), ends[i]))
			return true;
	return false;
}

/*
 * The binary journal's files: left out, the kernel's messages the probe read
 * from them kept as text instead (hvkdump/dmesg.txt).
 */
static bool is_journal(const char *path)
{
	return !strncmp(path, "/var/log/journal/", 17) || !strcmp(path, "/var/log/journal");
}

/* The kernel log lines hvkdump reads, and the few that place them. */
static void relevant_lines(const char *text, size_t len, char **out, size_t *outlen)
{
	static const char *const keys[] = {
		"hv_vmbus", "hv_pci", "pci-hyperv", "hyperv_drm", "hyperv_fb", "Hyper-V",
		"D0 Entry", "hv_mmio=", "MMIO space", "efifb", "simpledrm", "Crash kernel",
		"crashkernel", "kdump", "kexec", "Linux version",
	};
	const char *p = text, *e = text + len;
	char *buf = malloc(len + 1);
	size_t o = 0, i;

	*out = buf;
	*outlen = 0;
	if (!buf)
		return;
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *end = nl ? nl : e;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (memmem(p, (size_t)(end - p), keys[i], strlen(keys[i]))) {
				memcpy(buf + o, p, (size_t)(end - p));
				o += (size_t)(end - p);
				buf[o++] = '\n';
				break;
			}
		}
		p = nl ? nl + 1 : e;
	}
	*outlen = o;
}

/* /var/lib/dpkg/status cut down to the kexec-tools stanza. */
static void dpkg_stanza(const char *text, size_t len, char **out, size_t *outlen)
{
	char ver[128];

	*out = NULL;
	*outlen = 0;
	if (dpkg_installed_version(text, len, "kexec-tools", ver, sizeof(ver)))
		return;
	if (asprintf(out, "Package: kexec-tools\nStatus: install ok installed\nVersion: %s\n",
		     ver) >= 0)
		*outlen = strlen(*out);
}

/*
 * What only a live system can say, as the probe heard it (no command is run
 * twice): kexec --version, the kexec-tools and SUSE kdump versions of the
 * rpm database or rpm -q (the database is not archived); then the CPUID
 * signature and fb0's screeninfo.
 */
static void live_extras(const struct probe *p, struct tarw *tw, unsigned int *files)
{
	const struct { const char *member, *text; } heard[] = {
		{ "hvkdump/kexec-version", p->kexec_version_line },
		{ "hvkdump/kexec-package", p->rpm_kexec_tools },
		{ &SUSE_KDUMP_COLLECTED[1], p->rpm_kdump },
	};
	struct fbdev_info info;
	char line[256], sig[13];
	unsigned int i;

	for (i = 0; i < sizeof(heard) / sizeof(heard[0]); i++) {
		size_t n = strlen(heard[i].text);

		if (!n)
			continue;
		snprintf(line, sizeof(line), "%s%s", heard[i].text,
			 heard[i].text[n - 1] == '\n' ? "" : "\n");
		if (!tarw_add_file(tw, heard[i].member, line, strlen(line)))
			(*files)++;
	}
	if (probe_cpuid_signature(sig)) {
		/* what no file holds: whether the CPU reports a hypervisor, and which */
		snprintf(line, sizeof(line), "%s\n", sig);
		if (!tarw_add_file(tw, &CPUID_COLLECTED[1], line, strlen(line)))
			(*files)++;
	}
	if (!fbdev_read(p->pc, "/dev/fb0", &info)) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);

		if (out) {
			fbinfo_print(out, "/dev/fb0", &info, true);
			fclose(out);
			if (!tarw_add_file(tw, "hvkdump/fbinfo.json", text, len))
				(*files)++;
			free(text);
		}
	}
}

struct archive {
	const struct hv_path *pc;
	struct collection *c;
	unsigned int files;
	const struct probe *p;		/* what the probe made of what it read */
	const char *sysroot;		/* NULL: the live system */
	time_t when;
	char top[128];			/* hvkdump-HOST-DATE */
	char host[64];
	struct collection linked;	/* link targets stored */
	FILE *notes;			/* what was left out or cut, and why */
	char *notes_text;
	size_t notes_len;
};

/* @path was left out or cut (@why says which, and why), for the MANIFEST */
static void note(struct archive *ar, const char *path, const char *why)
{
	if (ar->notes)
		fprintf(ar->notes, "# %s: %s\n", path, why);
}

static bool collected(const struct archive *ar, const char *path)
{
	size_t i;

	for (i = 0; i < ar->c->n; i++)
		if (!strcmp(ar->c->items[i].path, path))
			return true;
	for (i = 0; i < ar->linked.n; i++)
		if (!strcmp(ar->linked.items[i].path, path))
			return true;
	return false;
}

/*
 * @target of the link @path, as a path from the root: relative to the
 * link's directory, ".." stopping at the root (the sysroot's, as the probe
 * resolves it). -1 when it does not fit.
 */
static int link_target(const char *path, const char *target, char *out, size_t n)
{
	char tmp[512];
	size_t o = 0;
	const char *p, *slash = strrchr(path, '/');

	if (target[0] == '/')
		hv_strcopy(tmp, sizeof(tmp), target);
	else if (snprintf(tmp, sizeof(tmp), "%.*s/%s", slash ? (int)(slash - path) : 0, path,
			  target) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp; *p;) {
		size_t len = strcspn(p, "/");

		if (len == 2 && !strncmp(p, "..", 2)) {
			while (o && out[--o] != '/')
				;
		} else if (len && !(len == 1 && *p == '.')) {
			if (o + 1 + len + 1 > n)
				return -1;
			out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p += len + (p[len] == '/');
	}
	if (!o) {
		if (n < 2)
			return -1;
		out[o++] = '/';
	}
	out[o] = '\0';
	return 0;
}

/*
 * A link inside the root is kept a link, and what it names is stored too
 * (/etc/os-release -> ../usr/lib/os-release): the unpacked archive reads as
 * the system did. A chain is followed, at most 8 links.
 */
static void add_link(struct archive *ar, struct tarw *tw, const char *path)
{
	char cur[512], target[256], next[512];
	int hops;

	hv_strcopy(cur, sizeof(cur), path);
	for (hops = 0; hops < 8; hops++) {
		char *buf = NULL;
		size_t len;

		if (hv_path_readlink(ar->pc, cur, target, sizeof(target)) ||
		    tarw_add_symlink(tw, cur + 1, target)) {
			note(ar, cur, "left out: a link that could not be read or stored");
			return;
		}
		ar->files++;
		if (link_target(cur, target, next, sizeof(next)) || !strcmp(next, "/")) {
			note(ar, cur, "its target left out: no file inside the root");
			return;
		}
		if (collected(ar, next))
			return;
		record(&ar->linked, next, false, 0);
		if (looks_private(next)) {
			note(ar, next, "left out: it looks like a key");
			return;
		}
		if (hv_path_is_symlink(ar->pc, next) == 1) {
			hv_strcopy(cur, sizeof(cur), next);
			continue;
		}
		if (hv_path_read_quiet(ar->pc, next, COLLECT_CAP, &buf, &len)) {
			note(ar, next, "left out: a link's target that could not be read");
			return;
		}
		if (!tarw_add_file(tw, next + 1, buf, len))
			ar->files++;
		free(buf);
		return;
	}
	note(ar, path, "its target left out: more than 8 links in a chain");
}

/*
 * MANIFEST: who collected what, where and when, what was left out and why
 * (# lines), and the sha256 of each file, as sha256sum writes them: in the
 * unpacked directory, sha256sum -c MANIFEST checks them.
 */
static void add_manifest(struct archive *ar, struct tarw *tw)
{
	char *text = NULL, when[32];
	const char *sums;
	size_t len = 0;
	struct utsname u;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&ar->when));
	fprintf(m, "# hvkdump collect\n# tool: " PROGRAM " %s\n# host: %s\n# time: %s\n",
		HVKDUMP_VERSION, ar->host, when);
	if (ar->sysroot)
		fprintf(m, "# from: the sysroot %s (a captured system)\n", ar->sysroot);
	else if (!uname(&u))
		fprintf(m, "# uname: %s %s %s %s %s\n", u.sysname, u.nodename, u.release,
			u.version, u.machine);
	if (ar->notes && !fflush(ar->notes) && ar->notes_len)
		fputs(ar->notes_text, m);
	sums = tarw_sums(tw);
	if (sums)
		fputs(sums, m);
	if (!fclose(m) && !tarw_add_file(tw, "MANIFEST", text, len))
		ar->files++;
	free(text);
}

/*
 * The kdump initramfs is not copied (it can be 100 MiB): what check reads
 * of it goes in as a member list, which the probe reads instead.
 */
static void initramfs_listing(struct tarw *tw, const struct probe *p, unsigned int *files)
{
	const struct initramfs *ir = &p->initramfs;
	char text[1024];
	const char *m = ir->modules;
	size_t off;
	unsigned int i;

	off = (size_t)snprintf(text, sizeof(text), "# hvkdump: the kdump initramfs %s, %u members\n"
			       "%s%s%s", p->f->kdump_initrd, ir->members,
			       ir->early ? "# early cpio\n" : "",
			       ir->compressed ? "# compression " : "",
			       ir->compressed ? ir->compressed : "");
	if (ir->compressed && off < sizeof(text))
		text[off++] = '\n';
	while (*m && off < sizeof(text)) {
		size_t n = strcspn(m, ",");

		off += (size_t)snprintf(text + off, sizeof(text) - off, "%.*s.ko\n", (int)n, m);
		m += n + (m[n] == ',');
	}
	for (i = 0; i < MOD_COUNT && off < sizeof(text); i++)
		if (ir->blacklist & MOD_BIT(i))
			off += (size_t)snprintf(text + off, sizeof(text) - off, "blacklist %s\n",
						module_name((enum hv_module)i));
	if (off < sizeof(text) && !tarw_add_file(tw, &INITRAMFS_LISTING[1], text, off))
		(*files)++;
}

/* The members, gzip-compressed, into the temporary file @out. */
static int write_members(FILE *out, void *ctx)
{
	struct archive *ar = ctx;
	struct collection *c = ar->c;
	struct tarw tw;
	int fd = dup(fileno(out));
	size_t i;

	int rc;

	if (fd < 0)
		return -errno;
	rc = tarw_open(&tw, fd, ar->top);
	if (rc) {
		if (!tw.gz)
			close(fd);
		tarw_close(&tw);
		return rc;
	}
	qsort(c->items, c->n, sizeof(*c->items), cmp_items);
	for (i = 0; i < c->n; i++) {
		const struct item *it = &c->items[i];
		const char *name = it->path + (it->path[0] == '/');
		char *buf = NULL, *cut = NULL;
		size_t len, cutlen = 0;

		if (i && !strcmp(it->path, c->items[i - 1].path))
			continue;
		if (ar->p->initramfs_read && !strcmp(it->path, ar->p->f->kdump_initrd)) {
			note(ar, it->path, "left out: the kdump initramfs: its member list instead, in "
			     INITRAMFS_LISTING);
			continue;
		}
		if (is_journal(it->path)) {
			if (!it->is_dir)
				note(ar, it->path, ar->p->kmsg_live ? "left out: the binary journal: the "
				     "kernel's messages read from it instead, in hvkdump/dmesg.txt" :
				     "left out: the binary journal");
			continue;
		}
		if (looks_private(it->path)) {
			note(ar, it->path, "left out: it looks like a key");
			continue;
		}
		if (it->is_dir) {
			tarw_add_dir(&tw, name);
			continue;
		}
		/* a link (os-release, the kdump kernel's): kept a link, its target stored */
		if (hv_path_is_symlink(ar->pc, it->path) == 1) {
			add_link(ar, &tw, it->path);
			continue;
		}
		if (hv_path_read_quiet(ar->pc, it->path, COLLECT_CAP, &buf, &len)) {
			note(ar, it->path, "left out: could not be read");
			continue;
		}
		/*
		 * the kernel log file the probe read (kern.log, messages, dmesg):
		 * cut to the kernel's lines; not another log it reads (kdumpctl's
		 * /var/log/kdump.log goes in as it is)
		 */
		if (probe_kmsg_file(it->path)) {
			relevant_lines(buf, len, &cut, &cutlen);
			name = "hvkdump/dmesg.txt";
			note(ar, it->path, "cut to the kernel lines hvkdump reads, in "
			     "hvkdump/dmesg.txt");
		} else if (!strcmp(it->path, "/var/lib/dpkg/status")) {
			dpkg_stanza(buf, len, &cut, &cutlen);
			note(ar, it->path, "cut to the kexec-tools stanza");
		}
		if (cut || !strcmp(it->path, "/var/lib/dpkg/status")) {
			free(buf);
			buf = cut;
			len = cutlen;
		}
		if (buf && !tarw_add_file(&tw, name, buf, len))
			ar->files++;
		free(buf);
	}
	if (ar->p->initramfs_read)
		initramfs_listing(&tw, ar->p, &ar->files);
	if (hv_path_is_live(ar->pc))
		live_extras(ar->p, &tw, &ar->files);
	if (ar->p->kmsg_live) {
		/* /dev/kmsg or the journal, live or a sysroot's: no log file, the same cut */
		char *cut = NULL;
		size_t cutlen = 0;

		relevant_lines(ar->p->kmsg_live, ar->p->kmsg_live_len, &cut, &cutlen);
		if (cut && !tarw_add_file(&tw, "hvkdump/dmesg.txt", cut, cutlen))
			ar->files++;
		free(cut);
		note(ar, ar->p->f->f[F_KMSG].source, "cut to the kernel lines hvkdump reads, in "
		     "hvkdump/dmesg.txt");
	}
	add_manifest(ar, &tw);
	return tarw_close(&tw);
}

/* hvkdump-HOST-DATE: the host's name as a file name ('_' for anything else) */
static void top_name(struct archive *ar)
{
	char *buf = NULL, date[32];
	size_t len = 0, i;

	if (ar->sysroot) {
		if (!hv_path_read_quiet(ar->pc, "/etc/hostname", 4096, &buf, &len))
			snprintf(ar->host, sizeof(ar->host), "%.*s", (int)strcspn(buf, "\n"), buf);
		free(buf);
	} else if (gethostname(ar->host, sizeof(ar->host) - 1)) {
		ar->host[0] = '\0';
	}
	ar->host[sizeof(ar->host) - 1] = '\0';
	if (!ar->host[0])
		snprintf(ar->host, sizeof(ar->host), "unknown");
	for (i = 0; ar->host[i]; i++) {
		char ch = ar->host[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_') ||
		    (!i && ch == '.'))
			ar->host[i] = '_';
	}
	strftime(date, sizeof(date), "%Y%m%d-%H%M%S", gmtime(&ar->when));
	snprintf(ar->top, sizeof(ar->top), PROGRAM "-%s-%s", ar->host, date);
}

static int write_archive(const struct hv_path *pc, struct collection *c, const char *output,
			 unsigned int *files, const struct probe *p, const char *sysroot)
{
	struct archive ar = { .pc = pc, .c = c, .p = p, .sysroot = sysroot };
	size_t i;
	int rc;

	ar.when = time(NULL);
	top_name(&ar);
	ar.notes = open_memstream(&ar.notes_text, &ar.notes_len);
	/* a copy of a system's configuration: for its owner only */
	rc = hv_write_output(output, 0600, write_members, &ar);
	if (ar.notes)
		fclose(ar.notes);
	free(ar.notes_text);
	for (i = 0; i < ar.linked.n; i++)
		free(ar.linked.items[i].path);
	free(ar.linked.items);
	*files = ar.files;
	return rc;
}

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " collect [options]\n"
	      "\n"
	      "Copy every file hvkdump check reads into one archive, under one directory\n"
	      "hvkdump-HOST-DATE/ with a MANIFEST (version, host, time, what was left out\n"
	      "and why, the sha256 of each file): hvkdump check --sysroot FILE reads it,\n"
	      "and so does check --sysroot on the unpacked directory. Links are kept, and\n"
	      "what they name stored. The kernel log (a file, /dev/kmsg or the journal)\n"
	      "is cut to the lines hvkdump reads, the package database to kexec-tools;\n"
	      "nothing outside the probe's paths, and no keys, go in.\n"
	      "\n"
	      "Options:\n"
	      "     --output-file FILE  the archive (default hvkdump-collect.tar.gz;\n"
	      "                         - for standard output)\n"
	      " -s, --sysroot DIR       collect from a captured system instead\n"
	      " -J, --json              what was collected, as one JSON object\n"
	      " -h, --help              display this help\n"
	      " -V, --version           display the version\n", stdout);
}

int cmd_collect(int argc, char **argv)
{
	enum { OPT_OUTPUT_FILE = 0x200 };
	static const struct option longopts[] = {
		{ "output-file", required_argument, NULL, OPT_OUTPUT_FILE },
		{ "sysroot", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = "hvkdump-collect.tar.gz", *sysroot = NULL;
	struct collection col = { NULL, 0, 0, false };
	struct facts facts;
	struct probe p = { .f = &facts };
	struct hv_path pc;
	struct hv_err zerr = { 0, "" };
	unsigned int files = 0;
	bool to_stdout, json = false;
	char why[sizeof(facts.f[F_HYPERV].value)];
	FILE *msg;
	size_t i;
	int c, rc;

	while ((c = getopt_long(argc, argv, "+s:JVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = true;
			hv_json_errors("collect");
			break;
		case OPT_OUTPUT_FILE:
			output = optarg;
			break;
		case 's':
			sysroot = optarg;
			break;
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("collect", argv, longopts);
		}
	}
	if (optind < argc)
		return hv_usage_error("collect", "unexpected argument '%s'", argv[optind]);
	to_stdout = !strcmp(output, "-");
	if (to_stdout && json)
		return hv_usage_error("collect", "--json and --output-file - both want standard "
				      "output");
	if (to_stdout && isatty(STDOUT_FILENO)) {
		hv_warnx("collect: --output-file -: standard output is a terminal: not writing a "
			 "compressed archive there");
		return HV_EXIT_ERROR;
	}
	if (!hv_zlib_load(&zerr)) {
		hv_warnx("collect: writing .tar.gz needs zlib: %s", zerr.msg);
		return HV_EXIT_ERROR;
	}
	rc = hv_path_init(&pc, sysroot);
	if (rc) {
		hv_warnx("collect: cannot open sysroot %s: %s", sysroot, strerror(-rc));
		return HV_EXIT_ERROR;
	}
	pc.on_access = record;
	pc.ctx = &col;
	memset(&facts, 0, sizeof(facts));
	p.pc = &pc;
	p.keep_kmsg = true;
	/* a malformed file is collected all the same: the archive is for reading it */
	probe_system(&p);
	/* the directories a sysroot must have */
	record(&col, "/proc", true, 0);
	record(&col, "/sys", true, 0);
	record(&col, "/etc", true, 0);
	/* writing reads the same files again: nothing more to record */
	pc.on_access = NULL;
	rc = col.oom ? -ENOMEM : write_archive(&pc, &col, output, &files, &p, sysroot);
	free(p.kmsg_live);
	hv_path_deinit(&pc);
	for (i = 0; i < col.n; i++)
		free(col.items[i].path);
	free(col.items);
	if (rc) {
		hv_warnx("collect: %s: %s", output, hv_output_strerror(rc));
		return HV_EXIT_ERROR;
	}
	if (json) {
		struct jsonwrt jw;

		jw_begin(&jw, stdout);
		jw_str(&jw, "archive", output);
		jw_u64(&jw, "files", files);
		jw_bool(&jw, "hyperv_guest", facts.hyperv);
		jw_str(&jw, "hyperv_guest_reason", facts.f[F_HYPERV].value);
		jw_end(&jw);
		return hv_close_stdout(HV_EXIT_OK);
	}
	/* the archive may be on stdout: what is said about it goes to stderr then */
	msg = to_stdout ? stderr : stdout;
	if (!facts.hyperv)
		hv_warnx("collect: not a Hyper-V guest: %s, from %s; collected only what shows it",
			 check_not_hyperv_why(&facts, why, sizeof(why)), facts.f[F_HYPERV].source);
	if (to_stdout)
		fprintf(msg, "%s: %u %s to standard output; read them with: " PROGRAM
			" check --sysroot FILE\n", PROGRAM, files, files == 1 ? "file" : "files");
	else
		fprintf(msg, "%s: %u %s; read it with: " PROGRAM " check --sysroot %s\n",
			output, files, files == 1 ? "file" : "files", output);
	return hv_close_stdout(HV_EXIT_OK);
}
#endif /* HAVE_ZLIB */
