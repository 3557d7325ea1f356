/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The libraries a run loads when it first needs them: libarchive, sqlite
 * and libsystemd (an initramfs, an rpm database, a binary journal under a
 * sysroot), zlib (a gzip file, collect's archive) and libsmartcols (a
 * table): linked at start-up, libarchive alone brings libcrypto, libxml2
 * and ICU, most of what a command costs before main(), and each library
 * costs its mapping, its relocations and their page faults on every run.
 * Include this after the library's own
 * header: the calls keep their prototypes and go through a table,
 * hv_archive.archive_read_new(...), that hv_*_load() fills with dlsym().
 * Built without HV_DLOPEN (a static build), the table holds the functions
 * themselves and hv_*_load() says yes.
 */
#ifndef HVKDUMP_DYNLIB_H
#define HVKDUMP_DYNLIB_H

#include <stdbool.h>

#include "util/error.h"

/*
 * HV_DYNLIB_API(lib, FUNCS): hv_<lib>_load(), and the table hv_<lib> of
 * FUNCS' pointers (struct hv_<lib>_api), each member named as its
 * function: a call is hv_<lib>.f(...). FUNCS is the one list of what is
 * used. With HV_DLOPEN hv_<lib>_load() fills the table with dlsym();
 * without, it holds the functions, linked, and hv_<lib>_load() says yes.
 */
/* NOLINTNEXTLINE(bugprone-macro-parentheses): f is a name, pasted */
#define HV_DYNLIB_MEMBER(f) __typeof__(&f) f;
#define HV_DYNLIB_API(lib, FUNCS) \
	bool hv_##lib##_load(struct hv_err *err); \
	extern struct hv_##lib##_api { FUNCS(HV_DYNLIB_MEMBER) } hv_##lib

#if HAVE_LIBARCHIVE && defined(ARCHIVE_VERSION_NUMBER)
#define HV_ARCHIVE_FUNCS(X) \
	X(archive_entry_filetype) X(archive_entry_hardlink) \
	X(archive_entry_pathname) X(archive_entry_set_pathname) \
	X(archive_entry_set_perm) X(archive_entry_size) X(archive_error_string) \
	X(archive_filter_code) X(archive_filter_name) X(archive_read_data) \
	X(archive_read_data_block) X(archive_read_free) \
	X(archive_read_header_position) X(archive_read_new) \
	X(archive_read_next_header) X(archive_read_open_fd) \
	X(archive_read_open_filename) X(archive_read_support_filter_all) \
	X(archive_read_support_format_cpio) X(archive_read_support_format_empty) \
	X(archive_read_support_format_gnutar) X(archive_read_support_format_raw) \
	X(archive_read_support_format_tar) X(archive_write_data_block) \
	X(archive_write_disk_new) X(archive_write_disk_set_options) \
	X(archive_write_finish_entry) X(archive_write_free) X(archive_write_header)

/* libarchive, or why it cannot be loaded (in @err) */
HV_DYNLIB_API(archive, HV_ARCHIVE_FUNCS);
#endif

#if HAVE_SQLITE && defined(SQLITE_VERSION_NUMBER)
#define HV_SQLITE_FUNCS(X) \
	X(sqlite3_bind_text) X(sqlite3_close) X(sqlite3_column_blob) \
	X(sqlite3_column_bytes) X(sqlite3_deserialize) X(sqlite3_errmsg) \
	X(sqlite3_finalize) X(sqlite3_open_v2) X(sqlite3_prepare_v2) X(sqlite3_step)

HV_DYNLIB_API(sqlite, HV_SQLITE_FUNCS);
#endif

#if HAVE_SYSTEMD && defined(foosdjournalhfoo)
#define HV_SYSTEMD_FUNCS(X) \
	X(sd_journal_add_match) X(sd_journal_close) X(sd_journal_get_data) \
	X(sd_journal_get_monotonic_usec) X(sd_journal_next) X(sd_journal_open_files_fd) \
	X(sd_journal_previous) X(sd_journal_seek_head) X(sd_journal_seek_tail)

HV_DYNLIB_API(systemd, HV_SYSTEMD_FUNCS);
#endif

#if HAVE_ZLIB && defined(ZLIB_H)
#define HV_ZLIB_FUNCS(X) \
	X(gzclose) X(gzdopen) X(gzerror) X(gzwrite) X(inflate) X(inflateEnd) \
	X(inflateInit2_)

HV_DYNLIB_API(zlib, HV_ZLIB_FUNCS);
#endif

#if HAVE_SMARTCOLS && defined(_LIBSMARTCOLS_H)
#define HV_SMARTCOLS_FUNCS(X) \
	X(scols_line_set_data) X(scols_new_table) X(scols_print_table) \
	X(scols_table_enable_noheadings) X(scols_table_new_column) \
	X(scols_table_new_line) X(scols_unref_table)

HV_DYNLIB_API(smartcols, HV_SMARTCOLS_FUNCS);
#endif

/* libzstd and liblzma: an initramfs's zstd or xz (probe/unpack.c), the
 * dynamic build alone (a static one leaves them to libarchive) */
#if HV_DLOPEN && HAVE_ZSTD && defined(ZSTD_VERSION_MAJOR)
#define HV_ZSTD_FUNCS(X) \
	X(ZSTD_createDStream) X(ZSTD_decompressStream) X(ZSTD_freeDStream) \
	X(ZSTD_getErrorName) X(ZSTD_initDStream) X(ZSTD_isError)

HV_DYNLIB_API(zstd, HV_ZSTD_FUNCS);

#endif

#if HV_DLOPEN && HAVE_LZMA && defined(LZMA_H)
#define HV_LZMA_FUNCS(X) X(lzma_code) X(lzma_end) X(lzma_stream_decoder)

HV_DYNLIB_API(lzma, HV_LZMA_FUNCS);

#endif

#endif
