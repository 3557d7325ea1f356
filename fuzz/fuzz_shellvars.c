// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Shell assignments: /etc/default/kdump-tools, /etc/sysconfig/kdump,
 * /etc/os-release; and fix's edit of them, which must read back right.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/verdict/config_edit.h"
#include "lib/formats/parsers.h"
#include "model/kdump_service.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct shellvars sv;
	struct hv_err err;
	char *out;
	size_t len;
	const char *v;

	if (shellvars_parse((const char *)data, size, &sv, &err))
		return 0;
	v = shellvars_get(&sv, "KDUMP_KEXEC_ARGS");
	if (v)
		(void)strlen(v);
	distro_family_of(shellvars_get(&sv, "ID"), shellvars_get(&sv, "ID_LIKE"));
	shellvars_free(&sv);
	if (kexec_args_use_file_load((const char *)data, size, "KDUMP_KEXEC_ARGS", &out, &len,
				     &err) == 1) {
		/* the edit always reads back as kexec_file_load, nothing else */
		if (shellvars_parse(out, len, &sv, &err))
			abort();
		v = shellvars_get(&sv, "KDUMP_KEXEC_ARGS");
		if (!v || !strstr(v, "-s"))
			abort();
		shellvars_free(&sv);
		free(out);
	}
	return 0;
}
