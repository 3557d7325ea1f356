/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsers for the files a probe reads. Pure: each takes text (or bytes)
 * that probe/ read, and never touches the file system.
 */
#ifndef HVKDUMP_PARSERS_H
#define HVKDUMP_PARSERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* --- boot_params: struct screen_info at offset 0 (include/uapi/linux/screen_info.h) */
#define SCREEN_INFO_SIZE	0x40
struct screen_info_lfb {
	uint8_t orig_video_isVGA;	/* 0x70 VIDEO_TYPE_EFI, 0x23 VIDEO_TYPE_VLFB ...; 0, 1: text */
	uint64_t lfb_base;		/* lfb_base | ext_lfb_base << 32 (with VIDEO_CAPABILITY_64BIT_BASE) */
	uint32_t lfb_size;
	uint16_t lfb_width, lfb_height, lfb_depth;
	uint32_t ext_lfb_base, capabilities;	/* as the bytes say */
};
int screen_info_parse(const uint8_t *buf, size_t len, struct screen_info_lfb *si,
		      struct hv_err *err);
/*
 * Whether @si could be what a boot loader or the EFI stub wrote: a known
 * orig_video_isVGA; with a framebuffer (lfb_base != 0), a linear one
 * (VIDEO_TYPE_VLFB or VIDEO_TYPE_EFI), a mode of 1..16384 pixels a side
 * and 8, 15, 16, 24 or 32 bits, a page-aligned base, and an lfb_size (64
 * KiB units for VLFB; bytes or, as kexec-tools hands it, 64 KiB units for
 * EFI) that holds the mode. -1 with @err why.
 */
int screen_info_check(const struct screen_info_lfb *si, struct hv_err *err);

/* --- Kernel config (.config text, /boot/config-* or /proc/config.gz inflated) */
/* 'y', 'm', 'n' ("is not set" or absent), or 0 when the text has no such line
 * at all and no "# CONFIG_x is not set" either. Other values: 'v'. */
char kconfig_get(const char *text, size_t len, const char *name);
/* Checks the text looks like a kernel config; -1 with @err naming the line. */
int kconfig_check(const char *text, size_t len, struct hv_err *err);

/* --- Shell-style assignment files (/etc/default/kdump-tools,
 * /etc/sysconfig/kdump, /etc/os-release): KEY=value, "quoted", 'quoted',
 * export, comments, backslash continuation lines; lists, if, case and the
 * tests a system can answer (shellvars.c). */
struct shellvar {
	char *name;
	char *value;
	unsigned long line;
	char *unknown;		/* why sh's value cannot be known here (a conditional, $(...)), or NULL */
};
struct shellvars {
	struct shellvar *v;
	size_t n;
};
/*
 * What the file may test of the system ([ -d PATH ], [ -e PATH ], [ -f
 * PATH ]): @test_path answers 1 true, 0 false, -1 unknown; @op is 'd', 'e'
 * or 'f', @path absolute.
 */
struct shellvars_env {
	int (*test_path)(void *ctx, char op, const char *path);
	void *ctx;
};
/* As sh reads it, never run; -1 with @err (the line) for what sh would not read. */
int shellvars_parse_env(const char *text, size_t len, const struct shellvars_env *env,
			struct shellvars *out, struct hv_err *err);
/* The same with no system to test: path tests are unknown. */
int shellvars_parse(const char *text, size_t len, struct shellvars *out, struct hv_err *err);
/* The last assignment of @name, or NULL (also when its value is unknown). */
const char *shellvars_get(const struct shellvars *sv, const char *name);
/* The last assignment of @name, known or not, or NULL when there is none. */
const struct shellvar *shellvars_find(const struct shellvars *sv, const char *name);
void shellvars_free(struct shellvars *sv);

/* --- /etc/kdump.conf (RHEL/Fedora kdump-utils): the dump target */
enum kdumpconf_target { KDUMPCONF_LOCAL, KDUMPCONF_NFS, KDUMPCONF_SSH, KDUMPCONF_RAW };
struct kdumpconf {
	enum kdumpconf_target target;
	char path[256];		/* "path" directive, default /var/crash */
	char device[256];	/* raw or fs-type directive's device */
};
int kdumpconf_parse(const char *text, size_t len, struct kdumpconf *out, struct hv_err *err);

