/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the simulation runs on: one Hyper-V/Azure VM, its kernel, its
 * kdump setup. Filled from "key = value" pairs that come from a scenario
 * file or from command-line options (the same keys); see scenario_keys[].
 */
#ifndef HVKDUMP_SCENARIO_H
#define HVKDUMP_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "model/linux/releases.h"
#include "util/error.h"

enum hv_arch { ARCH_X86_64, ARCH_ARM64 };

/* The driver that ends up owning /dev/fb0 in the first kernel. */
enum fb_driver {
	FB_HYPERV_DRM, FB_HYPERV_FB, FB_EFIFB, FB_SIMPLEDRM, FB_VESAFB, FB_NONE,
};

/* What the kdump service asks kexec for. */
enum kexec_request {
	KEXEC_REQ_DEFAULT,	/* the kexec binary's default: -c, or -a from 2.0.27 */
	KEXEC_REQ_LOAD,		/* -c: kexec_load */
	KEXEC_REQ_FILE,		/* -s: kexec_file_load */
	KEXEC_REQ_AUTO,		/* -a: kexec_file_load, then kexec_load (2.0.27+) */
};

enum lockdown { LOCKDOWN_NONE, LOCKDOWN_INTEGRITY, LOCKDOWN_CONFIDENTIALITY };

enum dump_target { DUMP_NVME, DUMP_SCSI, DUMP_NET_VF, DUMP_NET_SYNTHETIC };

/* The drivers whose build and load order matter. */
enum hv_module { MOD_PCI_HYPERV, MOD_HYPERV_DRM, MOD_HYPERV_FB, MOD_COUNT };
#define MOD_BIT(m)	(1u << (m))
/* What a kdump initramfs is assumed to load, unless said (scenario_defaults()) */
#define SC_DEFAULT_KDUMP_MODULES	MOD_BIT(MOD_PCI_HYPERV)

/* The kernel fixes (enum kernel_fix) are the registry's: model/linux/releases.h. */

/* What one kernel is built with and carries: the kdump kernel may be another. */
struct kernel_build {
	unsigned int fixes;		/* FIX_BIT()s */
	unsigned int builtin;		/* MOD_BIT()s built in */
	bool sysfb;			/* CONFIG_SYSFB */
	bool sysfb_gate;		/* a07b50d80ab6 (v6.7): vmbus_reserve_fb() tests CONFIG_SYSFB */
	bool gen1_pci_bar;		/* 2a8a8afba0c3 (v6.0): Gen1's fb base from the PCI BAR */
	/* hyperv_fb clears screen_info on Gen2: 3cb73bc3fa2a (v5.10) until c25a19afb81c (v6.8) */
	bool hvfb_clear_si;
};

struct mmio_span {
	bool set;
	uint64_t start, end;	/* inclusive */
};

/* Layout fields given by hand: they win over what the host's rules compute. */
#define SC_SET_LOW		(1u << 0)
#define SC_SET_HIGH		(1u << 1)
#define SC_SET_FB_BASE		(1u << 2)
#define SC_SET_VRAM		(1u << 3)
#define SC_SET_VIDEO_BAR	(1u << 4)
#define SC_SET_FIXES		(1u << 5)
#define SC_SET_KDUMP_BUILD	(1u << 6)	/* the kdump kernel's build, set by check */

