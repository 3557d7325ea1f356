// SPDX-License-Identifier: GPL-2.0-or-later
/* The distribution and its kdump service's configuration. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/strcopy.h"
#include "util/lines.h"
#include "probe.h"

#define KDUMP_TOOLS	"/etc/default/kdump-tools"
#define SYSCONFIG_KDUMP	"/etc/sysconfig/kdump"
#define KDUMP_CONF	"/etc/kdump.conf"

/* [ -d PATH ], [ -e PATH ], [ -f PATH ] in a configuration file, as this system answers. */
static int test_path(void *ctx, char op, const char *path)
{
	const struct probe *p = ctx;
	struct stat st;
	int rc = hv_path_stat(p->pc, path, &st);

	if (rc == -ENOENT || rc == -ENOTDIR)
		return 0;
	if (rc)
		return -1;
	return op == 'd' ? S_ISDIR(st.st_mode) : op == 'f' ? S_ISREG(st.st_mode) : 1;
}

/*
 * Reads and parses a shell assignment file, its tests answered by this
 * system; 1 missing, 0 read, -1 malformed (@id is then unknown with FILE:LINE).
 */
static int read_vars(struct probe *p, enum fact_id id, const char *path, struct shellvars *sv)
{
	const struct shellvars_env env = { test_path, p };
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;
	int rc;

	if (probe_read(p, id, path, 4u << 20, &buf, &len))
		return 1;
	rc = shellvars_parse_env(buf, len, &env, sv, &err);
	free(buf);
	return rc ? probe_bad_file(p, id, path, &err) : 0;
}

/*
 * kdump-tools records what it ran in $KDUMP_COREDIR/kexec_cmd, after a
 * successful load only, and never deletes it. Kept aside here: whether it
 * or the configuration decides is settled once we know whether a crash
 * kernel is loaded now (probe_kexec_args()).
 */
static void recorded_command(struct probe *p, const struct stat *config)
{
	char path[512], *buf;
	struct stat st;
	size_t len, n;

	snprintf(path, sizeof(path), "%s/kexec_cmd", p->coredir);
	if (hv_path_stat(p->pc, path, &st) || hv_path_read(p->pc, path, 1 << 16, &buf, &len))
		return;
	n = strcspn(buf, "\n");
	snprintf(p->recorded, sizeof(p->recorded), "%.*s", (int)n, buf);
	free(buf);
	hv_strcopy(p->recorded_path, sizeof(p->recorded_path), path);
	/* a configuration changed after the last load is not in that command */
	p->recorded_older = config && (st.st_mtim.tv_sec < config->st_mtim.tv_sec ||
				       (st.st_mtim.tv_sec == config->st_mtim.tv_sec &&
					st.st_mtim.tv_nsec < config->st_mtim.tv_nsec));
}

void probe_kexec_args(struct probe *p)
{
	struct facts *f = p->f;
	char next[256], src[256];
	bool loaded = f->f[F_CRASH_KERNEL].known && f->crash_loaded;

	if (!p->recorded[0])
		return;
	/*
	 * What loaded last is what a crash meets while it is loaded; the
	 * configuration is what the next load does. check_run() weighs both.
	 */
	if (loaded) {
		hv_strcopy(f->recorded_args, sizeof(f->recorded_args), p->recorded);
		hv_strcopy(f->recorded_source, sizeof(f->recorded_source), p->recorded_path);
		f->recorded_stale = p->recorded_older;
		p->recorded_cmd = true;
	}
	if (!f->f[F_KDUMP_CONFIG].known)
		return;
	hv_strcopy(next, sizeof(next), f->f[F_KDUMP_CONFIG].value);
	hv_strcopy(src, sizeof(src), f->f[F_KDUMP_CONFIG].source);
	fact_set(f, F_KDUMP_CONFIG, src, "%s (the next load; the last load's command is in %s, "
		 "%s)", next, p->recorded_path,
		 !loaded ? "not loaded now" : p->recorded_older ? "older than the configuration" :
		 "loaded now");
}

/*
 * kdumpctl traces the kexec command it ran into /var/log/kdump.log: the last
 * such line names the kernel and initrd that loaded last (not what the next
 * load does: the configuration decides that).
 */
static void recorded_kdump_log(struct probe *p)
{
	char *buf, image[256], initrd[256];
	const char *l, *last = NULL;
	size_t len, n, lastn = 0;
	struct line_iter it;

	if (hv_path_read(p->pc, "/var/log/kdump.log", 16u << 20, &buf, &len))
		return;
	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &n)) {
		char line[1024];

		snprintf(line, sizeof(line), "%.*s", (int)n, l);
		if (strstr(line, "kexec") && strstr(line, " -p") &&
		    !kexec_cmd_parse(line, image, sizeof(image), initrd, sizeof(initrd))) {
			last = l;
			lastn = n;
		}
	}
	if (last) {
		snprintf(p->kdump_log_cmd, sizeof(p->kdump_log_cmd), "%.*s", (int)lastn, last);
		hv_strcopy(p->kdump_log_image, sizeof(p->kdump_log_image), image);
	}
	free(buf);
}

