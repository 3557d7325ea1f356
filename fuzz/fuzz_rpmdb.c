// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's database files: ndb's Packages.db (SUSE) and Berkeley DB's
 * Packages (RHEL 8), each reader on every input; a version found always
 * fits, a reason always ends. Each input is also a header image whose
 * changelog is read, and the databases are walked for a kernel's package:
 * a changelog read is as long as it says.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void one(int (*version)(const unsigned char *, size_t, const char *, char *, size_t,
			       char *, size_t),
		rpm_walk *walk, const unsigned char *data, size_t size)
{
	struct rpm_kernel k = { .release = "5.14.0-427.13.1.el9_4.x86_64" };
	char v[32], why[200];
	int rc = version(data, size, "kexec-tools", v, sizeof(v), why, sizeof(why));

	if (rc == 0 && !memchr(v, '\0', sizeof(v)))
		abort();
	if (rc != 0 && !memchr(why, '\0', sizeof(why)))
		abort();
	walk(data, size, rpm_kernel_header, &k, why, sizeof(why));
	if (k.text && strlen(k.text) != k.tlen)
		abort();
	free(k.text);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text, why[200] = "";
	size_t tlen;

	one(rpmndb_version, rpmndb_walk, data, size);
	one(rpmbdb_version, rpmbdb_walk, data, size);
	if (rpm_header_changelog(data, size, &text, &tlen, why, sizeof(why)) == 0 &&
	    strlen(text) != tlen)
		abort();
	if (!memchr(why, '\0', sizeof(why)))
		abort();
	free(text);
	return 0;
}
