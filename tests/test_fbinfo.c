// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fbinfo without a framebuffer: ioctl() is wrapped (-Wl,--wrap=ioctl) and
 * answers as a hyperv_drm, an efifb or a failing device would; /dev/null
 * stands in for the character device.
 */
#include <errno.h>
#include <linux/fb.h>
#include <stdio.h>

#include "testutil.h"
#include "src/fbinfo.h"

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);

static struct fb_fix_screeninfo fake_fix;
static struct fb_var_screeninfo fake_var;
static int fake_errno;		/* 0: answer; else fail with it */
static unsigned int calls;

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	(void)fd;
	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	calls++;
	if (fake_errno) {
		errno = fake_errno;
		return -1;
	}
	if (req == FBIOGET_FSCREENINFO)
		memcpy(arg, &fake_fix, sizeof(fake_fix));
	else if (req == FBIOGET_VSCREENINFO)
		memcpy(arg, &fake_var, sizeof(fake_var));
	else
		fail_msg("unexpected ioctl 0x%lx", req);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	memset(&fake_fix, 0, sizeof(fake_fix));
	memset(&fake_var, 0, sizeof(fake_var));
	memcpy(fake_fix.id, "hyperv_drmdrmfb", 15);
	fake_fix.smem_len = 8 << 20;
	fake_fix.visual = FB_VISUAL_TRUECOLOR;
	fake_fix.line_length = 4096;
	fake_var.xres = fake_var.xres_virtual = 1024;
	fake_var.yres = fake_var.yres_virtual = 768;
	fake_var.bits_per_pixel = 32;
	fake_var.red = (struct fb_bitfield){ 16, 8, 0 };
	fake_var.green = (struct fb_bitfield){ 8, 8, 0 };
	fake_var.blue = (struct fb_bitfield){ 0, 8, 0 };
	fake_errno = 0;
	calls = 0;
	return 0;
}

static void reads_both_screeninfos(void **state)
{
	struct fbdev_info info;
	struct hv_path pc;

	(void)state;
	hv_path_init(&pc, NULL);
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), 0);
	assert_int_equal(calls, 2);
	assert_string_equal(info.fix.id, "hyperv_drmdrmfb");
	assert_int_equal(info.fix.smem_start, 0);
	assert_int_equal(info.var.xres, 1024);
	assert_int_equal(info.var.red.offset, 16);
}

static void not_a_framebuffer(void **state)
{
	struct fbdev_info info;
	struct hv_path pc;

	(void)state;
	hv_path_init(&pc, NULL);
	fake_errno = ENOTTY;
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), -ENOTTY);
	fake_errno = EINVAL;
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), -ENOTTY);
	fake_errno = EIO;
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), -EIO);
	/* a regular file is no device: refused before any ioctl */
	calls = 0;
	assert_int_equal(fbdev_read(&pc, "/proc/self/status", &info), -ENOTTY);
	assert_int_equal(calls, 0);
	assert_int_equal(fbdev_read(&pc, "/dev/no-such-fb", &info), -ENOENT);
	assert_string_equal(fbinfo_strerror(-ENOTTY), "not a framebuffer device");
	assert_string_equal(fbinfo_strerror(-EACCES),
			    "permission denied (run as root, or as a member of the video group)");
	assert_string_equal(fbinfo_strerror(-ENOENT), "no such device");
}

static void never_under_a_sysroot(void **state)
{
	struct fbdev_info info;
	struct hv_path pc;

	(void)state;
	assert_int_equal(hv_path_init(&pc, "/"), 0);
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), -EOPNOTSUPP);
	assert_int_equal(calls, 0);
	hv_path_deinit(&pc);
}

static char *printed(bool json)
{
	struct fbdev_info info;
	struct hv_path pc;
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);

	hv_path_init(&pc, NULL);
	assert_int_equal(fbdev_read(&pc, "/dev/null", &info), 0);
	fbinfo_print(out, "/dev/fb0", &info, json);
	fclose(out);
	return text;
}

static void listing_has_every_field(void **state)
{
	static const char *const want[] = {
		"id             hyperv_drmdrmfb", "smem_start     0x0 (hidden", "smem_len       8388608",
		"visual         2 (FB_VISUAL_TRUECOLOR)", "line_length    4096",
		"resolution     1024x768", "virtual        1024x768", "bits_per_pixel 32",
		"red            offset 16, length 8", "timings        pixclock 0 ps",
		"sync 0, vmode 0, rotate 0, colorspace 0", "capabilities   0x0", "accel          0",
	};
	char *text;
	size_t i;

	(void)state;
	text = printed(false);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(text, want[i]))
			fail_msg("no \"%s\" in:\n%s", want[i], text);
	free(text);
	text = printed(true);
	assert_non_null(strstr(text, "\"id\": \"hyperv_drmdrmfb\""));
	assert_non_null(strstr(text, "\"smem_start\": \"0x0\""));
	assert_non_null(strstr(text, "\"green\": {"));
	assert_non_null(strstr(text, "\"colorspace\": 0"));
	free(text);
}

static void efifb_reports_its_address(void **state)
{
	char *text;

	(void)state;
	memset(fake_fix.id, 0, sizeof(fake_fix.id));
	memcpy(fake_fix.id, "EFI VGA", 7);
	fake_fix.smem_start = 0x40000000;
	text = printed(true);
	assert_non_null(strstr(text, "\"smem_start\": \"0x40000000\""));
	free(text);
	/* a 16-byte id with no NUL is still printed whole, and no further */
	memset(fake_fix.id, 'x', sizeof(fake_fix.id));
	text = printed(false);
	assert_non_null(strstr(text, "id             xxxxxxxxxxxxxxxx\n"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reads_both_screeninfos, setup),
		cmocka_unit_test_setup(not_a_framebuffer, setup),
		cmocka_unit_test_setup(never_under_a_sysroot, setup),
		cmocka_unit_test_setup(listing_has_every_field, setup),
		cmocka_unit_test_setup(efifb_reports_its_address, setup),
	};

	return cmocka_run_group_tests_name("fbinfo", tests, NULL, NULL);
}