/* The kdump service's extra kexec arguments, as its configuration gives them. */
static void set_kexec_args(struct facts *f, const char *file, const char *name, const char *v);

/* The same from the parsed file: what only sh could know is an unknown fact, with its line. */
static void kexec_args_var(struct facts *f, const char *file, const struct shellvars *sv,
			   const char *name)
{
	const struct shellvar *var = shellvars_find(sv, name);

	if (var && var->unknown) {
		f->kexec_args_set = false;
		f->kexec_args[0] = '\0';
		fact_unknown(f, F_KDUMP_CONFIG, file, "unknown: %s: %s (%s:%lu)", name, var->unknown,
			     file, var->line);
		return;
	}
	set_kexec_args(f, file, name, var ? var->value : NULL);
}

static void set_kexec_args(struct facts *f, const char *file, const char *name, const char *v)
{
	f->kexec_args_set = v != NULL;
	hv_strcopy(f->kexec_args, sizeof(f->kexec_args), v ? v : "");
	if (v)
		fact_set(f, F_KDUMP_CONFIG, file, "%s=\"%s\"", name, v);
	else
		fact_set(f, F_KDUMP_CONFIG, file, "%s unset", name);
}

/* A configuration file that does not exist: its package is not installed. */
static void config_missing(struct probe *p, const char *path, const char *package)
{
	if (hv_path_exists(p->pc, path) == -ENOENT)
		fact_unknown(p->f, F_KDUMP_CONFIG, path, "unknown: %s does not exist: "
			     "is %s installed?", path, package);
}

static int debian(struct probe *p)
{
	struct facts *f = p->f;
	struct shellvars sv;
	struct stat cst;
	bool have_stat = !hv_path_stat(p->pc, KDUMP_TOOLS, &cst);
	const char *v;
	int rc = read_vars(p, F_KDUMP_CONFIG, KDUMP_TOOLS, &sv);

	snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
	if (rc < 0)
		return 0;
	if (rc > 0) {
		config_missing(p, KDUMP_TOOLS, "kdump-tools");
		return 0;
	}
	/* kdump-config load: nothing without USE_KDUMP=1 (unknown to us: assumed set) */
	v = shellvars_get(&sv, "USE_KDUMP");
	if (!(shellvars_find(&sv, "USE_KDUMP") && !v) && (!v || strcmp(v, "1"))) {
		f->service_stops = true;
		snprintf(f->service_noload, sizeof(f->service_noload),
			 "USE_KDUMP is %s%s%s in " KDUMP_TOOLS ": kdump-config loads nothing",
			 v ? "\"" : "unset", v ? v : "", v ? "\"" : "");
	}
	v = shellvars_get(&sv, "KDUMP_COREDIR");
	if (v && *v)
		hv_strcopy(p->coredir, sizeof(p->coredir), v);
	p->net_dump = (v = shellvars_get(&sv, "SSH")) && *v;
	p->net_dump |= (v = shellvars_get(&sv, "NFS")) && *v;
	if ((v = shellvars_get(&sv, "KDUMP_KERNEL")) && *v) {
		hv_strcopy(p->kdump_kernel, sizeof(p->kdump_kernel), v);
		hv_strcopy(p->kdump_kernel_src, sizeof(p->kdump_kernel_src), KDUMP_TOOLS);
	}
	if ((v = shellvars_get(&sv, "KDUMP_INITRD")) && *v)
		hv_strcopy(p->kdump_initrd, sizeof(p->kdump_initrd), v);
	kexec_args_var(f, KDUMP_TOOLS, &sv, "KDUMP_KEXEC_ARGS");
	shellvars_free(&sv);
	recorded_command(p, have_stat ? &cst : NULL);
	return 0;
}

/*
 * SUSE kdump's own version decides how it runs kexec (model/suse-kdump/
 * load.c): collect's rpm -q, the rpm database, or rpm -q on a live system.
 * Unknown leaves 0 (1.9.6 or later assumed, and check shows the flip), and
 * why it is unknown goes into the kdump-config fact.
 */
static void suse_kdump_package(struct probe *p)
{
	struct facts *f = p->f;
	char ver[64] = "", src[128], why[256] = "";
	const char *bad = NULL;

	if (probe_rpm_version(p, "kdump", SUSE_KDUMP_COLLECTED, suse_kdump_version, ver,
			      sizeof(ver), src, sizeof(src), &bad, why, sizeof(why), p->rpm_kdump,
			      sizeof(p->rpm_kdump))) {
		if (bad)
			snprintf(f->service_package, sizeof(f->service_package),
				 "kdump's version unknown: %.180s", why);
		return;
	}
	f->service_version = suse_kdump_version(ver);
	snprintf(f->service_package, sizeof(f->service_package), "kdump %.24s (%s)",
		 probe_printable(ver), src);
}

