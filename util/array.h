/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growable arrays: the one place that doubles an array's room. */
#ifndef HVKDUMP_ARRAY_H
#define HVKDUMP_ARRAY_H

#include <stddef.h>

/*
 * Makes room in @arr, which holds @n elements of @size bytes and has room
 * for *@cap, for one more: when it is full, the room doubles (from @first).
 * Returns the array to use, or NULL when there is no memory or the size
 * would overflow; then @arr and *@cap are left as they were, and @arr is
 * still the caller's to free.
 */
void *hv_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

#endif
