// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The libraries a run loads when it first needs them (dynlib.h): one
 * dlopen() each, the first time, every symbol looked up then; a library
 * that is missing, or lacks a symbol, is said so each time it is asked for.
 */
#if HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>
#endif
#if HAVE_SQLITE
#include <sqlite3.h>
#endif
#if HAVE_SYSTEMD
#include <systemd/sd-journal.h>
#endif
#if HAVE_ZLIB
#include <zlib.h>
#endif
#if HAVE_SMARTCOLS
#include <libsmartcols.h>
#endif
#if HV_DLOPEN
#include <dlfcn.h>
#endif
#if HV_DLOPEN && HAVE_ZSTD
#include <zstd.h>
#endif
#if HV_DLOPEN && HAVE_LZMA
#include <lzma.h>
#endif
#include <stdio.h>

#include "util/strcopy.h"
#include "dynlib.h"

#if HV_DLOPEN
struct dynlib {
	const char *soname;
	void *handle;
	int state;		/* 0: not tried, 1: loaded, -1: failed */
	char why[256];
};

static void *dynlib_open(struct dynlib *l)
{
	const char *e;

	if (l->state)
		return l->state > 0 ? l->handle : NULL;
	l->state = -1;
	l->handle = dlopen(l->soname, RTLD_LAZY | RTLD_LOCAL);
	if (!l->handle) {
		e = dlerror();
		hv_strcopy(l->why, sizeof(l->why), e ? e : l->soname);
	}
	return l->handle;
}

static void *dynlib_sym(struct dynlib *l, const char *name)
{
	void *p = dlsym(l->handle, name);

	if (!p) {
		snprintf(l->why, sizeof(l->why), "%s: no symbol %s", l->soname, name);
		l->state = -1;
	}
	return p;
}

static bool dynlib_done(struct dynlib *l, struct hv_err *err)
{
	if (l->state == -1) {
		if (l->handle) {
			dlclose(l->handle);
			l->handle = NULL;
		}
		l->state = -2;
	}
	if (l->state < 0)
		hv_err_set(err, 0, "%s", l->why);
	return l->state > 0;
}

/* One loader a library: its table, filled from its handle. */
#define HV_DYNLIB_SYM(f) \
	if (!(api->f = (__typeof__(api->f))dynlib_sym(l, #f))) \
		return dynlib_done(l, err);

#define HV_DYNLIB_LOADER(name, soname_, funcs)				\
	struct hv_##name##_api hv_##name;				\
	bool hv_##name##_load(struct hv_err *err)			\
	{								\
		static struct dynlib lib = { .soname = (soname_) };	\
		struct hv_##name##_api *api = &hv_##name;		\
		struct dynlib *l = &lib;				\
									\
		if (l->state)						\
			return dynlib_done(l, err);			\
		if (!dynlib_open(l))					\
			return dynlib_done(l, err);			\
		funcs(HV_DYNLIB_SYM)					\
		l->state = 1;						\
		return true;						\
	}
#else
/* the table holds the linked functions */
#define HV_DYNLIB_INIT(f) .f = f,
#define HV_DYNLIB_LOADER(name, soname_, funcs)				\
	struct hv_##name##_api hv_##name = { funcs(HV_DYNLIB_INIT) };	\
	bool hv_##name##_load(struct hv_err *err)			\
	{								\
		(void)err;						\
		return true;						\
	}
#endif

#if HAVE_LIBARCHIVE
HV_DYNLIB_LOADER(archive, HV_SONAME_ARCHIVE, HV_ARCHIVE_FUNCS)
#endif
#if HAVE_SQLITE
HV_DYNLIB_LOADER(sqlite, HV_SONAME_SQLITE, HV_SQLITE_FUNCS)
#endif
#if HAVE_SYSTEMD
HV_DYNLIB_LOADER(systemd, HV_SONAME_SYSTEMD, HV_SYSTEMD_FUNCS)
#endif
#if HAVE_ZLIB
HV_DYNLIB_LOADER(zlib, HV_SONAME_ZLIB, HV_ZLIB_FUNCS)
#endif
#if HAVE_SMARTCOLS
HV_DYNLIB_LOADER(smartcols, HV_SONAME_SMARTCOLS, HV_SMARTCOLS_FUNCS)
#endif
#if HV_DLOPEN && HAVE_ZSTD
HV_DYNLIB_LOADER(zstd, HV_SONAME_ZSTD, HV_ZSTD_FUNCS)
#endif
#if HV_DLOPEN && HAVE_LZMA
HV_DYNLIB_LOADER(lzma, HV_SONAME_LZMA, HV_LZMA_FUNCS)
#endif