/* --- /var/lib/dpkg/status: the installed version of @package ("1:2.0.22-2ubuntu2") */
int dpkg_installed_version(const char *text, size_t len, const char *package,
			   char *version, size_t vlen);
/*
 * The same, read piece by piece (a status file is 0.5 to 1 MB): each line
 * kept only as its first 160 bytes, its last 12 and its length, which is
 * all a stanza's Package, Status and Version lines need.
 */
struct dpkg_scan {
	char want[140];			/* "Package: NAME" */
	size_t wlen, len;		/* want's length; the line under way's */
	char head[160], last[12];	/* that line's first and last bytes */
	char ver[128];
	bool in_pkg, installed, done;
};
void dpkg_scan_init(struct dpkg_scan *s, const char *package);
/* The next @len bytes; true once the package's installed stanza ended: the rest need not be read. */
bool dpkg_scan_feed(struct dpkg_scan *s, const char *p, size_t len);
/* The end of the text: 0 and @version, or -1 when it is not installed. */
int dpkg_scan_end(struct dpkg_scan *s, char *version, size_t vlen);
/* `dpkg -l` (a sos report's installed-debs): the same for an installed @package */
int dpkg_list_version(const char *text, size_t len, const char *package, char *version,
		      size_t vlen);
/* Upstream part of a Debian version as 2.0.22 -> 20022; 0 if it does not parse. */
unsigned int kexec_tools_version(const char *version);
/* rpm.c: the first line of @text as rpm's VERSION-RELEASE; 0 or -1 */
int rpm_version_parse(const char *text, size_t len, char *out, size_t outlen);
/* a sos report's installed-rpms: @package's VERSION-RELEASE ("2.0.26-8.el9"); 0 or -1 */
int rpm_list_version(const char *text, size_t len, const char *package, char *out,
		     size_t outlen);
/* a header image from the rpm database: its NAME, and VERSION-RELEASE; 0 or -1 */
int rpm_header_version(const unsigned char *blob, size_t len, char *name, size_t nlen,
		       char *out, size_t outlen);
/*
 * The newest package named @name among the header images a database reader
 * walks: rpm_pick_header() for each, with its instance (higher: installed
 * later); rpm_pick_done() then says 0 (@out is its VERSION-RELEASE), 1 when
 * none is (@why), -1 when a header did not read or the version is too long.
 */
struct rpm_pick {
	const char *name;
	char *out;
	size_t outlen;
	uint64_t best;
	bool found, unread, toolong;
};
/* what a database reader calls for each header image: @ctx, the package's instance, the image */
typedef void rpm_visit(void *ctx, uint64_t instance, const unsigned char *blob, size_t len);
rpm_visit rpm_pick_header;	/* @ctx: a struct rpm_pick */
int rpm_pick_done(const struct rpm_pick *pk, char *why, size_t wlen);
/*
 * A header image's changelog (CHANGELOGTIME, CHANGELOGNAME, CHANGELOGTEXT),
 * as rpm -q --changelog prints it, the dates as 2024-04-10, into *@text
 * (malloc'd, NUL-terminated, *@tlen bytes): 0; 1 when it has none; -1 with
 * @why when the header or its changelog does not read (counts that claim
 * more than the image holds, arrays of other types or lengths).
 */
int rpm_header_changelog(const unsigned char *blob, size_t len, char **text, size_t *tlen,
			 char *why, size_t wlen);
/*
 * The package of the kernel whose release (uname -r) is @release: RHEL's
 * and Fedora's kernel-core, SUSE's kernel-FLAVOR, Azure Linux's kernel;
 * rpm_kernel_names() the names to look up (kernel-core, kernel, and the
 * flavour's), rpm_kernel_header() the visitor (@ctx: a struct rpm_kernel,
 * zeroed but @release) that keeps the newest that fits, with its changelog.
 */
