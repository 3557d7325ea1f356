// SPDX-License-Identifier: GPL-2.0-or-later
/* Ours: the scenario: keys, presets, checks, and the "key = value" file. */
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strcopy.h"
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

static const char *const arch_names[] = { "x86_64", "arm64" };
static const char *const fb_names[] = {
	"hyperv_drm", "hyperv_fb", "efifb", "simpledrm", "vesafb", "none",
};
static const char *const kexec_names[] = { "default", "load", "file", "auto" };
static const char *const lockdown_names[] = { "none", "integrity", "confidentiality" };
static const char *const target_names[] = { "nvme", "scsi", "net-vf", "net-synthetic" };
static const char *const module_names[MOD_COUNT] = {
	[MOD_PCI_HYPERV] = "pci_hyperv", [MOD_HYPERV_DRM] = "hyperv_drm",
	[MOD_HYPERV_FB] = "hyperv_fb",
};
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

/* SPEC section 4 "The host's layout": Azure's and a local host's defaults. */
const struct scenario_preset scenario_presets[] = {
	{ "azure-gen2", "Azure x86_64 VMs: 3 GiB of low MMIO from 0x40000000, framebuffer there",
	  ARCH_X86_64, 2, 3072 * SZ_1M, true, FB_HYPERV_DRM },
	{ "azure-arm64", "Azure arm64 VMs: 3 GiB of low MMIO from 0x40000000, framebuffer there",
	  ARCH_ARM64, 2, 3072 * SZ_1M, true, FB_HYPERV_DRM },
	{ "azure-cvm", "Azure confidential VMs: 1 GiB from 0xc0000000, no video device",
	  ARCH_X86_64, 2, 1024 * SZ_1M, false, FB_NONE },
	{ "hyperv-gen2", "local Hyper-V Gen2 default: 128 MiB from 0xf8000000",
	  ARCH_X86_64, 2, 0, true, FB_HYPERV_DRM },
	{ "hyperv-arm64", "local Hyper-V arm64 default: 512 MiB from 0xe0000000",
	  ARCH_ARM64, 2, 0, true, FB_HYPERV_DRM },
	{ "hyperv-gen1", "local Hyper-V Gen1: _CRS 0xf8000000-0xfffbffff, video BAR0 0xf8000000",
	  ARCH_X86_64, 1, 0, true, FB_HYPERV_DRM },
};
const unsigned int scenario_npresets = NAMES(scenario_presets);

static const struct scenario_preset *find_preset(const char *name)
{
	size_t i;

	for (i = 0; i < NAMES(scenario_presets); i++)
		if (!strcmp(scenario_presets[i].name, name))
			return &scenario_presets[i];
	return NULL;
}

static void apply_preset(struct scenario *sc, const struct scenario_preset *p)
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
	apply_preset(sc, &scenario_presets[0]);
	sc->fb_size = 3 * SZ_1M;	/* 1024x768x32 */
	sc->builtin = 0;
	sc->kdump_modules = SC_DEFAULT_KDUMP_MODULES;
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

static void *field_of(struct scenario *sc, size_t off)
{
	return (char *)sc + off;
}

static const void *cfield_of(const struct scenario *sc, size_t off)
{
	return (const char *)sc + off;
}

/* An enum, unsigned int or uint64_t field, by its size. */
static void store(struct scenario *sc, const struct scenario_key *k, uint64_t v)
{
	uint32_t w = (uint32_t)v;

	if (k->size == sizeof(w))
		memcpy(field_of(sc, k->field), &w, sizeof(w));
	else
		memcpy(field_of(sc, k->field), &v, sizeof(v));
}

