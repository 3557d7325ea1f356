// SPDX-License-Identifier: GPL-2.0-or-later
/* Ours: the scenario: keys, presets, checks, and the "key = value" file. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/number.h"
#include "scenario.h"
#include "util/strbuf.h"
#include "model/hyperv-host/host.h"
#include "model/kexec.h"
#include "model/linux/releases.h"

#define SZ_1M 0x100000ULL
#define SZ_4G 0x100000000ULL
#define SET_VM_MAX (3584 * SZ_1M)

const struct scenario_key scenario_keys[] = {
	{ "layout", "azure-gen2|azure-arm64|azure-cvm|hyperv-gen2|hyperv-arm64|hyperv-gen1",
	  "a VM preset: generation, architecture, Set-VM's low MMIO space, video device" },
	{ "arch", "x86_64|arm64", "CPU architecture (arm64 VMs are Gen2 only)" },
	{ "gen", "1|2", "VM generation (Gen1 boots from BIOS, Gen2 from UEFI)" },
	{ "low-mmio-space", "SIZE|default",
	  "Set-VM -LowMemoryMappedIoSpace: 128M-3.5G (x86_64), 512M-3.5G (arm64)" },
	{ "resolution", "WxH", "Set-VMVideo's resolution: sizes VRAM, may move the low base" },
	{ "kernel", "RELEASE|none",
	  "the kernel's release (7.1, 6.6.150, 6.8.0-1051-azure): its fixes, from the release table" },
	{ "kdump-kernel", "RELEASE|same",
	  "the release the kdump service loads, when it is not the running one" },
	{ "low-mmio", "START-END", "the VMBus MMIO range below 4 GiB" },
	{ "high-mmio", "START-END|none", "the VMBus MMIO range above 4 GiB" },
	{ "fb-base", "ADDR", "firmware framebuffer base, screen_info.lfb_base (0: none)" },
	{ "fb-size", "SIZE", "firmware framebuffer size, screen_info.lfb_size" },
	{ "video", "yes|no", "whether the host offers a synthetic video device" },
	{ "video-bar", "START-END|none", "Gen1: BAR0 of the legacy video device 1414:5353" },
	{ "vram-mb", "N", "VRAM the host offers the synthetic video device, in MiB" },
	{ "fb-driver", "hyperv_drm|hyperv_fb|efifb|simpledrm|vesafb|none",
	  "the driver that owns /dev/fb0 in the first kernel" },
	{ "builtin", "LIST|none", "which of pci_hyperv, hyperv_drm, hyperv_fb are built in" },
	{ "kdump-modules", "LIST|none", "the modules the kdump initramfs loads" },
	{ "probe-order", "LIST", "the order in which modules probe" },
	{ "kexec-syscall", "default|load|file|auto",
	  "what the kdump service asks kexec for (-c, -s, -a; default: the binary's)" },
	{ "kexec-args", "ARGS", "the kexec arguments the kdump service passes, e.g. \"-p -c -d\"" },
	{ "kexec-retry-args", "ARGS|default|none",
	  "after any failure the service runs kexec again with these (SUSE kdump 0.9.0-1.9.5)" },
	{ "kexec-tools", "VERSION", "kexec-tools version, or its package's: 2.0.22, 1:2.0.22-2ubuntu3" },
	{ "fb0-id", "ID|none|ioctl-fails", "/dev/fb0's fix.id as kexec-tools reads it" },
	{ "fb0-smem-start", "ADDR", "/dev/fb0's smem_start (FBIOGET_FSCREENINFO)" },
	{ "fb0-smem-len", "SIZE", "/dev/fb0's smem_len (FBIOGET_FSCREENINFO)" },
	{ "boot-params", "yes|no", "/sys/kernel/boot_params/data can be read" },
	{ "lockdown", "none|integrity|confidentiality", "kernel lockdown level" },
	{ "kexec-load-disabled", "yes|no", "/proc/sys/kernel/kexec_load_disabled" },
	{ "kexec-file", "yes|no", "the kernel has kexec_file_load (CONFIG_KEXEC_FILE)" },
	{ "kernel-signed", "yes|no", "the kdump kernel image passes signature checks" },
	{ "sysfb", "yes|no", "CONFIG_SYSFB: vmbus_reserve_fb() reads screen_info on Gen2" },
	{ "kernel-fixes", "LIST|none",
	  "fixes present: pci-config-above-4g, vmbus-reserve-fb-low-base, hyperv-fb-keep-base, vtpm-fix" },
	{ "hide-smem-start", "yes|no",
	  "FBINFO_HIDE_SMEM_START (da6c7707caf3): DRM fbdev reports smem_start 0" },
	{ "bars32", "SIZE", "MMIO the pass-through devices' 32-bit BARs need" },
	{ "bars64", "SIZE", "MMIO the pass-through devices' 64-bit BARs need" },
	{ "pci-passthrough", "none|N",
	  "the PCI pass-through buses the host offers, one device each (default 1)" },
	{ "host-fw-vram-d0", "default|accept|refuse",
	  "the host's answer to D0 entry on VRAM no driver moved (not published; "
	  "default: accept on Gen1, as a capture shows, refuse on Gen2)" },
	{ "dump-target", "nvme|scsi|net-vf|net-synthetic", "where the vmcore is written" },
	{ "observed-vram", "START-END|none",
	  "where the first kernel really left VRAM (from /proc/iomem)" },
};
const unsigned int scenario_nkeys = sizeof(scenario_keys) / sizeof(scenario_keys[0]);

/* The values text of @key, for messages. */
static const char *values_of(const char *key)
{
	unsigned int i;

	for (i = 0; i < sizeof(scenario_keys) / sizeof(scenario_keys[0]); i++)
		if (!strcmp(scenario_keys[i].name, key))
			return scenario_keys[i].values;
	return "?";
}

