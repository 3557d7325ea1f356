/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration changes hvkdump fix can make itself: the kexec system
 * call in /etc/default/kdump-tools (KDUMP_KEXEC_ARGS) or
 * /etc/sysconfig/kdump (KEXEC_ARGS). Pure text in, text out.
 */
#ifndef HVKDUMP_CONFIG_EDIT_H
#define HVKDUMP_CONFIG_EDIT_H

#include <stddef.h>

#include "util/error.h"

/*
 * Makes @var ask for kexec_file_load: -c, --kexec-syscall and -a become -s,
 * or -s is added; an assignment that is only commented out gets a real one
 * after it; none at all, one at the end. Returns 1 with the new text in
 * @out (malloc'd), 0 when @var already has -s and no -c, -1 with @err for a
 * file that is not shell assignments.
 */
int kexec_args_use_file_load(const char *text, size_t len, const char *var, char **out,
			     size_t *outlen, struct hv_err *err);

/* A unified diff of @a and @b (one hunk around the change), labelled. */
char *unified_diff(const char *label_a, const char *label_b, const char *a, size_t alen,
		   const char *b, size_t blen);

#endif
