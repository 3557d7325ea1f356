// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The MMIO map as SVG. A range of gigabytes holds windows of kilobytes, so
 * the axis is broken: every start and end is a mark on it, and the span
 * between two marks gets a height that grows with the log of its size. The
 * order of things and their addresses are exact; their heights are not.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "svg.h"

#define COL_W		330	/* one kernel's column */
#define AXIS_W		110	/* address labels */
#define LANE_W		44
#define TOP		70
#define PANEL_GAP	40
#define MAX_MARKS	64

enum lane { LANE_RANGE, LANE_FB, LANE_VRAM, LANE_ALLOC, LANE_FWFB, LANES };

struct item {
	uint64_t start, end;	/* inclusive */
	enum lane lane;
	const char *cls;	/* CSS class(es) */
	const char *label;
};

struct panel {
	uint64_t start, end;
	struct item items[SIM_MAX_ALLOCS + 8];
	unsigned int n;
};

static void add(struct panel *p, const struct mmio_span *s, enum lane lane, const char *cls,
		const char *label)
{
	uint64_t start, end;

	if (!s->set || s->end < p->start || s->start > p->end || p->n == sizeof(p->items) /
	    sizeof(p->items[0]))
		return;
	start = s->start < p->start ? p->start : s->start;
	end = s->end > p->end ? p->end : s->end;
	p->items[p->n++] = (struct item){ start, end, lane, cls, label };
}

