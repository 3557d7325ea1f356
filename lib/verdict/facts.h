/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a probe learned about one system (SPEC section 7): each fact with
 * its value and where it came from, or "unknown" and why. probe/ fills it;
 * fact_pairs.c turns it into scenario pairs, through each fact's row in
 * fact_table.c; check.c builds the scenario from them (scenario_build()).
 */
#ifndef HVKDUMP_FACTS_H
#define HVKDUMP_FACTS_H

#include <stddef.h>

#include "lib/formats/parsers.h"
#include "model/kdump_service.h"
#include "model/linux/kernel/resource.h"
#include "model/scenario.h"

enum fact_id {
	F_HYPERV, F_GEN, F_ARCH, F_KERNEL, F_DISTRO, F_VIDEO_DEV, F_PCI_DEV,
	F_IOMEM, F_VRAM, F_CONFIG_WINDOW, F_BARS, F_LOW_MMIO, F_FB0, F_BUILTIN, F_SYSFB,
	F_KEXEC_FILE, F_HIDE_SMEM, F_BOOT_FB, F_KEXEC_TOOLS, F_KDUMP_CONFIG,
	F_BLACKLIST, F_SECURE_BOOT, F_LOCKDOWN, F_KEXEC_LOAD_DISABLED, F_CRASH_KERNEL,
	F_DUMP_TARGET, F_KMSG, F_KDUMP_KERNEL, F_FIXES, F_KDUMP_MODULES, F_COUNT,
};

/* The two kernels: the running one, and the one kdump loads. */
enum which_kernel { KERNEL_RUNNING, KERNEL_KDUMP, KERNEL_COUNT };

/* One piece of evidence that a kernel has, or lacks, a fix. */
struct fix_evidence {
	const char *kind;	/* "kernel-log", "iomem", "changelog", "release" */
	bool present;		/* what it says */
	char source[256];
	char detail[256];
};

/*
 * What the evidence says of one fix in one kernel, strongest first: each
 * kind at most once (fixes.c weigh_change()), so four.
 */
#define FIX_MAX_EVIDENCE 4
struct fix_finding {
	int present;		/* 1, 0, or -1: unknown */
	bool conflict;		/* some evidence says the opposite */
	struct fix_evidence ev[FIX_MAX_EVIDENCE];
	unsigned int n;
};

struct fact {
	bool known;
	bool needs_root;	/* unknown because reading it needs root (fact_denied()) */
	char value[256];	/* what it is, or "unknown: " and why it is unknown */
	char source[256];	/* the file (and line) or command it came from */
};

struct facts {
	struct fact f[F_COUNT];

	bool hyperv;
	int gen;
	enum hv_arch arch;
	char release[128];
	/* the running kernel's upstream version, where the kernel says it: "6.1.192", "" */
	char upstream[32];
	char upstream_source[160];	/* "/proc/version (Debian 6.1.192-3)" */
	enum distro_family distro;
	bool video_dev;
	char video_guid[40];
	unsigned int npci;
	char pci_guid[4][40];
	struct mmio_span vram, config_window;
	struct mmio_span low_mmio;	/* F_LOW_MMIO: the VM's low range, from evidence */
	uint64_t bars32, bars64;
	enum fb_driver fb_driver;
	unsigned int builtin;
	unsigned int drivers_absent;	/* MOD_BIT()s the running kernel's config has neither =y nor =m */
	bool drivers_known;		/* drivers_absent read from its config */
	unsigned int blacklist;		/* MOD_BIT()s blacklisted in modprobe.d */
	bool sysfb, kexec_file, hide_smem;
	struct screen_info_lfb boot_si;	/* F_BOOT_FB known: boot_params' screen_info */
	unsigned int kexec_tools;
	char kexec_package[48];		/* the package's version string, "" */
	/* the kdump service package's version, where it decides (SUSE kdump:
	 * suse_kdump_version()); 0 unknown, the current one assumed */
	unsigned int service_version;
	char service_package[224];	/* "kdump 1.9.5-150500.3.5.1 (the rpm database)", "" */
	bool service_stops;		/* the kdump service stops before kexec */
	char service_noload[192];	/* why (scenario.service_why keeps 159 bytes) */
	char kexec_args[1024];
	bool kexec_args_set;
	bool kexec_args_recorded;	/* kexec_args is the recorded command, not the configuration */
	/*
	 * The load a crash meets now, where the service's record of it is
	 * read (kdump-tools' kexec_cmd): check.c weighs it beside the next
	 * load, which kexec_args (the configuration) decides.
	 */
	char recorded_args[1024];	/* the last load's command, "" */
	char recorded_source[512];
	bool recorded_stale;		/* written before the configuration last changed */
	/* the kdump service's unit is known not to start at boot: why */
	bool unit_disabled;
	char unit_why[192];
	bool secure_boot;
	bool securelevel;		/* /sys/kernel/security/securelevel is 1 */
	enum lockdown lockdown;
	bool kexec_load_disabled;
	bool crash_loaded;
	enum dump_target dump_target;
	struct kmsg_facts kmsg;
	unsigned int fixes;		/* known to be present in the running kernel */
	unsigned int fixes_seen;	/* what the probe saw directly (iomem, log) */
	unsigned int kdump_modules;
	/* the kdump initramfs, when read (F_KDUMP_MODULES) */
	unsigned int initramfs_blacklist;	/* MOD_BIT()s blacklisted inside it */
	unsigned int initramfs_members;
	char initramfs_modules[256];		/* the drivers that matter it holds: "a,b" */
	/* the kernel kdump loads (F_KDUMP_KERNEL) */
	char kdump_release[128];
	char kdump_image[512], kdump_initrd[512];
	bool kdump_same;		/* it is the running kernel's release */
	bool kdump_builtin_known, kdump_sysfb_known;
	unsigned int kdump_builtin;
	bool kdump_sysfb;
	bool kdump_drivers_known;	/* kdump_drivers_absent read from its /boot/config-REL */
	unsigned int kdump_drivers_absent;
	/* this is a kdump kernel (it has /proc/vmcore): what it has, for its own report */
	bool in_kdump;
	unsigned int nvme_disks, scsi_disks;	/* /sys/block: nvme*, sd* */
	/* each kernel's distribution changelog: read, and which tracked changes it names */
	bool changelog_read[KERNEL_COUNT];
	bool changelog_has[KERNEL_COUNT][KC_TRACKED];
	char changelog_path[KERNEL_COUNT][256];
	/* the evidence of the tracked changes, weighed (fixes_weigh()) */
	struct fix_finding findings[KERNEL_COUNT][KC_TRACKED];
};

