// SPDX-License-Identifier: GPL-2.0-or-later
/* The parsers of the files the probe reads. */
#include "testutil.h"
#include "gen_script.h"
#include "lib/formats/parsers.h"
#include "model/kdump_service.h"

#define S(text) text, sizeof(text) - 1

static void screen_info_fields(void **state)
{
	uint8_t bp[4096] = { 0 };
	struct screen_info_lfb si;
	struct hv_err err;

	(void)state;
	bp[0x0f] = 0x70;
	bp[0x12] = 0x00; bp[0x13] = 0x04;	/* 1024 */
	bp[0x14] = 0x00; bp[0x15] = 0x03;	/* 768 */
	bp[0x16] = 32;
	bp[0x18] = 0x00; bp[0x19] = 0x00; bp[0x1a] = 0x00; bp[0x1b] = 0x40;
	bp[0x1c] = 0x00; bp[0x1d] = 0x00; bp[0x1e] = 0x30; bp[0x1f] = 0x00;
	bp[0x3a] = 0x0f;			/* ext_lfb_base, ignored without the capability */
	assert_int_equal(screen_info_parse(bp, sizeof(bp), &si, &err), 0);
	assert_int_equal(si.lfb_base, 0x40000000);
	assert_int_equal(si.lfb_size, 0x300000);
	assert_int_equal(si.lfb_width, 1024);
	assert_int_equal(si.lfb_height, 768);
	assert_int_equal(si.orig_video_isVGA, 0x70);
	bp[0x36] = 2;				/* VIDEO_CAPABILITY_64BIT_BASE */
	assert_int_equal(screen_info_parse(bp, sizeof(bp), &si, &err), 0);
	assert_int_equal(si.lfb_base, 0xf40000000ULL);
	assert_int_equal(screen_info_parse(bp, 0x3f, &si, &err), -1);
	assert_string_equal(err.msg, "63 bytes: too short for struct boot_params (screen_info needs 64)");
}

static void kconfig_values(void **state)
{
	static const char cfg[] = "#\n# comment\nCONFIG_X86_64=y\nCONFIG_DRM_HYPERV=m\n"
				  "# CONFIG_FB_HYPERV is not set\nCONFIG_HZ=250\n"
				  "CONFIG_SYSFB=y\nCONFIG_SYSFB=n\n";

	(void)state;
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_X86_64"), 'y');
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_DRM_HYPERV"), 'm');
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_FB_HYPERV"), 'n');
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_HZ"), 'v');
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_HZ_1"), 0);
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_X86"), 0);	/* no prefix match */
	assert_int_equal(kconfig_get(S(cfg), "CONFIG_SYSFB"), 'n');	/* the last one wins */
}