struct scenario {
	const char *layout;		/* preset name, or "custom" */
	enum hv_arch arch;
	int gen;			/* 1 or 2 */
	uint64_t low_mmio_space;	/* Set-VM -LowMemoryMappedIoSpace; 0: the default */
	unsigned int res_w, res_h;	/* Set-VMVideo resolution */
	unsigned int manual;		/* SC_SET_*: given by hand */
	char kernel[64];		/* the running kernel's release; "": not said */
	char kdump_kernel[64];		/* the kdump kernel's, when another; "": the same */
	struct kernel_build kdump;	/* the kdump kernel's build (resolved) */
	struct mmio_span low, high;	/* the VMBus _CRS ranges */
	uint64_t fb_base;		/* firmware framebuffer (screen_info.lfb_base); 0: none */
	uint64_t fb_size;		/* screen_info.lfb_size */
	bool video;			/* a synthetic video device is offered */
	struct mmio_span video_bar;	/* Gen1: BAR0 of PCI 1414:5353 */
	uint64_t vram_mb;		/* VRAM the host offers */
	enum fb_driver fb_driver;
	unsigned int builtin;		/* MOD_BIT()s built into the kernel */
	unsigned int kdump_modules;	/* MOD_BIT()s the kdump initramfs loads */
	enum hv_module probe_order[MOD_COUNT];	/* module probe order */
	enum kexec_request kexec;
	char kexec_args[1024];		/* the kexec arguments the service passes; "": none given */
	/* the service runs kexec again with these after any failure (SUSE kdump 0.9.0-1.9.5) */
	bool kexec_retry;
	char kexec_retry_args[1024];	/* "": the binary's default */
	unsigned int kexec_tools;	/* 2.0.22 is 20022 */
	char kexec_package[48];		/* the package's version ("1:2.0.22-2ubuntu3"), "" */
	bool kexec_file_debug;		/* the kernel knows KEXEC_FILE_DEBUG (cbc2fe9d9cb2) */
	/* /dev/fb0 and boot_params as kexec-tools meets them, when said */
	char fb0_id[32];		/* fix.id, "none", "ioctl-fails"; "": from the model */
	bool fb0_smem_start_set, fb0_smem_len_set;
	uint64_t fb0_smem_start, fb0_smem_len;
	bool boot_params;		/* /sys/kernel/boot_params/data is readable */
	/* check only: the kdump service stops before kexec (USE_KDUMP=0, no crashkernel=) */
	bool service_stops;
	char service_why[160];
	enum lockdown lockdown;
	bool kexec_load_disabled;	/* /proc/sys/kernel/kexec_load_disabled */
	bool kexec_file_supported;	/* CONFIG_KEXEC_FILE */
	bool kernel_signed;		/* the kdump kernel passes signature checks */
	bool sysfb;			/* CONFIG_SYSFB */
	bool sysfb_gate;		/* a07b50d80ab6 (v6.7): vmbus_reserve_fb() tests CONFIG_SYSFB */
	bool gen1_pci_bar;		/* 2a8a8afba0c3 (v6.0): Gen1's fb base from the PCI BAR */
	bool hvfb_clear_si;		/* 3cb73bc3fa2a without c25a19afb81c: v5.10 ... v6.7 */
	bool hvfb_clear_si_assumed;	/* c25a19afb81c's absence assumed (a distribution kernel) */
	unsigned int fixes;		/* FIX_BIT()s */
	bool hide_smem_start;		/* FBINFO_HIDE_SMEM_START (da6c7707caf3) */
	uint64_t bars32, bars64;	/* MMIO each pass-through device's BARs need */
	unsigned int pci_buses;		/* the PCI pass-through buses offered (0: none) */
	/*
	 * D0 entry on VRAM no guest driver placed (not published): 0 the
	 * default (accept on Gen1, as a capture shows; refuse on Gen2, as for
	 * placed VRAM), 1 accept, 2 refuse
	 */
	unsigned int host_fw_vram_d0;
#define HOST_FW_VRAM_ACCEPT	1
#define HOST_FW_VRAM_REFUSE	2
#define SIM_MAX_PCI_BUSES	8
	enum dump_target dump_target;
	/*
	 * Where the first kernel really left VRAM, when it was seen (check reads
	 * it from /proc/iomem): the host's VRAM from then on, whatever the model
	 * of the first kernel says.
	 */
	struct mmio_span observed_vram;
};

/*
 * One scenario key, one row of scenario_keys[]: its type and where it lands
 * in struct scenario drive scenario_set() and scenario_dump(); its values,
 * the options, --help, matrix --vary and the completion.
 */
