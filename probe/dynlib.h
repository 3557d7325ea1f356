/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libarchive, sqlite and libsystemd, loaded when a run first reads what
 * needs them (an initramfs, an rpm database, a binary journal under a
 * sysroot): linked at start-up, libarchive alone brings
 * libcrypto, libxml2 and ICU, most of what a command costs before main().
 * Include this after the library's own
 * header: the calls keep their names and prototypes, and go through a
 * table that hv_*_load() fills with dlsym(). Built without HV_DLOPEN (a
 * static build), the same calls are direct and hv_*_load() says yes.
 */
#ifndef HVKDUMP_DYNLIB_H
#define HVKDUMP_DYNLIB_H

#include <stdbool.h>

#include "util/error.h"

/*
 * HV_DYNLIB_API(lib, FUNCS): hv_<lib>_load(), and with HV_DLOPEN the table
 * hv_<lib> of FUNCS' pointers it fills (struct hv_<lib>_api).
 */
#if HV_DLOPEN
/* NOLINTNEXTLINE(bugprone-macro-parentheses): f is a name, pasted */
#define HV_DYNLIB_MEMBER(f) __typeof__(&f) p_##f;
#define HV_DYNLIB_API(lib, FUNCS) \
	bool hv_##lib##_load(struct hv_err *err); \
	extern struct hv_##lib##_api { FUNCS(HV_DYNLIB_MEMBER) } hv_##lib
#else
#define HV_DYNLIB_API(lib, FUNCS) bool hv_##lib##_load(struct hv_err *err)
#endif

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

#if HV_DLOPEN && !defined(HV_DYNLIB_DEFINE)
#define archive_entry_filetype	(hv_archive.p_archive_entry_filetype)
#define archive_entry_hardlink	(hv_archive.p_archive_entry_hardlink)
#define archive_entry_pathname	(hv_archive.p_archive_entry_pathname)
#define archive_entry_set_pathname	(hv_archive.p_archive_entry_set_pathname)
#define archive_entry_set_perm	(hv_archive.p_archive_entry_set_perm)
#define archive_entry_size	(hv_archive.p_archive_entry_size)
#define archive_error_string	(hv_archive.p_archive_error_string)
#define archive_filter_code	(hv_archive.p_archive_filter_code)
#define archive_filter_name	(hv_archive.p_archive_filter_name)
#define archive_read_data	(hv_archive.p_archive_read_data)
#define archive_read_data_block	(hv_archive.p_archive_read_data_block)
#define archive_read_free	(hv_archive.p_archive_read_free)
#define archive_read_header_position	(hv_archive.p_archive_read_header_position)
#define archive_read_new	(hv_archive.p_archive_read_new)
#define archive_read_next_header	(hv_archive.p_archive_read_next_header)
#define archive_read_open_fd	(hv_archive.p_archive_read_open_fd)
#define archive_read_open_filename	(hv_archive.p_archive_read_open_filename)
#define archive_read_support_filter_all	(hv_archive.p_archive_read_support_filter_all)
#define archive_read_support_format_cpio	(hv_archive.p_archive_read_support_format_cpio)
#define archive_read_support_format_empty	(hv_archive.p_archive_read_support_format_empty)
#define archive_read_support_format_gnutar	(hv_archive.p_archive_read_support_format_gnutar)
#define archive_read_support_format_raw	(hv_archive.p_archive_read_support_format_raw)
#define archive_read_support_format_tar	(hv_archive.p_archive_read_support_format_tar)
#define archive_write_data_block	(hv_archive.p_archive_write_data_block)
#define archive_write_disk_new	(hv_archive.p_archive_write_disk_new)
#define archive_write_disk_set_options	(hv_archive.p_archive_write_disk_set_options)
#define archive_write_finish_entry	(hv_archive.p_archive_write_finish_entry)
#define archive_write_free	(hv_archive.p_archive_write_free)
#define archive_write_header	(hv_archive.p_archive_write_header)
#endif
#endif

#if HAVE_SQLITE && defined(SQLITE_VERSION_NUMBER)
#define HV_SQLITE_FUNCS(X) \
	X(sqlite3_bind_text) X(sqlite3_close) X(sqlite3_column_blob) \
	X(sqlite3_column_bytes) X(sqlite3_deserialize) X(sqlite3_errmsg) \
	X(sqlite3_finalize) X(sqlite3_open_v2) X(sqlite3_prepare_v2) X(sqlite3_step)

