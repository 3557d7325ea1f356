// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replay language. One command a line, '#' starts a comment:
 *   set vtpm-fix on|off
 *   range START END                     vmbus_walk_resources()
 *   region START END NAME...            a non-busy resource (window, BAR)
 *   busy START END NAME...              a busy resource
 *   reserve-fb START SIZE               vmbus_reserve_fb()'s request loop
 *   alloc NAME MIN MAX SIZE ALIGN FB_OVERLAP_OK   vmbus_allocate_mmio()
 *   free START SIZE                     vmbus_free_mmio()
 *   release START SIZE                  release_mem_region(), e.g. of a
 *                                       firmware framebuffer a driver removes
 *   iomem                               the global tree as /proc/iomem
 *   ranges                              the VMBus ranges and their claims
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/iomem.h"
#include "util/asan.h"
#include "util/number.h"
#include "replay.h"
#include "util/strbuf.h"
#include "model/linux/drivers/hv/vmbus.h"

/* leak checkers see the whole model freed: valgrind, and LeakSanitizer's builds */
#if HAVE_VALGRIND_MEMCHECK_H
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif
#define LEAK_CHECKED (HV_ASAN || RUNNING_ON_VALGRIND)

#define MAX_ARGS 8

struct replay {
	struct vmbus_mmio vm;
	struct resource *iomem;
	FILE *out;
	unsigned long line;
	unsigned long regions;	/* commands run that make one */
	struct hv_err *err;
	/* the current line, split */
	char *argv[MAX_ARGS];
	int argc;
	const char *rest;	/* NAME... of region/busy: the text after END */
	replay_alloc_fn alloc;
};

#define fail(rp, ...) \
	do { hv_err_set((rp)->err, (rp)->line, __VA_ARGS__); return -1; } while (0)

static int number(struct replay *rp, int i, const char *what, uint64_t *v)
{
	const char *why = hv_parse_u64(rp->argv[i], v);

	if (why)
		fail(rp, "%s: %s \"%s\": %s", rp->argv[0], what, rp->argv[i], why);
	return 0;
}

static int nargs(struct replay *rp, int want, const char *usage)
{
	if (rp->argc != want)
		fail(rp, "%s: expected %s", rp->argv[0], usage);
	return 0;
}

static int cmd_set(struct replay *rp, bool unused)
{
	bool on = false;

	(void)unused;

	if (nargs(rp, 3, "set vtpm-fix on|off"))
		return -1;
	if (strcmp(rp->argv[1], "vtpm-fix"))
		fail(rp, "set: unknown setting \"%s\" (known: vtpm-fix)", rp->argv[1]);
	if (!strcmp(rp->argv[2], "on"))
		on = true;
	else if (!strcmp(rp->argv[2], "off"))
		on = false;
	else
		fail(rp, "set: vtpm-fix takes on or off, not \"%s\"", rp->argv[2]);
	rp->vm.vtpm_fix = on;
	return 0;
}

static int start_end(struct replay *rp, uint64_t *start, uint64_t *end)
{
	if (number(rp, 1, "START", start) || number(rp, 2, "END", end))
		return -1;
	if (*end < *start)
		fail(rp, "%s: END 0x%" PRIx64 " is below START 0x%" PRIx64,
		     rp->argv[0], *end, *start);
	return 0;
}

static int cmd_range(struct replay *rp, bool unused)
{
	uint64_t start, end;

	(void)unused;

	if (nargs(rp, 3, "range START END") || start_end(rp, &start, &end))
		return -1;
	if (vmbus_walk_resources(&rp->vm, start, end))
		fail(rp, "range: out of memory");
	return 0;
}

static int cmd_region(struct replay *rp, bool busy)
{
	struct resource *r, *conflict;
	uint64_t start, end;

	if (rp->argc < 4)
		fail(rp, "%s: expected %s START END NAME", rp->argv[0], rp->argv[0]);
	if (start_end(rp, &start, &end))
		return -1;
	if (start == 0 && end == UINT64_MAX)
		fail(rp, "%s: 0-0xffffffffffffffff is the whole address space", rp->argv[0]);
	r = res_request_nested(rp->iomem, start, end - start + 1, rp->rest,
			       IORESOURCE_MEM | (busy ? IORESOURCE_BUSY : 0),
			       &conflict);
	if (!r) {
		if (!conflict)
			fail(rp, "%s: out of memory", rp->argv[0]);
		fprintf(rp->out, "region %s: conflict with %s\n", rp->rest,
			conflict->name ? conflict->name : "<BAD>");
	} else if (res_depth(rp->iomem, r) > REPLAY_DEPTH_MAX) {
		fail(rp, "%s: nested more than %d deep: too deep to run (a real /proc/iomem "
		     "nests a few levels)", rp->argv[0], REPLAY_DEPTH_MAX);
	}
	return 0;
}

