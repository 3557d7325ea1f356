// SPDX-License-Identifier: GPL-2.0-or-later
/* /lib/modules/RELEASE/modules.builtin: one "kernel/.../name.ko" a line. */
#include "util/lines.h"
#include "parsers.h"

/* modprobe treats '-' and '_' in module names alike */
static bool same_module(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return true;
}

int modules_builtin_check(const char *text, size_t len, struct hv_err *err)
{
	struct line_iter it;
	unsigned long n = 0;
	const char *p;
	size_t l, i;

	if (!len) {
		hv_err_set(err, 0, "empty: a kernel build lists its built-in modules");
		return -1;
	}
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		n++;
		if (!l)
			continue;
		for (i = 0; i < l; i++)
			if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f) {
				hv_err_set(err, n, "a byte 0x%02x: not a module path",
					   (unsigned char)p[i]);
				return -1;
			}
		if (l < 4 || memcmp(p + l - 3, ".ko", 3)) {
			hv_err_set(err, n, "\"%.*s\" does not end in .ko", (int)(l > 40 ? 40 : l), p);
			return -1;
		}
	}
	if (text[len - 1] != '\n') {
		hv_err_set(err, n, "no newline at the end: the file is cut");
		return -1;
	}
	return 0;
}

bool modules_builtin_has(const char *text, size_t len, const char *module)
{
	size_t m = strlen(module), l;
	struct line_iter it;
	const char *p;

	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		const char *base = p + l;

		while (base > p && base[-1] != '/')
			base--;
		if ((size_t)(p + l - base) == m + 3 && !memcmp(base + m, ".ko", 3) &&
		    same_module(base, module, m))
			return true;
	}
	return false;
}
