/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every subcommand shares: messages, exit codes, input files. */
#ifndef HVKDUMP_CLI_H
#define HVKDUMP_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "lib/util/error.h"

#define HV_EXIT_OK	0	/* done; or the vmcore would be saved */
#define HV_EXIT_LOST	1	/* the vmcore would be lost */
#define HV_EXIT_ERROR	2	/* bad input, bad usage, a failure */

#define PROGRAM "hvkdump"

void hv_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "FILE:LINE: msg", or "FILE: msg" when the error has no line. */
void hv_warn_at(const char *file, const struct hv_err *err);
/* The one hint after a usage error. */
int hv_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* After getopt's own message: the hint alone. */
int hv_errtryhelp(const char *cmd);

/* Opens @path for reading, "-" meaning stdin; NULL with a message. */
FILE *hv_open_input(const char *cmd, const char *path, const char **shown);
/* Reads @path ("-": stdin) whole, at most @cap bytes; -1 with a message. */
int hv_slurp_input(const char *cmd, const char *path, size_t cap,
		   char **buf, size_t *len, const char **shown);

/*
 * Writes @path atomically: @fill writes the content into a temporary file
 * beside it (mode @mode), which is then synced and renamed over @path, so
 * that a reader never sees half of it. Returns 0 or -errno (@fill's own
 * negative return included).
 */
int hv_write_atomic(const char *path, unsigned int mode, int (*fill)(FILE *out, void *ctx),
		    void *ctx);

/* Flushes stdout; HV_EXIT_ERROR with a message if that fails. */
int hv_close_stdout(int rc);

/* "64M", "1.5G", "4K", "512B": the one-letter style of lsblk. */
void hv_size_to_human(uint64_t bytes, char *buf, size_t len);

/* Subcommands */
int cmd_replay(int argc, char **argv);
int cmd_iomem(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fbinfo(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_fix(int argc, char **argv);

#endif