static const char *const arch_names[] = { "x86_64", "arm64" };
static const char *const fb_names[] = {
	"hyperv_drm", "hyperv_fb", "efifb", "simpledrm", "vesafb", "none",
};
static const char *const kexec_names[] = { "default", "load", "file", "auto" };
static const char *const lockdown_names[] = { "none", "integrity", "confidentiality" };
static const char *const target_names[] = { "nvme", "scsi", "net-vf", "net-synthetic" };
static const char *const module_names[] = { "pci_hyperv", "hyperv_drm", "hyperv_fb" };
static const char *const *const fix_names = kernel_fix_names;	/* the registry's */

#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

const char *arch_name(enum hv_arch a) { return arch_names[a]; }
const char *fb_driver_name(enum fb_driver d) { return fb_names[d]; }
const char *kexec_request_name(enum kexec_request k) { return kexec_names[k]; }
const char *lockdown_name(enum lockdown l) { return lockdown_names[l]; }
const char *dump_target_name(enum dump_target t) { return target_names[t]; }
const char *module_name(enum hv_module m) { return module_names[m]; }
const char *fix_name(enum kernel_fix f) { return fix_names[f]; }

const char *kexec_tools_str(unsigned int v, char *buf, unsigned int len)
{
	snprintf(buf, len, "%u.%u.%u", v / 10000, v / 100 % 100, v % 100);
	return buf;
}

static void set_str(unsigned int set, const char *const *names, unsigned int n,
		    char *buf, unsigned int len)
{
	unsigned int i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!(set & (1u << i)))
			continue;
		off += (unsigned int)snprintf(buf + off, off < len ? len - off : 0, "%s%s",
					      off ? "," : "", names[i]);
	}
	if (!off)
		snprintf(buf, len, "none");
}

void module_set_str(unsigned int set, char *buf, unsigned int len)
{
	set_str(set, module_names, MOD_COUNT, buf, len);
}

void fix_set_str(unsigned int set, char *buf, unsigned int len)
{
	set_str(set, fix_names, FIX_COUNT, buf, len);
}

struct preset {
	const char *name;
	enum hv_arch arch;
	int gen;
	uint64_t low_mmio_space;	/* Set-VM; 0: the host's default */
	bool video;
	enum fb_driver fb_driver;
};

/* SPEC section 4 "The host's layout": Azure's and a local host's defaults. */
static const struct preset presets[] = {
	{ "azure-gen2", ARCH_X86_64, 2, 3072 * SZ_1M, true, FB_HYPERV_DRM },
	{ "azure-arm64", ARCH_ARM64, 2, 3072 * SZ_1M, true, FB_HYPERV_DRM },
	{ "azure-cvm", ARCH_X86_64, 2, 1024 * SZ_1M, false, FB_NONE },
	{ "hyperv-gen2", ARCH_X86_64, 2, 0, true, FB_HYPERV_DRM },
	{ "hyperv-arm64", ARCH_ARM64, 2, 0, true, FB_HYPERV_DRM },
	{ "hyperv-gen1", ARCH_X86_64, 1, 0, true, FB_HYPERV_DRM },
};

const struct scenario_preset_info scenario_presets[] = {
	{ "azure-gen2", "Azure x86_64 VMs: 3 GiB of low MMIO from 0x40000000, framebuffer there" },
	{ "azure-arm64", "Azure arm64 VMs: 3 GiB of low MMIO from 0x40000000, framebuffer there" },
	{ "azure-cvm", "Azure confidential VMs: 1 GiB from 0xc0000000, no video device" },
	{ "hyperv-gen2", "local Hyper-V Gen2 default: 128 MiB from 0xf8000000" },
	{ "hyperv-arm64", "local Hyper-V arm64 default: 512 MiB from 0xe0000000" },
	{ "hyperv-gen1", "local Hyper-V Gen1: _CRS 0xf8000000-0xfffbffff, video BAR0 0xf8000000" },
};
const unsigned int scenario_npresets = sizeof(scenario_presets) / sizeof(scenario_presets[0]);

static const struct preset *find_preset(const char *name)
{
	size_t i;

	for (i = 0; i < NAMES(presets); i++)
		if (!strcmp(presets[i].name, name))
			return &presets[i];
	return NULL;
}

static void apply_preset(struct scenario *sc, const struct preset *p)
{
	sc->layout = p->name;
	sc->arch = p->arch;
	sc->gen = p->gen;
	sc->low_mmio_space = p->low_mmio_space;
	sc->video = p->video;
	sc->fb_driver = p->fb_driver;
	sc->manual = 0;
	scenario_resolve(sc, NULL);
}

void scenario_defaults(struct scenario *sc)
{
	unsigned int i;

	memset(sc, 0, sizeof(*sc));
	sc->res_w = 1920;	/* the host's default: 8 MiB of VRAM */
	sc->res_h = 1080;
	apply_preset(sc, &presets[0]);
	sc->fb_size = 3 * SZ_1M;	/* 1024x768x32 */
	sc->builtin = 0;
	sc->kdump_modules = MOD_BIT(MOD_PCI_HYPERV);
	for (i = 0; i < MOD_COUNT; i++)
		sc->probe_order[i] = (enum hv_module)i;
	sc->kexec = KEXEC_REQ_DEFAULT;
	sc->kexec_tools = 20022;
	sc->lockdown = LOCKDOWN_NONE;
	sc->kexec_file_supported = true;
	sc->kexec_file_debug = true;
	sc->boot_params = true;
	sc->kernel_signed = true;
	sc->sysfb = true;
	sc->sysfb_gate = true;
	sc->gen1_pci_bar = true;
	sc->fixes = 0;
	sc->hide_smem_start = true;
	sc->bars32 = 0;
	sc->bars64 = SZ_1M;
	sc->dump_target = DUMP_NVME;
	sc->pci_buses = 1;
}

#define bad(err, ...) do { hv_err_set(err, 0, __VA_ARGS__); return -1; } while (0)

static int pick(const char *value, const char *const *names, unsigned int n,
		const char *key, const char *values, struct hv_err *err)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(value, names[i]))
			return (int)i;
	bad(err, "%s: unknown value \"%s\" (expected %s)", key, value, values);
}