/* kdumpctl (RHEL, Fedora, Azure Linux) and SUSE's kdump: /etc/sysconfig/kdump */
static int sysconfig(struct probe *p, const char *args_var, const char *package)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	struct shellvars sv;
	struct kdumpconf kc = { KDUMPCONF_LOCAL, "", "" };
	char *buf;
	size_t len;
	int rc = read_vars(p, F_KDUMP_CONFIG, SYSCONFIG_KDUMP, &sv);

	snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
	if (!hv_path_read(p->pc, KDUMP_CONF, 1 << 20, &buf, &len)) {
		int krc = kdumpconf_parse(buf, len, &kc, &err);

		free(buf);
		if (krc) {
			/* where the dump goes is unknown; the kexec arguments are not */
			probe_bad_file(p, F_DUMP_TARGET, KDUMP_CONF, &err);
			p->coredir[0] = '\0';
		} else {
			hv_strcopy(p->coredir, sizeof(p->coredir), kc.path);
			p->net_dump = kc.target == KDUMPCONF_NFS || kc.target == KDUMPCONF_SSH;
		}
	}
	if (rc < 0)
		return 0;
	if (f->distro == DISTRO_SUSE)
		suse_kdump_package(p);
	if (rc > 0) {
		config_missing(p, SYSCONFIG_KDUMP, package);
		return 0;
	}
	kexec_args_var(f, SYSCONFIG_KDUMP, &sv, args_var);
	if (f->service_package[0] && f->f[F_KDUMP_CONFIG].known) {
		char value[sizeof(f->f[0].value)];

		hv_strcopy(value, sizeof(value), f->f[F_KDUMP_CONFIG].value);
		fact_set(f, F_KDUMP_CONFIG, SYSCONFIG_KDUMP, "%s; %s", value, f->service_package);
	}
	recorded_kdump_log(p);
	{
		const char *v = shellvars_get(&sv, "KDUMP_KERNELVER");

		if (v && *v) {
			hv_strcopy(p->kdump_kernelver, sizeof(p->kdump_kernelver), v);
			snprintf(p->kdump_kernel_src, sizeof(p->kdump_kernel_src), "%s",
				 SYSCONFIG_KDUMP);
		}
	}
	shellvars_free(&sv);
	return 0;
}

int probe_distro(struct probe *p)
{
	struct facts *f = p->f;
	struct shellvars sv;
	const char *id, *like, *ver, *pretty;
	int rc = read_vars(p, F_DISTRO, "/etc/os-release", &sv);

	if (rc < 0) {
		fact_unknown(f, F_KDUMP_CONFIG, "/etc/os-release", "unknown: the distribution is "
			     "unknown, and so is its kdump service (%s)", f->f[F_DISTRO].value +
			     (strncmp(f->f[F_DISTRO].value, "unknown: ", 9) ? 0 : 9));
		snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
		return 0;
	}
	if (rc > 0) {
		fact_unknown(f, F_KDUMP_CONFIG, "/etc/os-release",
			     "unknown: without /etc/os-release the kdump service is unknown");
		snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
		return 0;
	}
	id = shellvars_get(&sv, "ID");
	like = shellvars_get(&sv, "ID_LIKE");
	ver = shellvars_get(&sv, "VERSION_ID");
	pretty = shellvars_get(&sv, "PRETTY_NAME");
	if (!id) {
		/* no value stands in for it: the distribution, and its kdump service, are unknown */
		const struct shellvar *v = shellvars_find(&sv, "ID");

		if (v && v->unknown)
			fact_unknown(f, F_DISTRO, "/etc/os-release", "unknown: ID: %s "
				     "(/etc/os-release:%lu)", v->unknown, v->line);
		else
			fact_unknown(f, F_DISTRO, "/etc/os-release", "unknown: /etc/os-release "
				     "has no ID=");
		fact_unknown(f, F_KDUMP_CONFIG, "/etc/os-release", "unknown: the distribution is "
			     "unknown, and so is its kdump service");
		shellvars_free(&sv);
		snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
		return 0;
	}
	f->distro = distro_family_of(id, like);
	hv_strcopy(p->os_id, sizeof(p->os_id), id);
	hv_strcopy(p->os_like, sizeof(p->os_like), like ? like : "");
	hv_strcopy(p->os_version, sizeof(p->os_version), ver ? ver : "");
	fact_set(f, F_DISTRO, "/etc/os-release", "%s%s%s (%s)", id, ver ? " " : "",
		 ver ? ver : "", pretty ? pretty : distro_family_name(f->distro));
	shellvars_free(&sv);
	switch (f->distro) {
	case DISTRO_DEBIAN:
		return debian(p);
	case DISTRO_RHEL:
		return sysconfig(p, "KEXEC_ARGS", "kdump-utils");
	case DISTRO_SUSE:
		return sysconfig(p, "KEXEC_OPTIONS", "kdump");
	case DISTRO_AZURELINUX:
		return sysconfig(p, "KEXEC_ARGS", "kexec-tools");
	case DISTRO_UNKNOWN:
		fact_unknown(f, F_KDUMP_CONFIG, "/etc/os-release",
			     "unknown: a distribution whose kdump service the model does not know");
		break;
	}
	snprintf(p->coredir, sizeof(p->coredir), "/var/crash");
	return 0;
}
