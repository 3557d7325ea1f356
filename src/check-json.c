// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hvkdump check --json (doc/json.md): every fact typed beside its text,
 * unknown as null with the reason, the remedies by stable id.
 */
#include <string.h>

#include "util/strcopy.h"
#include "check-json.h"
#include "jsonwrt.h"
#include "lib/verdict/fixes.h"
#include "sim-output.h"

/* MOD_BIT()s as an array of module names */
static void modules_json(struct jsonwrt *jw, const char *name, unsigned int set)
{
	char buf[96];

	module_set_str(set, buf, sizeof(buf));
	jw_list(jw, name, strcmp(buf, "none") ? buf : "", ',');
}

/* The facts of the machine itself: Hyper-V, the VM, its MMIO. */
static bool machine_value(struct jsonwrt *jw, const struct facts *f, enum fact_id id)
{
	unsigned int i;

	switch (id) {
	case F_HYPERV:
		jw_bool(jw, "value", f->hyperv);
		break;
	case F_GEN:
		jw_u64(jw, "value", (uint64_t)f->gen);
		break;
	case F_ARCH:
		jw_str(jw, "value", arch_name(f->arch));
		break;
	case F_KERNEL:
		jw_str(jw, "value", f->release);
		break;
	case F_VIDEO_DEV:
		jw_open(jw, "value", false);
		jw_bool(jw, "present", f->video_dev);
		jw_str(jw, "guid", f->video_dev ? f->video_guid : NULL);
		jw_close(jw, false);
		break;
	case F_PCI_DEV:
		jw_open(jw, "value", true);
		for (i = 0; i < f->npci && i < sizeof(f->pci_guid) / sizeof(f->pci_guid[0]); i++)
			jw_str(jw, NULL, f->pci_guid[i]);
		jw_close(jw, true);
		break;
	case F_IOMEM:
		jw_bool(jw, "value", true);
		break;
	case F_VRAM:
		sim_span_json(jw, "value", &f->vram);
		break;
	case F_CONFIG_WINDOW:
		sim_span_json(jw, "value", &f->config_window);
		break;
	case F_BARS:
		jw_open(jw, "value", false);
		jw_hex(jw, "bars32", f->bars32);
		jw_hex(jw, "bars64", f->bars64);
		jw_close(jw, false);
		break;
	case F_LOW_MMIO:
		sim_span_json(jw, "value", &f->low_mmio);
		break;
	default:
		return false;
	}
	return true;
}

/* The running kernel's build and its framebuffer. */
static bool kernel_value(struct jsonwrt *jw, const struct facts *f, enum fact_id id)
{
	switch (id) {
	case F_FB0:
		jw_str(jw, "value", fb_driver_name(f->fb_driver));
		break;
	case F_BUILTIN:
		modules_json(jw, "value", f->builtin);
		break;
	case F_SYSFB:
		jw_bool(jw, "value", f->sysfb);
		break;
	case F_KEXEC_FILE:
		jw_bool(jw, "value", f->kexec_file);
		break;
	case F_HIDE_SMEM:
		jw_bool(jw, "value", f->hide_smem);
		break;
	case F_BOOT_FB:
		jw_open(jw, "value", false);
		jw_hex(jw, "lfb_base", f->boot_si.lfb_base);
		jw_hex(jw, "lfb_size", f->boot_si.lfb_size);
		jw_hex(jw, "orig_video_is_vga", f->boot_si.orig_video_isVGA);
		jw_close(jw, false);
		break;
	case F_SECURE_BOOT:
		jw_bool(jw, "value", f->secure_boot);
		break;
	case F_LOCKDOWN:
		jw_str(jw, "value", lockdown_name(f->lockdown));
		break;
	case F_KEXEC_LOAD_DISABLED:
		jw_bool(jw, "value", f->kexec_load_disabled);
		break;
	case F_CRASH_KERNEL:
		jw_bool(jw, "value", f->crash_loaded);
		break;
	case F_KMSG:
		jw_open(jw, "value", false);
		jw_u64(jw, "d0_failures", f->kmsg.d0_failures);
		jw_bool(jw, "hv_mmio_line", f->kmsg.hv_mmio_line);
		jw_u64(jw, "need_mmio_lines", f->kmsg.need_mmio);
		jw_close(jw, false);
		break;
	default:
		return false;
	}
	return true;
}