static int cmd_reserve_fb(struct replay *rp, bool unused)
{
	struct resource *fb;
	uint64_t start, size;

	(void)unused;

	if (nargs(rp, 3, "reserve-fb START SIZE") ||
	    number(rp, 1, "START", &start) || number(rp, 2, "SIZE", &size))
		return -1;
	fb = vmbus_reserve_fb_range(&rp->vm, start, size);
	if (fb)
		fprintf(rp->out, "fb_range = 0x%" PRIx64 "-0x%" PRIx64 "\n",
			fb->start, fb->end);
	else
		fprintf(rp->out, "fb_range = none\n");
	return 0;
}

/* "NAME = 0xSTART-0xEND": a line an allocation, a million in a large script */
static void put_placed(struct replay *rp, const struct resource *new)
{
	char buf[2 * 19 + 2];
	unsigned int n;

	fputs(rp->argv[1], rp->out);
	fputs(" = ", rp->out);
	n = hv_fmt_hex(buf, new->start);
	buf[n++] = '-';
	n += hv_fmt_hex(buf + n, new->end);
	fwrite(buf, 1, n, rp->out);
	if (rp->vm.wrapped)
		fputs(" (the fb_range loop's address wrapped past 2^64 to 0)", rp->out);
	putc('\n', rp->out);
}

static int cmd_alloc(struct replay *rp, bool unused)
{
	uint64_t min, max, size, align, ok;
	struct resource *new;
	int rc;

	(void)unused;

	if (nargs(rp, 7, "alloc NAME MIN MAX SIZE ALIGN FB_OVERLAP_OK") ||
	    number(rp, 2, "MIN", &min) || number(rp, 3, "MAX", &max) ||
	    number(rp, 4, "SIZE", &size) || number(rp, 5, "ALIGN", &align) ||
	    number(rp, 6, "FB_OVERLAP_OK", &ok))
		return -1;
	if (!res_is_pow2(align))
		fail(rp, "alloc: ALIGN 0x%" PRIx64 " is not a power of two", align);
	if (ok > 1)
		fail(rp, "alloc: FB_OVERLAP_OK is 0 or 1, not \"%s\"", rp->argv[6]);
	rc = rp->alloc(&rp->vm, &new, rp->argv[1], min, max, size, align, ok);
	if (rc == -ENOMEM)
		fail(rp, "alloc: out of memory");
	if (rc == VMBUS_MMIO_SPINS)
		fprintf(rp->out, "%s: never returns: the loop's address wraps past 2^64 and "
			"finds no room: the kernel would spin here, holding hyperv_mmio_lock\n",
			rp->argv[1]);
	else if (rc)
		fprintf(rp->out, "%s = -ENXIO\n", rp->argv[1]);
	else
		put_placed(rp, new);
	if (rc != VMBUS_MMIO_SPINS && rp->vm.steps > VMBUS_MMIO_LONG_LOOP)
		fprintf(rp->out, "%s: the kernel tries about 2^%u candidates, one by one, "
			"holding hyperv_mmio_lock: minutes or more\n", rp->argv[1],
			63 - (unsigned int)__builtin_clzll(rp->vm.steps));
	return 0;
}

/* kernel/resource.c: __release_region()'s pr_warn(); %pa is 0x%016llx */
static void warn_nonexistent(struct replay *rp, uint64_t start, uint64_t size,
			     unsigned int n)
{
	while (n--)
		fprintf(rp->out,
			"Trying to free nonexistent resource <0x%016" PRIx64 "-0x%016" PRIx64 ">\n",
			start, start + size - 1);
}

