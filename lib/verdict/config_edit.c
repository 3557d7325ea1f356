// SPDX-License-Identifier: GPL-2.0-or-later
/* Editing the kdump service's kexec arguments, and showing the edit as a diff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "config_edit.h"
#include "util/lines.h"
#include "lib/formats/parsers.h"
#include "util/strbuf.h"

enum flag { FLAG_NONE, FLAG_LOAD, FLAG_FILE };

static enum flag flag_of(const char *p, size_t len)
{
	if ((len == 2 && (!strncmp(p, "-c", 2) || !strncmp(p, "-a", 2))) ||
	    (len == 15 && !strncmp(p, "--kexec-syscall", 15)) ||
	    (len == 20 && !strncmp(p, "--kexec-syscall-auto", 20)))
		return FLAG_LOAD;
	if ((len == 2 && !strncmp(p, "-s", 2)) ||
	    (len == 20 && !strncmp(p, "--kexec-file-syscall", 20)))
		return FLAG_FILE;
	return FLAG_NONE;
}

/* True when @value asks for kexec_file_load and nothing else. */
static bool file_load_only(const char *value)
{
	bool file = false;

	while (*value) {
		size_t len;

		while (*value == ' ' || *value == '\t')
			value++;
		len = strcspn(value, " \t");
		switch (flag_of(value, len)) {
		case FLAG_LOAD:
			return false;
		case FLAG_FILE:
			file = true;
			break;
		case FLAG_NONE:
			break;
		}
		value += len;
	}
	return file;
}

/* The value with every syscall option replaced by one -s. */
static void file_load_args(const char *value, struct strbuf *out)
{
	const char *p = value;
	bool added = false;

	while (*p) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t");
		if (flag_of(p, len) != FLAG_NONE) {
			if (!added) {
				sb_addf(out, "%s-s", out->len ? " " : "");
				added = true;
			}
		} else {
			sb_addf(out, "%s%.*s", out->len ? " " : "", (int)len, p);
		}
		p += len;
	}
	if (!added)
		sb_addf(out, "%s-s", out->len ? " " : "");
}

/* Does the line assign @var (possibly after "export")? Start of the value in *val. */
static bool assigns(const char *line, size_t len, const char *var, size_t *val)
{
	size_t n = strlen(var), i = strspn(line, " \t");

	if (i > len)
		return false;
	if (len - i > 7 && !strncmp(line + i, "export ", 7))
		i += 7;
	if (len - i <= n || strncmp(line + i, var, n) || line[i + n] != '=')
		return false;
	*val = i + n + 1;
	return true;
}

/* "#VAR=" or "# VAR=": the distribution's commented default. */
static bool commented(const char *line, size_t len, const char *var)
{
	size_t i = 0;

	while (i < len && (line[i] == '#' || line[i] == ' ' || line[i] == '\t'))
		i++;
	return i && len - i > strlen(var) && !strncmp(line + i, var, strlen(var)) &&
	       line[i + strlen(var)] == '=';
}

/* Both last assignments known and equal, or both unknown with the same text. */
static bool same_var(const struct shellvar *x, const struct shellvar *y)
{
	if (!x || !y || !x->unknown != !y->unknown)
		return false;
	return !strcmp(x->value, y->value);
}

/* True when @b assigns what @a does, but @var, whose last value is @value. */
static bool same_but(const char *a, size_t alen, const char *b, size_t blen, const char *var,
		     const char *value)
{
	struct shellvars va, vb;
	struct hv_err err = { 0, "" };
	const char *got;
	bool ok = true;
	size_t i;

	if (shellvars_parse(a, alen, &va, &err))
		return false;
	if (shellvars_parse(b, blen, &vb, &err)) {
		shellvars_free(&va);
		return false;
	}
	got = shellvars_get(&vb, var);
	ok = got && !strcmp(got, value);
	for (i = 0; ok && i < va.n; i++)
		ok = !strcmp(va.v[i].name, var) ||
		     same_var(shellvars_find(&va, va.v[i].name), shellvars_find(&vb, va.v[i].name));
	for (i = 0; ok && i < vb.n; i++)
		ok = !strcmp(vb.v[i].name, var) || shellvars_find(&va, vb.v[i].name);
	shellvars_free(&va);
	shellvars_free(&vb);
	return ok;
}