static void kconfig_garbage(void **state)
{
	struct hv_err err;

	(void)state;
	assert_int_equal(kconfig_check(S("CONFIG_A=y\n# c\n\n"), &err), 0);
	assert_int_equal(kconfig_check(S("CONFIG_A=y\nhello\n"), &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "expected CONFIG_NAME=value or a # comment, not \"hello\"");
	assert_int_equal(kconfig_check(S("# only comments\n"), &err), -1);
	assert_string_equal(err.msg, "no CONFIG_ lines: not a kernel config");
	assert_int_equal(kconfig_check(S("CONFIG_A=y\0"), &err), -1);
}

static void builtin_modules(void **state)
{
	static const char mb[] = "kernel/drivers/hv/hv_vmbus.ko\n"
				 "kernel/drivers/pci/controller/pci-hyperv.ko\n"
				 "kernel/drivers/gpu/drm/hyperv/hyperv_drm.ko";

	(void)state;
	assert_true(modules_builtin_has(S(mb), "pci_hyperv"));
	assert_true(modules_builtin_has(S(mb), "hyperv_drm"));
	assert_true(modules_builtin_has(S(mb), "hv_vmbus"));
	assert_false(modules_builtin_has(S(mb), "hyperv_fb"));
	assert_false(modules_builtin_has(S(mb), "hyperv"));
}

static void shell_assignments(void **state)
{
	static const char text[] =
		"# comment\n"
		"USE_KDUMP=1\n"
		"export KDUMP_COREDIR=\"/var/crash dir\"   # trailing comment\n"
		"KDUMP_KEXEC_ARGS='-s --reuse-cmdline'\n"
		"A=one\\ two\n"
		"B=\"multi\n"
		"line\"\n"
		"C=\"esc \\\"q\\\" \\$HOME\"\n"
		"D=pre\"mid\"'post'\n"
		"E=\n"
		"F=x; G=y\n"
		"H=a\\\n"
		"b\n"
		"I=#notacomment\n"
		"J=\"one\\\ntwo\"\n"
		"K=after\n";
	struct shellvars sv;
	struct hv_err err = { 0, "" };

	(void)state;
	if (shellvars_parse(S(text), &sv, &err))
		fail_msg("line %lu: %s", err.line, err.msg);
	assert_string_equal(shellvars_get(&sv, "USE_KDUMP"), "1");
	assert_string_equal(shellvars_get(&sv, "KDUMP_COREDIR"), "/var/crash dir");
	assert_string_equal(shellvars_get(&sv, "KDUMP_KEXEC_ARGS"), "-s --reuse-cmdline");
	assert_string_equal(shellvars_get(&sv, "A"), "one two");
	assert_string_equal(shellvars_get(&sv, "B"), "multi\nline");
	assert_string_equal(shellvars_get(&sv, "C"), "esc \"q\" $HOME");
	assert_string_equal(shellvars_get(&sv, "D"), "premidpost");
	assert_string_equal(shellvars_get(&sv, "E"), "");
	assert_string_equal(shellvars_get(&sv, "F"), "x");
	assert_string_equal(shellvars_get(&sv, "G"), "y");
	assert_string_equal(shellvars_get(&sv, "H"), "ab");
	assert_string_equal(shellvars_get(&sv, "I"), "");
	assert_string_equal(shellvars_get(&sv, "J"), "onetwo");
	assert_int_equal(sv.v[sv.n - 1].line, 17);	/* K after the two lines of J */
	assert_null(shellvars_get(&sv, "NOPE"));
	assert_string_equal(sv.v[4].name, "B");
	assert_int_equal(sv.v[4].line, 6);	/* B starts on line 6 */
	assert_int_equal(sv.v[5].line, 8);	/* C after the two lines of B */
	shellvars_free(&sv);
}

/* What sourcing with /bin/sh expands, and what only sh could decide. */
static void shell_expansion(void **state)
{
	static const char text[] =
		"BASE=\"-p\"\n"
		"A=\"$BASE -s\"\n"
		"B=${BASE}x\n"
		"C=${NOPE:-dflt}\n"
		"D=\"${BASE:-dflt} ${EMPTY-unset}\"\n"
		"export E=\"${BASE}\"\n"
		"F=$(uname -r)\n"
		"G=`date`\n"
		"if [ -e /etc/foo ]; then\n"
		"\tKDUMP_KEXEC_ARGS=\"-c\"\n"
		"else\n"
		"\tKDUMP_KEXEC_ARGS=\"-s\"\n"
		"fi\n"
		"H=\"$F\"\n"
		"I='$BASE'\n"
		"J=cost\\$5\n";
	struct shellvars sv;
	struct hv_err err;
	const struct shellvar *v;

	(void)state;
	assert_int_equal(shellvars_parse(S(text), &sv, &err), 0);
	assert_string_equal(shellvars_get(&sv, "A"), "-p -s");
	assert_string_equal(shellvars_get(&sv, "B"), "-px");
	assert_string_equal(shellvars_get(&sv, "C"), "dflt");
	assert_string_equal(shellvars_get(&sv, "D"), "-p unset");
	assert_string_equal(shellvars_get(&sv, "E"), "-p");
	/* command substitutions, and what is built from them: unknown */
	assert_null(shellvars_get(&sv, "F"));
	v = shellvars_find(&sv, "F");
	assert_non_null(v);
	assert_non_null(v->unknown);
	assert_int_equal(v->line, 7);
	assert_non_null(shellvars_find(&sv, "G")->unknown);
	assert_non_null(shellvars_find(&sv, "H")->unknown);
	/* assigned inside a conditional: unknown, with the line */
	v = shellvars_find(&sv, "KDUMP_KEXEC_ARGS");
	assert_non_null(v->unknown);
	assert_int_equal(v->line, 12);
	assert_non_null(strstr(v->unknown, "in the else of a condition (line 9)"));
	assert_non_null(strstr(v->unknown, "no system to look at"));
	/* single quotes and backslashes keep a $ */
	assert_string_equal(shellvars_get(&sv, "I"), "$BASE");
	assert_string_equal(shellvars_get(&sv, "J"), "cost$5");
	shellvars_free(&sv);
}

/* A test's path, as the system answers: /yes and /dir exist, /unknown cannot be told. */
static int test_path(void *ctx, char op, const char *path)
{
	(void)ctx;
	if (!strcmp(path, "/unknown"))
		return -1;
	if (!strcmp(path, "/dir"))
		return op == 'd' || op == 'e';
	if (!strcmp(path, "/yes"))
		return op == 'f' || op == 'e';
	return 0;
}

static const struct shellvars_env test_env = { test_path, NULL };

/* @text's @name as sh would leave it: its value, or "?" when unknown, "-" when unset. */
static const char *sh_value(const char *text, const char *name, char *buf, size_t len)
{
	struct shellvars sv;
	struct hv_err err;
	const struct shellvar *v;

	if (shellvars_parse_env(text, strlen(text), &test_env, &sv, &err)) {
		snprintf(buf, len, "error %lu: %s", err.line, err.msg);
		return buf;
	}
	v = shellvars_find(&sv, name);
	snprintf(buf, len, "%s", !v ? "-" : v->unknown ? "?" : v->value);
	shellvars_free(&sv);
	return buf;
}

/* Every form the parser follows, each with what sh would leave. */
static void shell_forms(void **state)
{
	static const struct { const char *text, *want; } cases[] = {
		/* lists */
		{ "[ -d /dir ] && A=-s\n", "-s" },
		{ "[ -d /nope ] && A=-s\n", "-" },
		{ "[ -d /nope ] || A=-s\n", "-s" },
		{ "[ -d /dir ] || A=-s\n", "-" },
		{ "A=1; A=2\n", "2" },
		{ "A=1 ; [ -f /yes ] && A=2 || A=3\n", "2" },
		{ "[ -f /nope ] && A=2 || A=3\n", "3" },
		{ "[ -e /unknown ] && A=-s\n", "?" },
		{ "A=-s; [ -e /unknown ] && A=-s\n", "-s" },	/* the same either way */
		{ "! [ -d /dir ] && A=x\n", "-" },
		{ "true && A=x\n", "x" },
		{ "false || A=x\n", "x" },
		{ "A=1 &&\n  A=2\n", "2" },
		/* if, elif, else */
		{ "if [ -d /dir ]; then A=1; else A=2; fi\n", "1" },
		{ "if [ -d /nope ]; then A=1; else A=2; fi\n", "2" },
		{ "if [ -d /nope ]; then\n A=1\nelif [ -f /yes ]; then\n A=2\nelse\n A=3\nfi\n",
		  "2" },
		{ "if [ -d /nope ]; then A=1; elif [ -f /nope ]; then A=2; else A=3; fi\n", "3" },
		{ "if [ -d /dir ]; then A=1; elif [ -f /yes ]; then A=2; fi\n", "1" },
		{ "if [ -e /unknown ]; then A=1; else A=2; fi\n", "?" },
		{ "if [ -e /unknown ]; then B=1; fi; A=3\n", "3" },
		{ "if [ -d /dir ]; then if [ -f /yes ]; then A=in; fi; fi\n", "in" },
		/* case */
		{ "V=amd64\ncase $V in\n  arm*) A=arm ;;\n  amd*|x86*) A=x86 ;;\n  *) A=other ;;\nesac\n",
		  "x86" },
		{ "case zzz in arm*) A=arm ;; *) A=other ;; esac\n", "other" },
		{ "case $(uname -m) in arm*) A=arm ;; esac\n", "?" },
		{ "case x in (x) A=1;; esac\n", "1" },
		/* string and integer tests on known values */
		{ "B=yes\n[ \"$B\" = yes ] && A=1\n", "1" },
		{ "B=no\n[ \"$B\" != yes ] && A=1\n", "1" },
		{ "[ -n \"$UNSET\" ] && A=1\n", "-" },
		{ "[ -z \"$UNSET\" ] && A=1\n", "1" },
		{ "test 3 -gt 2 && A=1\n", "1" },
		{ "B=$(date)\n[ \"$B\" = x ] && A=1\n", "?" },
		{ "[ -x /dir ] && A=1\n", "?" },
		{ "[ relative ] && A=1\n", "1" },
		{ "[ -d relative ] && A=1\n", "?" },
		/* commands hvkdump does not run: their status is unknown */
		{ "grep -q x /etc/foo && A=1\n", "?" },
		{ "if echo hello >/dev/null 2>&1; then A=1; fi\n", "?" },
		{ "grep -q x /f || A=1\n", "?" },
		/* one whose status decides nothing: not a line of this file's kind */
		{ "A=1\nKDUMP_\n", "error 2: expected NAME=value, not \"KDUMP_\"" },
		/* loops, groups, subshells */
		{ "for i in a b; do A=$i; done\n", "?" },
		{ "for i in; do A=1; done\n", "-" },
		{ "while false; do A=1; done\n", "?" },
		{ "{ A=1; A=2; }\n", "2" },
		{ "(A=1)\n", "-" },
		/* words that only look like reserved words */
		{ "A=if\n", "if" },
		{ "A=\"fi done\"\n", "fi done" },
	};
	char buf[320];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = sh_value(cases[i].text, "A", buf, sizeof(buf));

		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: %s: got \"%s\", want \"%s\"", i, cases[i].text, got,
				 cases[i].want);
	}
}

