// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The facts, one row each: the name check prints, the JSON member, the
 * scenario keys the fact gives values to, and the values it could have
 * while unknown (the flips: check.c runs each).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "facts.h"
#include "fixes.h"

/* The presets check picks from what the VM shows: generation, architecture, video device. */
enum vm_kind { VM_GEN2, VM_GEN1, VM_ARM64, VM_CVM };

static enum vm_kind vm_kind(const struct facts *f)
{
	if (f->f[F_GEN].known && f->gen == 1)
		return VM_GEN1;
	if (f->f[F_ARCH].known && f->arch == ARCH_ARM64)
		return VM_ARM64;
	if (f->f[F_VIDEO_DEV].known && !f->video_dev)
		return VM_CVM;
	return VM_GEN2;
}

static const char *layout_name(const struct facts *f)
{
	static const char *const layouts[] = {
		[VM_GEN2] = "azure-gen2", [VM_GEN1] = "hyperv-gen1", [VM_ARM64] = "azure-arm64",
		[VM_CVM] = "azure-cvm",
	};

	return layouts[vm_kind(f)];
}

const struct scenario_preset *fact_preset(const struct facts *f)
{
	const char *name = layout_name(f);
	unsigned int i;

	for (i = 0; i < scenario_npresets - 1 && strcmp(scenario_presets[i].name, name); i++)
		;
	return &scenario_presets[i];
}

static void layout_pairs(const struct facts *f, struct fact_pairs *out)
{
	fact_pair_add(out, false, "layout", "%s", layout_name(f));
}

/*
 * Where the VM shows its layout, it wins over the preset's: VRAM, the low
 * range, the framebuffer. Observed: the layout keeps the preset's name and
 * the host's rules are not asked (the keys would call it "custom", given by
 * hand). VRAM's size within what the vram-mb key takes.
 */
static void vram_pairs(const struct facts *f, struct fact_pairs *out)
{
	uint64_t size = f->vram.end - f->vram.start + 1;

	fact_pair_add(out, false, "observed-vram", "0x%llx-0x%llx",
		      (unsigned long long)f->vram.start, (unsigned long long)f->vram.end);
	if (size >= 0x100000 && size >> 20 <= 65536)
		fact_pair_add(out, true, "vram-mb", "%llu", (unsigned long long)(size >> 20));
}

/* Gen2's framebuffer: the boot-time one, else with a video device at the low base. */
static void low_mmio_pairs(const struct facts *f, struct fact_pairs *out)
{
	const struct scenario_preset *p = fact_preset(f);
	bool low = f->f[F_LOW_MMIO].known && f->low_mmio.set;

	if (low)
		fact_pair_add(out, true, "low-mmio", "0x%llx-0x%llx",
			      (unsigned long long)f->low_mmio.start,
			      (unsigned long long)f->low_mmio.end);
	if (p->gen == 2 && f->f[F_BOOT_FB].known && f->boot_si.lfb_base)
		fact_pair_add(out, true, "fb-base", "0x%llx",
			      (unsigned long long)f->boot_si.lfb_base);
	else if (p->gen == 2 && p->video && low)
		fact_pair_add(out, true, "fb-base", "0x%llx", (unsigned long long)f->low_mmio.start);
}

/* Without a video device (azure-cvm), neither Hyper-V driver owns /dev/fb0. */
static void fb0_pairs(const struct facts *f, struct fact_pairs *out)
{
	enum fb_driver fb = f->fb_driver;

	if (vm_kind(f) == VM_CVM && (fb == FB_HYPERV_DRM || fb == FB_HYPERV_FB))
		fb = FB_NONE;
	fact_pair_add(out, false, "fb-driver", "%s", fb_driver_name(fb));
}

static void builtin_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[64];

	module_set_str(f->builtin, set, sizeof(set));
	fact_pair_add(out, false, "builtin", "%s", set);
}

/*
 * The package's version where it says more than the upstream one and the
 * key reads the same upstream version from it ("1:2.0.22-2ubuntu3"); else
 * the upstream version alone (a "2.0.22+dfsg-1" the key would refuse).
 */
static void kexec_tools_pairs(const struct facts *f, struct fact_pairs *out)
{
	const char *colon = strchr(f->kexec_package, ':');
	const char *up = colon ? colon + 1 : f->kexec_package;
	char ver[16];

	kexec_tools_str(f->kexec_tools, ver, sizeof(ver));
	if (strpbrk(f->kexec_package, ":-") && strcspn(up, "-") == strlen(ver) &&
	    !strncmp(up, ver, strlen(ver)))
		fact_pair_add(out, false, "kexec-tools", "%s", f->kexec_package);
	else
		fact_pair_add(out, false, "kexec-tools", "%s", ver);
}

