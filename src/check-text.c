// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hvkdump check's default view, for a person: what happens to the dump,
 * in words without kernel terms, and the first thing to do about it as
 * commands to paste. What the verdict rests on (the kernel-level reasons,
 * every fact, every remedy) is -v's; the facts table alone is --facts'.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "check-text.h"
#include "cli.h"
#include "termwrap.h"

#define SHORT_WIDTH 80

int check_color_parse(const char *when)
{
	if (!when || !strcmp(when, "auto"))
		return CHECK_COLOR_AUTO;
	if (!strcmp(when, "always"))
		return CHECK_COLOR_ALWAYS;
	if (!strcmp(when, "never"))
		return CHECK_COLOR_NEVER;
	return -1;
}

bool check_color_on(enum check_color mode)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (mode != CHECK_COLOR_AUTO)
		return mode == CHECK_COLOR_ALWAYS;
	/* https://no-color.org: set and not empty */
	if (no && *no)
		return false;
	return isatty(STDOUT_FILENO) && !(term && !strcmp(term, "dumb"));
}

/* One line of the short view, folded at @width with a hanging indent. */
static void say(unsigned int width, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(unsigned int width, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	hv_wrap_line(stdout, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1, width);
}

static void print_vmcore(const char *label, bool saved, bool color)
{
	if (color)
		printf("%s: %s%s\033[0m\n", label, saved ? "\033[1;32m" : "\033[1;31m",
		       saved ? "saved" : "LOST");
	else
		printf("%s: %s\n", label, saved ? "saved" : "LOST");
}

/* What the dump is written to (or through), in words. */
static const char *target_words(enum dump_target t)
{
	switch (t) {
	case DUMP_NVME:
		return "the NVMe disk";
	case DUMP_SCSI:
		return "the SCSI disk";
	case DUMP_NET_VF:
		return "the network card (SR-IOV)";
	default:
		return "the network";
	}
}

/* The verdict in one sentence a person who does not know the kernel reads. */
static void plain_sentence(const struct scenario *sc, const struct sim_result *s,
			   unsigned int width)
{
	const char *t = target_words(sc->dump_target);
	unsigned int c = s->codes;

	if (s->saved)
		say(width, "  After a crash, the kdump kernel that writes the dump reaches %s "
		    "and the dump is saved.", t);
	else if (c & (1u << REASON_NOT_LOADED))
		say(width, "  No crash kernel is loaded: a crash now would save no dump.");
	else if (c & (1u << REASON_FB_HANG))
		say(width, "  After a crash, the kdump kernel that writes the dump hangs drawing "
		    "on a screen whose memory is gone: no dump is saved.");
	else if (c & (1u << REASON_NO_PCI_DRIVER))
		say(width, "  After a crash, the kdump kernel that writes the dump lacks the "
		    "driver of the VM's pass-through PCI bus: %s never appears, and the dump "
		    "is lost.", t);
	else if (c & ((1u << REASON_D0_REFUSED) | (1u << REASON_BARS_ON_VRAM)))
		say(width, "  After a crash, the kdump kernel that writes the dump puts the PCI "
		    "bus of %s on the host's video memory: the host refuses it, and the dump is "
		    "lost.", t);
	else if (c & (1u << REASON_NO_MMIO))
		say(width, "  After a crash, the kdump kernel that writes the dump finds no "
		    "address space left for %s: the dump is lost.", t);
	else
		say(width, "  After a crash, the dump would be lost.");
}

/* " --sysroot DIR" as a shell word, or "" when live. */
static void sysroot_words(const struct check_text_opts *o, char *buf, size_t len)
{
	FILE *m;

	buf[0] = '\0';
	if (!o->sysroot || !(m = fmemopen(buf, len - 1, "w")))
		return;
	fputs(" --sysroot ", m);
	hv_print_shell_word(m, o->sysroot);
	fclose(m);
	buf[len - 1] = '\0';
}

/*
 * A command to paste, four columns in: where it is wider than @width, it
 * goes on at a space before an option (or "&&") on the next line after a
 * backslash, which the shell reads as one line.
 */
static void say_command(unsigned int width, const char *cmd)
{
	size_t col = 4, n = strlen(cmd), i = 0;

	fputs("    ", stdout);
	while (i < n) {
		size_t brk = i + 1;

		/* the piece up to the next " -" or " &&" */
		while (brk + 1 < n && !(cmd[brk] == ' ' && strchr("-&", cmd[brk + 1])))
			brk++;
		if (brk + 1 >= n)
			brk = n;
		if (i && col + (brk - i) + 2 > width) {
			fputs(" \\\n      ", stdout);
			col = 6;
			i++;
		}
		fwrite(cmd + i, 1, brk - i, stdout);
		col += brk - i;
		i = brk;
	}
	fputc('\n', stdout);
}

/* @cmd (backquoted in a remedy's text) as root would type it: "sudo a && sudo b". */
static void say_root_command(unsigned int width, const char *cmd, size_t n)
{
	char line[512] = "";
	size_t o = 0;

	while (n && o + 8 < sizeof(line)) {
		const char *and = strstr(cmd, " && ");
		size_t k = and && (size_t)(and - cmd) < n ? (size_t)(and - cmd) : n;

		o += (size_t)snprintf(line + o, sizeof(line) - o, "%ssudo %.*s", o ? " && " : "",
				      (int)k, cmd);
		if (k == n)
			break;
		cmd += k + 4;
		n -= k + 4;
	}
	say_command(width, line);
}

/* The first remedy, with the commands that make it where there are some. */
static void print_first_remedy(const struct facts *f, const struct check_result *r,
			       const struct check_text_opts *o, unsigned int width)
{
	const struct check_remedy *rm = &r->remedies[0];
	const char *q = strchr(rm->change, '`'), *unit;
	char sr[600], cmd[700];

	say(width, "To fix it (proven by running the model again): %s", rm->change);
	if (q && strchr(q + 1, '`')) {
		say_root_command(width, q + 1, (size_t)(strchr(q + 1, '`') - q - 1));
		return;
	}
	/* what hvkdump fix edits: the kexec system call, on Debian and RHEL */
	if (!rm->kexec_file || (f->distro != DISTRO_DEBIAN && f->distro != DISTRO_RHEL))
		return;
	unit = f->distro == DISTRO_DEBIAN ? "kdump-tools" : "kdump";
	sysroot_words(o, sr, sizeof(sr));
	snprintf(cmd, sizeof(cmd), "%s" PROGRAM " fix --apply%s", o->sysroot ? "" : "sudo ", sr);
	say_command(width, cmd);
	snprintf(cmd, sizeof(cmd), "sudo systemctl restart %s", unit);
	say_command(width, cmd);
}

/* The unknown facts the verdict rests on, as it assumes them, once each; how many. */
static unsigned int assumed_list(const struct check_result *r, char *out, size_t len)
{
	unsigned int i;
	size_t o = 0;

	out[0] = '\0';
	for (i = 0; i < r->nassumptions && o < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? ", " : "",
				      r->flips[r->assumptions[i]].assumed);
	return r->nassumptions;
}

/* What the answer rests on that the user should know: root, assumptions, which kernel. */
static void print_caveats(const struct facts *f, const struct check_result *r,
			  unsigned int width)
{
	const struct sim_result *s = r->flips_next ? &r->next_sim : &r->sim;
	char as[512];

	if (r->needs_root)
		say(width, "Run it as root: some facts could not be read without root.");
	if (!f->kdump_same)
		say(width, "Note: kdump loads the kernel %s, not the running %s; %s decides.",
		    f->kdump_release, f->release, f->kdump_release);
	if (assumed_list(r, as, sizeof(as)))
		say(width, "Assumed, as they could not be read: %s (-v: what else would change "
		    "the answer).", as);
	if (s->d0_assumed)
		say(width, "Assumed: the host %s a PCI bus on video memory no driver moved "
		    "(not published).", s->d0_refuse ? "refuses" : "accepts");
	if (s->si_assumed)
		say(width, "Assumed: this kernel's hyperv_fb hands no screen to the kdump kernel, "
		    "as its base line's does.");
}

void check_print_short(const struct facts *f, const struct check_result *r,
		       const struct check_text_opts *o)
{
	unsigned int width = o->width && o->width < SHORT_WIDTH ? o->width : SHORT_WIDTH;
	char sr[600], cmd[700], more[40] = "";

	if (!r->sim.first_ok)
		say(width, "first kernel: the VM's pass-through PCI devices are LOST before any "
		    "crash (-v says why)");
	print_vmcore("vmcore", r->sim.saved, o->color);
	if (r->has_next) {
		char label[200];

		snprintf(label, sizeof(label), "vmcore %s", r->next_how);
		print_vmcore(label, r->next_sim.saved, o->color);
	}
	plain_sentence(&r->sc, &r->sim, width);
	if (r->has_next && r->next_sim.saved != r->sim.saved) {
		if (r->next_sim.saved && (r->sim.codes & (1u << REASON_NOT_LOADED)))
			say(width, "  The crash kernel the kdump service loads would save it.");
		else if (r->next_sim.saved && r->stale)
			say(width, "  The crash kernel loaded now is out of date: the one the kdump "
			    "service loads next would save it.");
		else if (r->next_sim.saved)
			say(width, "  The kdump service's next load would save it.");
		else
			plain_sentence(&r->next_sc, &r->next_sim, width);
	}
	if (r->nremedies) {
		fputc('\n', stdout);
		print_first_remedy(f, r, o, width);
	}
	fputc('\n', stdout);
	print_caveats(f, r, width);
	sysroot_words(o, sr, sizeof(sr));
	if (r->nremedies > 1)
		snprintf(more, sizeof(more), " and %u more %s", r->nremedies - 1,
			 r->nremedies > 2 ? "remedies" : "remedy");
	snprintf(cmd, sizeof(cmd), PROGRAM " check -v%s", sr);
	/* on one line where it fits, else the command on its own */
	if (strlen(more) + strlen(cmd) + 17 <= width) {
		printf("Why, every fact%s: %s\n", more, cmd);
	} else {
		printf("Why, every fact%s:\n", more);
		say_command(width, cmd);
	}
}

const char *check_not_hyperv_why(const struct facts *f, char *buf, size_t len)
{
	const char *v = f->f[F_HYPERV].value;
	size_t n = strlen(v);

	/* the fact's value is "no (WHY)": a line that says "not" wants WHY */
	if (!strncmp(v, "no (", 4) && n > 4 && v[n - 1] == ')')
		snprintf(buf, len, "%.*s", (int)(n - 5), v + 4);
	else
		hv_strcopy(buf, len, v);
	return buf;
}

void check_print_not_applicable(const struct facts *f)
{
	char why[sizeof(f->f[F_HYPERV].value)];

	printf("not a Hyper-V guest: %s, from %s\n", check_not_hyperv_why(f, why, sizeof(why)),
	       f->f[F_HYPERV].source);
	puts("The Hyper-V kdump MMIO problem does not apply here.");
}
