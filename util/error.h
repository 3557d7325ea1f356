/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where a parser in lib/ found its input wrong: a line and a reason. */
#ifndef HVKDUMP_ERROR_H
#define HVKDUMP_ERROR_H

#include <stdio.h>

struct hv_err {
	unsigned long line;	/* 1-based; 0 when not tied to a line */
	char msg[256];
};

#define hv_err_set(err, ln, ...)                                        \
	do {                                                            \
		struct hv_err *e_ = (err);                              \
		if (e_) {                                               \
			e_->line = (ln);                                \
			snprintf(e_->msg, sizeof(e_->msg), __VA_ARGS__); \
		}                                                       \
	} while (0)

#endif