static int yes_no(const char *value, bool *out, const char *key, struct hv_err *err)
{
	if (!strcmp(value, "yes") || !strcmp(value, "on") || !strcmp(value, "1"))
		*out = true;
	else if (!strcmp(value, "no") || !strcmp(value, "off") || !strcmp(value, "0"))
		*out = false;
	else
		bad(err, "%s: expected yes or no, not \"%s\"", key, value);
	return 0;
}

static int number(const char *value, uint64_t *out, const char *key, struct hv_err *err)
{
	const char *why = hv_parse_u64(value, out);

	if (why)
		bad(err, "%s: \"%s\": %s", key, value, why);
	return 0;
}

static int span(const char *value, struct mmio_span *out, bool none_ok,
		const char *key, struct hv_err *err)
{
	char buf[64];
	const char *dash;
	uint64_t s, e;

	if (none_ok && !strcmp(value, "none")) {
		out->set = false;
		return 0;
	}
	dash = strchr(value, '-');
	if (!dash || dash == value || strlen(value) >= sizeof(buf))
		bad(err, "%s: expected START-END, not \"%s\"", key, value);
	memcpy(buf, value, (size_t)(dash - value));
	buf[dash - value] = '\0';
	if (number(buf, &s, key, err) || number(dash + 1, &e, key, err))
		return -1;
	if (e < s)
		bad(err, "%s: end 0x%" PRIx64 " is below start 0x%" PRIx64, key, e, s);
	out->set = true;
	out->start = s;
	out->end = e;
	return 0;
}

/* "a,b,c" of names into a bit set; "none" is the empty set. */
static int name_set(const char *value, const char *const *names, unsigned int n,
		    unsigned int *out, enum hv_module *order, const char *key,
		    struct hv_err *err)
{
	unsigned int set = 0, count = 0, i;
	const char *p = value;

	if (!strcmp(value, "none")) {
		*out = 0;
		return 0;
	}
	while (*p) {
		size_t len = strcspn(p, ",");

		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && !strncmp(p, names[i], len))
				break;
		if (i == n)
			bad(err, "%s: unknown name \"%.*s\" in \"%s\"", key, (int)len, p, value);
		if (set & (1u << i))
			bad(err, "%s: \"%s\" is listed twice", key, names[i]);
		set |= 1u << i;
		if (order)
			order[count] = (enum hv_module)i;
		count++;
		p += len;
		if (*p == ',') {
			p++;
			if (!*p)
				bad(err, "%s: empty name at the end of \"%s\"", key, value);
		}
	}
	if (!count)
		bad(err, "%s: empty list (write none for no names)", key);
	*out = set;
	return 0;
}

/* "A.B.C", each 0-99: no sscanf(), the matrix parses one per combination */
static int version(const char *value, unsigned int *out, struct hv_err *err)
{
	unsigned int part[3] = { 0, 0, 0 }, i;
	const char *p = value;

	for (i = 0; i < 3; i++) {
		unsigned int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 3) {
			part[i] = part[i] * 10 + (unsigned int)(*p++ - '0');
			digits++;
		}
		if (!digits || part[i] > 99 || (i < 2 && *p++ != '.'))
			goto bad;
	}
	if (*p)
		goto bad;
	*out = part[0] * 10000 + part[1] * 100 + part[2];
	return 0;
bad:
	bad(err, "kexec-tools: expected a version like 2.0.22, not \"%s\"", value);
}

/* "WxH", each 1-65535 */
static int resolution(const char *value, struct scenario *sc, struct hv_err *err)
{
	unsigned long wh[2] = { 0, 0 };
	const char *p = value;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		unsigned int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 6) {
			wh[i] = wh[i] * 10 + (unsigned long)(*p++ - '0');
			digits++;
		}
		if (!digits || !wh[i] || wh[i] > 65535 || (i == 0 && *p++ != 'x'))
			bad(err, "resolution: expected WIDTHxHEIGHT like 1920x1080, not \"%s\"", value);
	}
	if (*p)
		bad(err, "resolution: expected WIDTHxHEIGHT like 1920x1080, not \"%s\"", value);
	sc->res_w = (unsigned int)wh[0];
	sc->res_h = (unsigned int)wh[1];
	return 0;
}

int scenario_set(struct scenario *sc, const char *key, const char *value,
		 struct hv_err *err)
{
	uint64_t v;
	int i;

