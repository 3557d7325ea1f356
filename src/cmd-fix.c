// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hvkdump fix: the smallest proven remedy that is a configuration change
 * the tool can make itself (the kexec system call of the kdump service), as
 * a unified diff; --apply writes it, safely, and says how to reload kdump.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "check-common.h"
#include "jsonwrt.h"
#include "cli.h"
#include "replace.h"
#include "termwrap.h"
#include "lib/verdict/config_edit.h"

#define BACKUP_SUFFIX ".hvkdump-bak"

struct target {
	const char *path, *var, *reload;
};

/*
 * The file and variable the kexec_file_load remedy sets (check worked them
 * out for the distributions fix edits), and how kdump reloads then: NULL
 * where there is no remedy or it names no setting.
 */
static const struct target *target_for(enum distro_family d, const struct check_remedy *rm,
				       struct target *t)
{
	if (!rm || !rm->nedits)
		return NULL;
	t->path = rm->edits[0].file;
	t->var = rm->edits[0].variable;
	t->reload = d == DISTRO_DEBIAN ? "systemctl restart kdump-tools (or: kdump-config reload)" :
		    "kdumpctl restart (or: systemctl restart kdump)";
	return t;
}

/* FNV-1a 64: names a file's content, for --expect. */
static uint64_t fingerprint(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len--) {
		h ^= (unsigned char)*p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static const char *replace_error(int rc)
{
	switch (rc) {
	case -ESTALE:
		return "changed since it was read: not touched; run hvkdump fix again";
	case -EROFS:
		return "is read-only (no owner write bit): not touched; make it writable first";
	case -ELOOP:
		return "is a symbolic link: not touched; edit the file it points to";
	case -EEXIST:
		return "has 100 backups beside it already: not touched; remove old ones";
	default:
		return strerror(-rc);
	}
}

/*
 * Replaces @path (under the sysroot) with @data when it still holds @old,
 * keeping @old beside it (BACKUP_SUFFIX), named in @backup. 0 or -errno.
 */
static int replace_file(const struct hv_path *pc, const char *path, const char *old,
			size_t oldlen, const struct stat *was, const char *data, size_t len,
			char *backup, size_t blen)
{
	struct hv_replace_buf b = { data, len };
	const struct hv_replace r = {
		.was = was, .old = old, .oldlen = oldlen,
		.backup_suffix = BACKUP_SUFFIX, .backup = backup, .blen = blen,
	};
	const char *base;
	int dirfd = hv_path_open_parent(pc, path, &base), rc;

	if (dirfd < 0)
		return dirfd;
	rc = hv_replace_at(dirfd, base, &r, hv_replace_fill_buf, &b);
	close(dirfd);
	return rc;
}

/* What fix found and did, for --json. */
struct fix_report {
	const char *state;	/* "not_applicable", "saved", "no_change", "diff", "applied" */
	const char *why;	/* no_change: why fix makes none */
	const char *change, *file, *fingerprint, *diff, *backup, *reload;
	char apply[1024];	/* the command that applies the diff */
};

static void print_report_json(const struct fix_report *fr, const struct check_result *res)
{
	struct jsonwrt jw;
	unsigned int i;

	jw_begin(&jw, stdout);
	jw_str(&jw, "state", fr->state);
	jw_str(&jw, "why", fr->why);
	jw_str(&jw, "change", fr->change);
	jw_str(&jw, "file", fr->file);
	jw_str(&jw, "fingerprint", fr->fingerprint);
	jw_str(&jw, "diff", fr->diff);
	jw_str(&jw, "apply_command", fr->apply[0] ? fr->apply : NULL);
	jw_str(&jw, "backup", fr->backup);
	jw_str(&jw, "reload", fr->reload);
	jw_open(&jw, "remedies", true);
	for (i = 0; res && i < res->nremedies; i++) {
		jw_open(&jw, NULL, false);
		jw_str(&jw, "id", res->remedies[i].id);
		jw_str(&jw, "kind", res->remedies[i].kind);
		jw_str(&jw, "change", res->remedies[i].change);
		jw_close(&jw, false);
	}
	jw_close(&jw, true);
	jw_end(&jw);
}

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " fix [options]\n"
	      "\n"
	      "Print, as a unified diff, the smallest configuration change among the\n"
	      "proven remedies of hvkdump check that the tool can make itself: the kexec\n"
	      "system call in /etc/default/kdump-tools or /etc/sysconfig/kdump.\n"
	      "\n"
	      "Options:\n"
	      "     --apply            write the change: same owner and mode, a backup\n"
	      "                        beside the file (" BACKUP_SUFFIX ", or .1, .2 ... when\n"
	      "                        one exists), a temporary file renamed over it;\n"
	      "                        then print how to reload kdump\n"
	      "     --expect FP        apply only if the file still has the fingerprint FP\n"
	      "                        that the diff was printed with\n"
	      " -s, --sysroot DIR      a captured system (its files are changed with --apply)\n"
	      " -J, --json             what fix found and did, as one JSON object\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display the version\n"
	      "\n"
	      "hvkdump fix never restarts a service.\n"
	      "\n"
	      "Exit status: 0 a change was printed or applied, or none is needed; 1 the\n"
	      "vmcore would be lost and no change the tool can make saves it; 2 an error.\n",
	      stdout);
}

