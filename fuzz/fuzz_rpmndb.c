// SPDX-License-Identifier: GPL-2.0-or-later
/* rpm's ndb Packages.db (SUSE); a version found always fits and ends */
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char v[32], why[200];
	int rc;

	rc = rpmndb_version(data, size, "kdump", v, sizeof(v), why, sizeof(why));
	if (rc == 0 && strlen(v) >= sizeof(v))
		abort();
	if (rc != 0 && !memchr(why, '\0', sizeof(why)))
		abort();
	return 0;
}