	if (!strcmp(key, "layout")) {
		const struct preset *p = find_preset(value);

		if (!p)
			bad(err, "layout: unknown value \"%s\" (expected %s)", value,
			    values_of(key));
		apply_preset(sc, p);
		return 0;
	}
	if (!strcmp(key, "arch")) {
		if ((i = pick(value, arch_names, NAMES(arch_names), key, "x86_64|arm64", err)) < 0)
			return -1;
		sc->arch = (enum hv_arch)i;
		return 0;
	}
	if (!strcmp(key, "gen")) {
		if (strcmp(value, "1") && strcmp(value, "2"))
			bad(err, "gen: expected 1 or 2, not \"%s\"", value);
		sc->gen = value[0] - '0';
		return 0;
	}
	if (!strcmp(key, "low-mmio-space")) {
		if (!strcmp(value, "default")) {
			sc->low_mmio_space = 0;
			return 0;
		}
		return number(value, &sc->low_mmio_space, key, err);
	}
	if (!strcmp(key, "resolution"))
		return resolution(value, sc, err);
	if (!strcmp(key, "low-mmio")) {
		sc->layout = "custom";
		sc->manual |= SC_SET_LOW;
		return span(value, &sc->low, false, key, err);
	}
	if (!strcmp(key, "high-mmio")) {
		sc->layout = "custom";
		sc->manual |= SC_SET_HIGH;
		return span(value, &sc->high, true, key, err);
	}
	if (!strcmp(key, "video-bar")) {
		sc->layout = "custom";
		sc->manual |= SC_SET_VIDEO_BAR;
		return span(value, &sc->video_bar, true, key, err);
	}
	if (!strcmp(key, "fb-base")) {
		sc->layout = "custom";
		sc->manual |= SC_SET_FB_BASE;
		return number(value, &sc->fb_base, key, err);
	}
	if (!strcmp(key, "fb-size")) {
		if (number(value, &v, key, err))
			return -1;
		if (v > UINT32_MAX)
			bad(err, "fb-size: 0x%" PRIx64 " does not fit screen_info.lfb_size (32 bits)", v);
		sc->fb_size = v;
		return 0;
	}
	if (!strcmp(key, "video"))
		return yes_no(value, &sc->video, key, err);
	if (!strcmp(key, "vram-mb")) {
		if (number(value, &v, key, err))
			return -1;
		if (!v || v > 65536)
			bad(err, "vram-mb: %" PRIu64 " is not between 1 and 65536", v);
		sc->vram_mb = v;
		sc->manual |= SC_SET_VRAM;
		return 0;
	}
	if (!strcmp(key, "fb-driver")) {
		if ((i = pick(value, fb_names, NAMES(fb_names), key, values_of(key), err)) < 0)
			return -1;
		sc->fb_driver = (enum fb_driver)i;
		return 0;
	}
	if (!strcmp(key, "builtin"))
		return name_set(value, module_names, MOD_COUNT, &sc->builtin, NULL, key, err);
	if (!strcmp(key, "kdump-modules"))
		return name_set(value, module_names, MOD_COUNT, &sc->kdump_modules, NULL, key, err);
	if (!strcmp(key, "probe-order")) {
		enum hv_module order[MOD_COUNT];
		unsigned int set, n = 0, m;

		if (!strcmp(value, "none"))
			bad(err, "probe-order: name at least one module");
		if (name_set(value, module_names, MOD_COUNT, &set, order, key, err))
			return -1;
		for (m = 0; m < MOD_COUNT; m++)
			n += !!(set & MOD_BIT(m));
		/* the ones not named follow in the default order */
		for (m = 0; m < MOD_COUNT; m++)
			if (!(set & MOD_BIT(m)))
				order[n++] = (enum hv_module)m;
		memcpy(sc->probe_order, order, sizeof(order));
		return 0;
	}
	if (!strcmp(key, "kexec-syscall")) {
		if ((i = pick(value, kexec_names, NAMES(kexec_names), key,
			      "default|load|file|auto", err)) < 0)
			return -1;
		sc->kexec = (enum kexec_request)i;
		return 0;
	}
	if (!strcmp(key, "kexec-tools")) {
		/* an upstream version, or a package's ("1:2.0.22-2ubuntu3", "2.0.26-8.el9") */
		const char *colon = strchr(value, ':'), *up = colon ? colon + 1 : value;
		char upstream[16];
		size_t n = strcspn(up, "-");

		if (n >= sizeof(upstream))
			bad(err, "kexec-tools: expected a version like 2.0.22, not \"%s\"", value);
		memcpy(upstream, up, n);
		upstream[n] = '\0';
		if (version(upstream, &sc->kexec_tools, err))
			return -1;
		if (strlen(value) >= sizeof(sc->kexec_package))
			bad(err, "kexec-tools: \"%s\" is too long", value);
		snprintf(sc->kexec_package, sizeof(sc->kexec_package), "%s",
			 up[n] || colon ? value : "");
		return 0;
	}
	if (!strcmp(key, "kexec-args")) {
		if (strlen(value) >= sizeof(sc->kexec_args))
			bad(err, "kexec-args: longer than %zu bytes", sizeof(sc->kexec_args) - 1);
		snprintf(sc->kexec_args, sizeof(sc->kexec_args), "%s", value);
		return 0;
	}
	if (!strcmp(key, "kexec-retry-args")) {
		if (strlen(value) >= sizeof(sc->kexec_retry_args))
			bad(err, "kexec-retry-args: longer than %zu bytes",
			    sizeof(sc->kexec_retry_args) - 1);
		/* none: no second run; default: one with no syscall option */
		sc->kexec_retry = strcmp(value, "none") != 0;
		snprintf(sc->kexec_retry_args, sizeof(sc->kexec_retry_args), "%s",
			 sc->kexec_retry && strcmp(value, "default") ? value : "");
		return 0;
	}
	if (!strcmp(key, "fb0-id")) {
		if (!*value || strlen(value) >= sizeof(sc->fb0_id))
			bad(err, "fb0-id: expected a fix.id of at most 15 bytes (or none, ioctl-fails)");
		snprintf(sc->fb0_id, sizeof(sc->fb0_id), "%s", value);
		return 0;
	}
	if (!strcmp(key, "fb0-smem-start")) {
		sc->fb0_smem_start_set = true;
		return number(value, &sc->fb0_smem_start, key, err);
	}
	if (!strcmp(key, "fb0-smem-len")) {
		sc->fb0_smem_len_set = true;
		return number(value, &sc->fb0_smem_len, key, err);
	}
	if (!strcmp(key, "boot-params"))
		return yes_no(value, &sc->boot_params, key, err);
	if (!strcmp(key, "lockdown")) {
		if ((i = pick(value, lockdown_names, NAMES(lockdown_names), key,
			      "none|integrity|confidentiality", err)) < 0)
			return -1;
		sc->lockdown = (enum lockdown)i;
		return 0;
	}
	if (!strcmp(key, "kexec-load-disabled"))
		return yes_no(value, &sc->kexec_load_disabled, key, err);
	if (!strcmp(key, "kexec-file"))
		return yes_no(value, &sc->kexec_file_supported, key, err);
	if (!strcmp(key, "kernel-signed"))
		return yes_no(value, &sc->kernel_signed, key, err);
	if (!strcmp(key, "sysfb"))
		return yes_no(value, &sc->sysfb, key, err);
	if (!strcmp(key, "kernel-fixes")) {
		sc->manual |= SC_SET_FIXES;
		return name_set(value, fix_names, FIX_COUNT, &sc->fixes, NULL, key, err);
	}
	if (!strcmp(key, "kernel") || !strcmp(key, "kdump-kernel")) {
		char *to = key[0] == 'k' && key[1] == 'e' ? sc->kernel : sc->kdump_kernel;
		struct kernel_release kr;

		if (!strcmp(value, to == sc->kernel ? "none" : "same")) {
			to[0] = '\0';
			return 0;
		}
		if (strlen(value) >= sizeof(sc->kernel) || kernel_release_parse(value, &kr))
			bad(err, "%s: expected a release like 7.1, 6.6.150 or 6.8.0-1051-azure, "
			    "not \"%s\"", key, value);
		snprintf(to, sizeof(sc->kernel), "%s", value);
		return 0;
	}
	if (!strcmp(key, "hide-smem-start"))
		return yes_no(value, &sc->hide_smem_start, key, err);
	if (!strcmp(key, "bars32"))
		return number(value, &sc->bars32, key, err);
	if (!strcmp(key, "bars64"))
		return number(value, &sc->bars64, key, err);
	if (!strcmp(key, "observed-vram"))
		return span(value, &sc->observed_vram, true, key, err);
	if (!strcmp(key, "pci-passthrough")) {
		if (!strcmp(value, "none")) {
			sc->pci_buses = 0;
			return 0;
		}
		if (number(value, &v, key, err))
			return -1;
		if (!v || v > SIM_MAX_PCI_BUSES)
			bad(err, "pci-passthrough: %" PRIu64 " is not none or between 1 and %u", v,
			    SIM_MAX_PCI_BUSES);
		sc->pci_buses = (unsigned int)v;
		return 0;
	}
	if (!strcmp(key, "host-fw-vram-d0")) {
		static const char *const answers[] = { "default", "accept", "refuse" };

		if ((i = pick(value, answers, NAMES(answers), key, "default|accept|refuse",
			      err)) < 0)
			return -1;
		sc->host_fw_vram_d0 = (unsigned int)i;
		return 0;
	}
	if (!strcmp(key, "dump-target")) {
		if ((i = pick(value, target_names, NAMES(target_names), key,
			      "nvme|scsi|net-vf|net-synthetic", err)) < 0)
			return -1;
		sc->dump_target = (enum dump_target)i;
		return 0;
	}
	bad(err, "unknown key \"%s\"", key);
}

