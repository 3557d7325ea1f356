// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim-output.h"
#include "model/linux/releases.h"
#include "termwrap.h"
#include "util/number.h"
#include "util/strbuf.h"

/* A line folded at @width (0: whole), its continuation lines @hang columns in. */
static void fold_at(FILE *out, unsigned int width, size_t hang, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static void fold_at(FILE *out, unsigned int width, size_t hang, const char *fmt, va_list ap)
{
	char line[2048];
	int n;

	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	/* too narrow to hang that far in: as the terminal wrapper would */
	if (hang + 20 > width)
		hang = hv_wrap_hang(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1,
				    width);
	hv_wrap_line_hang(out, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1,
			  width, hang);
}

/*
 * One line of the story: on a terminal, folded to its width with the
 * continuation lines @hang columns in (a device row's reason under
 * itself), before the wrapper would fold it less well; piped, or @hang 0,
 * whole.
 */
static void fold(FILE *out, size_t hang, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fold(FILE *out, size_t hang, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fold_at(out, hang ? hv_wrap_width() : 0, hang, fmt, ap);
	va_end(ap);
}

/*
 * The verdict line and its reasons; @folded: on a terminal each folded
 * under its "- " (simulate's), else left to the wrapper (check -v's).
 */
static void print_verdict(FILE *out, const struct sim_result *r, const char *label,
			  const char *note, bool first, bool folded)
{
	const struct kernel_change_info *add = kernel_change(KC_3CB73BC3FA2A),
					 *undo = kernel_change(KC_C25A19AFB81C);
	const size_t hang = folded ? 4 : 0;
	char other[160];
	unsigned int i;

	/* before anything about kdump: the first kernel may fail on its own */
	if (first && !r->first_ok)
		fold(out, hang, "first kernel: PCI pass-through devices LOST before any crash: %s",
		     r->first_why);
	fprintf(out, "%s: %s%s\n", label, r->saved ? "saved" : "LOST", note ? note : "");
	for (i = 0; i < r->nreasons; i++)
		fold(out, hang, "  - %s", r->reasons[i]);
	if (r->hang)
		fprintf(out, "  kdump kernel hang: yes\n");
	if (r->si_assumed)
		fold(out, hang, "  assumed: this kernel's hyperv_fb clears screen_info, as its base "
		     "line's does (%s \"%s\"), %s (\"%s\", v6.8) not backported%s", add->commit,
		     add->subject, undo->commit, undo->subject,
		     r->si_flip_saved == r->saved ? "; with it the verdict is the same" :
		     r->si_flip_saved ? "; with it the vmcore would be saved" :
		     "; with it the vmcore would be LOST");
	if (!r->d0_assumed)
		return;
	if (r->flip_saved == r->saved && r->flip_first_ok == r->first_ok)
		snprintf(other, sizeof(other), "the other answer changes nothing here");
	else
		snprintf(other, sizeof(other), "if it %s, the vmcore would be %s%s",
			 r->d0_refuse ? "accepts" : "refuses", r->flip_saved ? "saved" : "LOST",
			 r->flip_first_ok == r->first_ok ? "" : r->flip_first_ok ?
			 " and the first kernel would keep its pass-through devices" :
			 " and the first kernel would lose its pass-through devices");
	fold(out, hang, "  assumed: the host %s D0 entry on VRAM no driver moved (not published; "
	     "a Gen1 capture, linux-hyperv, August 2022, shows it accepted); %s",
	     r->d0_refuse ? "refuses" : "accepts", other);
}

void sim_print_verdict(FILE *out, const struct sim_result *r)
{
	print_verdict(out, r, "vmcore", NULL, true, true);
}

void sim_print_verdict_as(FILE *out, const struct sim_result *r, const char *label,
			  const char *note, bool first)
{
	print_verdict(out, r, label, note, first, false);
}

/* The scenario's summary: at most 80 columns, piped too. */
static void summary(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void summary(FILE *out, const char *fmt, ...)
{
	unsigned int width = hv_wrap_width() && hv_wrap_width() < 80 ? hv_wrap_width() : 80;
	va_list ap;

	va_start(ap, fmt);
	fold_at(out, width, 2, fmt, ap);
	va_end(ap);
}

void scenario_summary(FILE *out, const struct scenario *sc)
{
	char builtin[64], mods[64], fixes[128], ver[16];

	module_set_str(sc->builtin, builtin, sizeof(builtin));
	module_set_str(sc->kdump_modules, mods, sizeof(mods));
	fix_set_str(sc->fixes, fixes, sizeof(fixes));
	summary(out, "scenario: %s, %s Gen%d, VRAM %" PRIu64 " MiB, fb-driver %s, built in: %s, "
	     "kdump initramfs: %s, kexec-syscall %s, kexec-tools %s, lockdown %s, "
	     "kernel fixes: %s%s%s, dump to %s",
		sc->layout, arch_name(sc->arch), sc->gen, sc->vram_mb,
		fb_driver_name(sc->fb_driver), builtin, mods, kexec_request_name(sc->kexec),
		kexec_tools_str(sc->kexec_tools, ver, sizeof(ver)), lockdown_name(sc->lockdown),
		fixes, sc->fixes & FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G) ?
		" (pci-config-above-4g: proposed, not merged)" : "",
		sc->hide_smem_start ? "" : ", no FBINFO_HIDE_SMEM_START",
		dump_target_name(sc->dump_target));
}

static void print_devices(FILE *out, const struct sim_kernel *k)
{
	unsigned int i;

	/* the reason folds under itself: a row stays a row at 80 columns */
	for (i = 0; i < k->ndevices; i++)
		fold(out, 48, "    %-36s %-6s %s", k->devices[i].name,
		     k->devices[i].ok ? "ok" : "FAILED", k->devices[i].reason);
}

static void print_iomem(FILE *out, const char *iomem)
{
	const char *p = iomem, *nl;

	if (!iomem)
		return;
	fputs("  /proc/iomem at the end:\n", out);
	if (!*p)
		fputs("    (empty)\n", out);
	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		fprintf(out, "    %.*s\n", (int)(nl - p), p);
	}
}

void sim_print_story(FILE *out, const struct scenario *sc, const struct sim_result *r,
		     bool trace)
{
	enum trace_phase phase;
	size_t i;

	scenario_summary(out, sc);
	for (phase = PHASE_FIRST; phase < PHASE_COUNT; phase++) {
		const struct sim_kernel *k = phase == PHASE_FIRST ? &r->first :
					     phase == PHASE_KDUMP ? &r->kdump : NULL;

		if (phase == PHASE_KDUMP && r->handoff.syscall == SYSCALL_NONE) {
			fputs("\nkdump kernel: never runs, nothing was loaded\n", out);
			break;
		}
		fprintf(out, "\n%s:\n", trace_phase_name(phase));
		for (i = 0; i < r->trace.n; i++) {
			const struct trace_step *s = &r->trace.steps[i];

			if (s->phase != phase || (s->detail && !trace))
				continue;
			if (trace)
				fold(out, 4, "  [%s] %s", s->func, s->msg);
			else
				fold(out, 4, "  %s", s->msg);
		}
		if (!k)
			continue;
		fputs("  devices:\n", out);
		print_devices(out, k);
		if (trace)
			print_iomem(out, k->iomem);
	}
}

void sim_span_json(struct jsonwrt *jw, const char *name, const struct mmio_span *s)
{
	if (!s->set) {
		jw_null(jw, name);
		return;
	}
	jw_open(jw, name, false);
	jw_hex(jw, "start", s->start);
	jw_hex(jw, "end", s->end);
	jw_close(jw, false);
}

/* How each scenario key's value is typed in JSON; a key not listed is a string. */
enum key_type { KT_STR, KT_INT, KT_BOOL, KT_HEX, KT_RANGE, KT_LIST, KT_ARGV };

static const struct {
	const char *key;
	enum key_type type;
} key_types[] = {
	{ "gen", KT_INT }, { "low-mmio-space", KT_HEX }, { "low-mmio", KT_RANGE },
	{ "high-mmio", KT_RANGE }, { "fb-base", KT_HEX }, { "fb-size", KT_HEX },
	{ "video", KT_BOOL }, { "video-bar", KT_RANGE }, { "vram-mb", KT_INT },
	{ "builtin", KT_LIST }, { "kdump-modules", KT_LIST }, { "probe-order", KT_LIST },
	{ "kexec-args", KT_ARGV }, { "kexec-retry-args", KT_ARGV },
	{ "fb0-smem-start", KT_HEX }, { "fb0-smem-len", KT_HEX }, { "boot-params", KT_BOOL },
	{ "kexec-load-disabled", KT_BOOL }, { "kexec-file", KT_BOOL },
	{ "kernel-signed", KT_BOOL }, { "sysfb", KT_BOOL }, { "kernel-fixes", KT_LIST },
	{ "hide-smem-start", KT_BOOL }, { "bars32", KT_HEX }, { "bars64", KT_HEX },
	{ "pci-passthrough", KT_INT }, { "observed-vram", KT_RANGE },
};

static enum key_type key_type(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++)
		if (!strcmp(key, key_types[i].key))
			return key_types[i].type;
	return KT_STR;
}