static void lockdown_pairs(const struct facts *f, struct fact_pairs *out)
{
	fact_pair_add(out, false, "lockdown", "%s", lockdown_name(f->lockdown));
}

static void bars_pairs(const struct facts *f, struct fact_pairs *out)
{
	fact_pair_add(out, false, "bars32", "0x%llx", (unsigned long long)f->bars32);
	fact_pair_add(out, false, "bars64", "0x%llx", (unsigned long long)f->bars64);
}

static void dump_target_pairs(const struct facts *f, struct fact_pairs *out)
{
	fact_pair_add(out, false, "dump-target", "%s", dump_target_name(f->dump_target));
}

static void fixes_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[128];

	fix_set_str(fixes_of(f, KERNEL_RUNNING), set, sizeof(set));
	fact_pair_add(out, false, "kernel-fixes", "%s", set);
}

/*
 * A module blacklisted inside the initramfs is not loaded by it; one
 * blacklisted in modprobe.d is left out of it, or not loaded: from what
 * the initramfs holds, or else from what the scenario assumes it loads.
 */
static void kdump_modules_pairs(const struct facts *f, struct fact_pairs *out)
{
	unsigned int mods = SC_DEFAULT_KDUMP_MODULES;
	char set[64];

	if (!f->f[F_KDUMP_MODULES].known && !f->f[F_BLACKLIST].known)
		return;
	if (f->f[F_KDUMP_MODULES].known)
		mods = f->kdump_modules & ~f->initramfs_blacklist;
	if (f->f[F_BLACKLIST].known)
		mods &= ~f->blacklist;
	module_set_str(mods, set, sizeof(set));
	fact_pair_add(out, false, "kdump-modules", "%s", set);
}

/* Gen2: the framebuffer the firmware handed over, its size (its base: low_mmio_pairs()). */
static void boot_fb_pairs(const struct facts *f, struct fact_pairs *out)
{
	if (vm_kind(f) != VM_GEN1 && f->boot_si.lfb_base && f->boot_si.lfb_size)
		fact_pair_add(out, false, "fb-size", "0x%llx", (unsigned long long)f->boot_si.lfb_size);
}

/*
 * The alternatives: each writes value @i into @alt (the facts, copied),
 * false where there is none; a row's words say it, or the function does.
 */
#define ALT(name)                                                                           \
	static bool name(const struct facts *f, const struct scenario *sc, unsigned int i,  \
			 struct facts *alt, char *said, size_t len)
/* ... and what the verdict assumes instead, where the scenario says it */
#define ASSUMED(name)                                                                       \
	static void name(const struct facts *f, const struct scenario *sc, unsigned int i,  \
			 char *out, size_t len)

static const char *const tools[] = { "2.0.18", "2.0.22", "2.0.28" };

ALT(kexec_tools_alt)
{
	alt->kexec_tools = kexec_tools_version(tools[i]);
	snprintf(said, len, "kexec-tools %s", tools[i]);
	return true;
}

ASSUMED(kexec_tools_assumed)
{
	char ver[16];

	snprintf(out, len, "kexec-tools %s", kexec_tools_str(sc->kexec_tools, ver, sizeof(ver)));
}

ALT(secure_boot_alt)
{
	alt->secure_boot = true;
	return true;
}

/* SUSE kdump before 1.9.6 runs -s, then again without it; unread, -c or -s configured */
ALT(kdump_config_alt)
{
	if (!i) {
		alt->service_version = suse_kdump_version("1.9.5");
		return f->distro == DISTRO_SUSE && !f->service_version;
	}
	alt->kexec_args_set = true;
	hv_strcopy(alt->kexec_args, sizeof(alt->kexec_args), i == 1 ? "-c" : "-s");
	return !f->f[F_KDUMP_CONFIG].known;
}

ASSUMED(kdump_config_assumed)
{
	hv_strcopy(out, len, i ? "no kexec arguments configured" : "SUSE kdump 1.9.6 or later");
}

ALT(video_dev_alt)
{
	alt->video_dev = false;
	return true;
}

/* The kernel config's answers, each way: not set (@i 0), =y (@i 1). */
static const char *const sysfb_said[] = { "CONFIG_SYSFB not set", "CONFIG_SYSFB=y" };
static const char *const kexec_file_said[] = {
	"CONFIG_KEXEC_FILE not set", "CONFIG_KEXEC_FILE=y",
};
static const char *const leak_said[] = {
	"CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM not set", "CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM=y",
};