int cmd_fix(int argc, char **argv)
{
	enum { OPT_APPLY = 0x200, OPT_EXPECT };
	static const struct option longopts[] = {
		{ "apply", no_argument, NULL, OPT_APPLY },
		{ "expect", required_argument, NULL, OPT_EXPECT },
		{ "sysroot", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sysroot = NULL, *expect = NULL;
	const struct check_remedy *remedy = NULL;
	const struct target *t;
	struct target target;
	struct check_result res;
	struct hv_err err = { 0, "" };
	struct facts facts;
	struct hv_path pc;
	struct stat st;
	char *old = NULL, *new = NULL, *diff = NULL, label[600], fp[32], backup[512];
	char shownbuf[600], change[640];
	const char *shown;
	size_t oldlen, newlen;
	struct fix_report fr = { 0 };
	bool apply = false, json = false;
	unsigned int i;
	int c, rc = HV_EXIT_ERROR, e;

	while ((c = getopt_long(argc, argv, "+s:JVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = true;
			hv_json_errors("fix");
			break;
		case OPT_APPLY:
			apply = true;
			break;
		case OPT_EXPECT:
			expect = optarg;
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
			return hv_bad_option("fix", argv, longopts);
		}
	}
	if (optind < argc)
		return hv_usage_error("fix", "unexpected argument '%s'", argv[optind]);
	if (expect && !apply)
		return hv_usage_error("fix", "--expect goes with --apply");
	if (!json)
		hv_wrap_stdout();
	if (probe_and_check("fix", sysroot, &facts, &res, false))
		return HV_EXIT_ERROR;
	if (!res.applicable || (res.sim.saved && check_final(&res)->saved)) {
		fr.state = res.applicable ? "saved" : "not_applicable";
		if (json)
			print_report_json(&fr, NULL);
		else
			printf("%s: nothing to fix\n", res.applicable ?
			       "the vmcore would be saved" : "not a Hyper-V guest");
		if (res.applicable)
			check_result_free(&res);
		return hv_close_stdout(HV_EXIT_OK);
	}
	for (i = 0; i < res.nremedies && !remedy; i++)
		if (res.remedies[i].kexec_file)
			remedy = &res.remedies[i];
	t = target_for(facts.distro, remedy, &target);
	if (!remedy || !t) {
		char why[400];

		if (!remedy)
			snprintf(why, sizeof(why), "no change of the kdump service's kexec arguments "
				 "would save it");
		else if (facts.distro == DISTRO_UNKNOWN)
			snprintf(why, sizeof(why), "kexec_file_load (kexec -s) would save it, but the "
				 "distribution is %s, so hvkdump fix cannot tell which file to change",
				 facts.f[F_DISTRO].known ? "one whose kdump service it does not know" :
				 "unknown");
		else
			snprintf(why, sizeof(why), "kexec_file_load (kexec -s) would save it, but "
				 "hvkdump fix edits only /etc/default/kdump-tools (Debian, Ubuntu) and "
				 "/etc/sysconfig/kdump (RHEL and its family), not %s's kdump service; "
				 "make the change by hand", distro_family_name(facts.distro));
		fr.state = "no_change";
		fr.why = why;
		if (json) {
			print_report_json(&fr, &res);
		} else {
			printf("the vmcore would be lost%s %s%s\n", remedy ? ";" : ", and", why,
			       res.nremedies ? "; the proven remedies:" : "; see hvkdump check");
			for (i = 0; i < res.nremedies; i++)
				printf("  %u. [%s] %s\n", i + 1, res.remedies[i].kind,
				       res.remedies[i].change);
		}
		check_result_free(&res);
		return hv_close_stdout(HV_EXIT_LOST);
	}
	hv_strcopy(change, sizeof(change), remedy->change);
	check_result_free(&res);

	hv_path_init(&pc, sysroot);
	shown = hv_path_shown(&pc, t->path, shownbuf, sizeof(shownbuf));
	e = hv_path_read_stat(&pc, t->path, 1 << 20, &old, &oldlen, &st);
	if (e) {
		if (e == -ENOENT)
			hv_warnx("fix: %s: does not exist: the kdump service that reads it is not "
				 "installed, or never configured; install it, then run "
				 PROGRAM " check again", shown);
		else
			hv_warnx("fix: %s: %s", shown, replace_error(e));
		goto out;
	}
	e = kexec_args_use_file_load(old, oldlen, t->var, &new, &newlen, &err);
	if (e < 0) {
		hv_warn_at(shown, &err);
		goto out;
	}
	if (e == 0) {
		/* the file asks for -s already: whatever loads kdump does not read it */
		hv_warnx("fix: %s already has -s in %s, yet the kdump load is not "
			 "kexec_file_load: see hvkdump check", shown, t->var);
		goto out;
	}
	snprintf(fp, sizeof(fp), "%016" PRIx64, fingerprint(old, oldlen));
	snprintf(label, sizeof(label), "a%s", t->path);
	{
		char blabel[600];

		snprintf(blabel, sizeof(blabel), "b%s", t->path);
		diff = unified_diff(label, blabel, old, oldlen, new, newlen);
	}
	if (!diff) {
		hv_warnx("fix: out of memory");
		goto out;
	}
	fr.change = change;
	fr.file = shown;
	fr.fingerprint = fp;
	fr.diff = diff;
	{
		/* the same system: under a sysroot, that sysroot, never the live one */
		FILE *cmd = fmemopen(fr.apply, sizeof(fr.apply) - 1, "w");

		if (cmd) {
			fputs(PROGRAM " fix", cmd);
			if (sysroot) {
				fputs(" --sysroot ", cmd);
				hv_print_shell_word(cmd, sysroot);
			}
			fprintf(cmd, " --apply --expect %s", fp);
			fclose(cmd);
		}
	}
	if (!json) {
		/* a patch and a command: to be copied whole, never broken into lines */
		hv_wrap_verbatim(true);
		printf("# %s\n# proven: with this change the model saves the vmcore\n"
		       "# fingerprint of %s: %s\n%s", change, t->path, fp, diff);
		if (!apply)
			printf("# apply it with: %s\n", fr.apply);
		hv_wrap_verbatim(false);
	}
	if (!apply) {
		fr.state = "diff";
		if (json)
			print_report_json(&fr, NULL);
		rc = HV_EXIT_OK;
		goto out;
	}
	if (expect && strcmp(expect, fp)) {
		hv_warnx("fix: %s: %s (fingerprint %s, expected %s)", shown,
			 replace_error(-ESTALE), fp, expect);
		goto out;
	}
	e = replace_file(&pc, t->path, old, oldlen, &st, new, newlen, backup, sizeof(backup));
	if (e) {
		hv_warnx("fix: %s: %s", shown, replace_error(e));
		goto out;
	}
	{
		/* the backup sits beside the file */
		size_t dirlen = (size_t)(strrchr(shown, '/') - shown) + 1;
		char bpath[1200];

		snprintf(bpath, sizeof(bpath), "%.*s%s", (int)dirlen, shown, backup);
		fr.state = "applied";
		fr.backup = bpath;
		fr.reload = t->reload;
		fr.apply[0] = '\0';
		if (json)
			print_report_json(&fr, NULL);
		else
			printf("# applied to %s; the old file is %s\n"
			       "# reload kdump for it to take effect: %s\n", shown, bpath, t->reload);
		/*
		 * The file is changed, whatever becomes of the report: the exit
		 * status says so apart from a failed write (hvkdump-fix(1)), so
		 * that a script neither undoes a good change nor believes
		 * nothing changed.
		 */
		errno = 0;
		if (fflush(stdout) || ferror(stdout)) {
			hv_warnx("fix: %s was changed (the old file is %s), but the report could "
				 "not be written: %s", shown, bpath,
				 errno ? strerror(errno) : "write error");
			rc = HV_EXIT_CHANGED_UNREPORTED;
			goto out;
		}
	}
	rc = HV_EXIT_OK;
out:
	hv_path_deinit(&pc);
	free(old);
	free(new);
	free(diff);
	return rc == HV_EXIT_ERROR || rc == HV_EXIT_CHANGED_UNREPORTED ? rc : hv_close_stdout(rc);
}
