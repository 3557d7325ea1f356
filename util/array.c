// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>

#include "array.h"

void *hv_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap;
	void *na;

	if (n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : first;
	if (ncap <= *cap || !size || ncap > SIZE_MAX / size)
		return NULL;
	na = realloc(arr, ncap * size);
	if (na)
		*cap = ncap;
	return na;
}
