/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MMIO map of a simulation as a picture: plain SVG. */
#ifndef HVKDUMP_SVG_H
#define HVKDUMP_SVG_H

#include "model/simulate.h"

/*
 * Draws the low and high MMIO ranges of the first kernel and of the kdump
 * kernel side by side: fb_range, where the host maps VRAM, the config
 * window, the BAR windows, the other allocations and the firmware
 * framebuffer; a conflict in red; addresses on the axis. Written
 * through hv_write_output(). Returns 0 or -errno.
 */
int sim_svg_write(const char *path, const struct scenario *sc, const struct sim_result *r);

#endif