ALT(sysfb_alt)
{
	alt->sysfb = i;
	return true;
}

ASSUMED(sysfb_assumed)
{
	hv_strcopy(out, len, sysfb_said[sc->sysfb]);
}

ALT(kexec_file_alt)
{
	alt->kexec_file = i;
	return true;
}

ASSUMED(kexec_file_assumed)
{
	hv_strcopy(out, len, kexec_file_said[sc->kexec_file_supported]);
}

/* CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM=y: smem_start not hidden */
ALT(hide_smem_alt)
{
	alt->hide_smem = !i;
	return true;
}

ASSUMED(hide_smem_assumed)
{
	hv_strcopy(out, len, leak_said[!sc->hide_smem_start]);
}

ALT(arch_alt)
{
	alt->arch = ARCH_ARM64;
	return true;
}

ASSUMED(arch_assumed)
{
	hv_strcopy(out, len, arch_name(sc->arch));
}

static const enum fb_driver fbs[] = { FB_HYPERV_DRM, FB_HYPERV_FB, FB_EFIFB, FB_NONE };

ALT(fb0_alt)
{
	alt->fb_driver = fbs[i];
	snprintf(said, len, "/dev/fb0 owned by %s", fb_driver_name(fbs[i]));
	return true;
}

ASSUMED(fb0_assumed)
{
	snprintf(out, len, "/dev/fb0 owned by %s", fb_driver_name(sc->fb_driver));
}

ALT(lockdown_alt)
{
	alt->lockdown = LOCKDOWN_INTEGRITY;
	return true;
}

ALT(load_disabled_alt)
{
	alt->kexec_load_disabled = true;
	return true;
}

ALT(builtin_alt)
{
	alt->builtin = MOD_BIT(MOD_PCI_HYPERV);
	return true;
}

ALT(dump_target_alt)
{
	alt->dump_target = DUMP_SCSI;
	return true;
}

ASSUMED(dump_target_assumed)
{
	snprintf(out, len, "the dump on %s", dump_target_name(sc->dump_target));
}

/* the merged fixes nothing showed present (the proposal is never one) */
ALT(fixes_alt)
{
	alt->findings[KERNEL_KDUMP][i].present = 1;
	if (alt->kdump_same)
		alt->findings[KERNEL_RUNNING][i].present = 1;
	snprintf(said, len, "a kernel with %s (%s)", kernel_change(i)->commit,
		 fix_name(kernel_change_fix(i)));
	return f->findings[KERNEL_KDUMP][i].present < 0;
}

ASSUMED(fixes_assumed)
{
	snprintf(out, len, "a kernel without %s", kernel_change(i)->commit);
}