enum scenario_key_type {
	SK_PRESET,	/* a layout preset of scenario_presets[] */
	SK_BOOL,	/* yes|no (also on|off, 1|0) */
	SK_ENUM,	/* one of names[], stored as its index */
	SK_NUMBER,	/* an address or size, printed in hex */
	SK_COUNT,	/* 1 to max (0 its zero word), printed in decimal */
	SK_SPAN,	/* START-END, inclusive */
	SK_MODULES,	/* a set of module_name()s */
	SK_FIXES,	/* a set of fix_name()s */
	SK_RELEASE,	/* a kernel release */
	SK_STRING,	/* text that fits the field */
	SK_OTHER,	/* its own set() and print() */
};

struct scenario_key {
	const char *name;
	const char *values;	/* what it takes, for help; NULL: names joined by | */
	const char *help;	/* SK_FIXES's, ending in ':', goes on with the fix names */
	enum scenario_key_type type;
	size_t field, size;	/* offsetof() and sizeof() in struct scenario */
	size_t given;		/* offsetof() + 1 of a bool a value sets (0: none) */
	const char *const *names;	/* SK_ENUM's names; SK_OTHER's words */
	unsigned int nnames;
	const char *zero;	/* the word for 0, "" or unset: none, default, same */
	const char *omit;	/* scenario_dump() leaves the key out when it prints this */
	uint64_t max;		/* SK_COUNT */
	unsigned int manual;	/* the SC_SET_*s a value sets */
	bool custom;		/* a value makes the layout "custom" */
	int (*set)(struct scenario *sc, const struct scenario_key *k, const char *value,
		   struct hv_err *err);
	void (*print)(const struct scenario *sc, const struct scenario_key *k, char *buf,
		      size_t len);
	/* matrix --vary: these values (NULL-terminated), or with vary_all every value */
	const char *const *vary;
	bool vary_all;
	const char *const *suggest;	/* completion words of a free-form value, NULL-terminated */
	bool internal;		/* check's: set by observed pairs alone */
};
/*
 * The user's keys first (scenario_nkeys: the options, help, matrix --vary,
 * the completion, scenario_dump()), then check's internal ones, up to
 * scenario_nkeys_all: fields a real system shows that no user key says.
 */
extern const struct scenario_key scenario_keys[];
extern const unsigned int scenario_nkeys, scenario_nkeys_all;

/* The user key's row of @name; NULL: no such key (an internal one neither). */
const struct scenario_key *scenario_key_find(const char *name);
/*
 * How many values @k takes from a list (enum names, presets, yes and no,
 * every subset of a set); 0: free-form.
 */
unsigned int scenario_key_nvalues(const struct scenario_key *k);
/* The @i-th of them, into @buf */
void scenario_key_value(const struct scenario_key *k, unsigned int i, char *buf, size_t len);
/* What @k takes, for help: k->values or the names joined by | */
void scenario_key_values(const struct scenario_key *k, char *buf, size_t len);
/* k->help, with the fix names where it asks for them */
void scenario_key_help(const struct scenario_key *k, char *buf, size_t len);
/* @k's value in @sc as scenario_set() reads it back */
void scenario_key_print(const struct scenario *sc, const struct scenario_key *k, char *buf,
			size_t len);

/*
 * Where a pair came from, for messages: "FILE:LINE" or "--option". An
 * observed pair is what check read of a real system (lib/verdict's
 * fact_pairs()), not a user's: scenario_build() applies it after the
 * host's rules and their checks, and it may name an internal key.
 */
struct scenario_pair {
	const char *key;
	const char *value;
	const char *origin;	/* NULL: an option */
	unsigned long line;
	bool observed;
};

/* The defaults: Azure Gen2 x86_64 as seen in the field. */
void scenario_defaults(struct scenario *sc);

/*
 * Builds a scenario from @pairs applied in order (a later pair wins), the
 * layout preset first wherever it appears, then scenario_finish(); the
 * observed pairs last, in order, with scenario_check() again. Checks that
 * the result is possible. Returns 0, or -1 with @err (err->line set when the pair came
 * from a file).
 */
int scenario_build(struct scenario *sc, const struct scenario_pair *pairs,
		   unsigned int npairs, struct hv_err *err);