const char *fact_name(enum fact_id id);

/*
 * Scenario "key = value" pairs the facts give (fact_pairs()), for
 * scenario_build(): those a user's scenario could say, and the observed
 * ones (struct scenario_pair) that only a real system shows.
 */
#define FACT_MAX_PAIRS 48
struct fact_pairs {
	struct scenario_pair pair[FACT_MAX_PAIRS];
	unsigned int n;
	char text[4096];	/* the values */
	size_t used;
	bool full;		/* a pair did not fit: no scenario */
	char why[256];		/* the kdump service's reason for the syscall its pairs name */
};
/* Adds a pair; its value by printf. */
void fact_pair_add(struct fact_pairs *out, bool observed, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* One row per fact (fact_table.c). */
struct fact_desc {
	const char *name;	/* in check's facts table */
	const char *json;	/* its member in check --json's "facts" */
	const char *keys;	/* the scenario keys it decides (some with other facts) */
	/* adds its keys' values to @out: when it is known, or @always */
	void (*pairs)(const struct facts *f, struct fact_pairs *out);
	/* or: its one key is yes or no as the bool at this offset in the facts */
	size_t yes_no;
	/*
	 * The flips: @nalts values it could have while unknown (also while known
	 * with @flips_when_known), each written into a copy of the facts by
	 * alt() (false: not here), said by @said[i] or else by alt(). alt()
	 * writes the fields after f[] and the findings' outcomes only, never a
	 * fact's text or an evidence text: check.c's flip_reset() restores no
	 * more between two alternatives. What the
	 * verdict assumes instead is @assumed_is, or else assumed() says it.
	 */
	bool (*alt)(const struct facts *f, const struct scenario *sc, unsigned int i,
		    struct facts *alt, char *said, size_t len);
	const char *const *said;
	const char *assumed_is;
	void (*assumed)(const struct facts *f, const struct scenario *sc, unsigned int i,
			char *out, size_t len);
	unsigned int nalts;
	bool always;
	bool flips_when_known;
};
extern const struct fact_desc fact_table[F_COUNT];

/* The pairs of every fact that gives one, in fact order (fact_pairs.c). */
void fact_pairs(const struct facts *f, struct fact_pairs *out);
/* The rows' pairs that weigh several facts (fact_pairs.c): the kdump service's load, */
void fact_service_pairs(const struct facts *f, struct fact_pairs *out);
/* the running kernel's build, */
void fact_kernel_pairs(const struct facts *f, struct fact_pairs *out);
/* the kdump kernel's. */
void fact_kdump_kernel_pairs(const struct facts *f, struct fact_pairs *out);
/* The layout preset the VM's generation, architecture and video device pick (fact_table.c). */
const struct scenario_preset *fact_preset(const struct facts *f);

/* Sets a fact known with a value and a source (printf formats). */
void fact_set(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Marks a fact unknown: @why says what could not be read. */
void fact_unknown(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Marks a fact unknown because it could not be read without root. */
void fact_denied(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Why an unknown fact is unknown: its value without the leading "unknown: ". */
const char *fact_why(const struct fact *f);
/* Some unknown fact could not be read without root. */
bool facts_need_root(const struct facts *fs);

#endif
