// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which kexec system call a distribution's kdump service asks for. Ours:
 * which service runs on which distribution, and the kexec arguments' last
 * syscall option; each service's own decision is modelled beside the
 * upstream script it follows: model/kdump-tools/kdump-config.c (Debian,
 * Ubuntu), model/kdump-utils/kdumpctl.c (RHEL, Fedora),
 * model/suse-kdump/load.c (SUSE), model/azurelinux/kdumpctl.c.
 */
#include <stdio.h>
#include <string.h>

#include "model/kdump_service.h"

enum distro_family distro_family_of(const char *id, const char *id_like)
{
	static const struct {
		const char *id;
		enum distro_family family;
	} ids[] = {
		{ "debian", DISTRO_DEBIAN }, { "ubuntu", DISTRO_DEBIAN },
		{ "rhel", DISTRO_RHEL }, { "fedora", DISTRO_RHEL }, { "centos", DISTRO_RHEL },
		{ "rocky", DISTRO_RHEL }, { "almalinux", DISTRO_RHEL }, { "ol", DISTRO_RHEL },
		{ "sles", DISTRO_SUSE }, { "suse", DISTRO_SUSE }, { "opensuse", DISTRO_SUSE },
		{ "opensuse-leap", DISTRO_SUSE }, { "opensuse-tumbleweed", DISTRO_SUSE },
		{ "azurelinux", DISTRO_AZURELINUX }, { "mariner", DISTRO_AZURELINUX },
	};
	const char *words[2] = { id, id_like };
	size_t w, i;

	for (w = 0; w < 2; w++) {
		const char *p = words[w];

		if (!p)
			continue;
		while (*p) {
			size_t len = strcspn(p, " ");

			for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
				if (strlen(ids[i].id) == len && !strncmp(ids[i].id, p, len))
					return ids[i].family;
			p += len + strspn(p + len, " ");
		}
	}
	return DISTRO_UNKNOWN;
}

/*
 * Each family's name, its kdump service's name and that service's systemd
 * unit (NULL: unknown): kdump-tools' debian/kdump-tools.service, kdumpctl's
 * kdump.service (kdump-utils), SUSE kdump's and Azure Linux's kdump.service.
 */
static const struct {
	const char *name, *service, *unit;
} families[] = {
	[DISTRO_UNKNOWN] = { "unknown", NULL, NULL },
	[DISTRO_DEBIAN] = { "Debian/Ubuntu (kdump-tools)", "kdump-tools", "kdump-tools" },
	[DISTRO_RHEL] = { "RHEL/Fedora (kdump-utils)", "kdumpctl", "kdump" },
	[DISTRO_SUSE] = { "SUSE (kdump)", "suse-kdump", "kdump" },
	[DISTRO_AZURELINUX] = { "Azure Linux (kdumpctl)", "azurelinux-kdumpctl", "kdump" },
};

const char *distro_family_name(enum distro_family d)
{
	return families[d].name;
}

const char *kdump_service_name(enum distro_family d)
{
	return families[d].service;
}

const char *kdump_service_unit(enum distro_family d)
{
	return families[d].unit;
}

/* The last syscall option in @args, as kexec's getopt would see it. */
static enum kexec_request last_flag(const char *args, const char **which)
{
	enum kexec_request r = KEXEC_REQ_DEFAULT;
	const char *p = args;

	while (p && *p) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, " \t");
		if ((len == 2 && !strncmp(p, "-c", 2)) || (len == 15 && !strncmp(p, "--kexec-syscall", 15))) {
			r = KEXEC_REQ_LOAD;
			*which = "-c";
		} else if ((len == 2 && !strncmp(p, "-s", 2)) ||
			   (len == 20 && !strncmp(p, "--kexec-file-syscall", 20))) {
			r = KEXEC_REQ_FILE;
			*which = "-s";
		} else if ((len == 2 && !strncmp(p, "-a", 2)) ||
			   (len == 20 && !strncmp(p, "--kexec-syscall-auto", 20))) {
			r = KEXEC_REQ_AUTO;
			*which = "-a";
		}
		p += len;
	}
	return r;
}

enum kexec_request kdump_service_syscall(enum distro_family d, const char *args,
					 bool secure_boot, enum hv_arch arch,
					 unsigned int service_version, char *why, size_t wlen)
{
	struct kexec_args_flag flag = { KEXEC_REQ_DEFAULT, NULL };

	flag.req = last_flag(args, &flag.which);
	(void)arch;
	switch (d) {
	case DISTRO_DEBIAN:
		return kdump_tools_kdump_load(&flag, secure_boot, why, wlen);
	case DISTRO_RHEL:
		return kdumpctl_load_kdump(&flag, secure_boot, why, wlen);
	case DISTRO_SUSE:
		return suse_kdump_load(&flag, service_version, why, wlen);
	case DISTRO_AZURELINUX:
		return azurelinux_load_kdump(why, wlen);
	case DISTRO_UNKNOWN:
		break;
	}
	if (flag.req != KEXEC_REQ_DEFAULT) {
		snprintf(why, wlen, "the kexec arguments have %s", flag.which);
		return flag.req;
	}
	snprintf(why, wlen, "an unknown kdump service: assumed to use the kexec binary's default");
	return KEXEC_REQ_DEFAULT;
}

void kdump_service_args(enum distro_family d, const char *args, bool secure_boot,
			unsigned int service_version, char *out, size_t olen, char *retry,
			size_t rlen)
{
	const char *a = args && *args ? args : NULL;

	retry[0] = '\0';
	switch (d) {
	case DISTRO_DEBIAN:
		snprintf(out, olen, "-p%s%s%s", secure_boot ? " -s" : "", a ? " " : "", a ? a : "");
		return;
	case DISTRO_RHEL:
		snprintf(out, olen, "-p%s%s%s", a ? " " : "", a ? a : "", secure_boot ? " -s" : "");
		return;
	case DISTRO_AZURELINUX:
		snprintf(out, olen, "-p%s%s -s", a ? " " : "", a ? a : "");
		return;
	case DISTRO_SUSE:
		suse_kdump_args(a, service_version, out, olen, retry, rlen);
		return;
	case DISTRO_UNKNOWN:
		break;
	}
	snprintf(out, olen, "-p%s%s", a ? " " : "", a ? a : "");
}