int scenario_check(const struct scenario *sc, struct hv_err *err)
{
	const struct preset *p = find_preset(sc->layout);
	char v[16];

	if (sc->arch == ARCH_ARM64 && sc->gen == 1)
		bad(err, "arm64 Hyper-V VMs are Gen2 only: gen 1 is impossible with arch arm64");
	if (!sc->pci_buses && (sc->dump_target == DUMP_NVME || sc->dump_target == DUMP_NET_VF))
		bad(err, "dump-target %s is a pass-through device, and pci-passthrough is none: "
		    "say dump-target scsi or net-synthetic", dump_target_name(sc->dump_target));
	if (p && p->gen != sc->gen)
		bad(err, "layout %s is a Gen%d layout, not Gen%d", p->name, p->gen, sc->gen);
	if (p && p->arch != sc->arch)
		bad(err, "layout %s is an %s layout, not %s", p->name, arch_name(p->arch),
		    arch_name(sc->arch));
	if (!sc->low.set)
		bad(err, "low-mmio: a low MMIO range is needed");
	if (sc->low.end > 0xffffffffULL)
		bad(err, "low-mmio: 0x%" PRIx64 "-0x%" PRIx64 " does not end below 4 GiB",
		    sc->low.start, sc->low.end);
	if (sc->high.set && sc->high.start < 0x100000000ULL)
		bad(err, "high-mmio: 0x%" PRIx64 "-0x%" PRIx64 " does not start above 4 GiB",
		    sc->high.start, sc->high.end);
	if (sc->fb_driver == FB_EFIFB && sc->gen != 2)
		bad(err, "fb-driver efifb needs EFI boot: Gen2 only");
	if (sc->fb_driver == FB_VESAFB && (sc->gen != 1 || sc->arch != ARCH_X86_64))
		bad(err, "fb-driver vesafb needs a BIOS boot: Gen1 x86_64 only");
	if ((sc->fb_driver == FB_HYPERV_DRM || sc->fb_driver == FB_HYPERV_FB) && !sc->video)
		bad(err, "fb-driver %s needs a synthetic video device (video = no)",
		    fb_driver_name(sc->fb_driver));
	if ((sc->fb_driver == FB_EFIFB || sc->fb_driver == FB_SIMPLEDRM) && sc->gen == 2 &&
	    !sc->fb_base)
		bad(err, "fb-driver %s needs a firmware framebuffer (fb-base is 0)",
		    fb_driver_name(sc->fb_driver));
	if (sc->gen == 1 && sc->video && !sc->video_bar.set)
		bad(err, "video-bar: a Gen1 VM with a video device needs BAR0 of 1414:5353");
	if (sc->fb_base && !sc->fb_size)
		bad(err, "fb-size: a firmware framebuffer needs a size");
	if (sc->video) {
		unsigned int i;

		/* a built-in video driver binds the device before any module */
		for (i = 0; i < MOD_COUNT; i++) {
			enum hv_module m = sc->probe_order[i];

			if (m == MOD_PCI_HYPERV || !(sc->builtin & MOD_BIT(m)))
				continue;
			if ((m == MOD_HYPERV_DRM && sc->fb_driver != FB_HYPERV_DRM) ||
			    (m == MOD_HYPERV_FB && sc->fb_driver != FB_HYPERV_FB))
				bad(err, "%s is built in and binds the video device first, so "
				    "fb-driver must be %s, not %s", module_name(m), module_name(m),
				    fb_driver_name(sc->fb_driver));
			break;
		}
	}
	if (sc->kernel[0] && sc->fb_driver == FB_HYPERV_FB) {
		struct kernel_release kr;

		if (!kernel_release_parse(sc->kernel, &kr) &&
		    kernel_release_has(&kr, KC_40227F2EFCFB, NULL, 0) == CHANGE_PRESENT)
			bad(err, "fb-driver hyperv_fb: kernel %s has no hyperv_fb (removed in v7.0, "
			    "40227f2efcfb)", sc->kernel);
	}
	if ((sc->kexec == KEXEC_REQ_AUTO || sc->kexec == KEXEC_REQ_LOAD) && sc->kexec_tools < 20017)
		bad(err, "kexec-syscall %s: kexec-tools %s has no %s (it came in 2.0.17)",
		    kexec_request_name(sc->kexec), kexec_tools_str(sc->kexec_tools, v, sizeof(v)),
		    sc->kexec == KEXEC_REQ_AUTO ? "-a" : "-c");

	return 0;
}

