// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's database files: ndb's Packages.db (SUSE) and Berkeley DB's
 * Packages (RHEL 8), each reader on every input; a version found always
 * fits, a reason always ends.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void one(int (*version)(const unsigned char *, size_t, const char *, char *, size_t,
			       char *, size_t),
		const unsigned char *data, size_t size)
{
	char v[32], why[200];
	int rc = version(data, size, "kexec-tools", v, sizeof(v), why, sizeof(why));

	if (rc == 0 && !memchr(v, '\0', sizeof(v)))
		abort();
	if (rc != 0 && !memchr(why, '\0', sizeof(why)))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	one(rpmndb_version, data, size);
	one(rpmbdb_version, data, size);
	return 0;
}
