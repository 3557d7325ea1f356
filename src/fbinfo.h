/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Showing a framebuffer's fixed and variable screeninfo. */
#ifndef HVKDUMP_FBINFO_H
#define HVKDUMP_FBINFO_H

#include <stdbool.h>
#include <stdio.h>

#include "probe/fbdev.h"

/* Every field, as a listing or as one JSON object. */
void fbinfo_print(FILE *out, const char *dev, const struct fbdev_info *info, bool json);
/* The one-line reason for a fbdev_read() error. */
const char *fbinfo_strerror(int rc);

#endif
