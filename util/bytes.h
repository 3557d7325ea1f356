/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixed-size numbers in a byte buffer, in the byte order a format gives them. */
#ifndef HVKDUMP_BYTES_H
#define HVKDUMP_BYTES_H

#include <stdint.h>

static inline uint16_t get_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#endif