/* "0x1000-0x1fff" as {"start", "end"}, "none" as null */
static void range_json(struct jsonwrt *jw, const char *name, const char *val)
{
	struct mmio_span s = { false, 0, 0 };
	char *dash;

	if (strcmp(val, "none")) {
		s.start = strtoull(val, &dash, 0);
		s.set = *dash == '-';
		if (s.set)
			s.end = strtoull(dash + 1, NULL, 0);
	}
	sim_span_json(jw, name, &s);
}

void scenario_key_json(struct jsonwrt *jw, const char *key, const char *val)
{
	char name[64];
	uint64_t n;

	jw_snake(key, name, sizeof(name));
	switch (key_type(key)) {
	case KT_INT:	/* "none" PCI buses: 0 */
		jw_u64(jw, name, hv_parse_u64(val, &n) ? 0 : n);
		break;
	case KT_BOOL:
		jw_bool(jw, name, !strcmp(val, "yes"));
		break;
	case KT_HEX:	/* "default" (matrix's low-mmio-space): null */
		if (hv_parse_u64(val, &n))
			jw_null(jw, name);
		else
			jw_hex(jw, name, n);
		break;
	case KT_RANGE:
		range_json(jw, name, val);
		break;
	case KT_LIST:
		jw_list(jw, name, strcmp(val, "none") ? val : "", ',');
		break;
	case KT_ARGV:	/* kexec-retry-args "default": the service's own */
		if (strcmp(val, "default"))
			jw_argv(jw, name, val);
		else
			jw_null(jw, name);
		break;
	default:
		jw_str(jw, name, val);
	}
}