/* The kdump service, its tools, and what it loads. */
static void kdump_value(struct jsonwrt *jw, const struct facts *f, enum fact_id id)
{
	static const char *const distro_ids[] = {
		[DISTRO_UNKNOWN] = "other", [DISTRO_DEBIAN] = "debian", [DISTRO_RHEL] = "rhel",
		[DISTRO_SUSE] = "suse", [DISTRO_AZURELINUX] = "azurelinux",
	};
	char buf[96];
	unsigned int t;

	switch (id) {
	case F_DISTRO:
		jw_str(jw, "value", distro_ids[f->distro]);
		break;
	case F_KEXEC_TOOLS:
		jw_str(jw, "value", kexec_tools_str(f->kexec_tools, buf, sizeof(buf)));
		break;
	case F_KDUMP_CONFIG:	/* the arguments configured, or the recorded command */
		jw_argv(jw, "value", f->kexec_args_set ? f->kexec_args : "");
		break;
	case F_BLACKLIST:
		modules_json(jw, "value", f->blacklist);
		break;
	case F_DUMP_TARGET:
		jw_str(jw, "value", dump_target_name(f->dump_target));
		break;
	case F_KDUMP_KERNEL:
		jw_str(jw, "value", f->kdump_release);
		break;
	case F_FIXES:	/* in the kernel kdump loads: true, false, null */
		jw_open(jw, "value", false);
		for (t = 0; t < KC_TRACKED; t++)
			jw_tristate(jw, jw_snake(fix_name(kernel_change_fix(t)), buf, sizeof(buf)),
				    f->findings[KERNEL_KDUMP][t].present);
		jw_close(jw, false);
		break;
	case F_KDUMP_MODULES:
		modules_json(jw, "value", f->kdump_modules);
		break;
	default:
		jw_null(jw, "value");
	}
}

/* Each fact: its typed value, its text, its source; unknown: null and why. */
static void facts_json(struct jsonwrt *jw, const struct facts *f)
{
	unsigned int i;
	char name[64];

	jw_open(jw, "facts", false);
	for (i = 0; i < F_COUNT; i++) {
		const struct fact *fa = &f->f[i];

		jw_open(jw, jw_snake(fact_name((enum fact_id)i), name, sizeof(name)), false);
		if (!fa->known)
			jw_null(jw, "value");
		else if (!machine_value(jw, f, (enum fact_id)i) &&
			 !kernel_value(jw, f, (enum fact_id)i))
			kdump_value(jw, f, (enum fact_id)i);
		jw_str(jw, "text", fa->known ? fa->value : NULL);
		jw_str(jw, "source", fa->source);
		jw_str(jw, "unknown_reason", fa->known ? NULL : fact_why(fa));
		jw_close(jw, false);
	}
	jw_close(jw, false);
}

static const char *const kernel_words[KERNEL_COUNT] = { "running", "kdump" };

/* One fix in one kernel: what the evidence says, strongest first. */
static void finding_json(struct jsonwrt *jw, const struct facts *f, unsigned int k,
			 unsigned int t)
{
	const struct fix_finding *fd = &f->findings[k][t];
	const struct kernel_change_info *ci = kernel_change(t);
	char name[64];
	unsigned int e;

	jw_open(jw, NULL, false);
	jw_str(jw, "id", jw_snake(fix_name(kernel_change_fix(t)), name, sizeof(name)));
	jw_str(jw, "commit", ci->commit);
	jw_str(jw, "subject", ci->subject);
	jw_str(jw, "kernel", f->kdump_same ? "running_and_kdump" : kernel_words[k]);
	jw_str(jw, "release", k == KERNEL_KDUMP ? f->kdump_release : f->release);
	jw_tristate(jw, "present", fd->present);
	jw_bool(jw, "conflict", fd->conflict);
	jw_open(jw, "evidence", true);
	for (e = 0; e < fd->n; e++) {
		jw_open(jw, NULL, false);
		jw_str(jw, "kind", jw_snake(fd->ev[e].kind, name, sizeof(name)));
		jw_bool(jw, "says_present", fd->ev[e].present);
		jw_str(jw, "source", fd->ev[e].source);
		jw_str(jw, "detail", fd->ev[e].detail);
		jw_close(jw, false);
	}
	jw_close(jw, true);
	jw_close(jw, false);
}

static void fixes_json(struct jsonwrt *jw, const struct facts *f)
{
	unsigned int k, t;

	jw_open(jw, "kernel_fixes", true);
	for (k = f->kdump_same ? KERNEL_KDUMP : KERNEL_RUNNING; k < KERNEL_COUNT; k++)
		for (t = 0; t < KC_TRACKED; t++)
			finding_json(jw, f, k, t);
	jw_close(jw, true);
}

static void initramfs_json(struct jsonwrt *jw, const struct facts *f)
{
	if (!f->f[F_KDUMP_MODULES].known) {
		jw_null(jw, "kdump_initramfs");
		return;
	}
	jw_open(jw, "kdump_initramfs", false);
	jw_str(jw, "path", f->kdump_initrd[0] ? f->kdump_initrd : NULL);
	jw_list(jw, "modules", f->initramfs_modules, ',');
	modules_json(jw, "blacklist", f->initramfs_blacklist);
	jw_u64(jw, "members", f->initramfs_members);
	jw_str(jw, "source", f->f[F_KDUMP_MODULES].source);
	jw_close(jw, false);
}

