// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD under the real kexec binary (tests/kexec-real): it answers the
 * two kexec system calls without loading anything, logs what kexec asked
 * for (flags, and for kexec_load the screen_info in the boot parameters it
 * built), plays /dev/fb0 (FBIOGET_FSCREENINFO, FBIOGET_VSCREENINFO) and
 * sends the files kexec reads to ours. Configured by the environment:
 *   SHIM_LOG                 the log file
 *   SHIM_FILE_ERRNO          kexec_file_load's errno (unset or 0: success)
 *   SHIM_LOAD_ERRNO          kexec_load's errno
 *   SHIM_FB0_ID              /dev/fb0's fix.id (unset: no /dev/fb0)
 *   SHIM_FB0_START/LEN       its smem_start and smem_len
 *   SHIM_FB0_IOCTL_FAILS     the ioctls fail
 *   SHIM_MAP                 "FROM=TO;FROM=TO": paths opened elsewhere
 */
#define _GNU_SOURCE
/* open() and open64() both defined here: no redirection of one to the other */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct kexec_segment_user {
	const void *buf;
	size_t bufsz;
	const void *mem;
	size_t memsz;
};

static int fb_fd = -1;

static void say(const char *fmt, ...)
{
	const char *path = getenv("SHIM_LOG");
	FILE *f = path ? fopen(path, "a") : NULL;
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static long answer(const char *var)
{
	const char *e = getenv(var);

	if (e && atoi(e)) {
		errno = atoi(e);
		return -1;
	}
	return 0;
}

/* The boot parameters kexec_load carries: the segment with the "HdrS" header. */
static void screen_info(const struct kexec_segment_user *s, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		const unsigned char *b = s[i].buf;
		uint32_t lfb, size, caps, ext;

		if (s[i].bufsz < 0x210 || memcmp(b + 0x202, "HdrS", 4))
			continue;
		memcpy(&lfb, b + 0x18, 4);
		memcpy(&size, b + 0x1c, 4);
		memcpy(&caps, b + 0x36, 4);
		memcpy(&ext, b + 0x3a, 4);
		say("screen_info isVGA=0x%x lfb_base=0x%x lfb_size=0x%x ext_lfb_base=0x%x caps=0x%x\n",
		    b[0x0f], lfb, size, ext, caps);
	}
}

long syscall(long nr, ...)
{
	long (*real)(long, ...) = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	long a[5];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 5; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == SYS_kexec_file_load) {
		say("kexec_file_load flags=0x%lx\n", a[4]);
		return answer("SHIM_FILE_ERRNO");
	}
	if (nr == SYS_kexec_load) {
		say("kexec_load flags=0x%lx\n", a[3]);
		screen_info((const void *)a[2], (unsigned long)a[1]);
		return answer("SHIM_LOAD_ERRNO");
	}
	return real(nr, a[0], a[1], a[2], a[3], a[4]);
}

/* SHIM_MAP's replacement for @path, or @path. */
static const char *mapped(const char *path, char *buf, size_t len)
{
	const char *q = getenv("SHIM_MAP");
	size_t n = strlen(path);

	while (q && *q) {
		const char *eq = strchr(q, '='), *end;

		if (!eq)
			break;
		end = strchr(eq, ';');
		if (!end)
			end = eq + strlen(eq);
		if ((size_t)(eq - q) == n && !strncmp(q, path, n)) {
			snprintf(buf, len, "%.*s", (int)(end - eq - 1), eq + 1);
			return buf;
		}
		q = *end ? end + 1 : end;
	}
	return path;
}

static int shim_open(const char *sym, const char *path, int flags, int mode)
{
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, sym);
	char buf[512];

	if (!strcmp(path, "/dev/fb0")) {
		if (!getenv("SHIM_FB0_ID")) {
			errno = ENOENT;
			return -1;
		}
		fb_fd = real("/dev/null", O_RDONLY);
		return fb_fd;
	}
	return real(mapped(path, buf, sizeof(buf)), flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = va_arg(ap, int);
	va_end(ap);
	return shim_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = va_arg(ap, int);
	va_end(ap);
	return shim_open("open64", path, flags, mode);
}

static FILE *shim_fopen(const char *sym, const char *path, const char *mode)
{
	FILE *(*real)(const char *, const char *) =
		(FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, sym);
	char buf[512];

	return real(mapped(path, buf, sizeof(buf)), mode);
}

FILE *fopen(const char *path, const char *mode)
{
	return shim_fopen("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	return shim_fopen("fopen64", path, mode);
}

int ioctl(int fd, unsigned long req, ...)
{
	int (*real)(int, unsigned long, ...) = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd < 0 || fd != fb_fd)
		return real(fd, req, arg);
	if (getenv("SHIM_FB0_IOCTL_FAILS")) {
		errno = EINVAL;
		return -1;
	}
	if (req == FBIOGET_FSCREENINFO) {
		struct fb_fix_screeninfo *f = arg;

		memset(f, 0, sizeof(*f));
		snprintf(f->id, sizeof(f->id), "%s", getenv("SHIM_FB0_ID"));
		f->smem_start = strtoull(getenv("SHIM_FB0_START") ? getenv("SHIM_FB0_START") : "0", NULL, 0);
		f->smem_len = (uint32_t)strtoul(getenv("SHIM_FB0_LEN") ? getenv("SHIM_FB0_LEN") : "0", NULL, 0);
		f->line_length = 4096;
		return 0;
	}
	if (req == FBIOGET_VSCREENINFO) {
		struct fb_var_screeninfo *v = arg;

		memset(v, 0, sizeof(*v));
		v->xres = 1024;
		v->yres = 768;
		v->bits_per_pixel = 32;
		return 0;
	}
	return real(fd, req, arg);
}
