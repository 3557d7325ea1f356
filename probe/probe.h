/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The probe: every fact hvkdump check needs, read through one path
 * context (live or --sysroot). One file per data source; each fills its
 * facts, or marks them unknown with the reason.
 */
#ifndef HVKDUMP_PROBE_H
#define HVKDUMP_PROBE_H

#include "lib/verdict/facts.h"
#include "initramfs.h"
#include "path.h"

#define PROBE_MAX_WARNINGS 16

/*
 * A sos report (sos 4: `sos report`) is read as a sysroot: it keeps its
 * copies of /proc, /sys and /etc where they were, and what commands said
 * under sos_commands/PLUGIN/, named after the command (report/plugins/
 * __init__.py, _mangle_command(): "/" becomes ".", other characters "_").
 */
#define SOS_DMESG		"/sos_commands/kernel/dmesg"
#define SOS_UNAME		"/sos_commands/kernel/uname_-a"
#define SOS_DPKG_LIST		"/sos_commands/dpkg/dpkg_-l"
#define SOS_RPM_LIST		"/installed-rpms"
#define SOS_EFIBOOTMGR		"/sos_commands/boot/efibootmgr_-v"
#define SOS_MOKUTIL		"/sos_commands/boot/mokutil_--sb-state"
#define SOS_KDUMP_DIR		"/sos_commands/kdump/"

struct probe {
	const struct hv_path *pc;
	struct facts *f;
	/* malformed files: "FILE:LINE: reason" each, as the user would type
	 * FILE (under the sysroot), once; their facts are unknown */
	char warnings[PROBE_MAX_WARNINGS][800];
	unsigned int nwarnings;
	/* what later sources need */
	struct mmio_span ram[8];	/* /proc/iomem's top-level System RAM */
	unsigned int nram;
	char coredir[256];
	bool net_dump;
	/* the kdump service's choice of kernel: KDUMP_KERNEL, KDUMP_INITRD
	 * (kdump-tools), KDUMP_KERNELVER (kdumpctl), and where they were set */
	char kdump_kernel[256], kdump_initrd[256], kdump_kernelver[128];
	char kdump_kernel_src[64];
	bool recorded_cmd;	/* f->kexec_args holds the recorded command */
	char recorded[1024];	/* kdump-tools' kexec_cmd, "" */
	char recorded_path[512];
	bool recorded_older;	/* written before the configuration last changed */
	char kdump_log_cmd[1024];	/* kdumpctl's last kexec line in /var/log/kdump.log */
	char kdump_log_image[256];
	struct initramfs initramfs;	/* the kdump initramfs, as read */
	bool initramfs_read;	/* from the image itself (not collect's listing) */
	/* what only the live system said, kept for collect: no command is run twice */
	char kexec_version_line[256];	/* kexec --version's answer, "" */
	char rpm_kexec_tools[128];	/* kexec-tools' VERSION-RELEASE (rpm database or rpm -q), "" */
	char rpm_kdump[128];		/* SUSE kdump's, the same */
	/* the kernel log read from no log file (/dev/kmsg, the journal, live
	 * or a sysroot's journal files), kept when keep_kmsg asks (collect,
	 * which frees it), else NULL */
	bool keep_kmsg;
	char *kmsg_live;
	size_t kmsg_live_len;
	/* /etc/os-release's ID, ID_LIKE and VERSION_ID, "" */
	char os_id[32], os_like[64], os_version[32];
};

/*
 * Probes everything. A malformed file makes only its own facts unknown
 * (and adds to p->warnings): the probe always finishes.
 */
void probe_system(struct probe *p);

/* Reads a text file; on failure marks @id unknown with the reason and returns -1. */
int probe_read(struct probe *p, enum fact_id id, const char *path, size_t cap, char **buf,
	       size_t *len);
/*
 * A kernel flag file that holds "0" or "1": 0 and @val, or -1 with the fact
 * unknown (unreadable, or anything else: "2", "abc", empty)
 */
int probe_read_bool(struct probe *p, enum fact_id id, const char *path, bool *val);
/*
 * Text a kernel wrote (/proc, /sys): no NUL byte, a newline at the end (a
 * file without one was cut), not empty unless @allow_empty. -1 with @err.
 */
int probe_kernel_text(const char *buf, size_t len, bool allow_empty, struct hv_err *err);
/*
 * What a command said in a sos report (one of the SOS_ files), as @parse
 * reads it: @parse's answer, or -1 where the report has no such file
 * (@parse's own "not an answer").
 */
int probe_sos_answer(struct probe *p, const char *path,
		     int (*parse)(const char *text, size_t len));
/*
 * Reads a one-line file into @out, without its trailing newline and blanks.
 * With @id >= 0 a failure marks that fact unknown, as probe_read() does.
 * Returns 0 or -1.
 */
int probe_read_line(struct probe *p, int id, const char *path, size_t cap, char *out,
		    size_t outlen);
/*
 * A file that is not what it should be: fact @id becomes "unknown: FILE:LINE:
 * reason", and the reason goes to p->warnings once. Call it for each fact
 * the file gives. Returns -1.
 */
int probe_bad_file(struct probe *p, enum fact_id id, const char *path,
		   const struct hv_err *err);