#define RPM_KERNEL_NAMES 3
struct rpm_kernel {
	const char *release;
	int rank;		/* 0: none found; 1 kernel-core or kernel-FLAVOR, 2 kernel */
	uint64_t best;
	char nvra[256];		/* "kernel-core-5.14.0-427.13.1.el9_4.x86_64" */
	char *text;		/* its changelog (free it), NULL when it does not read (@why) */
	size_t tlen;
	char why[300];
};
unsigned int rpm_kernel_names(const char *release, char names[RPM_KERNEL_NAMES][64]);
rpm_visit rpm_kernel_header;
/*
 * A database file as rpm writes it: rpmndb.c, the ndb Packages.db (SUSE);
 * rpmbdb.c, the Berkeley DB Packages (rpm before 4.16: RHEL 8). _walk()
 * calls @visit for each header; 0, or -1 with @why when the file does not
 * read. _version(): the newest package named @name, as rpm_pick_done().
 */
typedef int rpm_walk(const unsigned char *img, size_t len, rpm_visit *visit, void *ctx,
		     char *why, size_t wlen);
rpm_walk rpmndb_walk, rpmbdb_walk;
/* rpm.c: the newest package named @name that @walk finds in @img */
int rpm_db_version(rpm_walk *walk, const unsigned char *img, size_t len, const char *name,
		   char *out, size_t outlen, char *why, size_t wlen);
int rpmndb_version(const unsigned char *img, size_t len, const char *name, char *out,
		   size_t outlen, char *why, size_t wlen);
int rpmbdb_version(const unsigned char *img, size_t len, const char *name, char *out,
		   size_t outlen, char *why, size_t wlen);

/* --- /proc/fb: "0 hyperv_drmdrmfb" lines; fb0's fix.id */
struct procfb {
	bool has_fb0;
	char id[32];		/* fix.id of fb0 */
};
int procfb_parse(const char *text, size_t len, struct procfb *out, struct hv_err *err);

/* --- /proc/self/mountinfo: the mount that holds @path */
struct mount_src {
	char mountpoint[256];
	char source[256];	/* e.g. /dev/nvme0n1p1 */
	char fstype[32];
	unsigned int major, minor;
};
int mountinfo_find(const char *text, size_t len, const char *path, struct mount_src *out,
		   struct hv_err *err);

/* --- the kernel log: lines that already tell the story */
struct kmsg_facts {
	unsigned int d0_failures;	/* "PCI Pass-through VSP failed D0 Entry" */
	char d0_status[16];
	bool hv_mmio_line;		/* the improved vmbus_reserve_fb's "hv_mmio=" line */
	bool vmbus_seen;		/* "hv_vmbus: Vmbus version:": the log has VMBus's start */
	char hv_mmio[160];
	unsigned int need_mmio;		/* "Need ... of low/high MMIO space" */
};
void kmsg_scan(const char *text, size_t len, struct kmsg_facts *out);
/*
 * Whether a log is text: at most 1 byte in 32 a control character other
 * than tab, CR, LF and NUL (the NUL runs an unclean shutdown leaves are
 * allowed); -1 with @err naming the line of the first such byte.
 */
int log_text_check(const char *text, size_t len, struct hv_err *err);
/*
 * The ranges of an "hv_mmio=%pR,%pR fb=%pR" line (from "hv_mmio="): the
 * low and high VMBus ranges and fb_range, each "[mem 0xS-0xE...]" or
 * "(null)" (span not set). -1 when the text is not that.
 */
struct kmsg_span {
	bool set;		/* false for "(null)" */
	uint64_t start, end;	/* inclusive */
};
int kmsg_hv_mmio_parse(const char *s, struct kmsg_span *low, struct kmsg_span *high,
		       struct kmsg_span *fb);

/*
 * --- a distribution kernel's changelog (lib/formats/changelog.c), read piece
 * by piece: which of up to CHANGELOG_NEEDLES needles (a commit, a subject)
 * it names, a blank in a needle standing for any run of blanks in the text
 * (a wrapped line). Kept in the struct: no allocation.
 */
#define CHANGELOG_NEEDLES	32
#define CHANGELOG_ARENA		2048
struct changelog_scan {
	bool *found;
	size_t n, left;			/* needles, and those not found yet */
	size_t keep;			/* the longest needle but one */
	size_t off[CHANGELOG_NEEDLES];	/* each needle in arena: where, */
	size_t nlen[CHANGELOG_NEEDLES];	/* how long, */
	size_t wlen[CHANGELOG_NEEDLES];	/* its first word's length */
	char arena[CHANGELOG_ARENA];	/* the needles, each run of blanks one space */
	size_t tlen;			/* the tail: the text's last keep bytes, so written */
	bool tblank;			/* the text so far ends in a blank */
	char tail[CHANGELOG_ARENA];
	char seam[2 * CHANGELOG_ARENA];	/* the tail, and the next piece's first keep bytes */
};
/*
 * Starts a scan for @needle[0 .. @n - 1], clearing @found; false when
 * they are too many or too long (together over CHANGELOG_ARENA bytes).
 * Blanks at a needle's ends are dropped; an empty needle is never found.
 */