static int cmd_free(struct replay *rp, bool vmbus)
{
	uint64_t start, size;

	if (nargs(rp, 3, vmbus ? "free START SIZE" : "release START SIZE") ||
	    number(rp, 1, "START", &start) || number(rp, 2, "SIZE", &size))
		return -1;
	if (vmbus)
		warn_nonexistent(rp, start, size, vmbus_free_mmio(&rp->vm, start, size));
	else
		warn_nonexistent(rp, start, size,
				 !res_release_region(rp->iomem, start, size));
	return 0;
}

static int print_tree(struct replay *rp, bool ranges)
{
	struct strbuf sb = STRBUF_INIT;
	struct resource *r;

	if (nargs(rp, 1, ranges ? "ranges" : "iomem"))
		return -1;
	if (!ranges)
		iomem_show(rp->iomem, &sb);
	for (r = ranges ? rp->vm.hyperv_mmio : NULL; r; r = r->sibling)
		iomem_show_with_root(r, &sb);
	if (sb.oom) {
		sb_release(&sb);
		fail(rp, "%s: out of memory", rp->argv[0]);
	}
	fputs(sb_str(&sb), rp->out);
	sb_release(&sb);
	return 0;
}

/* Splits @line in place; NAME... keeps its inner spaces. */
static int split(struct replay *rp, char *line)
{
	char *p = line;

	rp->argc = 0;
	rp->rest = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (rp->argc == 3 && (!strcmp(rp->argv[0], "region") ||
				      !strcmp(rp->argv[0], "busy"))) {
			char *e = p + strlen(p);

			while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				*--e = '\0';
			rp->rest = p;
			rp->argv[rp->argc++] = p;
			break;
		}
		if (rp->argc == MAX_ARGS)
			fail(rp, "%s: too many arguments", rp->argv[0]);
		rp->argv[rp->argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return 0;
}

/*
 * The commands: a name, whether it makes a region (the cap), its flag;
 * looked up in this order, the lines a large script is made of first
 */
static const struct replay_cmd {
	const char *name;
	int (*run)(struct replay *rp, bool flag);
	bool flag;
	bool makes_region;
} replay_cmds[] = {
	{ "alloc", cmd_alloc, false, true },
	{ "free", cmd_free, true, false },
	{ "set", cmd_set, false, false },
	{ "range", cmd_range, false, true },
	{ "region", cmd_region, false, true },
	{ "busy", cmd_region, true, true },
	{ "reserve-fb", cmd_reserve_fb, false, true },
	{ "release", cmd_free, false, false },
	{ "iomem", print_tree, false, false },
	{ "ranges", print_tree, true, false },
};

static int run_line(struct replay *rp, char *line)
{
	char *hash = strchr(line, '#');
	const struct replay_cmd *c;
	const char *cmd;

	if (hash)
		*hash = '\0';
	if (split(rp, line))
		return -1;
	if (!rp->argc)
		return 0;
	cmd = rp->argv[0];
	for (c = replay_cmds; c < replay_cmds + sizeof(replay_cmds) / sizeof(replay_cmds[0]); c++) {
		if (strcmp(cmd, c->name))
			continue;
		if (c->makes_region && ++rp->regions > REPLAY_REGIONS_MAX)
			fail(rp, "%s: more than %d commands that make a region: too large to "
			     "run (a real VM has a few dozen regions)", cmd, REPLAY_REGIONS_MAX);
		return c->run(rp, c->flag);
	}
	fail(rp, "unknown command \"%s\"", cmd);
}

/*
 * The script: read a block at a time (REPLAY_BLOCK bytes, each line found
 * with memchr()), or from a terminal a line at a time, so that each line
 * runs as it is typed. Holds one block and the line that crosses its end,
 * never the script.
 */
struct script {
	FILE *in;
	int fd;			/* read(2) on it, which returns what a pipe has; */
				/* -1: fread(), for a stream without one (fmemopen) */
	bool tty;
	char *buf;		/* SCRIPT_BUF bytes */
	size_t pos, len;	/* the next line starts at pos; len bytes read */
	bool eof;
};

#define SCRIPT_BUF (REPLAY_BLOCK + REPLAY_LINE_MAX + 1)

/* Moves the unread bytes to the front and reads a block after them. */
static int script_fill(struct script *s)
{
	size_t room;
	ssize_t got;

	memmove(s->buf, s->buf + s->pos, s->len - s->pos);
	s->len -= s->pos;
	s->pos = 0;
	room = SCRIPT_BUF - 1 - s->len;	/* one byte kept for a last line's NUL */
	if (s->fd < 0) {
		got = (ssize_t)fread(s->buf + s->len, 1, room, s->in);
		if (ferror(s->in))
			return -1;
	} else {
		do
			got = read(s->fd, s->buf + s->len, room);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			return -1;
	}
	s->eof = got == 0;
	s->len += (size_t)got;
	return 0;
}

/*
 * The next line, without its newline, NUL-terminated in place. Returns 1,
 * 0 at the end, -1 on a read error, -2 for a line longer than
 * REPLAY_LINE_MAX bytes, -3 for a NUL byte (where a line is both, the one
 * met first).
 */
static int script_block_line(struct script *s, char **line)
{
	for (;;) {
		char *p = s->buf + s->pos, *nl = memchr(p, '\n', s->len - s->pos);
		size_t n = nl ? (size_t)(nl - p) : s->len - s->pos;

		if (nl || n > REPLAY_LINE_MAX || (s->eof && n)) {
			if (memchr(p, '\0', n > REPLAY_LINE_MAX ? REPLAY_LINE_MAX + 1 : n))
				return -3;
			if (n > REPLAY_LINE_MAX)
				return -2;
			p[n] = '\0';
			s->pos += n + (nl != NULL);
			*line = p;
			return 1;
		}
		if (s->eof)
			return 0;
		if (script_fill(s))
			return -1;
	}
}

/* The same from a terminal, a character at a time up to the newline. */
static int script_tty_line(struct script *s, char **line)
{
	size_t n = 0;
	int c;

	while ((c = getc_unlocked(s->in)) != EOF && c != '\n') {
		if (c == '\0')
			return -3;
		if (n == REPLAY_LINE_MAX)
			return -2;
		s->buf[n++] = (char)c;
	}
	s->buf[n] = '\0';
	*line = s->buf;
	if (c == EOF) {
		if (ferror(s->in))
			return -1;
		if (!n)
			return 0;
	}
	return 1;
}

static int script_line(struct script *s, char **line)
{
	return s->tty ? script_tty_line(s, line) : script_block_line(s, line);
}

static int script_open(struct script *s, FILE *in)
{
	*s = (struct script){ .in = in, .fd = fileno(in) };
	s->tty = s->fd >= 0 && isatty(s->fd);
	s->buf = malloc(SCRIPT_BUF);
	return s->buf ? 0 : -1;
}

static int run_script(FILE *in, FILE *out, struct hv_err *err, replay_alloc_fn alloc,
		      bool exiting)
{
	struct replay rp = { .out = out, .err = err, .alloc = alloc };
	struct script script;
	int rc = 0, got;
	char *line;

	rp.iomem = script_open(&script, in) ? NULL : iomem_root_new();
	if (!rp.iomem) {
		free(script.buf);
		hv_err_set(err, 0, "out of memory");
		return -1;
	}
	vmbus_init(&rp.vm, rp.iomem);
	while ((got = script_line(&script, &line)) > 0) {
		if (++rp.line > REPLAY_LINES_MAX) {
			hv_err_set(err, rp.line, "more than %d lines: too large to run",
				   REPLAY_LINES_MAX);
			rc = -1;
			break;
		}
		rc = run_line(&rp, line);
		if (rc)
			break;
	}
	if (got < 0) {
		rp.line++;
		if (got == -1)
			hv_err_set(err, 0, "read error: %s", strerror(errno));
		else if (got == -2)
			hv_err_set(err, rp.line, "line longer than %d bytes", REPLAY_LINE_MAX);
		else
			hv_err_set(err, rp.line, "NUL byte in line");
		rc = -1;
	}
	free(script.buf);
	if (exiting && rp.regions > REPLAY_KEEP_AT_EXIT && !LEAK_CHECKED)
		return rc;
	vmbus_release(&rp.vm);
	res_free(rp.iomem);
	return rc;
}

int replay_run_with(FILE *in, FILE *out, struct hv_err *err, replay_alloc_fn alloc)
{
	return run_script(in, out, err, alloc, false);
}

int replay_run_exiting(FILE *in, FILE *out, struct hv_err *err)
{
	return run_script(in, out, err, vmbus_allocate_mmio, true);
}