HV_DYNLIB_API(sqlite, HV_SQLITE_FUNCS);

#if HV_DLOPEN && !defined(HV_DYNLIB_DEFINE)
#define sqlite3_bind_text		(hv_sqlite.p_sqlite3_bind_text)
#define sqlite3_close			(hv_sqlite.p_sqlite3_close)
#define sqlite3_column_blob		(hv_sqlite.p_sqlite3_column_blob)
#define sqlite3_column_bytes		(hv_sqlite.p_sqlite3_column_bytes)
#define sqlite3_deserialize		(hv_sqlite.p_sqlite3_deserialize)
#define sqlite3_errmsg			(hv_sqlite.p_sqlite3_errmsg)
#define sqlite3_finalize		(hv_sqlite.p_sqlite3_finalize)
#define sqlite3_open_v2			(hv_sqlite.p_sqlite3_open_v2)
#define sqlite3_prepare_v2		(hv_sqlite.p_sqlite3_prepare_v2)
#define sqlite3_step			(hv_sqlite.p_sqlite3_step)
#endif
#endif

#if HAVE_SYSTEMD && defined(foosdjournalhfoo)
#define HV_SYSTEMD_FUNCS(X) \
	X(sd_journal_add_match) X(sd_journal_close) X(sd_journal_get_data) \
	X(sd_journal_get_monotonic_usec) X(sd_journal_next) X(sd_journal_open_files_fd) \
	X(sd_journal_previous) X(sd_journal_seek_head) X(sd_journal_seek_tail)

HV_DYNLIB_API(systemd, HV_SYSTEMD_FUNCS);

#if HV_DLOPEN && !defined(HV_DYNLIB_DEFINE)
#define sd_journal_add_match		(hv_systemd.p_sd_journal_add_match)
#define sd_journal_close		(hv_systemd.p_sd_journal_close)
#define sd_journal_get_data		(hv_systemd.p_sd_journal_get_data)
#define sd_journal_get_monotonic_usec	(hv_systemd.p_sd_journal_get_monotonic_usec)
#define sd_journal_next			(hv_systemd.p_sd_journal_next)
#define sd_journal_open_files_fd	(hv_systemd.p_sd_journal_open_files_fd)
#define sd_journal_previous		(hv_systemd.p_sd_journal_previous)
#define sd_journal_seek_head		(hv_systemd.p_sd_journal_seek_head)
#define sd_journal_seek_tail		(hv_systemd.p_sd_journal_seek_tail)
#endif
#endif

/* libzstd and liblzma: an initramfs's zstd or xz (probe/unpack.c), the
 * dynamic build alone (a static one leaves them to libarchive) */
#if HV_DLOPEN && defined(HVKDUMP_ZSTD_ABI_H)
#define HV_ZSTD_FUNCS(X) \
	X(ZSTD_createDStream) X(ZSTD_decompressStream) X(ZSTD_freeDStream) \
	X(ZSTD_getErrorName) X(ZSTD_initDStream) X(ZSTD_isError)

HV_DYNLIB_API(zstd, HV_ZSTD_FUNCS);

#if !defined(HV_DYNLIB_DEFINE)
#define ZSTD_createDStream		(hv_zstd.p_ZSTD_createDStream)
#define ZSTD_decompressStream		(hv_zstd.p_ZSTD_decompressStream)
#define ZSTD_freeDStream		(hv_zstd.p_ZSTD_freeDStream)
#define ZSTD_getErrorName		(hv_zstd.p_ZSTD_getErrorName)
#define ZSTD_initDStream		(hv_zstd.p_ZSTD_initDStream)
#define ZSTD_isError			(hv_zstd.p_ZSTD_isError)
#endif
#endif

#if HV_DLOPEN && HAVE_LZMA && defined(LZMA_H)
#define HV_LZMA_FUNCS(X) X(lzma_code) X(lzma_end) X(lzma_stream_decoder)

HV_DYNLIB_API(lzma, HV_LZMA_FUNCS);

#if !defined(HV_DYNLIB_DEFINE)
#define lzma_code			(hv_lzma.p_lzma_code)
#define lzma_end			(hv_lzma.p_lzma_end)
#define lzma_stream_decoder		(hv_lzma.p_lzma_stream_decoder)
#endif
#endif

#endif