bool changelog_scan_init(struct changelog_scan *s, const char *const *needle, size_t n,
			 bool *found);
/*
 * The next @len bytes of the text, searched now; true once every needle
 * is found: the rest need not be read.
 */
bool changelog_scan_feed(struct changelog_scan *s, const char *p, size_t len);
/*
 * The upstream (kernel.org) version a distribution kernel is built from,
 * where the kernel says it: Debian's /proc/version ("... Debian 6.1.192-3
 * (2026-11-26)": "6.1.192", @pkg "6.1.192-3"), Ubuntu's
 * /proc/version_signature ("Ubuntu 5.15.0-1057.65-azure 5.15.143": the last
 * field, @pkg the package's "5.15.0-1057.65-azure"). 0, or -1 when it says
 * none.
 */
int proc_version_upstream(const char *text, char *out, size_t olen, char *pkg, size_t plen);
int version_signature_upstream(const char *text, char *out, size_t olen, char *pkg, size_t plen);

/* --- a recorded kexec command (kdump-tools' kexec_cmd, kdumpctl's log):
 * the image and --initrd of "kexec -p [options] IMAGE"; quotes respected */
int kexec_cmd_parse(const char *cmd, char *image, size_t ilen, char *initrd, size_t rlen);
/* A kernel release as uname -r gives it: 1 to 64 of [A-Za-z0-9._+~-], a digit first. */
bool kernel_release_valid(const char *s);
/* The release in a kernel or initrd file name: "vmlinuz-6.8.0-1051-azure",
 * "initrd.img-6.8.0-1051-azure", "initramfs-5.14.0-427.el9.x86_64kdump.img". */
bool release_from_name(const char *path, char *release, size_t len);

/* --- a kdump initramfs's members */
/* "usr/lib/modules/R/kernel/drivers/pci/controller/pci-hyperv.ko.zst" -> "pci_hyperv";
 * false for a member that is no kernel module. */
bool initramfs_module_name(const char *path, char *name, size_t len);
/*
 * One line of a long listing (lsinitramfs -l, dracut's lsinitrd: ls -l's
 * columns, the member's path last): the path into @path, without a link's
 * " -> target". False for any other line (headers, dracut's module list).
 */
bool initramfs_listing_member(const char *line, char *path, size_t len);

/*
 * --- modprobe.d (modprobe.d(5)), read as libkmod reads it (kmod 30,
 * libkmod/libkmod-config.c: conf_files_filter_out(), kmod_config_parse(),
 * kmod_config_parse_kcmdline()): only the blacklist keyword, which is all the
 * verdict needs.
 */
/* A file libkmod reads in a modprobe.d directory: NAME.conf or NAME.alias, no leading dot. */
bool modprobe_conf_name(const char *name);
/* The modules a caller asks about: bit i of an answer is name[i] (n <= 32). */
struct modnames {
	const char *const *name;
	unsigned int n;
};
/*
 * The bits (struct modnames) of "blacklist NAME" lines in a modprobe.d file: lines
 * continued by a backslash before the newline, a line whose first byte is
 * '#' is a comment, words split by spaces and tabs, NAME the word after
 * "blacklist" with '-' read as '_'.
 */
unsigned int modprobe_blacklisted(const char *text, size_t len, const struct modnames *mn);
/* The same of a kernel command line's modprobe.blacklist=A,B,... words. */
unsigned int kcmdline_blacklisted(const char *text, size_t len, const struct modnames *mn);