static void host_settings(const struct scenario *sc, struct hv_host_settings *s)
{
	*s = (struct hv_host_settings){
		.arch = sc->arch, .gen = sc->gen, .low_mmio_space = sc->low_mmio_space,
		.width = sc->res_w, .height = sc->res_h,
	};
}

/* A field given by hand, against what the host's rules give. */
static void by_hand(struct trace *t, const char *key, const struct mmio_span *hand,
		    const struct mmio_span *rule)
{
	if (!hand->set)
		trace_add(t, PHASE_FIRST, true, "scenario", "%s none, given by hand", key);
	else if (rule->set && (hand->start != rule->start || hand->end != rule->end))
		trace_add(t, PHASE_FIRST, true, "scenario",
			  "%s 0x%" PRIx64 "-0x%" PRIx64 ", given by hand, wins over the "
			  "host's 0x%" PRIx64 "-0x%" PRIx64, key, hand->start, hand->end,
			  rule->start, rule->end);
	else
		trace_add(t, PHASE_FIRST, true, "scenario", "%s 0x%" PRIx64 "-0x%" PRIx64
			  ", given by hand", key, hand->start, hand->end);
}

static const char *const state_names[] = { "unknown", "absent", "present" };

/* What the release table says of @release, into @kb; an unknown is assumed absent. */
static void apply_release(const char *release, struct kernel_build *kb, bool fixes_by_hand,
			  enum trace_phase phase, struct trace *t)
{
	struct kernel_release kr;
	enum change_state st;
	char why[192];
	unsigned int f;

	if (!release[0] || kernel_release_parse(release, &kr))
		return;
	if (!fixes_by_hand) {
		kb->fixes = 0;
		for (f = 0; f < FIX_COUNT; f++) {
			st = kernel_release_has(&kr, kernel_fix_change((enum kernel_fix)f), why,
						 sizeof(why));
			if (st == CHANGE_PRESENT)
				kb->fixes |= FIX_BIT(f);
			if (f == FIX_VTPM)
				continue;
			trace_add(t, phase, f == FIX_PCI_CONFIG_ABOVE_4G, "kernel",
				  "%s: %s %s%s (%s)", release, fix_name((enum kernel_fix)f),
				  state_names[st], st == CHANGE_UNKNOWN ? ", assumed absent" : "", why);
		}
	} else {
		trace_add(t, phase, true, "kernel",
			  "%s: kernel-fixes given by hand win over the release table", release);
	}
	st = kernel_release_has(&kr, KC_A07B50D80AB6, why, sizeof(why));
	kb->sysfb_gate = st == CHANGE_PRESENT;
	trace_add(t, phase, true, "kernel", "%s: a07b50d80ab6 (vmbus_reserve_fb tests "
		  "CONFIG_SYSFB) %s%s (%s)", release, state_names[st],
		  st == CHANGE_UNKNOWN ? ", assumed absent" : "", why);
	st = kernel_release_has(&kr, KC_2A8A8AFBA0C3, why, sizeof(why));
	kb->gen1_pci_bar = st == CHANGE_PRESENT;
	trace_add(t, phase, true, "kernel", "%s: 2a8a8afba0c3 (Gen1's framebuffer from "
		  "the PCI BAR) %s%s (%s)", release, state_names[st],
		  st == CHANGE_UNKNOWN ? ", assumed absent" : "", why);
	kb->hvfb_clear_si = hvfb_clears_screen_info(&kr, NULL, why, sizeof(why));
	trace_add(t, phase, true, "kernel", "%s: hyperv_fb clears screen_info on Gen2: %s (%s)",
		  release, kb->hvfb_clear_si ? "yes" : "no", why);
}

/* The running kernel's build, as the scenario's own fields hold it. */
static struct kernel_build first_build(const struct scenario *sc)
{
	struct kernel_build kb;

	/* whole, padding too: scenarios are compared with memcmp() */
	memset(&kb, 0, sizeof(kb));
	kb.fixes = sc->fixes;
	kb.builtin = sc->builtin;
	kb.sysfb = sc->sysfb;
	kb.sysfb_gate = sc->sysfb_gate;
	kb.gen1_pci_bar = sc->gen1_pci_bar;
	kb.hvfb_clear_si = sc->hvfb_clear_si;
	return kb;
}

void scenario_same_kdump_kernel(struct scenario *sc)
{
	sc->kdump = first_build(sc);
}

static void apply_kernels(struct scenario *sc, struct trace *t)
{
	struct kernel_build kb = first_build(sc);

	apply_release(sc->kernel, &kb, sc->manual & SC_SET_FIXES, PHASE_FIRST, t);
	/* the running kernel answers kexec_file_load, KEXEC_FILE_DEBUG or not */
	if (sc->kernel[0]) {
		struct kernel_release kr;

		if (!kernel_release_parse(sc->kernel, &kr))
			sc->kexec_file_debug = kernel_release_has(&kr, KC_CBC2FE9D9CB2, NULL, 0) ==
					       CHANGE_PRESENT;
	}
	sc->fixes = kb.fixes;
	sc->sysfb_gate = kb.sysfb_gate;
	sc->gen1_pci_bar = kb.gen1_pci_bar;
	sc->hvfb_clear_si = kb.hvfb_clear_si;
	if (sc->kernel[0]) {
		struct kernel_release kr;

		sc->hvfb_clear_si_assumed = false;
		if (!kernel_release_parse(sc->kernel, &kr))
			hvfb_clears_screen_info(&kr, &sc->hvfb_clear_si_assumed, NULL, 0);
	}
	if (sc->manual & SC_SET_KDUMP_BUILD)
		return;
	sc->kdump = kb;
	if (sc->kdump_kernel[0] && strcmp(sc->kdump_kernel, sc->kernel))
		apply_release(sc->kdump_kernel, &sc->kdump, false, PHASE_LOAD, t);
}