static uint64_t load(const struct scenario *sc, const struct scenario_key *k)
{
	uint64_t v = 0;
	uint32_t w;

	if (k->size == sizeof(w)) {
		memcpy(&w, cfield_of(sc, k->field), sizeof(w));
		return w;
	}
	memcpy(&v, cfield_of(sc, k->field), sizeof(v));
	return v;
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

/* The names of a set key's members. */
static const char *member_name(const struct scenario_key *k, unsigned int i)
{
	return k->type == SK_FIXES ? fix_name((enum kernel_fix)i) : module_name((enum hv_module)i);
}

static unsigned int member_count(const struct scenario_key *k)
{
	return k->type == SK_FIXES ? FIX_COUNT : MOD_COUNT;
}

/* "a,b,c" of @k's member names into a bit set; "none" is the empty set. */
static int name_set(const char *value, const struct scenario_key *k, unsigned int *out,
		    enum hv_module *order, struct hv_err *err)
{
	unsigned int set = 0, count = 0, n = member_count(k), i;
	const char *p = value;

	if (!strcmp(value, "none")) {
		*out = 0;
		return 0;
	}
	while (*p) {
		size_t len = strcspn(p, ",");

		for (i = 0; i < n; i++)
			if (strlen(member_name(k, i)) == len && !strncmp(p, member_name(k, i), len))
				break;
		if (i == n)
			bad(err, "%s: unknown name \"%.*s\" in \"%s\"", k->name, (int)len, p, value);
		if (set & (1u << i))
			bad(err, "%s: \"%s\" is listed twice", k->name, member_name(k, i));
		set |= 1u << i;
		if (order)
			order[count] = (enum hv_module)i;
		count++;
		p += len;
		if (*p == ',') {
			p++;
			if (!*p)
				bad(err, "%s: empty name at the end of \"%s\"", k->name, value);
		}
	}
	if (!count)
		bad(err, "%s: empty list (write none for no names)", k->name);
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

static void join_values(const struct scenario_key *k, char *buf, size_t len);

/* The setters of the types, one each. */

static int set_preset(struct scenario *sc, const struct scenario_key *k, const char *value,
		      struct hv_err *err)
{
	const struct scenario_preset *p = find_preset(value);
	char names[128];

	if (!p) {
		join_values(k, names, sizeof(names));
		bad(err, "%s: unknown value \"%s\" (expected %s)", k->name, value, names);
	}
	apply_preset(sc, p);
	return 0;
}

static int set_bool(struct scenario *sc, const struct scenario_key *k, const char *value,
		    struct hv_err *err)
{
	return yes_no(value, field_of(sc, k->field), k->name, err);
}

static int set_enum(struct scenario *sc, const struct scenario_key *k, const char *value,
		    struct hv_err *err)
{
	char names[128];
	unsigned int i;

	for (i = 0; i < k->nnames; i++)
		if (!strcmp(value, k->names[i])) {
			store(sc, k, i);
			return 0;
		}
	join_values(k, names, sizeof(names));
	bad(err, "%s: unknown value \"%s\" (expected %s)", k->name, value, names);
}

static int set_number(struct scenario *sc, const struct scenario_key *k, const char *value,
		      struct hv_err *err)
{
	uint64_t v = 0;

	if ((!k->zero || strcmp(value, k->zero)) && number(value, &v, k->name, err))
		return -1;
	store(sc, k, v);
	return 0;
}

static int set_count(struct scenario *sc, const struct scenario_key *k, const char *value,
		     struct hv_err *err)
{
	uint64_t v = 0;

	if (!k->zero || strcmp(value, k->zero)) {
		if (number(value, &v, k->name, err))
			return -1;
		if (!v || v > k->max)
			bad(err, "%s: %" PRIu64 " is not %s%sbetween 1 and %" PRIu64, k->name, v,
			    k->zero ? k->zero : "", k->zero ? " or " : "", k->max);
	}
	store(sc, k, v);
	return 0;
}

static int set_span(struct scenario *sc, const struct scenario_key *k, const char *value,
		    struct hv_err *err)
{
	return span(value, field_of(sc, k->field), k->zero != NULL, k->name, err);
}

static int set_members(struct scenario *sc, const struct scenario_key *k, const char *value,
		       struct hv_err *err)
{
	return name_set(value, k, field_of(sc, k->field), NULL, err);
}

static int set_release(struct scenario *sc, const struct scenario_key *k, const char *value,
		       struct hv_err *err)
{
	char *to = field_of(sc, k->field);
	struct kernel_release kr;

	if (!strcmp(value, k->zero)) {
		to[0] = '\0';
		return 0;
	}
	if (strlen(value) >= k->size || kernel_release_parse(value, &kr))
		bad(err, "%s: expected a release like 7.1, 6.6.150 or 6.8.0-1051-azure, "
		    "not \"%s\"", k->name, value);
	hv_strcopy(to, k->size, value);
	return 0;
}

static int set_string(struct scenario *sc, const struct scenario_key *k, const char *value,
		      struct hv_err *err)
{
	if (strlen(value) >= k->size)
		bad(err, "%s: longer than %zu bytes", k->name, k->size - 1);
	snprintf(field_of(sc, k->field), k->size, "%s", value);
	return 0;
}

/* The setters of the few keys that need their own. */

static int set_gen(struct scenario *sc, const struct scenario_key *k, const char *value,
		   struct hv_err *err)
{
	(void)k;
	if (strcmp(value, "1") && strcmp(value, "2"))
		bad(err, "gen: expected 1 or 2, not \"%s\"", value);
	sc->gen = value[0] - '0';
	return 0;
}

/* "WxH", each 1-65535 */
static int set_resolution(struct scenario *sc, const struct scenario_key *k, const char *value,
			  struct hv_err *err)
{
	unsigned long wh[2] = { 0, 0 };
	const char *p = value;
	unsigned int i;

	(void)k;
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

static int set_fb_size(struct scenario *sc, const struct scenario_key *k, const char *value,
		       struct hv_err *err)
{
	uint64_t v;

	if (number(value, &v, k->name, err))
		return -1;
	if (v > UINT32_MAX)
		bad(err, "fb-size: 0x%" PRIx64 " does not fit screen_info.lfb_size (32 bits)", v);
	sc->fb_size = v;
	return 0;
}

static int set_probe_order(struct scenario *sc, const struct scenario_key *k, const char *value,
			   struct hv_err *err)
{
	enum hv_module order[MOD_COUNT];
	unsigned int set, n = 0, m;

	if (!strcmp(value, "none"))
		bad(err, "probe-order: name at least one module");
	if (name_set(value, k, &set, order, err))
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

/* an upstream version, or a package's ("1:2.0.22-2ubuntu3", "2.0.26-8.el9") */
static int set_kexec_tools(struct scenario *sc, const struct scenario_key *k, const char *value,
			   struct hv_err *err)
{
	const char *colon = strchr(value, ':'), *up = colon ? colon + 1 : value;
	char upstream[16];
	size_t n = strcspn(up, "-");

	(void)k;
	if (n >= sizeof(upstream))
		bad(err, "kexec-tools: expected a version like 2.0.22, not \"%s\"", value);
	memcpy(upstream, up, n);
	upstream[n] = '\0';
	if (version(upstream, &sc->kexec_tools, err))
		return -1;
	if (strlen(value) >= sizeof(sc->kexec_package))
		bad(err, "kexec-tools: \"%s\" is too long", value);
	hv_strcopy(sc->kexec_package, sizeof(sc->kexec_package), up[n] || colon ? value : "");
	return 0;
}

/* none: no second run; default: one with no syscall option */
static int set_retry_args(struct scenario *sc, const struct scenario_key *k, const char *value,
			  struct hv_err *err)
{
	if (set_string(sc, k, value, err))
		return -1;
	sc->kexec_retry = strcmp(value, "none") != 0;
	if (!sc->kexec_retry || !strcmp(value, "default"))
		sc->kexec_retry_args[0] = '\0';
	return 0;
}

static int set_fb0_id(struct scenario *sc, const struct scenario_key *k, const char *value,
		      struct hv_err *err)
{
	if (!*value || strlen(value) >= k->size)
		bad(err, "fb0-id: expected a fix.id of at most 15 bytes (or none, ioctl-fails)");
	hv_strcopy(sc->fb0_id, sizeof(sc->fb0_id), value);
	return 0;
}

static struct kernel_build first_build(const struct scenario *sc);

/* check's kdump-build: "same" copies the running kernel's build; "own" leaves it to its keys */
static int set_kdump_build(struct scenario *sc, const struct scenario_key *k, const char *value,
			   struct hv_err *err)
{
	if (!strcmp(value, "same"))
		scenario_same_kdump_kernel(sc);
	else if (strcmp(value, "own"))
		bad(err, "%s: expected same or own, not \"%s\"", k->name, value);
	return 0;
}

typedef int key_setter(struct scenario *sc, const struct scenario_key *k, const char *value,
		       struct hv_err *err);

static key_setter *const type_setters[SK_OTHER + 1] = {
	[SK_PRESET] = set_preset, [SK_BOOL] = set_bool, [SK_ENUM] = set_enum,
	[SK_NUMBER] = set_number, [SK_COUNT] = set_count, [SK_SPAN] = set_span,
	[SK_MODULES] = set_members, [SK_FIXES] = set_members, [SK_RELEASE] = set_release,
	[SK_STRING] = set_string,
};

/* The printers: each value as its setter reads it back. */

static void print_preset(const struct scenario *sc, const struct scenario_key *k, char *buf,
			 size_t len)
{
	(void)k;
	hv_strcopy(buf, len, sc->layout);
}

static void print_bool(const struct scenario *sc, const struct scenario_key *k, char *buf,
		       size_t len)
{
	hv_strcopy(buf, len, *(const bool *)cfield_of(sc, k->field) ? "yes" : "no");
}

static void print_enum(const struct scenario *sc, const struct scenario_key *k, char *buf,
		       size_t len)
{
	uint64_t v = load(sc, k);

	hv_strcopy(buf, len, v < k->nnames ? k->names[v] : "?");
}

static void print_number(const struct scenario *sc, const struct scenario_key *k, char *buf,
			 size_t len)
{
	uint64_t v = load(sc, k);

	if (!v && k->zero)
		hv_strcopy(buf, len, k->zero);
	else if (k->type == SK_COUNT)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "0x%" PRIx64, v);
}

static void print_span(const struct scenario *sc, const struct scenario_key *k, char *buf,
		       size_t len)
{
	const struct mmio_span *s = cfield_of(sc, k->field);

	if (s->set)
		snprintf(buf, len, "0x%" PRIx64 "-0x%" PRIx64, s->start, s->end);
	else
		snprintf(buf, len, "none");
}

static void print_members(const struct scenario *sc, const struct scenario_key *k, char *buf,
			  size_t len)
{
	unsigned int set = (unsigned int)load(sc, k);

	if (k->type == SK_FIXES)
		fix_set_str(set, buf, (unsigned int)len);
	else
		module_set_str(set, buf, (unsigned int)len);
}

static void print_string(const struct scenario *sc, const struct scenario_key *k, char *buf,
			 size_t len)
{
	const char *s = cfield_of(sc, k->field);

	hv_strcopy(buf, len, !s[0] && k->zero ? k->zero : s);
}

static void print_gen(const struct scenario *sc, const struct scenario_key *k, char *buf,
		      size_t len)
{
	(void)k;
	snprintf(buf, len, "%d", sc->gen);
}

static void print_resolution(const struct scenario *sc, const struct scenario_key *k, char *buf,
			     size_t len)
{
	(void)k;
	snprintf(buf, len, "%ux%u", sc->res_w, sc->res_h);
}

static void print_probe_order(const struct scenario *sc, const struct scenario_key *k,
			      char *buf, size_t len)
{
	size_t off = 0;
	unsigned int i;

	(void)k;
	buf[0] = '\0';
	for (i = 0; i < MOD_COUNT && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? "," : "",
					module_name(sc->probe_order[i]));
}

static void print_kexec_tools(const struct scenario *sc, const struct scenario_key *k,
			      char *buf, size_t len)
{
	(void)k;
	if (sc->kexec_package[0])
		hv_strcopy(buf, len, sc->kexec_package);
	else
		kexec_tools_str(sc->kexec_tools, buf, (unsigned int)len);
}

static void print_retry_args(const struct scenario *sc, const struct scenario_key *k,
			     char *buf, size_t len)
{
	(void)k;
	hv_strcopy(buf, len, !sc->kexec_retry ? "none" :
		 sc->kexec_retry_args[0] ? sc->kexec_retry_args : "default");
}

static void print_kdump_build(const struct scenario *sc, const struct scenario_key *k,
			      char *buf, size_t len)
{
	struct kernel_build kb = first_build(sc);

	(void)k;
	hv_strcopy(buf, len, memcmp(&kb, &sc->kdump, sizeof(kb)) ? "own" : "same");
}

typedef void key_printer(const struct scenario *sc, const struct scenario_key *k, char *buf,
			 size_t len);

static key_printer *const type_printers[SK_OTHER + 1] = {
	[SK_PRESET] = print_preset, [SK_BOOL] = print_bool, [SK_ENUM] = print_enum,
	[SK_NUMBER] = print_number, [SK_COUNT] = print_number, [SK_SPAN] = print_span,
	[SK_MODULES] = print_members, [SK_FIXES] = print_members, [SK_RELEASE] = print_string,
	[SK_STRING] = print_string,
};

#define FIELD(f)	.field = offsetof(struct scenario, f), \
			.size = sizeof(((struct scenario *)0)->f)
/* the bool set when the key is given: its offset + 1, so that 0 says none */
#define GIVEN(f)	.given = offsetof(struct scenario, f) + 1
#define NAMED(a)	.names = (a), .nnames = NAMES(a)
#define LIST(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define OWN(s, p)	SK_OTHER, .set = (s), .print = (p)

static const char *const gen_names[] = { "1", "2" };
static const char *const host_answers[] = { "default", "accept", "refuse" };
static const char *const releases[] = {
	"7.1", "7.0.13", "6.18.37", "6.12.95", "6.6.144", "6.1.177", "5.15.211", NULL,
};
static const char *const resolutions[] = {
	"1024x768", "1920x1080", "2560x1600", "3840x2160", "4834x3622", "7680x4320", NULL,
};

/* In the order scenario_dump() prints them. */
const struct scenario_key scenario_keys[] = {
	{ "layout", "PRESET",
	  "a VM preset: generation, architecture, Set-VM's low MMIO space, video device",
	  SK_PRESET, FIELD(layout), .omit = "custom", .vary_all = true },
	{ "arch", NULL, "CPU architecture (arm64 VMs are Gen2 only)",
	  SK_ENUM, FIELD(arch), NAMED(arch_names), .vary_all = true },
	{ "gen", NULL, "VM generation (Gen1 boots from BIOS, Gen2 from UEFI)",
	  OWN(set_gen, print_gen), NAMED(gen_names), .vary_all = true },
	{ "low-mmio-space", "SIZE|default",
	  "Set-VM -LowMemoryMappedIoSpace: 128M-3.5G (x86_64), 512M-3.5G (arm64)",
	  SK_NUMBER, FIELD(low_mmio_space), .zero = "default", .omit = "default",
	  .vary = LIST("default", "128M", "512M", "1G", "3G"),
	  .suggest = LIST("128M", "512M", "1G", "2G", "3G") },
	{ "resolution", "WxH", "Set-VMVideo's resolution: sizes VRAM, may move the low base",
	  OWN(set_resolution, print_resolution), .vary = resolutions, .suggest = resolutions },
	{ "kernel", "RELEASE|none",
	  "the kernel's release (7.1, 6.6.150, 6.8.0-1051-azure): its fixes, from the release table",
	  SK_RELEASE, FIELD(kernel), .zero = "none", .omit = "none", .suggest = releases },
	{ "kdump-kernel", "RELEASE|same",
	  "the release the kdump service loads, when it is not the running one",
	  SK_RELEASE, FIELD(kdump_kernel), .zero = "same", .omit = "same", .suggest = releases },
	{ "low-mmio", "START-END", "the VMBus MMIO range below 4 GiB",
	  SK_SPAN, FIELD(low), .manual = SC_SET_LOW, .custom = true },
	{ "high-mmio", "START-END|none", "the VMBus MMIO range above 4 GiB",
	  SK_SPAN, FIELD(high), .zero = "none", .manual = SC_SET_HIGH, .custom = true },
	{ "fb-base", "ADDR", "firmware framebuffer base, screen_info.lfb_base (0: none)",
	  SK_NUMBER, FIELD(fb_base), .manual = SC_SET_FB_BASE, .custom = true },
	{ "fb-size", "SIZE", "firmware framebuffer size, screen_info.lfb_size",
	  SK_NUMBER, FIELD(fb_size), .set = set_fb_size },
	{ "video", "yes|no", "whether the host offers a synthetic video device",
	  SK_BOOL, FIELD(video) },
	{ "video-bar", "START-END|none", "Gen1: BAR0 of the legacy video device 1414:5353",
	  SK_SPAN, FIELD(video_bar), .zero = "none", .manual = SC_SET_VIDEO_BAR, .custom = true },
	{ "vram-mb", "N", "VRAM the host offers the synthetic video device, in MiB",
	  SK_COUNT, FIELD(vram_mb), .max = 65536, .manual = SC_SET_VRAM,
	  .vary = LIST("8", "32", "128") },
	{ "fb-driver", NULL, "the driver that owns /dev/fb0 in the first kernel",
	  SK_ENUM, FIELD(fb_driver), NAMED(fb_names), .vary_all = true },
	{ "builtin", "LIST|none", "which of pci_hyperv, hyperv_drm, hyperv_fb are built in",
	  SK_MODULES, FIELD(builtin), .vary_all = true },
	{ "kdump-modules", "LIST|none", "the modules the kdump initramfs loads",
	  SK_MODULES, FIELD(kdump_modules), .vary_all = true },
	{ "probe-order", "LIST", "the order in which modules probe",
	  OWN(set_probe_order, print_probe_order), NAMED(module_names),
	  .vary = LIST("pci_hyperv,hyperv_drm,hyperv_fb", "hyperv_drm,hyperv_fb,pci_hyperv") },
	{ "kexec-syscall", NULL,
	  "what the kdump service asks kexec for (-c, -s, -a; default: the binary's)",
	  SK_ENUM, FIELD(kexec), NAMED(kexec_names), .vary_all = true },
	{ "kexec-tools", "VERSION", "kexec-tools version, or its package's: 2.0.22, 1:2.0.22-2ubuntu3",
	  OWN(set_kexec_tools, print_kexec_tools), .vary = LIST("2.0.18", "2.0.22", "2.0.28"),
	  .suggest = LIST("2.0.18", "2.0.20", "2.0.22", "2.0.25", "2.0.27", "2.0.28") },
	{ "lockdown", NULL, "kernel lockdown level",
	  SK_ENUM, FIELD(lockdown), NAMED(lockdown_names), .vary_all = true },
	{ "kexec-args", "ARGS", "the kexec arguments the kdump service passes, e.g. \"-p -c -d\"",
	  SK_STRING, FIELD(kexec_args), .omit = "" },
	{ "kexec-retry-args", "ARGS|default|none",
	  "after any failure the service runs kexec again with these (SUSE kdump 0.9.0-1.9.5)",
	  OWN(set_retry_args, print_retry_args), FIELD(kexec_retry_args), .omit = "none",
	  .suggest = LIST("none", "default") },
	{ "fb0-id", "ID|none|ioctl-fails", "/dev/fb0's fix.id as kexec-tools reads it",
	  SK_STRING, FIELD(fb0_id), .set = set_fb0_id, .omit = "",
	  .suggest = LIST("none", "ioctl-fails", "hyperv_drmdrmfb", "hyperv_fb", "simpledrmdrmfb") },
	{ "fb0-smem-start", "ADDR", "/dev/fb0's smem_start (FBIOGET_FSCREENINFO)",
	  SK_NUMBER, FIELD(fb0_smem_start), GIVEN(fb0_smem_start_set), .omit = "" },
	{ "fb0-smem-len", "SIZE", "/dev/fb0's smem_len (FBIOGET_FSCREENINFO)",
	  SK_NUMBER, FIELD(fb0_smem_len), GIVEN(fb0_smem_len_set), .omit = "" },
	{ "boot-params", "yes|no", "/sys/kernel/boot_params/data can be read",
	  SK_BOOL, FIELD(boot_params), .omit = "yes" },
	{ "kexec-load-disabled", "yes|no", "/proc/sys/kernel/kexec_load_disabled",
	  SK_BOOL, FIELD(kexec_load_disabled) },
	{ "kexec-file", "yes|no", "the kernel has kexec_file_load (CONFIG_KEXEC_FILE)",
	  SK_BOOL, FIELD(kexec_file_supported), .vary_all = true },
	{ "kernel-signed", "yes|no", "the kdump kernel image passes signature checks",
	  SK_BOOL, FIELD(kernel_signed) },
	{ "sysfb", "yes|no", "CONFIG_SYSFB: vmbus_reserve_fb() reads screen_info on Gen2",
	  SK_BOOL, FIELD(sysfb), .vary_all = true },
	{ "kernel-fixes", "LIST|none",
	  "fixes present:",
	  SK_FIXES, FIELD(fixes), .manual = SC_SET_FIXES, .vary_all = true },
	{ "hide-smem-start", "yes|no",
	  "FBINFO_HIDE_SMEM_START (da6c7707caf3): DRM fbdev reports smem_start 0",
	  SK_BOOL, FIELD(hide_smem_start), .vary_all = true },
	{ "bars32", "SIZE", "MMIO the pass-through devices' 32-bit BARs need",
	  SK_NUMBER, FIELD(bars32), .vary = LIST("0", "1M") },
	{ "bars64", "SIZE", "MMIO the pass-through devices' 64-bit BARs need",
	  SK_NUMBER, FIELD(bars64) },
	{ "pci-passthrough", "none|N",
	  "the PCI pass-through buses the host offers, one device each (default 1)",
	  SK_COUNT, FIELD(pci_buses), .zero = "none", .max = SIM_MAX_PCI_BUSES,
	  .vary = LIST("none", "1", "2"), .suggest = LIST("1", "2", "3", "4") },
	{ "host-fw-vram-d0", NULL,
	  "the host's answer to D0 entry on VRAM no driver moved (not published; "
	  "default: accept on Gen1, as a capture shows, refuse on Gen2)",
	  SK_ENUM, FIELD(host_fw_vram_d0), NAMED(host_answers) },
	{ "dump-target", NULL, "where the vmcore is written",
	  SK_ENUM, FIELD(dump_target), NAMED(target_names), .vary_all = true },
	{ "observed-vram", "START-END|none",
	  "where the first kernel really left VRAM (from /proc/iomem)",
	  SK_SPAN, FIELD(observed_vram), .zero = "none" },
	/*
	 * check's keys: what a real system shows that no user key says. Only
	 * observed pairs (scenario_set_observed()) name them; help, the options,
	 * matrix --vary, the completion and scenario_dump() know them not.
	 */
	{ "sysfb-gate", "yes|no", "a07b50d80ab6: vmbus_reserve_fb() tests CONFIG_SYSFB",
	  SK_BOOL, FIELD(sysfb_gate), .internal = true },
	{ "gen1-pci-bar", "yes|no", "2a8a8afba0c3: Gen1's framebuffer base from the PCI BAR",
	  SK_BOOL, FIELD(gen1_pci_bar), .internal = true },
	{ "hvfb-clear-si", "yes|no", "hyperv_fb clears screen_info on Gen2",
	  SK_BOOL, FIELD(hvfb_clear_si), .internal = true },
	{ "hvfb-clear-si-assumed", "yes|no", "c25a19afb81c's absence assumed",
	  SK_BOOL, FIELD(hvfb_clear_si_assumed), .internal = true },
	{ "kdump-build", "same|own", "the kdump kernel's build: the running kernel's, or its keys'",
	  OWN(set_kdump_build, print_kdump_build), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-fixes", "LIST|none", "the kdump kernel's fixes:",
	  SK_FIXES, FIELD(kdump.fixes), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-builtin", "LIST|none", "the kdump kernel's built-in modules",
	  SK_MODULES, FIELD(kdump.builtin), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-sysfb", "yes|no", "the kdump kernel's CONFIG_SYSFB",
	  SK_BOOL, FIELD(kdump.sysfb), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-sysfb-gate", "yes|no", "the kdump kernel has a07b50d80ab6",
	  SK_BOOL, FIELD(kdump.sysfb_gate), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-gen1-pci-bar", "yes|no", "the kdump kernel has 2a8a8afba0c3",
	  SK_BOOL, FIELD(kdump.gen1_pci_bar), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "kdump-hvfb-clear-si", "yes|no", "the kdump kernel's hyperv_fb clears screen_info",
	  SK_BOOL, FIELD(kdump.hvfb_clear_si), .manual = SC_SET_KDUMP_BUILD, .internal = true },
	{ "service-stops", "WHY", "the kdump service stops before kexec: why",
	  SK_STRING, FIELD(service_why), GIVEN(service_stops), .omit = "", .internal = true },
};
#define INTERNAL_KEYS 12
const unsigned int scenario_nkeys = NAMES(scenario_keys) - INTERNAL_KEYS;
const unsigned int scenario_nkeys_all = NAMES(scenario_keys);

static const struct scenario_key *key_find(const char *name, unsigned int n)
{
	unsigned int i;

	/* the first byte before the call: check sets a few hundred keys a run */
	for (i = 0; i < n; i++)
		if (scenario_keys[i].name[0] == name[0] && !strcmp(scenario_keys[i].name, name))
			return &scenario_keys[i];
	return NULL;
}

const struct scenario_key *scenario_key_find(const char *name)
{
	return key_find(name, scenario_nkeys);
}

unsigned int scenario_key_nvalues(const struct scenario_key *k)
{
	switch (k->type) {
	case SK_PRESET:
		return scenario_npresets;
	case SK_BOOL:
		return 2;
	case SK_MODULES:
	case SK_FIXES:
		return 1u << member_count(k);
	default:
		return k->nnames;
	}
}

void scenario_key_value(const struct scenario_key *k, unsigned int i, char *buf, size_t len)
{
	if (k->type == SK_MODULES)
		module_set_str(i, buf, (unsigned int)len);
	else if (k->type == SK_FIXES)
		fix_set_str(i, buf, (unsigned int)len);
	else
		hv_strcopy(buf, len, k->type == SK_PRESET ? scenario_presets[i].name :
			 k->type == SK_BOOL ? (i ? "no" : "yes") : k->names[i]);
}

/* Every value of @k joined by |, for messages */
static void join_values(const struct scenario_key *k, char *buf, size_t len)
{
	unsigned int i, n = scenario_key_nvalues(k);
	size_t off = 0;

	buf[0] = '\0';
	for (i = 0; i < n && off + 1 < len; i++) {
		if (i)
			buf[off++] = '|';
		scenario_key_value(k, i, buf + off, len - off);
		off += strlen(buf + off);
	}
}

void scenario_key_values(const struct scenario_key *k, char *buf, size_t len)
{
	if (k->values)
		hv_strcopy(buf, len, k->values);
	else
		join_values(k, buf, len);
}

void scenario_key_help(const struct scenario_key *k, char *buf, size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "%s", k->help);
	unsigned int i;

	if (k->type != SK_FIXES || !off || k->help[off - 1] != ':')
		return;
	for (i = 0; i < member_count(k) && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s %s", i ? "," : "",
					member_name(k, i));
}

void scenario_key_print(const struct scenario *sc, const struct scenario_key *k, char *buf,
			size_t len)
{
	if (k->given && !*(const bool *)cfield_of(sc, k->given - 1))
		buf[0] = '\0';
	else
		(k->print ? k->print : type_printers[k->type])(sc, k, buf, len);
}

/* The layout fields given by hand: an observed value is none of them. */
#define SC_SET_LAYOUT (SC_SET_LOW | SC_SET_HIGH | SC_SET_FB_BASE | SC_SET_VRAM | SC_SET_VIDEO_BAR)

static int key_set(struct scenario *sc, const struct scenario_key *k, const char *key,
		   const char *value, bool observed, struct hv_err *err)
{
	if (!k)
		bad(err, "unknown key \"%s\"", key);
	if ((k->set ? k->set : type_setters[k->type])(sc, k, value, err))
		return -1;
	if (k->given)
		*(bool *)field_of(sc, k->given - 1) = true;
	sc->manual |= observed ? k->manual & ~SC_SET_LAYOUT : k->manual;
	if (k->custom && !observed)
		sc->layout = "custom";
	return 0;
}

int scenario_set(struct scenario *sc, const char *key, const char *value,
		 struct hv_err *err)
{
	return key_set(sc, scenario_key_find(key), key, value, false, err);
}

int scenario_set_observed(struct scenario *sc, const char *key, const char *value,
			  struct hv_err *err)
{
	return key_set(sc, key_find(key, scenario_nkeys_all), key, value, true, err);
}

int scenario_check(const struct scenario *sc, struct hv_err *err)
{
	const struct scenario_preset *p = find_preset(sc->layout);
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
		    kernel_release_has(&kr, kernel_build_change(BUILD_NO_HYPERV_FB), NULL, 0) ==
		    CHANGE_PRESENT)
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
	st = kernel_release_has(&kr, kernel_build_change(BUILD_SYSFB_GATE), why, sizeof(why));
	kb->sysfb_gate = st == CHANGE_PRESENT;
	trace_add(t, phase, true, "kernel", "%s: a07b50d80ab6 (vmbus_reserve_fb tests "
		  "CONFIG_SYSFB) %s%s (%s)", release, state_names[st],
		  st == CHANGE_UNKNOWN ? ", assumed absent" : "", why);
	st = kernel_release_has(&kr, kernel_build_change(BUILD_GEN1_PCI_BAR), why, sizeof(why));
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
			sc->kexec_file_debug =
				kernel_release_has(&kr, kernel_build_change(BUILD_KEXEC_FILE_DEBUG),
						   NULL, 0) == CHANGE_PRESENT;
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

const char *scenario_first_preset(const struct scenario_pair *pairs, unsigned int npairs,
				  unsigned int *at)
{
	const char *gen = NULL, *arch = NULL;
	unsigned int i, layout = npairs;

	for (i = 0; i < npairs; i++) {
		if (pairs[i].observed)
			continue;
		if (!strcmp(pairs[i].key, "layout"))
			layout = i;
		else if (!strcmp(pairs[i].key, "gen"))
			gen = pairs[i].value;
		else if (!strcmp(pairs[i].key, "arch"))
			arch = pairs[i].value;
	}
	if (at)
		*at = layout;
	/* the layout first; without one, the preset that fits gen and arch */
	if (layout < npairs)
		return pairs[layout].value;
	if (gen && !strcmp(gen, "1"))
		return "hyperv-gen1";
	if (arch && !strcmp(arch, "arm64"))
		return "azure-arm64";
	return NULL;
}

static int fail_at(const struct scenario_pair *p, struct hv_err *err)
{
	if (err)
		err->line = p->origin ? p->line : 0;
	return -1;
}

int scenario_apply(struct scenario *sc, const struct scenario_pair *pairs, unsigned int npairs,
		   struct hv_err *err)
{
	unsigned int i;

	for (i = 0; i < npairs; i++)
		if (!pairs[i].observed && strcmp(pairs[i].key, "layout") &&
		    scenario_set(sc, pairs[i].key, pairs[i].value, err))
			return fail_at(&pairs[i], err);
	return 0;
}

/* The observed pairs, in order, on the finished scenario; then its checks again. */
static int apply_observed(struct scenario *sc, const struct scenario_pair *pairs,
			  unsigned int npairs, struct hv_err *err)
{
	unsigned int i, n = 0;

	for (i = 0; i < npairs; i++) {
		if (!pairs[i].observed)
			continue;
		if (scenario_set_observed(sc, pairs[i].key, pairs[i].value, err))
			return fail_at(&pairs[i], err);
		n++;
	}
	return n ? scenario_check(sc, err) : 0;
}

int scenario_build(struct scenario *sc, const struct scenario_pair *pairs,
		   unsigned int npairs, struct hv_err *err)
{
	unsigned int at;
	const char *preset = scenario_first_preset(pairs, npairs, &at);

	scenario_defaults(sc);
	/* a preset from gen or arch alone is always one of scenario_presets[] */
	if (preset && scenario_set(sc, "layout", preset, err))
		return fail_at(&pairs[at], err);
	if (scenario_apply(sc, pairs, npairs, err) || scenario_finish(sc, err))
		return -1;
	return apply_observed(sc, pairs, npairs, err);
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

void scenario_dump(const struct scenario *sc, struct strbuf *out)
{
	char buf[sizeof(sc->kexec_args) + 16];
	unsigned int i;

	for (i = 0; i < scenario_nkeys; i++) {
		const struct scenario_key *k = &scenario_keys[i];

		scenario_key_print(sc, k, buf, sizeof(buf));
		if (!k->omit || strcmp(buf, k->omit))
			sb_addf(out, "%s = %s\n", k->name, buf);
	}
}