/*
 * --- A newc cpio stream (the kernel's init/initramfs.c do_header(),
 * do_name(), do_copy(): a 110-byte header, "070701" or "070702" then 13
 * eight-digit hex fields; the name, NUL included, padded to 4 from the
 * header's start; the data padded to 4), read in pieces of any size, in
 * constant memory. The kernel unpacks only newc and skips a name or link
 * target longer than PATH_MAX: longer is no real initramfs, and the read
 * stops there (libarchive, the fallback, would buffer a name or a link
 * target as large as the header claims: 4 GiB from 135 KB). A member's
 * name must end in its NUL; "TRAILER!!!" ends the archive. Calloc'd, with
 * member and data NULL it checks headers alone.
 */
#define NEWC_NAME_MAX	4096		/* PATH_MAX */
#define NEWC_DATA_MAX	(64u << 10)	/* a member's data kept for @data, at most */
#define NEWC_MEMBERS_MAX 500000u	/* a real initramfs has a few thousand */
#define NEWC_STREAM_MAX	(1ull << 32)	/* bytes of one archive, unpacked */
struct newc_scan {
	/* each member but the trailer; true to have its data (filesize at most
	 * NEWC_DATA_MAX) handed to @data once whole */
	bool (*member)(void *ctx, const char *name, uint32_t mode, uint32_t filesize);
	void (*data)(void *ctx, const char *name, const unsigned char *buf, size_t len);
	void *ctx;
	/* the state newc_scan_reset() clears, from here to hdr[] */
	uint64_t pos;		/* bytes of the stream read; after the trailer, its end */
	uint64_t skip;		/* of the current member's padding and data */
	uint64_t after;		/* padding to skip after the data kept */
	uint32_t namesize;	/* of the current header; 0 while reading one */
	uint32_t filesize;	/* of the current header */
	uint32_t mode;		/* of the current header */
	uint32_t members;	/* read so far, the trailer not counted */
	uint32_t kept, keep;	/* bytes of data_buf[] filled, and wanted */
	size_t have;		/* bytes in hdr[] */
	unsigned char hdr[110 + NEWC_NAME_MAX];
	unsigned char data_buf[NEWC_DATA_MAX];
};
/* Ready for another archive, the callbacks kept (without clearing 68 KiB). */
void newc_scan_reset(struct newc_scan *s);
/* Returns 1 at the "TRAILER!!!" member, 0 for more, -1 (and @err) where a
 * header is no newc one, claims a name or link target past NEWC_NAME_MAX, a
 * name has no NUL at its end, or the archive passes NEWC_MEMBERS_MAX
 * members or NEWC_STREAM_MAX bytes. */
int newc_scan_feed(struct newc_scan *s, const void *buf, size_t len, struct hv_err *err);
/* At the end of the input, without a trailer: 0 where it ends between two
 * members, -1 (and @err) inside one. */
int newc_scan_end(const struct newc_scan *s, struct hv_err *err);

/* --- /lib/modules/RELEASE/modules.builtin: "kernel/drivers/.../name.ko" lines */
bool modules_builtin_has(const char *text, size_t len, const char *module);
/* 0 when every line is a module path ending in .ko, else -1 and the line */
int modules_builtin_check(const char *text, size_t len, struct hv_err *err);

/* --- A VMBus GUID: "{8-4-4-4-12 hex}" (class_id) or without braces (device names) */
bool guid_valid(const char *s, bool braces);

/*
 * --- /sys/kernel/security/lockdown: "[none] integrity confidentiality\n",
 * exactly: known levels, one of them in brackets, one line. -1 otherwise.
 * @level: 0 none, 1 integrity, 2 confidentiality (lockdown_read()'s order).
 */
int lockdown_parse(const char *text, unsigned int *level);

/*
 * A sos report's `mokutil --sb-state` (lcp/mokutil, print_sb_state():
 * "SecureBoot enabled" when SecureBoot is 1 and SetupMode 0, in colour):
 * 1 on, 0 off, -2 no EFI variables (a BIOS boot), -1 not an answer.
 */
int mokutil_sb_state(const char *text, size_t len);
/* its `efibootmgr -v`: 1 a UEFI boot (BootCurrent, BootOrder), 0 no EFI variables, -1 */
int efibootmgr_uefi(const char *text, size_t len);

/* --- efivars of a boolean (SecureBoot, SetupMode): 4 attribute bytes, then 0 or 1 */
int efivar_byte(const uint8_t *buf, size_t len, uint8_t *value);

#endif