/* What the kdump service does: the arguments it builds, the calls kexec makes. */
static void kdump_load_json(struct jsonwrt *jw, const char *name, const struct check_load *l)
{
	const char *const *on;

	jw_open(jw, name, false);
	jw_str(jw, "service", l->service);
	jw_bool(jw, "loads", l->loads);
	if (l->runs_kexec)
		jw_argv(jw, "argv", l->argv);
	else
		jw_null(jw, "argv");
	jw_str(jw, "syscall", l->syscall);
	if (l->fallback_on) {
		jw_str(jw, "fallback", l->fallback);
		jw_open(jw, "fallback_on", true);
		for (on = l->fallback_on; *on; on++)
			jw_str(jw, NULL, *on);
		jw_close(jw, true);
	} else {
		jw_null(jw, "fallback");
		jw_null(jw, "fallback_on");
	}
	jw_str(jw, "why", l->why);
	jw_str(jw, "source", l->source);
	jw_close(jw, false);
}

struct verdict_ctx {
	const struct facts *f;
	const struct check_result *r;
};

static void codes_json(struct jsonwrt *jw, unsigned int codes, bool stale)
{
	unsigned int i;

	jw_open(jw, "codes", true);
	for (i = 0; i < REASON_COUNT; i++)
		if (codes & (1u << i))
			jw_str(jw, NULL, sim_reason_code_name((enum sim_reason_code)i));
	if (stale)
		jw_str(jw, NULL, "stale_load");
	jw_close(jw, true);
}

/* The unknown facts a verdict rests on: each as assumed, and why it is unknown. */
static void assumptions_json(struct jsonwrt *jw, const struct facts *f,
			     const struct check_result *r, bool mine)
{
	unsigned int i;
	char name[64];

	jw_open(jw, "assumptions", true);
	for (i = 0; mine && i < r->nassumptions; i++) {
		const struct check_flip *fl = &r->flips[r->assumptions[i]];

		jw_open(jw, NULL, false);
		jw_str(jw, "fact", jw_snake(fact_name(fl->fact), name, sizeof(name)));
		jw_str(jw, "assumed", fl->assumed);
		jw_str(jw, "unknown_reason", fact_why(&f->f[fl->fact]));
		jw_close(jw, false);
	}
	jw_close(jw, true);
}

static void verdict_more(struct jsonwrt *jw, const void *ctx)
{
	const struct verdict_ctx *v = ctx;
	const struct check_result *r = v->r;
	unsigned int i;

	assumptions_json(jw, v->f, r, !r->flips_next);
	if (!r->has_next) {
		jw_null(jw, "next");
		return;
	}
	jw_open(jw, "next", false);
	jw_str(jw, "vmcore", r->next_sim.saved ? "saved" : "lost");
	jw_str(jw, "how", r->next_how);
	jw_open(jw, "reasons", true);
	for (i = 0; i < r->next_sim.nreasons; i++)
		jw_str(jw, NULL, r->next_sim.reasons[i]);
	jw_close(jw, true);
	codes_json(jw, r->next_sim.codes, r->stale);
	assumptions_json(jw, v->f, r, r->flips_next);
	jw_close(jw, false);
}

static void flips_json(struct jsonwrt *jw, const struct check_result *r)
{
	unsigned int i;
	char name[64];

	jw_open(jw, "unknown_flips", true);
	for (i = 0; i < r->nflips; i++) {
		jw_open(jw, NULL, false);
		jw_str(jw, "fact", jw_snake(fact_name(r->flips[i].fact), name, sizeof(name)));
		jw_str(jw, "if", r->flips[i].alternative);
		jw_str(jw, "verdict_after", r->flips[i].saved ? "saved" : "lost");
		jw_close(jw, false);
	}
	jw_close(jw, true);
}

/* Each proven remedy: a stable id, its kind, and a configuration's settings. */
static void remedies_json(struct jsonwrt *jw, const struct check_result *r)
{
	unsigned int i, e;

	jw_open(jw, "remedies", true);
	for (i = 0; i < r->nremedies; i++) {
		const struct check_remedy *rm = &r->remedies[i];

		jw_open(jw, NULL, false);
		jw_str(jw, "id", rm->id);
		jw_str(jw, "kind", rm->kind);
		jw_u64(jw, "rank", i + 1);
		jw_str(jw, "change", rm->change);
		jw_str(jw, "verdict_after", "saved");
		jw_open(jw, "settings", true);
		for (e = 0; e < rm->nedits; e++) {
			jw_open(jw, NULL, false);
			jw_str(jw, "file", rm->edits[e].file);
			jw_str(jw, "variable", rm->edits[e].variable);
			jw_str(jw, "value", rm->edits[e].value);
			jw_close(jw, false);
		}
		jw_close(jw, true);
		jw_close(jw, false);
	}
	jw_close(jw, true);
}

