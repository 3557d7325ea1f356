/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The distributions' kdump services: which kexec system call each asks
 * for. The dispatcher is model/kdump_service.c; each service's decision
 * sits under the path of the script it follows.
 */
#ifndef HVKDUMP_KDUMP_SERVICE_H
#define HVKDUMP_KDUMP_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/scenario.h"

enum distro_family {
	DISTRO_UNKNOWN, DISTRO_DEBIAN, DISTRO_RHEL, DISTRO_SUSE, DISTRO_AZURELINUX,
};
/* os-release ID and ID_LIKE -> the kdump service that distribution ships */
enum distro_family distro_family_of(const char *id, const char *id_like);
const char *distro_family_name(enum distro_family d);
/* The kdump service on @d ("kdump-tools", "kdumpctl"), as check names it; NULL: unknown */
const char *kdump_service_name(enum distro_family d);
/* Its systemd unit, as systemctl takes it ("kdump-tools": kdump-tools.service); NULL: unknown */
const char *kdump_service_unit(enum distro_family d);
/*
 * kdump-config kdump_load() (Debian, Ubuntu), kdumpctl (RHEL, Fedora), SUSE
 * kdump, Azure Linux kdumpctl. @args: KDUMP_KEXEC_ARGS or KEXEC_ARGS (NULL:
 * unset). Fills @why with the rule that decided.
 */
enum kexec_request kdump_service_syscall(enum distro_family d, const char *args,
					 bool secure_boot, enum hv_arch arch,
					 unsigned int service_version, char *why, size_t wlen);

/*
 * The kexec arguments the service builds, as far as the model reads them:
 * kdump-config puts -s for Secure Boot before KDUMP_KEXEC_ARGS; kdumpctl
 * appends -s last under Secure Boot; Azure Linux's kdumpctl always appends
 * -s; SUSE's kdump appends -a (1.9.6 and later), or -s with a second run
 * without it (0.9.0 to 1.9.5), or nothing (before). @retry: the arguments of
 * that second run, "" when there is none. @service_version: the service
 * package's (SUSE kdump: suse_kdump_version()), 0 unknown (the current one
 * assumed).
 */
void kdump_service_args(enum distro_family d, const char *args, bool secure_boot,
			unsigned int service_version, char *out, size_t olen, char *retry,
			size_t rlen);

/* The last syscall option in the configured kexec arguments. */
struct kexec_args_flag {
	enum kexec_request req;	/* KEXEC_REQ_DEFAULT: none given */
	const char *which;	/* "-c", "-s" or "-a" */
};
enum kexec_request kdump_tools_kdump_load(const struct kexec_args_flag *flag, bool secure_boot,
					  char *why, size_t wlen);
enum kexec_request kdumpctl_load_kdump(const struct kexec_args_flag *flag, bool secure_boot,
				       char *why, size_t wlen);
/* SUSE kdump's "1.9.5" or "1.9.5-150500.3.5.1": 10905; 0 for anything else */
unsigned int suse_kdump_version(const char *s);
enum kexec_request suse_kdump_load(const struct kexec_args_flag *flag, unsigned int version,
				   char *why, size_t wlen);
void suse_kdump_args(const char *options, unsigned int version, char *out, size_t olen,
		     char *retry, size_t rlen);
enum kexec_request azurelinux_load_kdump(char *why, size_t wlen);

#endif