void scenario_resolve(struct scenario *sc, struct trace *t)
{
	struct hv_host_settings s;
	struct hv_host_layout l;

	apply_kernels(sc, t);

	host_settings(sc, &s);
	hv_host_layout(&s, &l, t);
	if (sc->manual & SC_SET_LOW)
		by_hand(t, "low-mmio", &sc->low, &l.low);
	else
		sc->low = l.low;
	if (sc->manual & SC_SET_HIGH) {
		by_hand(t, "high-mmio", &sc->high, &l.high);
	} else {
		sc->high = l.high;
		trace_add(t, PHASE_FIRST, true, "hv_host_layout",
			  "high MMIO 0x%" PRIx64 "-0x%" PRIx64 " (assumed: the only published "
			  "value, a Gen1 lab VM's; Azure's is not published)",
			  l.high.start, l.high.end);
	}
	if (sc->manual & SC_SET_FB_BASE)
		trace_add(t, PHASE_FIRST, true, "scenario", "fb-base 0x%" PRIx64 ", given by hand%s",
			  sc->fb_base, sc->video && l.fb_base != sc->fb_base ? ", wins over the host's" : "");
	else
		sc->fb_base = sc->video ? l.fb_base : 0;
	if (sc->manual & SC_SET_VRAM)
		trace_add(t, PHASE_FIRST, true, "scenario", "vram-mb %" PRIu64 ", given by hand%s",
			  sc->vram_mb, sc->vram_mb != l.vram_mb ? ", wins over the resolution's" : "");
	else
		sc->vram_mb = l.vram_mb;
	if (sc->manual & SC_SET_VIDEO_BAR)
		by_hand(t, "video-bar", &sc->video_bar, &l.video_bar);
	else
		sc->video_bar = l.video_bar;
}

int scenario_check_host(const struct scenario *sc, struct hv_err *err)
{
	struct hv_host_settings s;

	host_settings(sc, &s);
	if (hv_host_settings_check(&s, err))
		return -1;
	if (sc->fb_base >= SZ_4G)
		bad(err, "fb-base: 0x%" PRIx64 " is at or above 4 GiB; the host always places the "
		    "framebuffer below 4 GiB", sc->fb_base);
	if (sc->low.set && sc->low.end < SZ_4G && sc->low.start < SZ_4G - SET_VM_MAX)
		bad(err, "low-mmio: 0x%" PRIx64 "-0x%" PRIx64 " is larger than any host makes "
		    "(Set-VM -LowMemoryMappedIoSpace takes at most 3.5 GiB: from 0x20000000)",
		    sc->low.start, sc->low.end);
	if (sc->gen == 2 && sc->fb_base && sc->low.set &&
	    (sc->fb_base < sc->low.start || sc->fb_base > sc->low.end))
		bad(err, "fb-base: 0x%" PRIx64 " lies outside the low MMIO range 0x%" PRIx64 "-0x%"
		    PRIx64 "; on Gen2 the host places the framebuffer inside it, at its base",
		    sc->fb_base, sc->low.start, sc->low.end);
	return 0;
}

int scenario_finish(struct scenario *sc, struct hv_err *err)
{
	struct kexec_invocation inv;
	char v[16];

	scenario_resolve(sc, NULL);
	if (scenario_check_host(sc, err))
		return -1;
	/* an option the version does not have: a real service would load nothing */
	if (sc->kexec_args[0] && kexec_parse_args(sc->kexec_args, sc->kexec_tools, &inv))
		bad(err, "kexec-args \"%.100s\": kexec-tools %s refuses %.100s", sc->kexec_args,
		    kexec_tools_str(sc->kexec_tools, v, sizeof(v)), inv.bad);
	if (sc->kexec_retry && sc->kexec_retry_args[0] &&
	    kexec_parse_args(sc->kexec_retry_args, sc->kexec_tools, &inv))
		bad(err, "kexec-retry-args \"%.100s\": kexec-tools %s refuses %.100s",
		    sc->kexec_retry_args, kexec_tools_str(sc->kexec_tools, v, sizeof(v)), inv.bad);
	return scenario_check(sc, err);
}

int scenario_build(struct scenario *sc, const struct scenario_pair *pairs,
		   unsigned int npairs, struct hv_err *err)
{
	const struct scenario_pair *layout = NULL;
	bool gen1 = false, arm64 = false;
	unsigned int i;

	scenario_defaults(sc);
	for (i = 0; i < npairs; i++) {
		if (!strcmp(pairs[i].key, "layout"))
			layout = &pairs[i];
		else if (!strcmp(pairs[i].key, "gen"))
			gen1 = !strcmp(pairs[i].value, "1");
		else if (!strcmp(pairs[i].key, "arch"))
			arm64 = !strcmp(pairs[i].value, "arm64");
	}
	/* the layout first; without one, the preset that fits gen and arch */
	if (layout) {
		if (scenario_set(sc, "layout", layout->value, err))
			goto fail_at;
	} else if (gen1) {
		apply_preset(sc, find_preset("hyperv-gen1"));
	} else if (arm64) {
		apply_preset(sc, find_preset("azure-arm64"));
	}
	for (i = 0; i < npairs; i++) {
		if (&pairs[i] == layout || !strcmp(pairs[i].key, "layout"))
			continue;
		if (scenario_set(sc, pairs[i].key, pairs[i].value, err)) {
			layout = &pairs[i];
			goto fail_at;
		}
	}
	return scenario_finish(sc, err);
fail_at:
	if (err)
		err->line = layout->origin ? layout->line : 0;
	return -1;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int scenario_file_parse(const char *name, const char *text, size_t len,
			struct scenario_file *out, struct hv_err *err)
{
	size_t cap = 0;
	unsigned long line = 0;
	struct scenario_pair *np;
	char *p, *end;

	memset(out, 0, sizeof(*out));
	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte in the file");
		return -1;
	}
	out->text = malloc(len + 1);
	if (!out->text)
		goto oom;
	memcpy(out->text, text, len);
	out->text[len] = '\0';
	for (p = out->text; *p; p = end) {
		char *eol = strchr(p, '\n'), *eq, *key, *value, *hash;

		end = eol ? eol + 1 : p + strlen(p);
		if (eol)
			*eol = '\0';
		line++;
		hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		p = trim(p);
		if (!*p)
			continue;
		eq = strchr(p, '=');
		if (!eq) {
			hv_err_set(err, line, "expected key = value, not \"%s\"", p);
			goto fail;
		}
		*eq = '\0';
		key = trim(p);
		value = trim(eq + 1);
		if (!*key || !*value) {
			hv_err_set(err, line, "expected key = value with both present");
			goto fail;
		}
		np = hv_grow(out->pairs, &cap, out->npairs, sizeof(*np), 16);
		if (!np)
			goto oom;
		out->pairs = np;
		out->pairs[out->npairs++] = (struct scenario_pair){
			.key = key, .value = value, .origin = name, .line = line,
		};
	}
	return 0;
oom:
	hv_err_set(err, 0, "out of memory");
fail:
	scenario_file_free(out);
	return -1;
}

