// SPDX-License-Identifier: GPL-2.0-or-later
/* SHA-256 against FIPS 180-4's examples and sha256sum, whole and in pieces. */
#include <string.h>

#include "testutil.h"
#include "util/sha256.h"

static const struct { const char *in, *hex; } vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	/* 56 bytes: the length no longer fits the first block */
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	/* 64 bytes: a whole block, then the padding block */
	{ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	  "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e" },
};

static void known_digests(void **state)
{
	char hex[SHA256_HEX_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].in, strlen(vectors[i].in), hex);
		assert_string_equal(hex, vectors[i].hex);
	}
}

static void in_pieces(void **state)
{
	const char *in = vectors[2].in;
	unsigned char d[32], whole[32];
	struct sha256 s;
	size_t cut, len = strlen(in);

	(void)state;
	sha256_init(&s);
	sha256_update(&s, in, len);
	sha256_final(&s, whole);
	for (cut = 0; cut <= len; cut++) {
		sha256_init(&s);
		sha256_update(&s, in, cut);
		sha256_update(&s, in + cut, len - cut);
		sha256_final(&s, d);
		assert_memory_equal(d, whole, sizeof(d));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_digests),
		cmocka_unit_test(in_pieces),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