void check_json(const struct facts *f, const struct check_result *r, bool trace)
{
	const struct verdict_ctx vc = { f, r };
	const struct sim_kdump_kernel_info kk = {
		.release = f->kdump_release[0] ? f->kdump_release : NULL,
		.image = f->kdump_image[0] ? f->kdump_image : NULL,
		.initrd = f->kdump_initrd[0] ? f->kdump_initrd : NULL,
		.source = f->f[F_KDUMP_KERNEL].source,
		.same_as_running = f->kdump_same,
		.verdict_more = verdict_more,
		.ctx = &vc,
	};
	struct jsonwrt jw;

	jw_begin(&jw, stdout);
	jw_bool(&jw, "applicable", true);
	sim_json(&jw, &r->sc, &r->sim, trace, &kk);
	jw_str(&jw, "kexec_syscall_reason", r->kexec_why);
	jw_tristate(&jw, "model_agrees", r->model_agrees);
	facts_json(&jw, f);
	flips_json(&jw, r);
	remedies_json(&jw, r);
	fixes_json(&jw, f);
	initramfs_json(&jw, f);
	kdump_load_json(&jw, "kdump_load", &r->load);
	if (r->has_next)
		kdump_load_json(&jw, "kdump_load_next", &r->next_load);
	else
		jw_null(&jw, "kdump_load_next");
	jw_bool(&jw, "needs_root", r->needs_root);
	jw_end(&jw);
}

void check_json_not_applicable(const struct facts *f)
{
	struct jsonwrt jw;

	jw_begin(&jw, stdout);
	jw_bool(&jw, "applicable", false);
	jw_str(&jw, "reason", f->f[F_HYPERV].value);
	jw_str(&jw, "source", f->f[F_HYPERV].source);
	jw_end(&jw);
}

/* The screen_info a kdump kernel was handed, field by field as the bytes say. */
static void handed_json(struct jsonwrt *jw, const struct facts *f)
{
	const struct screen_info_lfb *si = &f->boot_si;

	if (!f->f[F_BOOT_FB].known) {
		jw_null(jw, "handed");
		return;
	}
	jw_open(jw, "handed", false);
	jw_hex(jw, "orig_video_is_vga", si->orig_video_isVGA);
	jw_hex(jw, "lfb_base", (uint32_t)si->lfb_base);
	jw_hex(jw, "ext_lfb_base", si->ext_lfb_base);
	jw_hex(jw, "lfb_size", si->lfb_size);
	jw_hex(jw, "capabilities", si->capabilities);
	jw_close(jw, false);
}

void check_json_kdump_self(const struct facts *f, const struct kdump_self *k)
{
	bool cw = f->hyperv && f->f[F_CONFIG_WINDOW].known;
	struct jsonwrt jw;
	char vmcore[32];
	size_t i;

	/* "can be saved", "not applicable": the values in snake_case */
	hv_strcopy(vmcore, sizeof(vmcore), k->vmcore);
	for (i = 0; vmcore[i]; i++)
		vmcore[i] = vmcore[i] == ' ' ? '_' : vmcore[i];
	jw_begin(&jw, stdout);
	jw_bool(&jw, "kdump_kernel", true);
	jw_bool(&jw, "hyperv", f->hyperv);
	jw_str(&jw, "vmcore", vmcore);
	jw_str(&jw, "why", k->why);
	jw_str(&jw, "screen_info", f->f[F_BOOT_FB].known ? f->f[F_BOOT_FB].value : NULL);
	handed_json(&jw, f);
	if (cw)
		sim_span_json(&jw, "config_window", &f->config_window);
	else
		jw_null(&jw, "config_window");
	jw_str(&jw, "config_window_text", cw ? f->f[F_CONFIG_WINDOW].value : NULL);
	jw_tristate(&jw, "config_window_on_framebuffer", k->config_window_on_fb);
	if (f->f[F_KMSG].known)
		jw_u64(&jw, "d0_failures", f->kmsg.d0_failures);
	else
		jw_null(&jw, "d0_failures");
	jw_str(&jw, "kernel_log", f->f[F_KMSG].known ? f->f[F_KMSG].value : NULL);
	jw_u64(&jw, "nvme_disks", f->nvme_disks);
	jw_u64(&jw, "scsi_disks", f->scsi_disks);
	jw_end(&jw);
}