/* What one kernel shows in one range. */
static void fill(struct panel *p, const struct sim_kernel *k, const struct mmio_span *vram,
		 bool kdump)
{
	static const char *const conflict_cw = "config-window conflict";
	unsigned int i;

	add(p, &k->fb_range, LANE_FB, "fb-range", "fb_range");
	add(p, vram, LANE_VRAM, "vram", "VRAM (host)");
	for (i = 0; i < k->nallocs; i++) {
		const struct sim_alloc *a = &k->allocs[i];
		struct mmio_span s = { !a->rc, a->start, a->end };
		bool on_vram = vram->set && !a->rc && a->start <= vram->end && vram->start <= a->end;
		const char *cls = "alloc";

		if (!strcmp(a->what, "config window"))
			cls = on_vram ? conflict_cw : "config-window";
		else if (strstr(a->what, "BAR"))
			cls = on_vram ? "bar-window conflict" : "bar-window";
		else if (!strcmp(a->what, "VRAM"))
			cls = "alloc vram-alloc";
		add(p, &s, LANE_ALLOC, cls, a->what);
	}
	if (k->fw_fb.set)
		add(p, &k->fw_fb, LANE_FWFB, k->fw_fb_hang ? "firmware-fb conflict" : "firmware-fb",
		    k->fw_fb_driver ? k->fw_fb_driver : "firmware fb");
	(void)kdump;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The marks on the axis: the panel's ends and every item's start and end+1. */
static unsigned int marks(const struct panel *p, uint64_t *m)
{
	unsigned int n = 0, i, u = 0;

	m[n++] = p->start;
	m[n++] = p->end == UINT64_MAX ? p->end : p->end + 1;
	for (i = 0; i < p->n && n + 2 <= MAX_MARKS; i++) {
		m[n++] = p->items[i].start;
		m[n++] = p->items[i].end + 1;
	}
	qsort(m, n, sizeof(*m), cmp_u64);
	for (i = 0; i < n; i++)
		if (!u || m[i] != m[u - 1])
			m[u++] = m[i];
	return u;
}

/*
 * log2(@x) for x >= 1, without libm (a library loaded on every run for
 * this one call): x = m * 2^e with m in [1, 2), and ln(m) = 2 atanh(z),
 * z = (m - 1) / (m + 1) < 1/3, whose series gains a factor 9 a term.
 */
static double log2_of(double x)
{
	double z, z2, term, sum = 0;
	int e, k;

	x = frexp(x, &e) * 2;
	z = (x - 1) / (x + 1);
	z2 = z * z;
	term = z;
	for (k = 1; k < 40 && term != 0; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return (e - 1) + 2 * sum / 0.69314718055994530942;
}

static double seg_height(uint64_t len)
{
	double h = 6 + 5 * log2_of((double)(len ? len : 1) / 4096.0 + 1);

	return h < 12 ? 12 : h > 70 ? 70 : h;
}

/* y of address @a, from the marks and their heights. */
static double y_of(const uint64_t *m, const double *y, unsigned int n, uint64_t a)
{
	unsigned int i;

	if (n < 2)
		return y[0];
	for (i = 0; i + 1 < n; i++)
		if (a >= m[i] && a <= m[i + 1])
			return y[i] + (y[i + 1] - y[i]) * (double)(a - m[i]) / (double)(m[i + 1] - m[i]);
	return y[n - 1];
}

static double draw_panel(FILE *out, const struct panel *p, const char *title, double x0,
			 double y0)
{
	uint64_t m[MAX_MARKS];
	double y[MAX_MARKS];
	unsigned int n = marks(p, m), i;
	double lx = x0 + AXIS_W;

	y[0] = y0 + 18;
	if (n < 2)
		return y[0];	/* marks() gives two at least */
	for (i = 1; i < n; i++)
		y[i] = y[i - 1] + seg_height(m[i] - m[i - 1]);
	fprintf(out, "  <text class=\"panel-title\" x=\"%.0f\" y=\"%.0f\">%s</text>\n", x0, y0 + 8,
		title);
	fprintf(out, "  <rect class=\"range\" x=\"%.0f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\"/>\n",
		lx, y[0], LANE_W * (LANES - 1) + 8, y[n - 1] - y[0]);
	for (i = 0; i < n; i++)
		fprintf(out, "  <line class=\"tick\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>\n"
			"  <text class=\"addr\" x=\"%.0f\" y=\"%.1f\">0x%" PRIx64 "</text>\n",
			lx - 6, y[i], lx, y[i], lx - 8, y[i] + 4, m[i]);
	for (i = 0; i < p->n; i++) {
		const struct item *it = &p->items[i];
		double ys = y_of(m, y, n, it->start), ye = y_of(m, y, n, it->end + 1);
		double x = lx + 4 + LANE_W * (double)(it->lane - 1);

		fprintf(out, "  <rect class=\"%s\" x=\"%.0f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\">"
			"<title>%s 0x%" PRIx64 "-0x%" PRIx64 "</title></rect>\n",
			it->cls, x, ys, LANE_W - 4, ye - ys < 2 ? 2 : ye - ys, it->label, it->start,
			it->end);
	}
	return y[n - 1];
}

static double draw_kernel(FILE *out, const char *id, const char *title,
			  const struct scenario *sc, const struct sim_kernel *k,
			  const struct mmio_span *vram, double x0, bool kdump)
{
	static const char *const lanes[] = { "fb_range", "VRAM", "allocations", "firmware fb" };
	struct panel low = { sc->low.start, sc->low.end, {{0}}, 0 };
	struct panel high = { sc->high.start, sc->high.end, {{0}}, 0 };
	double y;
	unsigned int i;

	fill(&low, k, vram, kdump);
	fprintf(out, " <g id=\"%s\">\n  <text class=\"kernel-title\" x=\"%.0f\" y=\"40\">%s</text>\n",
		id, x0, title);
	/* each over the middle of its lane, on two rows: a name wider than a
	 * lane does not run into its neighbour's */
	for (i = 0; i < 4; i++)
		fprintf(out, "  <text class=\"lane\" x=\"%.0f\" y=\"%u\">%s</text>\n",
			x0 + AXIS_W + 4 + LANE_W * i + (LANE_W - 4) / 2.0, 54 + 10 * (i % 2),
			lanes[i]);
	y = draw_panel(out, &low, "low MMIO", x0, TOP);
	if (sc->high.set) {
		fill(&high, k, vram, kdump);
		y = draw_panel(out, &high, "high MMIO", x0, y + PANEL_GAP);
	}
	fputs(" </g>\n", out);
	return y;
}

/* The picture's body: both kernels and the legend; returns its height. */
static double draw_body(FILE *out, const struct scenario *sc, const struct sim_result *r)
{
	static const struct { const char *cls, *what; } legend[] = {
		{ "fb-range", "fb_range (vmbus_reserve_fb)" }, { "vram", "VRAM, where the host maps it" },
		{ "config-window", "hv_pci config window" }, { "bar-window", "BAR window" },
		{ "alloc vram-alloc", "VRAM allocation" }, { "firmware-fb", "firmware framebuffer" },
		{ "conflict", "conflict: on live VRAM, or drawing where none is" },
	};
	double y1, y2 = 0, y;
	unsigned int i;

	y1 = draw_kernel(out, "first-kernel", "first kernel", sc, &r->first, &r->first.vram,
			 10, false);
	if (r->handoff.syscall != SYSCALL_NONE)
		y2 = draw_kernel(out, "kdump-kernel", "kdump kernel", sc, &r->kdump,
				 r->kdump.vram_at_pci.set ? &r->kdump.vram_at_pci : &r->kdump.vram,
				 10 + COL_W, true);
	else
		fprintf(out, " <text id=\"kdump-kernel\" x=\"%d\" y=\"40\">kdump kernel: nothing "
			"was loaded</text>\n", 10 + COL_W);
	y = (y1 > y2 ? y1 : y2) + 30;
	fprintf(out, " <g id=\"legend\">\n");
	for (i = 0; i < sizeof(legend) / sizeof(legend[0]); i++) {
		double ly = y + 16.0 * i;

		fprintf(out, "  <rect class=\"%s\" x=\"10\" y=\"%.0f\" width=\"18\" height=\"10\"/>"
			"<text x=\"34\" y=\"%.0f\">%s</text>\n", legend[i].cls, ly, ly + 9, legend[i].what);
	}
	fprintf(out, "  <text x=\"10\" y=\"%.0f\">The axis is broken: every start and end is "
		"marked with its address; heights are not to scale.</text>\n </g>\n",
		y + 16.0 * i + 10);
	return y + 16.0 * i + 30;
}

struct picture {
	const struct scenario *sc;
	const struct sim_result *r;
};

static int write_picture(FILE *out, void *ctx)
{
	const struct picture *pic = ctx;
	const struct scenario *sc = pic->sc;
	const struct sim_result *r = pic->r;
	char *body = NULL;
	size_t blen = 0;
	double height;
	FILE *mem = open_memstream(&body, &blen);

	if (!mem)
		return -ENOMEM;
	height = draw_body(mem, sc, r);
	if (fclose(mem)) {
		free(body);
		return -ENOMEM;
	}
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
		"viewBox=\"0 0 %d %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
		" <style>\n"
		"  .range { fill: #f4f4f4; stroke: #999; }\n"
		"  .fb-range { fill: none; stroke: #2a7; stroke-width: 2; stroke-dasharray: 4 3; }\n"
		"  .vram { fill: #8bd; fill-opacity: 0.7; }\n"
		"  .alloc { fill: #bbb; stroke: #666; }\n"
		"  .vram-alloc { fill: #79c; }\n"
		"  .config-window { fill: #3a3; stroke: #161; }\n"
		"  .bar-window { fill: #e93; stroke: #a60; }\n"
		"  .firmware-fb { fill: #ccc; stroke: #777; }\n"
		"  .conflict { fill: #d22; stroke: #800; stroke-width: 2; }\n"
		"  .addr { text-anchor: end; fill: #333; font-family: monospace; font-size: 10px; }\n"
		"  .tick { stroke: #999; }\n"
		"  .kernel-title { font-size: 15px; font-weight: bold; }\n"
		"  .panel-title { font-weight: bold; fill: #555; }\n"
		"  .lane { fill: #555; font-size: 9px; text-anchor: middle; }\n"
		"  .verdict-lost { fill: #d22; font-weight: bold; font-size: 14px; }\n"
		"  .verdict-saved { fill: #2a7; font-weight: bold; font-size: 14px; }\n"
		" </style>\n"
		" <text id=\"verdict\" class=\"verdict-%s\" x=\"10\" y=\"18\">vmcore %s: %s</text>\n",
		2 * COL_W + 20, height, 2 * COL_W + 20, height, r->saved ? "saved" : "lost",
		r->saved ? "saved" : "LOST", sc->layout);
	fwrite(body, 1, blen, out);
	free(body);
	fputs("</svg>\n", out);
	return 0;
}

int sim_svg_write(const char *path, const struct scenario *sc, const struct sim_result *r)
{
	struct picture pic = { sc, r };

	return hv_write_output(path, 0644, write_picture, &pic);
}