/* The same reason for p->warnings alone (once), for a file that feeds no single fact. */
void probe_warn(struct probe *p, const char *path, const struct hv_err *err);
/* "/proc/iomem", or "SYSROOT/proc/iomem" under a sysroot. */
const char *probe_shown(const struct probe *p, const char *path, char *buf, size_t len);
/* @s with each byte that is not printable ASCII made '?': read text shown, not trusted */
char *probe_printable(char *s);

/* The data sources, in the order probe_system() runs them. */
void probe_hyperv(struct probe *p);	/* hyperv.c: VMBus, DMI, CPUID, generation */
/*
 * CPUID leaf 0x40000000's vendor signature ("" without a hypervisor); false
 * where there is no CPUID to ask. collect keeps it in CPUID_COLLECTED, which
 * the probe reads under a sysroot.
 */
bool probe_cpuid_signature(char sig[13]);
#define CPUID_COLLECTED "/hvkdump/cpuid-signature"
/* collect's rpm -q kdump on SUSE: the kdump service's own version */
#define SUSE_KDUMP_COLLECTED "/hvkdump/kdump-package"
void probe_kernel(struct probe *p);	/* kernel.c: release, arch, config, built-ins */
/* kernel.c: the MOD_BIT()s config @cfg has neither =y nor =m (no initramfs loads them) */
unsigned int probe_drivers_absent(const char *cfg, size_t len);
/*
 * kernel.c: /lib/modules/@release/modules.builtin (its name in @path) into
 * @mask, MOD_BIT() of each driver built in: 0; -1 when it cannot be read;
 * -2 when it is no list of module paths or is larger than the cap (too
 * large to read), @err saying which
 */
int probe_modules_builtin(struct probe *p, const char *release, unsigned int *mask,
			  char *path, size_t plen, struct hv_err *err);
void probe_iomem(struct probe *p);	/* iomem.c: VRAM, config window, BARs */
void probe_fb(struct probe *p);		/* fb.c: /proc/fb, fb0's smem_start */
void probe_boot_params(struct probe *p);	/* boot_params.c: boot-time screen_info */
int probe_distro(struct probe *p);	/* distro.c: os-release and the kdump config */
void probe_kexec(struct probe *p);	/* kexec.c: kexec-tools, crash kernel state */
void probe_kexec_args(struct probe *p);	/* distro.c: the recorded command, or the next load */
void probe_blacklist(struct probe *p);	/* modules.c: modprobe.d blacklists */
/* modules.c: the model's modules by name (module_name()), bit m for MOD_BIT(m) */
const struct modnames *probe_modnames(void);
void probe_secureboot(struct probe *p);	/* secureboot.c: Secure Boot, lockdown */
void probe_dump_target(struct probe *p);	/* dumptarget.c: the dump directory's disk */
void probe_kmsg(struct probe *p);	/* kmsg.c: the kernel log */
/* Whether @path is one of the kernel log files probe_kmsg() reads (kern.log, messages, ...). */
bool probe_kmsg_file(const char *path);
/*
 * journal.c: the kernel's messages of the last boot in the binary journal
 * (under a sysroot): 0 with @out and @src naming it; -ENOENT: no journal;
 * -EINVAL: one that gives no kernel message; -ENOTSUP: there is a journal
 * and no libsystemd to read it (a static build, or it failed to load: why
 * in @why)
 */
int probe_journal(struct probe *p, size_t cap, char **out, size_t *outlen, const char **src,
		  char *why, size_t wlen);
void probe_kdump_kernel(struct probe *p);	/* kdumpkernel.c: the kernel kdump loads */
void probe_changelog(struct probe *p);	/* changelog.c: each kernel's changelog */
void probe_initramfs(struct probe *p);	/* initramfs.c: the kdump initramfs */
void probe_kdump_self(struct probe *p);	/* kdumpself.c: are we a kdump kernel, its disks */

/* rpm.c: a package's VERSION-RELEASE on a live rpm system */
int rpm_query_version(const char *name, char *out, size_t outlen);
/*
 * An rpm package's VERSION-RELEASE from the strongest source: what collect
 * kept of rpm -q (@collected: that decides when present), the rpm database,
 * or rpm -q on the live system; an answer counts when @version_of reads it.
 * 0 with @ver and @src naming the source, or -1 with @bad naming a source
 * that could not answer (else NULL) and @why its reason. What the database
 * or rpm -q answered is kept in @seen (of @seen_len), for collect.
 */
int probe_rpm_version(struct probe *p, const char *name, const char *collected,
		      unsigned int (*version_of)(const char *version), char *ver, size_t vlen,
		      char *src, size_t slen, const char **bad, char *why, size_t wlen,
		      char *seen, size_t seen_len);
/*
 * rpmdb.c: the same from the rpm database (sqlite, ndb, Berkeley DB): 0, or -1 with @path the
 * database (NULL: there is none) and @why the reason
 */
int rpmdb_version(const struct hv_path *pc, const char *name, char *out, size_t outlen,
		  const char **path, char *why, size_t wlen);
/*
 * The package of the kernel of release @k->release in the rpm database,
 * with its changelog (lib/formats/parsers.h, struct rpm_kernel): 0; 1 when
 * there is no database or no such package; -1 with @why (@path the database)
 */
int rpmdb_kernel(const struct hv_path *pc, struct rpm_kernel *k, const char **path, char *why,
		 size_t wlen);

#endif