void scenario_file_free(struct scenario_file *f)
{
	free(f->pairs);
	free(f->text);
	memset(f, 0, sizeof(*f));
}

static void dump_span(struct strbuf *out, const char *key, const struct mmio_span *s)
{
	if (s->set)
		sb_addf(out, "%s = 0x%" PRIx64 "-0x%" PRIx64 "\n", key, s->start, s->end);
	else
		sb_addf(out, "%s = none\n", key);
}

void scenario_dump(const struct scenario *sc, struct strbuf *out)
{
	char buf[96];
	unsigned int i;

	sb_addf(out, "layout = %s\narch = %s\ngen = %d\n", sc->layout,
		arch_name(sc->arch), sc->gen);
	if (sc->low_mmio_space)
		sb_addf(out, "low-mmio-space = 0x%" PRIx64 "\n", sc->low_mmio_space);
	sb_addf(out, "resolution = %ux%u\n", sc->res_w, sc->res_h);
	if (sc->kernel[0])
		sb_addf(out, "kernel = %s\n", sc->kernel);
	if (sc->kdump_kernel[0])
		sb_addf(out, "kdump-kernel = %s\n", sc->kdump_kernel);
	dump_span(out, "low-mmio", &sc->low);
	dump_span(out, "high-mmio", &sc->high);
	sb_addf(out, "fb-base = 0x%" PRIx64 "\nfb-size = 0x%" PRIx64 "\nvideo = %s\n",
		sc->fb_base, sc->fb_size, sc->video ? "yes" : "no");
	dump_span(out, "video-bar", &sc->video_bar);
	sb_addf(out, "vram-mb = %" PRIu64 "\nfb-driver = %s\n", sc->vram_mb,
		fb_driver_name(sc->fb_driver));
	module_set_str(sc->builtin, buf, sizeof(buf));
	sb_addf(out, "builtin = %s\n", buf);
	module_set_str(sc->kdump_modules, buf, sizeof(buf));
	sb_addf(out, "kdump-modules = %s\nprobe-order = ", buf);
	for (i = 0; i < MOD_COUNT; i++)
		sb_addf(out, "%s%s", i ? "," : "", module_name(sc->probe_order[i]));
	sb_addf(out, "\nkexec-syscall = %s\nkexec-tools = %s\nlockdown = %s\n",
		kexec_request_name(sc->kexec),
		sc->kexec_package[0] ? sc->kexec_package :
		kexec_tools_str(sc->kexec_tools, buf, sizeof(buf)),
		lockdown_name(sc->lockdown));
	if (sc->kexec_args[0])
		sb_addf(out, "kexec-args = %s\n", sc->kexec_args);
	if (sc->kexec_retry)
		sb_addf(out, "kexec-retry-args = %s\n",
			sc->kexec_retry_args[0] ? sc->kexec_retry_args : "default");
	if (sc->fb0_id[0])
		sb_addf(out, "fb0-id = %s\n", sc->fb0_id);
	if (sc->fb0_smem_start_set)
		sb_addf(out, "fb0-smem-start = 0x%" PRIx64 "\n", sc->fb0_smem_start);
	if (sc->fb0_smem_len_set)
		sb_addf(out, "fb0-smem-len = 0x%" PRIx64 "\n", sc->fb0_smem_len);
	if (!sc->boot_params)
		sb_addf(out, "boot-params = no\n");
	sb_addf(out, "kexec-load-disabled = %s\nkexec-file = %s\nkernel-signed = %s\nsysfb = %s\n",
		sc->kexec_load_disabled ? "yes" : "no", sc->kexec_file_supported ? "yes" : "no",
		sc->kernel_signed ? "yes" : "no", sc->sysfb ? "yes" : "no");
	fix_set_str(sc->fixes, buf, sizeof(buf));
	sb_addf(out, "kernel-fixes = %s\nhide-smem-start = %s\n", buf,
		sc->hide_smem_start ? "yes" : "no");
	sb_addf(out, "bars32 = 0x%" PRIx64 "\nbars64 = 0x%" PRIx64 "\n", sc->bars32, sc->bars64);
	if (sc->pci_buses)
		sb_addf(out, "pci-passthrough = %u\n", sc->pci_buses);
	else
		sb_addf(out, "pci-passthrough = none\n");
	sb_addf(out, "host-fw-vram-d0 = %s\n", sc->host_fw_vram_d0 == HOST_FW_VRAM_ACCEPT ?
		"accept" : sc->host_fw_vram_d0 == HOST_FW_VRAM_REFUSE ? "refuse" : "default");
	sb_addf(out, "dump-target = %s\n", dump_target_name(sc->dump_target));
	dump_span(out, "observed-vram", &sc->observed_vram);
}