void scenario_json(struct jsonwrt *jw, const char *name, const struct scenario *sc)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	scenario_dump(sc, &sb);
	jw_open(jw, name, false);
	for (p = sb_str(&sb); *p;) {
		const char *eq = strstr(p, " = "), *nl = strchr(p, '\n');
		char key[64], val[1024];

		if (!eq || !nl || eq > nl)
			break;
		snprintf(key, sizeof(key), "%.*s", (int)(eq - p), p);
		snprintf(val, sizeof(val), "%.*s", (int)(nl - eq - 3), eq + 3);
		scenario_key_json(jw, key, val);
		p = nl + 1;
	}
	jw_close(jw, false);
	sb_release(&sb);
}

static void kernel_json(struct jsonwrt *jw, const char *name, const struct sim_kernel *k,
			bool ran, bool trace, const struct sim_kdump_kernel_info *kk)
{
	unsigned int i;

	jw_open(jw, name, false);
	jw_bool(jw, "ran", ran);
	if (kk) {
		jw_str(jw, "release", kk->release);
		jw_str(jw, "image", kk->image);
		jw_str(jw, "initrd", kk->initrd);
		jw_bool(jw, "same_as_running", kk->same_as_running);
		jw_str(jw, "source", kk->source);
	}
	jw_hex(jw, "lfb_base", k->lfb_base);
	sim_span_json(jw, "fb_range", &k->fb_range);
	sim_span_json(jw, "vram", &k->vram);
	sim_span_json(jw, "config_window", &k->config_window);
	sim_span_json(jw, "low_bar_window", &k->low_window);
	sim_span_json(jw, "high_bar_window", &k->high_window);
	if (k->fw_fb.set) {
		jw_open(jw, "firmware_framebuffer", false);
		jw_str(jw, "driver", k->fw_fb_driver ? k->fw_fb_driver : "removed");
		jw_hex(jw, "start", k->fw_fb.start);
		jw_hex(jw, "end", k->fw_fb.end);
		jw_bool(jw, "on_vram", !k->fw_fb_hang);
		jw_close(jw, false);
	} else {
		jw_null(jw, "firmware_framebuffer");
	}
	jw_str(jw, "video_driver", k->video_driver);
	jw_open(jw, "allocations", true);
	for (i = 0; i < k->nallocs; i++) {
		const struct sim_alloc *a = &k->allocs[i];

		jw_open(jw, NULL, false);
		jw_str(jw, "driver", a->driver);
		jw_str(jw, "what", a->what);
		jw_hex(jw, "min", a->min);
		jw_hex(jw, "max", a->max);
		jw_hex(jw, "size", a->size);
		jw_hex(jw, "align", a->align);
		jw_bool(jw, "fb_overlap_ok", a->fb_overlap_ok);
		if (a->rc) {
			jw_null(jw, "result");
			jw_str(jw, "error", a->rc == -ENXIO ? "-ENXIO" : "-ENOMEM");
		} else {
			struct mmio_span s = { true, a->start, a->end };

			sim_span_json(jw, "result", &s);
			jw_null(jw, "error");
		}
		jw_close(jw, false);
	}
	jw_close(jw, true);
	jw_open(jw, "devices", true);
	for (i = 0; i < k->ndevices; i++) {
		jw_open(jw, NULL, false);
		jw_str(jw, "name", k->devices[i].name);
		jw_str(jw, "status", k->devices[i].ok ? "ok" : "failed");
		jw_str(jw, "reason", k->devices[i].reason);
		jw_close(jw, false);
	}
	jw_close(jw, true);
	if (trace)
		jw_str(jw, "iomem", k->iomem);
	jw_close(jw, false);
}