/* An unknown one says why, with both lines. */
static void shell_unknown_says_why(void **state)
{
	static const char text[] = "USE_KDUMP=1\nif [ -x /usr/bin/foo ]; then\n\tKDUMP_KEXEC_ARGS=-s\nfi\n";
	struct shellvars sv;
	struct hv_err err;
	const struct shellvar *v;

	(void)state;
	assert_int_equal(shellvars_parse_env(S(text), &test_env, &sv, &err), 0);
	v = shellvars_find(&sv, "KDUMP_KEXEC_ARGS");
	assert_non_null(v);
	assert_int_equal(v->line, 3);
	assert_string_equal(v->unknown, "line 3 assigns it under a condition (line 2) that only sh "
			    "can evaluate: not a test hvkdump evaluates (-x /usr/bin/foo)");
	shellvars_free(&sv);
}

static void shell_garbage(void **state)
{
	static const struct { const char *text; unsigned long line; const char *msg; } bad[] = {
		{ "A=1\nthis is not shell\n", 2, "expected NAME=value, not \"this is not shell\"" },
		{ "A=1\n. /etc/other\n", 2,
		  ".: a command that may change any variable; hvkdump does not run it" },
		{ "if true; then\nA=1\n", 3, "if (line 1) without fi, at the end of the file" },
		{ "case x in\na) A=1 ;;\n", 3, "case (line 1) without esac, at the end of the file" },
		{ "A=1 | cat\n", 1, "a pipeline (|): hvkdump does not evaluate it" },
		{ "[ -d /x\n", 1, "[ without ]" },
		{ "fi\n", 1, "a reserved word out of place, not \"fi\"" },
		{ "A=1\nB=\"open\nC=2\n", 2, "unterminated double quote" },
		{ "A='open\n", 1, "unterminated single quote" },
		{ "A=one two\n", 1, "more than one word after A= (quote the value)" },
		{ "1A=x\n", 1, "expected NAME=value, not \"1A=x\"" },
		{ "=x\n", 1, "expected NAME=value, not \"=x\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct shellvars sv;
		struct hv_err err = { 0, "" };

		assert_int_equal(shellvars_parse(bad[i].text, strlen(bad[i].text), &sv, &err), -1);
		assert_int_equal(err.line, bad[i].line);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

static void kdump_conf(void **state)
{
	struct kdumpconf kc;
	struct hv_err err;

	(void)state;
	assert_int_equal(kdumpconf_parse(S("# x\ncore_collector makedumpfile -l\n"), &kc, &err), 0);
	assert_int_equal(kc.target, KDUMPCONF_LOCAL);
	assert_string_equal(kc.path, "/var/crash");
	assert_int_equal(kdumpconf_parse(S("path /srv/dumps  \nxfs /dev/sdb1\n"), &kc, &err), 0);
	assert_string_equal(kc.path, "/srv/dumps");
	assert_string_equal(kc.device, "/dev/sdb1");
	assert_int_equal(kdumpconf_parse(S("ssh kdump@10.0.0.5\n"), &kc, &err), 0);
	assert_int_equal(kc.target, KDUMPCONF_SSH);
	assert_int_equal(kdumpconf_parse(S("nfs server:/export\n"), &kc, &err), 0);
	assert_int_equal(kc.target, KDUMPCONF_NFS);
	assert_int_equal(kdumpconf_parse(S("path relative\n"), &kc, &err), -1);
	assert_int_equal(kdumpconf_parse(S("ok_directive x\nBAD!! x\n"), &kc, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(kdumpconf_parse(S("nfs\n"), &kc, &err), -1);
}

static void dpkg_versions(void **state)
{
	static const char status[] =
		"Package: kexec-tools\nStatus: deinstall ok config-files\nVersion: 1:2.0.18-1\n\n"
		"Package: kexec-tools-doc\nStatus: install ok installed\nVersion: 9.9.9\n\n"
		"Package: kexec-tools\nStatus: install ok installed\nVersion: 1:2.0.22-2ubuntu2.2\n";
	char v[64];

	(void)state;
	assert_int_equal(dpkg_installed_version(S(status), "kexec-tools", v, sizeof(v)), 0);
	assert_string_equal(v, "1:2.0.22-2ubuntu2.2");
	assert_int_equal(dpkg_installed_version(S(status), "kdump-tools", v, sizeof(v)), -1);
	assert_int_equal(kexec_tools_version("1:2.0.22-2ubuntu2.2"), 20022);
	assert_int_equal(kexec_tools_version("2.0.28"), 20028);
	assert_int_equal(kexec_tools_version("garbage"), 0);
}

/*
 * dpkg's status read a piece at a time: the same answer for pieces of every
 * size from 1 byte, with lines longer than the 160 bytes kept of each (a
 * Description, a Status whose "ok installed" ends 200 bytes in), and the
 * feed saying when the installed stanza has ended.
 */
static void dpkg_status_pieces(void **state)
{
	char text[4096], pad[201], v[64], w[64];
	struct dpkg_scan s;
	size_t len, piece, at, k, stop;
	int n;

	(void)state;
	memset(pad, 'x', 200);
	pad[200] = '\0';
	n = snprintf(text, sizeof(text),
		     "Package: kexec-tools\nStatus: install ok %s\nVersion: 1:2.0.18-1\n\n"
		     "Package: kexec-tools-doc\nStatus: install ok installed\nVersion: 9.9.9\n"
		     "Description: %s%s\n\n"
		     "Package: kexec-tools%s\nStatus: install ok installed\nVersion: 8.8.8\n\n"
		     "Package: kexec-tools\nDescription: %s\nStatus: %s ok installed\n"
		     "Version: 1:2.0.22-2ubuntu2.2\n\nPackage: kexec-tools\nStatus: install ok "
		     "installed\nVersion: 9.0.0\n",
		     pad, pad, pad, pad, pad, pad);
	assert_true(n > 0 && (size_t)n < sizeof(text));
	len = (size_t)n;
	assert_int_equal(dpkg_installed_version(text, len, "kexec-tools", v, sizeof(v)), 0);
	assert_string_equal(v, "1:2.0.22-2ubuntu2.2");
	stop = (size_t)(strstr(text, "ubuntu2.2\n\n") - text) + 11;
	for (piece = 1; piece <= len; piece += piece < 64 ? 1 : 97) {
		bool done = false;

		dpkg_scan_init(&s, "kexec-tools");
		for (at = 0; at < len && !done; at += k) {
			k = len - at < piece ? len - at : piece;
			done = dpkg_scan_feed(&s, text + at, k);
		}
		/* done in the piece that holds the stanza's blank line */
		assert_true(done);
		assert_true(at - k < stop && stop <= at);
		assert_int_equal(dpkg_scan_end(&s, w, sizeof(w)), 0);
		assert_string_equal(w, v);
	}
	/* the last stanza, ended by the text's end without a newline */
	dpkg_scan_init(&s, "kexec-tools");
	assert_false(dpkg_scan_feed(&s, S("Package: kexec-tools\nStatus: install ok installed\n"
					  "Version: 2.0.2")));
	assert_false(dpkg_scan_feed(&s, S("8-1")));
	assert_int_equal(dpkg_scan_end(&s, w, sizeof(w)), 0);
	assert_string_equal(w, "2.0.28-1");
	/* not installed: read to the end, -1 */
	dpkg_scan_init(&s, "kdump-tools");
	assert_false(dpkg_scan_feed(&s, text, len));
	assert_int_equal(dpkg_scan_end(&s, w, sizeof(w)), -1);
}

/* A sos report's package lists: dpkg -l, and sos's rpm -qa format (NVRA padded to 59) */
static void sos_package_lists(void **state)
{
	static const char dpkg_l[] =
		"Desired=Unknown/Install/Remove/Purge/Hold\n"
		"||/ Name           Version            Architecture Description\n"
		"+++-==============-==================-============-=================\n"
		"rc  kexec-tools    1:2.0.18-1         amd64        old, configuration kept\n"
		"ii  kexec-tools-doc 9.9.9             all          not the package\n"
		"ii  kexec-tools:amd64 1:2.0.25-3+deb12u3 amd64     tools to load kernels\n";
	static const char rpms[] =
		"kexec-tools-debuginfo-2.0.26-8.el9.x86_64                   Tue Mar 12 2024\n"
		"kexec-tools-2.0.26-8.el9.x86_64                             Tue Mar 12 2024\n"
		"kernel-5.14.0-427.el9.x86_64                                Tue Mar 12 2024\n"
		"kernel-5.14.0-503.el9.x86_64                                Wed Nov 20 2024\n";
	char v[64];

	(void)state;
	assert_int_equal(dpkg_list_version(S(dpkg_l), "kexec-tools", v, sizeof(v)), 0);
	assert_string_equal(v, "1:2.0.25-3+deb12u3");
	assert_int_equal(dpkg_list_version(S(dpkg_l), "kdump-tools", v, sizeof(v)), -1);
	assert_int_equal(dpkg_list_version(S("rc  kexec-tools 1:2.0.18-1 amd64 x\n"),
					   "kexec-tools", v, sizeof(v)), -1);
	assert_int_equal(rpm_list_version(S(rpms), "kexec-tools", v, sizeof(v)), 0);
	assert_string_equal(v, "2.0.26-8.el9");
	/* sorted by version: the last line that names it is the highest */
	assert_int_equal(rpm_list_version(S(rpms), "kernel", v, sizeof(v)), 0);
	assert_string_equal(v, "5.14.0-503.el9");
	assert_int_equal(rpm_list_version(S(rpms), "kdump", v, sizeof(v)), -1);
	assert_int_equal(rpm_list_version(S("kexec-tools-2.0.26\n"), "kexec-tools", v, sizeof(v)),
			 -1);
}

/* mokutil --sb-state and efibootmgr -v, as a sos report keeps them */
static void sos_firmware(void **state)
{
	(void)state;
	assert_int_equal(mokutil_sb_state(S("SecureBoot enabled\n")), 1);
	assert_int_equal(mokutil_sb_state(S("\033[32mSecureBoot enabled\n\033[0m"
					    "\033[31mSecureBoot validation is disabled in shim\n")), 1);
	assert_int_equal(mokutil_sb_state(S("SecureBoot disabled\nPlatform is in Setup Mode\n")),
			 0);
	assert_int_equal(mokutil_sb_state(S("EFI variables are not supported on this system\n")),
			 -2);
	assert_int_equal(mokutil_sb_state(S("Cannot determine secure boot state.\n")), -1);
	assert_int_equal(efibootmgr_uefi(S("BootCurrent: 0001\nTimeout: 0 seconds\n")), 1);
	assert_int_equal(efibootmgr_uefi(S("EFI variables are not supported on this system.\n")),
			 0);
	assert_int_equal(efibootmgr_uefi(S("")), -1);
}

/* lsinitramfs -l and lsinitrd: ls -l's columns, the member last */
static void initramfs_listings(void **state)
{
	char path[256];

	(void)state;
	assert_true(initramfs_listing_member("-rw-r--r--   1 root     root        12345 Nov 26 "
					     "12:00 usr/lib/modules/6.1.0-57-cloud-amd64/kernel/"
					     "drivers/pci/controller/pci-hyperv.ko", path, sizeof(path)));
	assert_string_equal(path, "usr/lib/modules/6.1.0-57-cloud-amd64/kernel/drivers/pci/"
			    "controller/pci-hyperv.ko");
	assert_true(initramfs_listing_member("lrwxrwxrwx   1 root     root            7 Jan  1  "
					     "1970 bin -> usr/bin", path, sizeof(path)));
	assert_string_equal(path, "bin");
	assert_true(initramfs_listing_member("drwxr-xr-x   1 root     root            0 Jan  1  "
					     "1970 .", path, sizeof(path)));
	assert_string_equal(path, ".");
	assert_false(initramfs_listing_member("Image: /boot/initramfs-5.14.0kdump.img: 31M",
					      path, sizeof(path)));
	assert_false(initramfs_listing_member("========================================",
					      path, sizeof(path)));
	assert_false(initramfs_listing_member("-rw-r--r--   1 root root", path, sizeof(path)));
	assert_false(initramfs_listing_member("-rw-r--r--   1 root     root        12345 Nov 26 "
					      "12:00 a-name-longer-than-the-buffer-holds", path, 8));
}

static void proc_fb(void **state)
{
	struct procfb pf;
	struct hv_err err;

	(void)state;
	assert_int_equal(procfb_parse(S("0 hyperv_drmdrmfb\n"), &pf, &err), 0);
	assert_true(pf.has_fb0);
	assert_string_equal(pf.id, "hyperv_drmdrmfb");
	assert_int_equal(procfb_parse(S("0 EFI VGA\n1 other\n"), &pf, &err), 0);
	assert_string_equal(pf.id, "EFI VGA");
	assert_int_equal(procfb_parse(S("0 mystery\n"), &pf, &err), 0);
	assert_string_equal(pf.id, "mystery");
	assert_int_equal(procfb_parse(S(""), &pf, &err), 0);
	assert_false(pf.has_fb0);
	assert_int_equal(procfb_parse(S("x hyperv_fb\n"), &pf, &err), -1);
	assert_int_equal(procfb_parse(S("0 a-very-long-framebuffer-identifier-indeed\n"), &pf, &err), -1);
}

static void mountinfo_longest_prefix(void **state)
{
	static const char mi[] =
		"22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p1 rw\n"
		"30 22 8:17 / /var rw shared:5 - xfs /dev/sdb1 rw\n"
		"31 30 8:33 / /var/crash\\040dir rw - ext4 /dev/sdc1 rw\n"
		"32 22 0:40 / /var2 rw - tmpfs tmpfs rw\n";
	struct mount_src m;
	struct hv_err err;

	(void)state;
	assert_int_equal(mountinfo_find(S(mi), "/var/crash", &m, &err), 0);
	assert_string_equal(m.source, "/dev/sdb1");
	assert_int_equal(m.major, 8);
	assert_int_equal(mountinfo_find(S(mi), "/var/crash dir/x", &m, &err), 0);
	assert_string_equal(m.source, "/dev/sdc1");
	assert_int_equal(mountinfo_find(S(mi), "/var2crash", &m, &err), 0);
	assert_string_equal(m.source, "/dev/nvme0n1p1");	/* not /var */
	assert_int_equal(mountinfo_find(S("garbage line\n"), "/", &m, &err), -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(mountinfo_find(S(""), "/", &m, &err), -1);
	assert_int_equal(err.line, 0);
}

static void kernel_log(void **state)
{
	static const char log[] =
		"[    1.2] hv_pci 1234: PCI Pass-through VSP failed D0 Entry with status c0370048\n"
		"[    1.3] hv_pci 1234: Retrying D0 Entry\n"
		"[    1.4] hv_pci 1234: PCI Pass-through VSP failed D0 Entry with status c0370048\n"
		"[    0.5] hv_vmbus: hv_mmio=[mem 0x40000000-0xfed3ffff],[mem 0xfe0000000-0xfffffffff] "
		"fb=[mem 0x40000000-0x47ffffff]\n"
		"[    2.0] hv_pci 1234: Need 0x100000 of low MMIO space. Consider reconfiguring the VM.\n";
	struct kmsg_facts k;

	(void)state;
	kmsg_scan(S(log), &k);
	assert_int_equal(k.d0_failures, 2);
	assert_string_equal(k.d0_status, "c0370048");
	assert_true(k.hv_mmio_line);
	assert_string_equal(k.hv_mmio, "hv_mmio=[mem 0x40000000-0xfed3ffff],[mem "
			    "0xfe0000000-0xfffffffff] fb=[mem 0x40000000-0x47ffffff]");
	assert_int_equal(k.need_mmio, 1);
	kmsg_scan(S("nothing here\n"), &k);
	assert_int_equal(k.d0_failures, 0);
	assert_false(k.hv_mmio_line);
	/* hvkdump's own report read back from the kdump kernel's log */
	kmsg_scan(S("[    8.8] hvkdump:   \"kernel_log\": \"0 D0 entry failures, no hv_mmio= "
		    "line\",\n<4>hvkdump: PCI Pass-through VSP failed D0 Entry with status "
		    "c0370048\nNov 20 09:00:03 vm kernel: [ 8.9] hvkdump: Need 0x1 of low MMIO "
		    "space. Consider reconfiguring the VM.\n"), &k);
	assert_false(k.hv_mmio_line);
	assert_int_equal(k.d0_failures, 0);
	assert_int_equal(k.need_mmio, 0);
}

/* kdump-tools' kexec_cmd, kernel and initrd names, changelogs */
/* The upstream version behind a distribution's release string. */
static void upstream_versions(void **state)
{
	char v[32], pkg[96];

	(void)state;
	assert_int_equal(proc_version_upstream("Linux version 6.1.0-57-cloud-amd64 "
					       "(debian-kernel@lists.debian.org) (gcc-12 (Debian "
					       "12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian "
					       "6.1.192-3 (2026-11-26)\n", v, sizeof(v), pkg,
					       sizeof(pkg)), 0);
	assert_string_equal(v, "6.1.192");
	assert_string_equal(pkg, "6.1.192-3");
	/* "Debian 12.2.0-14" is gcc's, and no kernel's: only the #1 line's */
	assert_int_equal(proc_version_upstream("Linux version 6.6.30 (gcc (Debian 12.2.0-14) "
					       "12.2.0) #1 SMP\n", v, sizeof(v), pkg, sizeof(pkg)),
			 -1);
	assert_int_equal(proc_version_upstream("Linux version 6.1 #1 Debian 6.1-1\n", v,
					       sizeof(v), pkg, sizeof(pkg)), -1);
	assert_int_equal(version_signature_upstream("Ubuntu 5.15.0-1057.65-azure 5.15.143\n", v,
						    sizeof(v), pkg, sizeof(pkg)), 0);
	assert_string_equal(v, "5.15.143");
	assert_string_equal(pkg, "5.15.0-1057.65-azure");
	assert_int_equal(version_signature_upstream("Ubuntu 5.15.0-1057.65-azure 5.15\n", v,
						    sizeof(v), pkg, sizeof(pkg)), -1);
	assert_int_equal(version_signature_upstream("Debian x 6.1.1\n", v, sizeof(v), pkg,
						    sizeof(pkg)), -1);
}

static void kernel_files(void **state)
{
	char image[128], initrd[128], rel[64];

	(void)state;
	assert_int_equal(kexec_cmd_parse("/sbin/kexec -p --command-line=\"BOOT_IMAGE=/vmlinuz ro "
					 "quiet systemd.unit=kdump-tools-dump.service\" "
					 "--initrd=/var/lib/kdump/initrd.img /var/lib/kdump/vmlinuz",
					 image, sizeof(image), initrd, sizeof(initrd)), 0);
	assert_string_equal(image, "/var/lib/kdump/vmlinuz");
	assert_string_equal(initrd, "/var/lib/kdump/initrd.img");
	assert_int_equal(kexec_cmd_parse("kexec -s -p -i '/boot/initrd x' /boot/vmlinuz-7.1",
					 image, sizeof(image), initrd, sizeof(initrd)), 0);
	assert_string_equal(image, "/boot/vmlinuz-7.1");
	assert_string_equal(initrd, "/boot/initrd x");
	assert_int_equal(kexec_cmd_parse("not a command", image, sizeof(image), initrd,
					 sizeof(initrd)), -1);
	assert_int_equal(kexec_cmd_parse("kexec -p", image, sizeof(image), initrd,
					 sizeof(initrd)), -1);
	assert_true(release_from_name("/boot/vmlinuz-6.8.0-1051-azure", rel, sizeof(rel)));
	assert_string_equal(rel, "6.8.0-1051-azure");
	assert_true(release_from_name("initrd.img-5.15.0-1057-azure", rel, sizeof(rel)));
	assert_string_equal(rel, "5.15.0-1057-azure");
	assert_true(release_from_name("/boot/initramfs-5.14.0-427.el9.x86_64kdump.img", rel,
				      sizeof(rel)));
	assert_string_equal(rel, "5.14.0-427.el9.x86_64");
	assert_false(release_from_name("/var/lib/kdump/vmlinuz", rel, sizeof(rel)));
	assert_false(release_from_name("vmlinuz-", rel, sizeof(rel)));
	assert_false(release_from_name("vmlinuz-old", rel, sizeof(rel)));
	assert_true(changelog_mentions(S("  * Drivers: hv: vmbus: Improve the logic of reserving "
					 "fb_mmio on Gen2 VMs\n"), "016a25e4b0df",
				       "Drivers: hv: vmbus: Improve the logic of reserving fb_mmio on Gen2 VMs"));
	assert_true(changelog_mentions(S("(cherry picked from commit 016a25e4b0df...)"),
				       "016a25e4b0df", "x y"));
	assert_false(changelog_mentions(S("nothing"), "016a25e4b0df", "subject"));
	/* Debian's changelog.gz wraps a long subject (linux 6.1.133-1's entry) */
	assert_true(changelog_mentions(S("    - [amd64,arm64] Drivers: hv: vmbus: Don't release "
					 "fb_mmio resource in\n      vmbus_free_mmio()\n"),
				       "73fe9073c0cc", "Drivers: hv: vmbus: Don't release fb_mmio "
				       "resource in vmbus_free_mmio()"));
	/* a blank is a blank: not a word run together, not a word cut */
	assert_false(changelog_mentions(S("Don't release fb_mmio resourcein vmbus_free_mmio()"),
				       "73fe9073c0cc", "Don't release fb_mmio resource in "
				       "vmbus_free_mmio()"));
	assert_false(changelog_mentions(S("Don't release fb_mmio resource in\n"), "73fe9073c0cc",
				       "Don't release fb_mmio resource in vmbus_free_mmio()"));
	assert_false(changelog_mentions(S("anything"), "", ""));
}

/* The direct matcher the scan replaced: a blank in @words is a run of blanks. */
static bool ref_words(const char *text, size_t len, const char *words)
{
	size_t i, j, k;

	for (i = 0; *words && i < len; i++) {
		for (j = i, k = 0; words[k]; k++) {
			if (words[k] == ' ') {
				if (j == len || !strchr(" \t\n", text[j]))
					break;
				while (j < len && strchr(" \t\n", text[j]))
					j++;
			} else if (j < len && text[j] == words[k]) {
				j++;
			} else {
				break;
			}
		}
		if (!words[k])
			return true;
	}
	return false;
}

/* @text fed @piece bytes at a time (0: 1 to 40, at random): which of @needle it names. */
static void scan_pieces(const char *text, size_t len, size_t piece, const char *const *needle,
			size_t n, bool *found)
{
	struct changelog_scan s;
	uint64_t seed = len;
	size_t at, k;

	assert_true(changelog_scan_init(&s, needle, n, found));
	for (at = 0; at < len; at += k) {
		k = piece ? piece : 1 + (size_t)(gen_next(&seed) % 40);
		if (k > len - at)
			k = len - at;
		if (changelog_scan_feed(&s, text + at, k))
			break;
	}
}

/*
 * Read a piece at a time, a changelog names what it names read whole: a
 * subject at every place around a seam, across a run of blanks longer than
 * a piece, and against the direct matcher on random texts cut at random.
 */
static void changelog_scan_seams(void **state)
{
	static const size_t pieces[] = { 0, 1, 7, 4096, 8191, 8192, 8193, 1 << 20 };
	const char *needle[3] = { "73fe9073c0cc", "Don't release fb_mmio resource in vmbus_free_mmio()",
				  "absent subject" };
	size_t len = 40000, at, p, i, n;
	char *text = malloc(len);
	bool found[3];
	uint64_t seed = 1;

	(void)state;
	assert_non_null(text);
	/* the subject across each seam the window can have, wrapped where it falls */
	for (at = 8192 - 60; at < 8192 + 4; at += 3) {
		memset(text, 'x', len);
		memcpy(text + at, "Don't release fb_mmio\n      resource in vmbus_free_mmio()", 57);
		for (p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++) {
			scan_pieces(text, len, pieces[p], needle, 3, found);
			assert_false(found[0]);
			assert_true(found[1]);
			assert_false(found[2]);
		}
	}
	/* a run of blanks longer than the window between two words, and a commit after it */
	memset(text, '\t', len);
	memcpy(text + 100, "Don't release fb_mmio resource in", 33);
	memcpy(text + 20000, "vmbus_free_mmio() 73fe9073c0cc", 30);
	for (p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++) {
		scan_pieces(text, len, pieces[p], needle, 3, found);
		assert_true(found[0] && found[1] && !found[2]);
	}
	/* once every needle is found, feed says so: the rest need not be read */
	{
		struct changelog_scan s;
		const char *two[2] = { "ab", "" };

		assert_true(changelog_scan_init(&s, two, 2, found));
		assert_false(changelog_scan_feed(&s, "xa", 2));
		memset(text, 'a', 20000);
		text[0] = 'b';
		assert_true(changelog_scan_feed(&s, text, 20000));
		assert_true(found[0]);
		assert_false(found[1]);
	}
	/* random texts over a, b and blanks, random needles of words: the direct matcher's answer */
	for (i = 0; i < 300; i++) {
		static const char alpha[] = "ab \t\n";
		char w[3][24];
		const char *nd[3] = { w[0], w[1], w[2] };
		bool ref[3];
		size_t k, m;

		n = 200 + (size_t)(gen_next(&seed) % 20000);
		for (k = 0; k < n; k++)
			text[k] = alpha[gen_next(&seed) % (i % 2 ? 3 : 5)];
		for (k = 0; k < 3; k++) {
			size_t wl = 1 + (size_t)(gen_next(&seed) % 12);

			for (m = 0; m < wl; m++)
				w[k][m] = m && w[k][m - 1] != ' ' && m + 1 < wl && gen_next(&seed) % 3 == 0 ?
					  ' ' : "ab"[gen_next(&seed) % 2];
			w[k][wl] = '\0';
			ref[k] = ref_words(text, n, w[k]);
		}
		scan_pieces(text, n, i % 3 ? 1 + (size_t)(gen_next(&seed) % 9000) : 0, nd, 3, found);
		for (k = 0; k < 3; k++)
			assert_int_equal(found[k], ref[k]);
	}
	/* too many needles, or too long for the window's arena */
	{
		struct changelog_scan s;
		const char *many[CHANGELOG_NEEDLES + 1] = { NULL };
		char *big = malloc(3000);

		assert_non_null(big);
		memset(big, 'q', 2999);
		big[2999] = '\0';
		assert_false(changelog_scan_init(&s, many, CHANGELOG_NEEDLES + 1, found));
		many[0] = big;
		assert_false(changelog_scan_init(&s, many, 1, found));
		free(big);
	}
	free(text);
}

/* 016a25e4b0df: pr_info("hv_mmio=%pR,%pR fb=%pR\n", ...) */
static void hv_mmio_line(void **state)
{
	struct kmsg_span low, high, fb;

	(void)state;
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=[mem 0xf8000000-0xfed3ffff],[mem "
					    "0xfe0000000-0xfffffffff] fb=[mem 0xf8000000-0xfbffffff]",
					    &low, &high, &fb), 0);
	assert_int_equal(low.start, 0xf8000000);
	assert_int_equal(low.end, 0xfed3ffff);
	assert_int_equal(high.start, 0xfe0000000ULL);
	assert_int_equal(high.end, 0xfffffffffULL);
	assert_int_equal(fb.start, 0xf8000000);
	assert_int_equal(fb.end, 0xfbffffff);
	/* no high range, no fb_range: %pR of NULL; flags after the range */
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=[mem 0xc0000000-0xfed3ffff flags 0x200],"
					    "(null) fb=(null)", &low, &high, &fb), 0);
	assert_int_equal(low.start, 0xc0000000);
	assert_false(high.set);
	assert_false(fb.set);
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=(null),(null) fb=(null)", &low, &high, &fb), -1);
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=0x40000000 fb=0x40000000", &low, &high, &fb), -1);
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=[mem 0x2-0x1],(null) fb=(null)", &low, &high,
					    &fb), -1);
	assert_int_equal(kmsg_hv_mmio_parse("hv_mmio=[mem 0x1-0x2", &low, &high, &fb), -1);
}

static void lockdown_and_efivars(void **state)
{
	static const uint8_t sb_on[] = { 6, 0, 0, 0, 1 };
	unsigned int l;
	uint8_t v;

	(void)state;
	assert_int_equal(lockdown_parse("none [integrity] confidentiality\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_INTEGRITY);
	assert_int_equal(lockdown_parse("[none] integrity confidentiality\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_NONE);
	assert_int_equal(lockdown_parse("none integrity\n", &l), -1);
	assert_int_equal(efivar_byte(sb_on, sizeof(sb_on), &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(efivar_byte(sb_on, 4, &v), -1);
	/* strict: one bracketed level of the kernel's three, one line */
	assert_int_equal(lockdown_parse("[none] [integrity] confidentiality\n", &l), -1);
	assert_int_equal(lockdown_parse("[none] integ\n", &l), -1);
	assert_int_equal(lockdown_parse("[none] integrity confidentiality", &l), -1);
	assert_int_equal(lockdown_parse("[none] integrity\nconfidentiality\n", &l), -1);
	assert_int_equal(lockdown_parse("[bogus] none\n", &l), -1);
	assert_int_equal(lockdown_parse("[none integrity\n", &l), -1);
	assert_int_equal(lockdown_parse("\n", &l), -1);
	/* a boolean efivar is five bytes, its value 0 or 1 */
	{
		static const uint8_t seven[] = { 6, 0, 0, 0, 7 }, longer[] = { 6, 0, 0, 0, 1, 0 };

		assert_int_equal(efivar_byte(seven, sizeof(seven), &v), -1);
		assert_int_equal(efivar_byte(longer, sizeof(longer), &v), -1);
	}
}

static void screen_info_domain(void **state)
{
	struct screen_info_lfb ok = { 0x70, 0x40000000, 0x300000, 1024, 768, 32, 0, 0 }, si;
	struct hv_err err;

	(void)state;
	assert_int_equal(screen_info_check(&ok, &err), 0);
	/* no framebuffer at all: the mode does not matter */
	si = (struct screen_info_lfb){ 0, 0, 0, 0, 0, 0, 0, 0 };
	assert_int_equal(screen_info_check(&si, &err), 0);
	/* the random boot_params */
	si = ok;
	si.lfb_base = 0xa8fb500;
	si.lfb_width = 49680;
	si.lfb_height = 19548;
	si.lfb_depth = 61374;
	assert_int_equal(screen_info_check(&si, &err), -1);
	assert_string_equal(err.msg, "a 49680x19548x61374 mode is no framebuffer's");
	si = ok;
	si.orig_video_isVGA = 0x99;
	assert_int_equal(screen_info_check(&si, &err), -1);
	assert_string_equal(err.msg, "orig_video_isVGA 0x99 is no VIDEO_TYPE_*");
	si = ok;
	si.orig_video_isVGA = 0x22;	/* VGA text: no linear framebuffer */
	assert_int_equal(screen_info_check(&si, &err), -1);
	si = ok;
	si.lfb_base = 0x40000800;
	assert_int_equal(screen_info_check(&si, &err), -1);
	assert_string_equal(err.msg, "lfb_base 0x40000800 is not page-aligned");
	/* too small in bytes and in 64 KiB units alike */
	si = ok;
	si.lfb_size = 0x20;
	assert_int_equal(screen_info_check(&si, &err), -1);
	/* VESA's lfb_size is in 64 KiB units: 0x30 holds 1024x768x32 */
	si = ok;
	si.orig_video_isVGA = 0x23;
	si.lfb_size = 0x30;
	assert_int_equal(screen_info_check(&si, &err), 0);
	si.lfb_size = 0x2f;
	assert_int_equal(screen_info_check(&si, &err), -1);
	assert_string_equal(err.msg, "lfb_size 0x2f (64 KiB units) cannot hold a 1024x768x32 mode");
	/* EFI as kexec-tools hands it to a kdump kernel: 64 KiB units (0x3f) */
	si = ok;
	si.lfb_size = 0x3f;
	assert_int_equal(screen_info_check(&si, &err), 0);
	si.lfb_size = 0x2f;
	assert_int_equal(screen_info_check(&si, &err), -1);
	/* kexec-tools' default when it hands no framebuffer */
	si = (struct screen_info_lfb){ 0x01, 0, 0, 0, 0, 0, 0, 0 };
	assert_int_equal(screen_info_check(&si, &err), 0);
	si = ok;
	si.lfb_depth = 15;
	si.lfb_size = 1024 * 768 * 2;
	assert_int_equal(screen_info_check(&si, &err), 0);
}

static void domains(void **state)
{
	struct hv_err err;

	(void)state;
	assert_true(guid_valid("{da0a7802-e377-4aac-8e77-0558eb1073f8}", true));
	assert_true(guid_valid("{DA0A7802-E377-4AAC-8E77-0558EB1073F8}", true));
	assert_true(guid_valid("5620e0c7-8062-4dce-aeb7-520c7ef76171", false));
	assert_false(guid_valid("5620e0c7-8062-4dce-aeb7-520c7ef76171", true));
	assert_false(guid_valid("{da0a7802-e377-4aac-8e77-0558eb1073fg}", true));
	assert_false(guid_valid("{da0a7802-e377-4aac-8e77-0558eb1073f8}x", true));
	assert_false(guid_valid("{da0a7802e377-4aac-8e77-0558eb1073f8}", true));
	assert_false(guid_valid("", false));

	assert_true(kernel_release_valid("5.15.0-1057-azure"));
	assert_true(kernel_release_valid("5.14.0-427.13.1.el9_4.x86_64"));
	assert_true(kernel_release_valid("6.1.0-28+deb12~bpo"));
	assert_false(kernel_release_valid(""));
	assert_false(kernel_release_valid("../../etc"));
	assert_false(kernel_release_valid("linux-5.15"));
	assert_false(kernel_release_valid("5.15 0"));
	assert_false(kernel_release_valid("5.1111111111111111111111111111111111111111111111111111111111111111"));

	/* Kconfig values as confdata.c writes them */
	assert_int_equal(kconfig_check(S("CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=250\nCONFIG_D=-1\n"
					 "CONFIG_E=0x1000\nCONFIG_F=\"a \\\"b\\\"\"\nCONFIG_G=\"\"\n"),
				       &err), 0);
	assert_int_equal(kconfig_check(S("CONFIG_SYSFB=maybe\n"), &err), -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(kconfig_check(S("CONFIG_A=\"open\n"), &err), -1);
	assert_int_equal(kconfig_check(S("CONFIG_A=\n"), &err), -1);
	assert_int_equal(kconfig_check(S("CONFIG_A=0x\n"), &err), -1);
	assert_int_equal(kconfig_check(S("CONFIG_A B=y\n"), &err), -1);

	/* modules.builtin: a kernel build writes it whole */
	assert_int_equal(modules_builtin_check(S("kernel/a.ko\n"), &err), 0);
	assert_int_equal(modules_builtin_check(S(""), &err), -1);
	assert_int_equal(modules_builtin_check(S("kernel/a.ko\nkernel/b.ko"), &err), -1);
	assert_string_equal(err.msg, "no newline at the end: the file is cut");

	/* a log is text; NUL runs of an unclean shutdown are a log's */
	assert_int_equal(log_text_check(S("Nov 26 kernel: hv_vmbus: Vmbus version:5.3\n\0\0\0\0"
					  "\0\0\0\0\0\0\0\0\n"), &err), 0);
	assert_int_equal(log_text_check(S("\x1b\x01\x02\x1b\x01\x02\x1b\x01\x02\x1b\x01\x02"),
				       &err), -1);
	assert_string_equal(err.msg, "not text: 12 of its 12 bytes are control characters");
}

static void kdump_services(void **state)
{
	char args[128], retry[128];
	char why[256];

	(void)state;
	assert_int_equal(distro_family_of("ubuntu", "debian"), DISTRO_DEBIAN);
	assert_int_equal(distro_family_of("rocky", "rhel centos fedora"), DISTRO_RHEL);
	assert_int_equal(distro_family_of("mything", "rhel fedora"), DISTRO_RHEL);
	assert_int_equal(distro_family_of("opensuse-leap", NULL), DISTRO_SUSE);
	assert_int_equal(distro_family_of("azurelinux", NULL), DISTRO_AZURELINUX);
	assert_int_equal(distro_family_of("arch", NULL), DISTRO_UNKNOWN);
	/* kdump-config: Secure Boot adds -s first, KDUMP_KEXEC_ARGS after it wins */
	assert_int_equal(kdump_service_syscall(DISTRO_DEBIAN, NULL, false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_DEFAULT);
	assert_int_equal(kdump_service_syscall(DISTRO_DEBIAN, NULL, true, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_FILE);
	assert_string_equal(why, "kdump-config adds -s: Secure Boot is on");
	assert_int_equal(kdump_service_syscall(DISTRO_DEBIAN, "-s -c --reuse", true, ARCH_X86_64,
					       0, why, sizeof(why)), KEXEC_REQ_LOAD);
	assert_int_equal(kdump_service_syscall(DISTRO_DEBIAN, "--kexec-file-syscall", false,
					       ARCH_X86_64, 0, why, sizeof(why)), KEXEC_REQ_FILE);
	assert_int_equal(kdump_service_syscall(DISTRO_DEBIAN, "-cx", false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_DEFAULT);
	/* kdumpctl: KEXEC_ARGS "" passes nothing (the -s lives in the shipped sysconfig) */
	assert_int_equal(kdump_service_syscall(DISTRO_RHEL, NULL, false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_DEFAULT);
	assert_int_equal(kdump_service_syscall(DISTRO_RHEL, "-c", false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_LOAD);
	assert_int_equal(kdump_service_syscall(DISTRO_RHEL, "-c", true, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_FILE);
	assert_int_equal(kdump_service_syscall(DISTRO_SUSE, "-c", false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_AUTO);
	assert_int_equal(kdump_service_syscall(DISTRO_AZURELINUX, "-c", false, ARCH_X86_64, 0,
					       why, sizeof(why)), KEXEC_REQ_FILE);
	/* the arguments each service builds: the last syscall option wins in kexec */
	kdump_service_args(DISTRO_DEBIAN, "-c", true, 0, args, sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -s -c");
	kdump_service_args(DISTRO_RHEL, "-c", true, 0, args, sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -c -s");
	kdump_service_args(DISTRO_RHEL, NULL, false, 0, args, sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p");
	kdump_service_args(DISTRO_AZURELINUX, "-c", false, 0, args, sizeof(args), retry,
			   sizeof(retry));
	assert_string_equal(args, "-p -c -s");
	assert_string_equal(retry, "");
	/* SUSE kdump by its version (openSUSE kdump init/load.sh) */
	kdump_service_args(DISTRO_SUSE, "-s", false, 0, args, sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -s -a");
	assert_string_equal(retry, "");
	kdump_service_args(DISTRO_SUSE, "-c", false, suse_kdump_version("1.9.6"), args,
			   sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -c -a");
	kdump_service_args(DISTRO_SUSE, "-c", false, suse_kdump_version("1.9.5-150500.3.5.1"),
			   args, sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -c -s");
	assert_string_equal(retry, "-p -c");
	kdump_service_args(DISTRO_SUSE, NULL, false, suse_kdump_version("0.9.0"), args,
			   sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -s");
	assert_string_equal(retry, "-p");
	kdump_service_args(DISTRO_SUSE, "-c", false, suse_kdump_version("0.8.16"), args,
			   sizeof(args), retry, sizeof(retry));
	assert_string_equal(args, "-p -c");
	assert_string_equal(retry, "");
	assert_int_equal(kdump_service_syscall(DISTRO_SUSE, "-c", false, ARCH_X86_64,
					       suse_kdump_version("1.9.5"), why, sizeof(why)),
			 KEXEC_REQ_FILE);
	assert_string_equal(why, "SUSE kdump 1.9.5 passes -s last, over KEXEC_OPTIONS, and runs "
			    "kexec again without it after any failure");
	assert_int_equal(kdump_service_syscall(DISTRO_SUSE, NULL, false, ARCH_X86_64,
					       suse_kdump_version("0.8.16"), why, sizeof(why)),
			 KEXEC_REQ_DEFAULT);
	assert_int_equal(suse_kdump_version("2.0.13-150600.1.1"), 20013);
	assert_int_equal(suse_kdump_version("1.9"), 0);
	assert_int_equal(suse_kdump_version("1.9.100"), 0);
	assert_int_equal(suse_kdump_version("banana"), 0);
	assert_int_equal(suse_kdump_version("1.9.5x"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(screen_info_fields),
		cmocka_unit_test(kconfig_values),
		cmocka_unit_test(kconfig_garbage),
		cmocka_unit_test(changelog_scan_seams),
		cmocka_unit_test(builtin_modules),
		cmocka_unit_test(shell_assignments),
		cmocka_unit_test(shell_expansion),
		cmocka_unit_test(upstream_versions),
		cmocka_unit_test(shell_forms),
		cmocka_unit_test(shell_unknown_says_why),
		cmocka_unit_test(shell_garbage),
		cmocka_unit_test(kdump_conf),
		cmocka_unit_test(dpkg_versions),
		cmocka_unit_test(dpkg_status_pieces),
		cmocka_unit_test(proc_fb),
		cmocka_unit_test(mountinfo_longest_prefix),
		cmocka_unit_test(kernel_log),
		cmocka_unit_test(hv_mmio_line),
		cmocka_unit_test(kernel_files),
		cmocka_unit_test(lockdown_and_efivars),
		cmocka_unit_test(sos_package_lists),
		cmocka_unit_test(sos_firmware),
		cmocka_unit_test(initramfs_listings),
		cmocka_unit_test(screen_info_domain),
		cmocka_unit_test(domains),
		cmocka_unit_test(kdump_services),
	};

	return cmocka_run_group_tests_name("parsers", tests, NULL, NULL);
}
