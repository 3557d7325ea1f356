/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every subcommand shares: messages, exit codes, input files. */
#ifndef HVKDUMP_CLI_H
#define HVKDUMP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/error.h"

#define HV_EXIT_OK	0	/* done; or the vmcore would be saved */
#define HV_EXIT_LOST	1	/* the vmcore would be lost */
#define HV_EXIT_ERROR	2	/* bad input, bad usage, a failure */
/* fix --apply: the file was changed, but its report could not be written */
#define HV_EXIT_CHANGED_UNREPORTED	3

#define PROGRAM "hvkdump"

void hv_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * With --json (@cmd the command's name): the messages hv_warnx() and its
 * kin print are kept, and hv_json_error_exit() turns a failed run into an
 * error object on stdout.
 */
void hv_json_errors(const char *cmd);
/* A message for the error object alone (one another part printed already). */
void hv_json_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * @rc; when it is HV_EXIT_ERROR in a --json run that printed no JSON
 * document, {"schema_version", "hvkdump_version", "error": {...}} first.
 */
int hv_json_error_exit(int rc);
/* "hvkdump: FILE:LINE: msg", or "hvkdump: FILE: msg" when the error has no line. */
void hv_warn_at(const char *file, const struct hv_err *err);
/* The one hint after a usage error. */
int hv_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* After getopt's own message: the hint alone. */
int hv_errtryhelp(const char *cmd);
struct option;
/* The same, with a "did you mean" for a near long option (argv[optind - 1]). */
int hv_bad_option(const char *cmd, char **argv, const struct option *longopts);
/* Edit distance of two short words (99 past 31 bytes). */
unsigned int hv_distance(const char *a, const char *b);

/*
 * -o, --output LIST of @cmd: the comma-separated names of @list (any
 * case), each looked up in @names (@n of them, the command's column
 * table), their indexes into @sel in the order given, at most @max.
 * Returns how many, or -1 with a message: an unknown column (naming the
 * known ones), too many, none.
 */
int hv_parse_columns(const char *cmd, const char *list, const char *const *names, size_t n,
		     unsigned int *sel, size_t max);

/* Opens @path for reading, "-" meaning stdin; NULL with a message. */
FILE *hv_open_input(const char *cmd, const char *path, const char **shown);
/* Reads @path ("-": stdin) whole, at most @cap bytes; -1 with a message. */
int hv_slurp_input(const char *cmd, const char *path, size_t cap,
		   char **buf, size_t *len, const char **shown);

/*
 * Writes a file the user named, through @fill (which returns 0 or -errno):
 * "-" is stdout; a path that does not exist or is a regular file gets a
 * temporary file beside it, synced and renamed over it, so that a reader
 * never sees half of it (an existing file's owner and mode are kept, a new
 * one gets @mode less the umask); a character device or a FIFO is written
 * where it is, never replaced. A symbolic link is refused (-ELOOP): a root
 * tool is not steered by links in shared directories; so are a directory
 * (-EISDIR), a block device and a socket (-ENODEV). Returns 0 or -errno.
 */
int hv_write_output(const char *path, unsigned int mode, int (*fill)(FILE *out, void *ctx),
		    void *ctx);
/* What hv_write_output()'s return means, for "hvkdump: CMD: PATH: reason". */
const char *hv_output_strerror(int rc);

/* "hvkdump VERSION" on stdout, for every command's -V, --version. */
int hv_print_version(void);

/* Flushes stdout; HV_EXIT_ERROR with a message if that fails. */
int hv_close_stdout(int rc);

/* @s as one shell word: as it is when that is safe, else in single quotes. */
void hv_print_shell_word(FILE *out, const char *s);

/* "64M", "1.5G", "4K", "512B": the one-letter style of lsblk. */
void hv_size_to_human(uint64_t bytes, char *buf, size_t len);

/*
 * Faults in the @bytes of stack below the caller's frame in one call
 * (src/stack.c), where the caller's next callee will run. Only for a
 * command that uses at least that much anyway: a stack limit below it
 * would stop the command as surely. False when nothing was populated.
 */
bool hv_prefault_stack(size_t bytes);

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