int kexec_args_use_file_load(const char *text, size_t len, const char *var, char **out,
			     size_t *outlen, struct hv_err *err)
{
	struct strbuf res = STRBUF_INIT, val = STRBUF_INIT;
	struct shellvars sv;
	const char *cur, *line;
	struct line_iter it;
	size_t l, at, last = 0, i;
	bool done = false;

	if (shellvars_parse(text, len, &sv, err))
		return -1;
	cur = shellvars_get(&sv, var);
	if (cur) {
		if (file_load_only(cur)) {
			shellvars_free(&sv);
			return 0;
		}
		file_load_args(cur, &val);
		/* the last assignment wins in the shell: that is the one to change */
		for (i = 0; i < sv.n; i++)
			if (!strcmp(sv.v[i].name, var))
				last = sv.v[i].line;
	} else {
		file_load_args("", &val);
	}
	shellvars_free(&sv);

	line_iter_init(&it, text, len);
	while (line_next(&it, &line, &l)) {
		if (cur && it.lineno == last && assigns(line, l, var, &at)) {
			sb_addf(&res, "%.*s\"%s\"\n", (int)at, line, sb_str(&val));
			done = true;
			continue;
		}
		sb_addf(&res, "%.*s\n", (int)l, line);
		if (!cur && !done && commented(line, l, var)) {
			sb_addf(&res, "%s=\"%s\"\n", var, sb_str(&val));
			done = true;
		}
	}
	if (!done) {
		if (cur) {
			/* an assignment that spans lines: not ours to rewrite */
			hv_err_set(err, last, "%s spans several lines: change it by hand", var);
			sb_release(&res);
			sb_release(&val);
			return -1;
		}
		sb_addf(&res, "%s=\"%s\"\n", var, sb_str(&val));
	}
	if (res.oom) {
		sb_release(&res);
		sb_release(&val);
		hv_err_set(err, 0, "out of memory");
		return -1;
	}
	/* the shell must read the new text as the old, with @var changed only */
	if (!same_but(text, len, res.buf, res.len, var, sb_str(&val))) {
		hv_err_set(err, last, "%s spans several lines: change it by hand", var);
		sb_release(&res);
		sb_release(&val);
		return -1;
	}
	sb_release(&val);
	*out = res.buf;
	*outlen = res.len;
	return 1;
}

struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

static int split(const char *text, size_t len, struct lines *ls)
{
	struct line_iter it;
	const char *line, **np;
	size_t l, *nl, pcap = 0, lcap = 0;

	ls->p = NULL;
	ls->len = NULL;
	ls->n = 0;
	line_iter_init(&it, text, len);
	while (line_next(&it, &line, &l)) {
		np = hv_grow(ls->p, &pcap, ls->n, sizeof(*np), 64);
		if (!np)
			return -1;
		ls->p = np;
		nl = hv_grow(ls->len, &lcap, ls->n, sizeof(*nl), 64);
		if (!nl)
			return -1;
		ls->len = nl;
		ls->p[ls->n] = line;
		ls->len[ls->n++] = l;
	}
	return 0;
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->p[i], b->p[j], a->len[i]);
}

char *unified_diff(const char *label_a, const char *label_b, const char *a, size_t alen,
		   const char *b, size_t blen)
{
	struct lines la = { NULL, NULL, 0 }, lb = { NULL, NULL, 0 };
	struct strbuf d = STRBUF_INIT;
	size_t pre = 0, suf = 0, ctx = 3, s, ea, eb, i;

	if (split(a, alen, &la) || split(b, blen, &lb))
		goto out;
	while (pre < la.n && pre < lb.n && same(&la, pre, &lb, pre))
		pre++;
	while (suf < la.n - pre && suf < lb.n - pre &&
	       same(&la, la.n - 1 - suf, &lb, lb.n - 1 - suf))
		suf++;
	s = pre > ctx ? pre - ctx : 0;
	ea = la.n - suf + (suf > ctx ? ctx : suf);
	eb = lb.n - suf + (suf > ctx ? ctx : suf);
	sb_addf(&d, "--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", label_a, label_b,
		ea > s ? s + 1 : s, ea - s, eb > s ? s + 1 : s, eb - s);
	for (i = s; i < pre; i++)
		sb_addf(&d, " %.*s\n", (int)la.len[i], la.p[i]);
	for (i = pre; i < la.n - suf; i++)
		sb_addf(&d, "-%.*s\n", (int)la.len[i], la.p[i]);
	for (i = pre; i < lb.n - suf; i++)
		sb_addf(&d, "+%.*s\n", (int)lb.len[i], lb.p[i]);
	for (i = la.n - suf; i < ea; i++)
		sb_addf(&d, " %.*s\n", (int)la.len[i], la.p[i]);
out:
	free(la.p);
	free(la.len);
	free(lb.p);
	free(lb.len);
	if (d.oom) {
		sb_release(&d);
		return NULL;
	}
	return d.buf;
}