/*
 * scenario_build()'s steps, for the matrix that applies a base once and each
 * combination to a copy. The preset it starts from: the last layout pair's
 * (*@at its index), else hyperv-gen1 when gen is 1, else azure-arm64 when
 * arch is arm64 (*@at = @npairs); NULL: the defaults alone.
 */
const char *scenario_first_preset(const struct scenario_pair *pairs, unsigned int npairs,
				  unsigned int *at);
/* Every pair but the layout and the observed, in order; -1 with @err (its line) at the first bad one. */
int scenario_apply(struct scenario *sc, const struct scenario_pair *pairs, unsigned int npairs,
		   struct hv_err *err);

/* One "key = value" text (a scenario file); pairs point into @text. */
struct scenario_file {
	struct scenario_pair *pairs;
	unsigned int npairs;
	char *text;
};
int scenario_file_parse(const char *name, const char *text, size_t len,
			struct scenario_file *out, struct hv_err *err);
void scenario_file_free(struct scenario_file *f);

/* Names, for output. */
const char *arch_name(enum hv_arch a);
const char *fb_driver_name(enum fb_driver d);
const char *kexec_request_name(enum kexec_request k);
const char *lockdown_name(enum lockdown l);
const char *dump_target_name(enum dump_target t);
const char *module_name(enum hv_module m);
const char *fix_name(enum kernel_fix f);
/* "2.0.22" into @buf */
const char *kexec_tools_str(unsigned int v, char *buf, unsigned int len);

/* Formats a module or fix set as "a,b" or "none". */
void module_set_str(unsigned int set, char *buf, unsigned int len);
void fix_set_str(unsigned int set, char *buf, unsigned int len);

/* Applies one key; for matrix and remedies. Returns 0 or -1 with @err. */
int scenario_set(struct scenario *sc, const char *key, const char *value,
		 struct hv_err *err);
/*
 * Applies an observed value: any key, internal ones too; it makes the
 * layout no "custom" one and gives no layout field by hand (SC_SET_LOW ...
 * SC_SET_VIDEO_BAR): a real host made it, the host's rules are not asked.
 */
int scenario_set_observed(struct scenario *sc, const char *key, const char *value,
			  struct hv_err *err);
/* Checks a built scenario: impossible combinations. */
int scenario_check(const struct scenario *sc, struct hv_err *err);

/*
 * The layout from the host's rules (model/hyperv-host/layout.c) for every
 * layout field not given by hand; each step, and each field given by hand,
 * traced on @t (NULL: none).
 */
struct trace;
void scenario_resolve(struct scenario *sc, struct trace *t);
/*
 * A scenario a user wrote: resolved, then checked against what a host can
 * make (scenario_check_host()) and for impossible combinations. check's
 * scenarios, read from a real system, skip the host's rules.
 */
int scenario_finish(struct scenario *sc, struct hv_err *err);
int scenario_check_host(const struct scenario *sc, struct hv_err *err);

/* The kdump kernel is the running one: its build copied from the scenario's own. */
void scenario_same_kdump_kernel(struct scenario *sc);

/* The layout presets: a VM as the field has it (SPEC section 4, "The host's layout"). */
struct scenario_preset {
	const char *name;
	const char *note;		/* where its figures come from, for help */
	enum hv_arch arch;
	int gen;
	uint64_t low_mmio_space;	/* Set-VM; 0: the host's default */
	bool video;
	enum fb_driver fb_driver;
};
extern const struct scenario_preset scenario_presets[];
extern const unsigned int scenario_npresets;

/* The scenario as "key = value" lines, the file format. */
struct strbuf;
void scenario_dump(const struct scenario *sc, struct strbuf *out);

/* Whether the host refuses D0 entry on VRAM no driver moved, as @sc has it. */
static inline bool host_fw_vram_refuses(const struct scenario *sc)
{
	return sc->host_fw_vram_d0 == HOST_FW_VRAM_REFUSE ||
	       (sc->host_fw_vram_d0 != HOST_FW_VRAM_ACCEPT && sc->gen == 2);
}

#endif