ALT(kdump_modules_alt)
{
	alt->kdump_modules = MOD_BIT(MOD_PCI_HYPERV) | MOD_BIT(MOD_HYPERV_DRM);
	return sc->video;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define WORDS(...) (const char *const[]){ __VA_ARGS__ }
#define ROW(id_, name_) [(id_)] = { .name = (name_), .json = (name_)

const struct fact_desc fact_table[F_COUNT] = {
	ROW(F_HYPERV, "hyperv-guest") },
	ROW(F_GEN, "generation"), .keys = "layout", .pairs = layout_pairs, .always = true },
	ROW(F_ARCH, "arch"), .keys = "layout", .nalts = 1, .alt = arch_alt,
		.said = WORDS("arm64"), .assumed = arch_assumed },
	ROW(F_KERNEL, "kernel"), .keys = "sysfb-gate, gen1-pci-bar, hvfb-clear-si",
		.pairs = fact_kernel_pairs, .always = true },
	ROW(F_DISTRO, "distro"), .keys = "kexec-syscall, kexec-args" },
	ROW(F_VIDEO_DEV, "video-device"), .keys = "layout", .nalts = 1, .alt = video_dev_alt,
		.said = WORDS("no synthetic video device"), .assumed_is = "a synthetic video device" },
	ROW(F_PCI_DEV, "pci-passthrough") },
	ROW(F_IOMEM, "iomem") },
	ROW(F_VRAM, "vram"), .keys = "observed-vram, vram-mb", .pairs = vram_pairs },
	ROW(F_CONFIG_WINDOW, "config-window") },
	ROW(F_BARS, "bar-windows"), .keys = "bars32, bars64", .pairs = bars_pairs },
	ROW(F_LOW_MMIO, "low-mmio"), .keys = "low-mmio, fb-base", .pairs = low_mmio_pairs,
		.always = true },
	ROW(F_FB0, "fb0"), .keys = "fb-driver", .pairs = fb0_pairs, .nalts = N(fbs),
		.alt = fb0_alt, .assumed = fb0_assumed },
	ROW(F_BUILTIN, "builtin"), .keys = "builtin", .pairs = builtin_pairs, .nalts = 1,
		.alt = builtin_alt, .said = WORDS("pci_hyperv built in"),
		.assumed_is = "pci_hyperv a module" },
	ROW(F_SYSFB, "sysfb"), .keys = "sysfb", .yes_no = offsetof(struct facts, sysfb),
		.nalts = 2, .alt = sysfb_alt, .said = sysfb_said, .assumed = sysfb_assumed },
	ROW(F_KEXEC_FILE, "kexec-file"), .keys = "kexec-file",
		.yes_no = offsetof(struct facts, kexec_file), .nalts = 2, .alt = kexec_file_alt,
		.said = kexec_file_said, .assumed = kexec_file_assumed },
	ROW(F_HIDE_SMEM, "hide-smem-start"), .keys = "hide-smem-start",
		.yes_no = offsetof(struct facts, hide_smem), .nalts = 2, .alt = hide_smem_alt,
		.said = leak_said, .assumed = hide_smem_assumed },
	ROW(F_BOOT_FB, "boot-framebuffer"), .keys = "fb-base, fb-size", .pairs = boot_fb_pairs },
	ROW(F_KEXEC_TOOLS, "kexec-tools"), .keys = "kexec-tools", .pairs = kexec_tools_pairs,
		.nalts = N(tools), .alt = kexec_tools_alt, .assumed = kexec_tools_assumed },
	ROW(F_KDUMP_CONFIG, "kdump-config"),
		.keys = "kexec-syscall, kexec-args, kexec-retry-args, service-stops",
		.pairs = fact_service_pairs, .always = true, .nalts = 3,
		.flips_when_known = true, .alt = kdump_config_alt,
		.said = WORDS("SUSE kdump 1.9.5", "kexec -c", "kexec -s"),
		.assumed = kdump_config_assumed },
	ROW(F_BLACKLIST, "blacklist"), .keys = "kdump-modules" },
	ROW(F_SECURE_BOOT, "secure-boot"), .keys = "kexec-syscall, kexec-args", .nalts = 1,
		.alt = secure_boot_alt, .said = WORDS("Secure Boot on"),
		.assumed_is = "Secure Boot off" },
	ROW(F_LOCKDOWN, "lockdown"), .keys = "lockdown", .pairs = lockdown_pairs, .nalts = 1,
		.alt = lockdown_alt, .said = WORDS("lockdown integrity"),
		.assumed_is = "no lockdown" },
	ROW(F_KEXEC_LOAD_DISABLED, "kexec-load-disabled"), .keys = "kexec-load-disabled",
		.yes_no = offsetof(struct facts, kexec_load_disabled), .nalts = 1,
		.alt = load_disabled_alt, .said = WORDS("kexec_load_disabled 1"),
		.assumed_is = "kexec_load_disabled 0" },
	ROW(F_CRASH_KERNEL, "crash-kernel") },
	ROW(F_DUMP_TARGET, "dump-target"), .keys = "dump-target", .pairs = dump_target_pairs,
		.nalts = 1, .alt = dump_target_alt, .said = WORDS("the dump on a SCSI disk"),
		.assumed = dump_target_assumed },
	ROW(F_KMSG, "kernel-log") },
	ROW(F_KDUMP_KERNEL, "kdump-kernel"), .keys = "kdump-build, kdump-fixes, kdump-builtin, "
		"kdump-sysfb, kdump-sysfb-gate, kdump-gen1-pci-bar, kdump-hvfb-clear-si",
		.pairs = fact_kdump_kernel_pairs, .always = true },
	ROW(F_FIXES, "kernel-fixes"), .keys = "kernel-fixes", .pairs = fixes_pairs, .always = true,
		.nalts = KC_TRACKED, .flips_when_known = true, .alt = fixes_alt,
		.assumed = fixes_assumed },
	ROW(F_KDUMP_MODULES, "kdump-modules"), .keys = "kdump-modules",
		.pairs = kdump_modules_pairs, .always = true, .nalts = 1, .alt = kdump_modules_alt,
		.said = WORDS("a kdump initramfs with hyperv_drm too"),
		.assumed_is = "a kdump initramfs without hyperv_drm" },
};