void sim_json(struct jsonwrt *jw, const struct scenario *sc, const struct sim_result *r,
	      bool trace, const struct sim_kdump_kernel_info *kk)
{
	const struct sim_handoff *h = &r->handoff;
	unsigned int i;

	scenario_json(jw, "scenario", sc);
	jw_open(jw, "verdict", false);
	jw_str(jw, "vmcore", r->saved ? "saved" : "lost");
	jw_bool(jw, "first_kernel_ok", r->first_ok);
	jw_str(jw, "first_kernel_why", r->first_ok ? NULL : r->first_why);
	jw_open(jw, "reasons", true);
	for (i = 0; i < r->nreasons; i++)
		jw_str(jw, NULL, r->reasons[i]);
	jw_close(jw, true);
	jw_open(jw, "codes", true);
	for (i = 0; i < REASON_COUNT; i++)
		if (r->codes & (1u << i))
			jw_str(jw, NULL, sim_reason_code_name((enum sim_reason_code)i));
	jw_close(jw, true);
	jw_bool(jw, "kdump_hang", r->hang);
	if (r->si_assumed) {
		jw_open(jw, "assumed_hvfb_clears_screen_info", false);
		jw_str(jw, "other_vmcore", r->si_flip_saved ? "saved" : "lost");
		jw_close(jw, false);
	}
	if (r->d0_assumed) {
		jw_open(jw, "assumed_host_d0", false);
		jw_str(jw, "fw_vram", r->d0_refuse ? "refuse" : "accept");
		jw_str(jw, "other_vmcore", r->flip_saved ? "saved" : "lost");
		jw_bool(jw, "other_first_kernel_ok", r->flip_first_ok);
		jw_close(jw, false);
	}
	if (kk && kk->verdict_more)
		kk->verdict_more(jw, kk->ctx);
	jw_close(jw, false);

	jw_open(jw, "handoff", false);
	jw_str(jw, "syscall", sim_syscall_name(h->syscall));
	jw_str(jw, "kexec_flag", h->flag);
	jw_str(jw, "why", h->why);
	/* the fields exactly as handed: the u32 lfb_base, its high half apart */
	jw_hex(jw, "lfb_base", (uint32_t)h->lfb_base);
	jw_hex(jw, "ext_lfb_base", h->ext_lfb_base);
	jw_hex(jw, "lfb_size", h->lfb_size);
	jw_hex(jw, "orig_video_is_vga", h->orig_video_isVGA);
	jw_bool(jw, "efi", h->efi);
	jw_str(jw, "kexec_file_load_result", h->file_rc);
	jw_bool(jw, "service_retried", h->retried);
	jw_str(jw, "lfb_source", h->syscall == SYSCALL_NONE ? NULL : h->lfb_why);
	jw_str(jw, "fb0_id", h->fb0_id);
	jw_close(jw, false);

	kernel_json(jw, "first_kernel", &r->first, true, trace, NULL);
	kernel_json(jw, "kdump_kernel", &r->kdump, h->syscall != SYSCALL_NONE, trace, kk);

	if (trace) {
		size_t s;

		jw_open(jw, "trace", true);
		for (s = 0; s < r->trace.n; s++) {
			jw_open(jw, NULL, false);
			jw_str(jw, "phase", trace_phase_name(r->trace.steps[s].phase));
			jw_str(jw, "function", r->trace.steps[s].func);
			jw_bool(jw, "detail", r->trace.steps[s].detail);
			jw_str(jw, "message", r->trace.steps[s].msg);
			jw_close(jw, false);
		}
		jw_close(jw, true);
	}
}
