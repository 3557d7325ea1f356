// SPDX-License-Identifier: GPL-2.0-or-later
/* drivers/hv/vmbus_drv.c rules: ranges, fb reservation, allocation, free. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "testutil.h"
#include "ref_alloc.h"
#include "model/linux/drivers/hv/vmbus.h"

struct fixture {
	struct resource *iomem;
	struct vmbus_mmio vm;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->iomem = iomem_root_new();
	vmbus_init(&f->vm, f->iomem);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	vmbus_release(&f->vm);
	res_free(f->iomem);
	free(f);
	return 0;
}

/* The range list as "start-end" pairs, comma separated. */
static void assert_ranges(const struct vmbus_mmio *vm, const char *want)
{
	char buf[512] = "";
	size_t len = 0;
	const struct resource *r;

	for (r = vm->hyperv_mmio; r; r = r->sibling)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%" PRIx64 "-%" PRIx64,
					len ? "," : "", r->start, r->end);
	assert_string_equal(buf, want);
}

static void ranges_ascend_low_first(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0xfe0000000ULL, 0xfffffffffULL);
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed3ffff);
	vmbus_walk_resources(&f->vm, 0x2000000000ULL, 0x2fffffffffULL);
	assert_ranges(&f->vm, "f8000000-fed3ffff,fe0000000-fffffffff,2000000000-2fffffffff");
}

static void adjacent_ranges_merge_both_ways(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x20000000, 0x2fffffff);
	vmbus_walk_resources(&f->vm, 0x30000000, 0x3fffffff);	/* after */
	vmbus_walk_resources(&f->vm, 0x10000000, 0x1fffffff);	/* before */
	assert_ranges(&f->vm, "10000000-3fffffff");
}

static void merge_does_not_cascade(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x10000000, 0x1fffffff);
	vmbus_walk_resources(&f->vm, 0x30000000, 0x3fffffff);
	/* touches both: merges with the first it meets, leaves the gap node */
	vmbus_walk_resources(&f->vm, 0x20000000, 0x2fffffff);
	assert_ranges(&f->vm, "10000000-2fffffff,30000000-3fffffff");
}

static void overlapping_ranges_do_not_merge(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x10000000, 0x2fffffff);
	vmbus_walk_resources(&f->vm, 0x20000000, 0x3fffffff);
	vmbus_walk_resources(&f->vm, 0x08000000, 0x17ffffff);
	assert_ranges(&f->vm, "10000000-2fffffff,8000000-17ffffff,20000000-3fffffff");
}

static void ranges_below_1m_dropped(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0xa0000, 0xfffff);
	vmbus_walk_resources(&f->vm, 0xa0000, 0x100000);	/* ends at 1 MiB: kept */
	assert_ranges(&f->vm, "a0000-100000");
}

static void vtpm_truncation_fixed_and_off_by_one(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0xf8000000, 0xffffffff);
	assert_ranges(&f->vm, "f8000000-fed3ffff");
	vmbus_release(&f->vm);
	/* 016a25e4b0df's ">=": a range that ends at the vTPM base is cut too */
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed40000);
	assert_ranges(&f->vm, "f8000000-fed3ffff");
	vmbus_release(&f->vm);
	f->vm.vtpm_fix = false;
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xffffffff);
	assert_ranges(&f->vm, "f8000000-fed40000");
	vmbus_release(&f->vm);
	/* ending at the vTPM base, or starting at it: left alone */
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed40000);
	vmbus_walk_resources(&f->vm, 0xfed40000, 0xfedfffff);
	assert_ranges(&f->vm, "f8000000-fed40000,fed40000-fedfffff");
}

static void dt_ranges_keep_their_order(void **state)
{
	struct fixture *f = *state;

	vmbus_add_dt_range(&f->vm, 0xfe0000000ULL, 0xfffffffffULL);
	vmbus_add_dt_range(&f->vm, 0xe0000000, 0xffffffff);
	vmbus_add_dt_range(&f->vm, 0x100000000ULL, 0x1ffffffffULL);
	assert_ranges(&f->vm, "fe0000000-fffffffff,e0000000-ffffffff,100000000-1ffffffff");
}

static void reserve_fb_first_try(void **state)
{
	struct fixture *f = *state;
	struct resource *fb;

	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	fb = vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	assert_non_null(fb);
	assert_int_equal(fb->start, 0x40000000);
	assert_int_equal(fb->end, 0x407fffff);
	assert_ptr_equal(fb->parent, f->vm.hyperv_mmio);
	/* private to the driver: not in the global tree */
	assert_tree(f->iomem, "");
}

static void reserve_fb_halves_until_it_fits(void **state)
{
	struct fixture *f = *state;
	struct resource *fb;

	vmbus_walk_resources(&f->vm, 0x40000000, 0x412fffff);	/* 19 MiB */
	fb = vmbus_reserve_fb_range(&f->vm, 0x40000000, 64 * SZ_1M);
	assert_non_null(fb);
	assert_int_equal(fb->end, 0x40ffffff);	/* 64, 32 fail; 16 fits */
}

static void reserve_fb_gives_up_below_1m(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x40000000, 0x400fffff);
	/* 1 MiB at an address 4 KiB in: 1 MiB fails, 512 KiB is not tried */
	assert_null(vmbus_reserve_fb_range(&f->vm, 0x40001000, SZ_1M));
	/* outside the first range: never inside it, whatever the size */
	assert_null(vmbus_reserve_fb_range(&f->vm, 0x80000000, 64 * SZ_1M));
	/* base 0: nothing */
	assert_null(vmbus_reserve_fb_range(&f->vm, 0, SZ_8M));
}

static void reserve_fb_only_in_the_first_range(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x40000000, 0x7fffffff);
	vmbus_walk_resources(&f->vm, 0xfe0000000ULL, 0xfffffffffULL);
	assert_null(vmbus_reserve_fb_range(&f->vm, 0xfe0000000ULL, SZ_8M));
}

static void reserve_fb_gen2_and_gen1(void **state)
{
	struct fixture *f = *state;
	struct vmbus_fb_info gen2 = {
		.efi_boot = true, .sysfb = true, .sysfb_gate = true,
		.lfb_base = 0x40000000, .lfb_size = 3 * SZ_1M,
	};
	struct vmbus_fb_info gen1 = {
		.video_bar = true, .bar_start = 0xf8000000, .bar_len = 64 * SZ_1M,
	};
	struct vmbus_fb_out out;
	struct resource *fb;

	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	fb = vmbus_reserve_fb(&f->vm, &gen2, &out);
	assert_non_null(fb);
	assert_int_equal(out.size, SZ_8M);	/* max(lfb_size, 8 MiB) */
	assert_int_equal(fb->end, 0x407fffff);
	assert_false(out.logged);
	vmbus_release(&f->vm);

	gen2.sysfb = false;	/* no CONFIG_SYSFB, since a07b50d80ab6: no base */
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &gen2, &out));
	assert_int_equal(out.start, 0);
	vmbus_release(&f->vm);

	gen2.sysfb_gate = false;	/* before a07b50d80ab6 CONFIG_SYSFB is not tested */
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_non_null(vmbus_reserve_fb(&f->vm, &gen2, &out));
	assert_int_equal(out.start, 0x40000000);
	vmbus_release(&f->vm);

	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed3ffff);
	fb = vmbus_reserve_fb(&f->vm, &gen1, NULL);
	assert_non_null(fb);
	assert_int_equal(fb->start, 0xf8000000);
	assert_int_equal(fb->end, 0xfbffffff);
	vmbus_release(&f->vm);

	gen1.video_bar = false;	/* no 1414:5353: no reservation */
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &gen1, NULL));
	vmbus_release(&f->vm);

	/* before 2a8a8afba0c3 (5.15.y): Gen1 from screen_info, at least 64 MiB */
	gen1.gen1_screen_info = true;
	gen1.lfb_base = 0xf8000000;
	gen1.lfb_size = 3 * SZ_1M;
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed3ffff);
	fb = vmbus_reserve_fb(&f->vm, &gen1, &out);
	assert_non_null(fb);
	assert_int_equal(out.size, 64 * SZ_1M);
	assert_int_equal(fb->end, 0xfbffffff);
	vmbus_release(&f->vm);
	gen1.lfb_base = 0;	/* text mode: nothing, even with the BAR there */
	gen1.video_bar = true;
	vmbus_walk_resources(&f->vm, 0xf8000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &gen1, &out));
}

static void reserve_fb_improved_uses_low_base(void **state)
{
	struct fixture *f = *state;
	struct vmbus_fb_info kdump = {
		.efi_boot = true, .sysfb = true, .sysfb_gate = true, .improved = true,
	};
	struct resource *fb;
	struct vmbus_fb_out out;

	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	fb = vmbus_reserve_fb(&f->vm, &kdump, &out);
	assert_non_null(fb);
	assert_int_equal(out.start, 0x40000000);
	assert_int_equal(out.size, SZ_128M);	/* min((4G - base)/2, 128M) */
	assert_int_equal(fb->end, 0x47ffffff);
	assert_true(out.logged);
	assert_false(out.warn_low || out.warn_zero);
	vmbus_release(&f->vm);

	/* a low base near 4 GiB: half of what is left */
	vmbus_walk_resources(&f->vm, 0xfc000000, 0xfed3ffff);
	vmbus_reserve_fb(&f->vm, &kdump, &out);
	assert_int_equal(out.size, 0x2000000);
	vmbus_release(&f->vm);

	/* lfb_base below the low base: "Unexpected low mmio base", the classic size */
	kdump.lfb_base = 0x30000000;
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &kdump, &out));
	assert_true(out.warn_low);
	assert_int_equal(out.low_base, 0x40000000);
	assert_int_equal(out.size, SZ_8M);
	vmbus_release(&f->vm);
	/* a low range above 4 GiB only: the warning, then nothing to reserve */
	kdump.lfb_base = 0;
	vmbus_walk_resources(&f->vm, 0xfe0000000ULL, 0xfffffffffULL);
	assert_null(vmbus_reserve_fb(&f->vm, &kdump, &out));
	assert_true(out.warn_low);
	assert_true(out.warn_zero);
	assert_false(out.logged);
	vmbus_release(&f->vm);

	/* mainline keeps it all inside IS_ENABLED(CONFIG_SYSFB) */
	kdump.sysfb = false;
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &kdump, &out));
	assert_true(out.warn_zero);
	vmbus_release(&f->vm);
	/* the 5.10.y-6.6.y backports have no SYSFB test */
	kdump.sysfb_gate = false;
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_non_null(vmbus_reserve_fb(&f->vm, &kdump, &out));
	assert_int_equal(out.size, SZ_128M);
	vmbus_release(&f->vm);

	/* classic form: no base, no reservation */
	kdump.improved = false;
	vmbus_walk_resources(&f->vm, 0x40000000, 0xfed3ffff);
	assert_null(vmbus_reserve_fb(&f->vm, &kdump, NULL));
}

static void gen2_layout(struct fixture *f)
{
	vmbus_walk_resources(&f->vm, 0xfe0000000ULL, 0xfffffffffULL);
	vmbus_walk_resources(&f->vm, 0x40000000, 0xffffffff);
}

static uint64_t alloc(struct fixture *f, uint64_t min, uint64_t max,
		      uint64_t size, uint64_t align, bool ok, int want_rc)
{
	struct resource *new = NULL;
	int rc = vmbus_allocate_mmio(&f->vm, &new, "dev", min, max, size, align, ok);

	assert_int_equal(rc, want_rc);
	return rc ? 0 : new->start;
}

static void config_window_first_fit(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40000000);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40002000);
	assert_tree(f->iomem, "40000000-40001fff : dev\n40002000-40003fff : dev\n");
	/* the shadows sit in the range node */
	assert_non_null(f->vm.hyperv_mmio->child);
	assert_int_equal(f->vm.hyperv_mmio->child->end, 0x40001fff);
}

static void config_window_skips_fb_range(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40800000);
}

static void no_fb_range_config_lands_on_vram(void **state)
{
	struct fixture *f = *state;

	/* the kdump kernel that was not told lfb_base */
	gen2_layout(f);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40000000);
}

static void fb_skip_checks_only_start_and_end(void **state)
{
	struct fixture *f = *state;

	/* the head ends right after fb_range, a second range overlaps it */
	vmbus_walk_resources(&f->vm, 0x40000000, 0x402fffff);
	vmbus_walk_resources(&f->vm, 0x40000000, 0x40ffffff);
	assert_non_null(vmbus_reserve_fb_range(&f->vm, 0x40100000, SZ_1M));
	/*
	 * 2 MiB at align 1: 0x40000000 ends inside fb_range (skipped); in the
	 * head every later fit straddles fb_range's shadow or runs out; in the
	 * second range 0x40000001, which straddles fb_range, is taken.
	 */
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x200000, 1, false, 0), 0x40000001);
}

static void vram_in_fb_range_without_shadow(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	assert_int_equal(alloc(f, 0, UINT64_MAX, SZ_8M, SZ_1M, true, 0), 0x40000000);
	assert_null(f->vm.fb_mmio->child);	/* no shadow in pass 1 */
	assert_int_equal(f->vm.hyperv_mmio->child->sibling == NULL, 1);
}

static void vram_too_big_for_fb_range_moves(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0);	/* 0x40800000 */
	/* 32 MiB does not fit fb_range: pass 2, past fb_range and the window */
	assert_int_equal(alloc(f, 0, UINT64_MAX, 32 * SZ_1M, SZ_1M, true, 0), 0x40900000);
}

static void fb_pass_needs_min_max_to_touch_fb(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	/* [min, max] above fb_range: pass 1 is not tried, the head still is */
	assert_int_equal(alloc(f, 0x50000000, UINT64_MAX, SZ_8M, SZ_1M, true, 0), 0x40800000);
}

static void min_max_filter_whole_ranges_only(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	/* min 2 GiB: the low range ends above it, so it is kept, and the
	 * candidate is NOT clamped to min: it lands at 0x40000000 */
	assert_int_equal(alloc(f, 0x80000000, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40000000);
	/* min 4 GiB: the low range ends below it and is dropped whole */
	assert_int_equal(alloc(f, SZ_4G, UINT64_MAX, 0x2000, 0x1000, false, 0), 0xfe0000000ULL);
	/* min at the low range's end: "iter->end <= min" drops it */
	assert_int_equal(alloc(f, 0xffffffff, UINT64_MAX, 0x2000, 0x1000, false, 0),
			 0xfe0002000ULL);
	/* max at the low range's start: "iter->start >= max" drops it, and
	 * the high one too: nothing left */
	alloc(f, 0, 0x40000000, 0x2000, 0x1000, false, -ENXIO);
	/* max just above the high range's start keeps the high one only */
	assert_int_equal(alloc(f, 0xffffffff, 0xfe0000001ULL, 0x2000, 0x1000, false, 0),
			 0xfe0004000ULL);
	/* a 32-bit window: max 0xffffffff keeps only the low range */
	assert_int_equal(alloc(f, 0, 0xffffffff, 0x2000, 0x1000, false, 0), 0x40002000);
}

static void enxio_when_nothing_fits(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x40000000, 0x40ffffff);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 32 * SZ_1M, SZ_1M, false, -ENXIO), 0);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0, SZ_1M, false, -ENXIO), 0);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x1000, 3, false, -EINVAL), 0);
	/* no ranges at all */
	vmbus_release(&f->vm);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x1000, 0x1000, false, -ENXIO), 0);
}

static void global_tree_conflicts_are_skipped(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	/* something busy in the global tree at the range base */
	res_request_region(f->iomem, 0x40000000, 0x3000, "efifb", 0, NULL);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40003000);
	/* a non-busy window: the allocation nests inside it */
	res_request_nested(f->iomem, 0x40100000, 0x100000, "PCI Bus", IORESOURCE_MEM, NULL);
	res_request_region(f->iomem, 0x40005000, 0xfb000, "busy", 0, NULL);
	assert_int_equal(alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0), 0x40100000);
	assert_tree(f->iomem, "40000000-40002fff : efifb\n"
			      "40003000-40004fff : dev\n"
			      "40005000-400fffff : busy\n"
			      "40100000-401fffff : PCI Bus\n"
			      "  40100000-40101fff : dev\n");
}

static void free_releases_shadow_and_region(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0);
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x40000000, 0x2000), 0);
	assert_tree(f->iomem, "");
	assert_null(f->vm.hyperv_mmio->child);
	/* again: the shadow and the region are both gone, two warnings */
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x40000000, 0x2000), 2);
	/* not exactly what was allocated: warnings, nothing freed */
	alloc(f, 0, UINT64_MAX, 0x2000, 0x1000, false, 0);
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x40000000, 0x1000), 2);
	assert_tree(f->iomem, "40000000-40001fff : dev\n");
}

static void free_inside_fb_range_skips_shadow(void **state)
{
	struct fixture *f = *state;

	gen2_layout(f);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	alloc(f, 0, UINT64_MAX, SZ_8M, SZ_1M, true, 0);
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x40000000, SZ_8M), 0);
	/* fb_range itself stays */
	assert_non_null(f->vm.fb_mmio);
	assert_ptr_equal(f->vm.hyperv_mmio->child, f->vm.fb_mmio);
}

static void free_warns_per_overlapping_range(void **state)
{
	struct fixture *f = *state;

	vmbus_walk_resources(&f->vm, 0x40000000, 0x4fffffff);
	vmbus_walk_resources(&f->vm, 0x48000000, 0x5fffffff);	/* overlaps, kept apart */
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x48000000, 0x1000), 3);
	/* a range ending exactly at start is skipped ("iter->end <= start") */
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x4fffffff, 1), 2);
	assert_int_equal(vmbus_free_mmio(&f->vm, 0x5fffffff, 1), 1);
}

static void fast_equals_reference_on_a_crowded_range(void **state)
{
	struct fixture *f = *state;
	struct resource *ref_iomem = iomem_root_new();
	struct vmbus_mmio ref;
	int i;

	vmbus_init(&ref, ref_iomem);
	vmbus_walk_resources(&f->vm, 0x40000000, 0x4fffffff);
	vmbus_walk_resources(&ref, 0x40000000, 0x4fffffff);
	vmbus_reserve_fb_range(&f->vm, 0x40000000, SZ_8M);
	vmbus_reserve_fb_range(&ref, 0x40000000, SZ_8M);
	for (i = 0; i < 300; i++) {
		uint64_t size = 0x1000 * (uint64_t)(1 + (i * 7919) % 97);
		uint64_t align = 0x1000ULL << (i % 5);
		struct resource *a, *b;
		int ra = vmbus_allocate_mmio(&f->vm, &a, "x", 0, UINT64_MAX, size, align, i % 3 == 0);
		int rb = ref_allocate_mmio(&ref, &b, "x", 0, UINT64_MAX, size, align, i % 3 == 0);

		assert_int_equal(ra, rb);
		if (!ra)
			assert_int_equal(a->start, b->start);
		if (i % 4 == 3 && !ra) {
			assert_int_equal(vmbus_free_mmio(&f->vm, a->start, size),
					 vmbus_free_mmio(&ref, b->start, size));
		}
	}
	vmbus_release(&ref);
	res_free(ref_iomem);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(ranges_ascend_low_first),
		T(adjacent_ranges_merge_both_ways),
		T(merge_does_not_cascade),
		T(overlapping_ranges_do_not_merge),
		T(ranges_below_1m_dropped),
		T(vtpm_truncation_fixed_and_off_by_one),
		T(dt_ranges_keep_their_order),
		T(reserve_fb_first_try),
		T(reserve_fb_halves_until_it_fits),
		T(reserve_fb_gives_up_below_1m),
		T(reserve_fb_only_in_the_first_range),
		T(reserve_fb_gen2_and_gen1),
		T(reserve_fb_improved_uses_low_base),
		T(config_window_first_fit),
		T(config_window_skips_fb_range),
		T(no_fb_range_config_lands_on_vram),
		T(fb_skip_checks_only_start_and_end),
		T(vram_in_fb_range_without_shadow),
		T(vram_too_big_for_fb_range_moves),
		T(fb_pass_needs_min_max_to_touch_fb),
		T(min_max_filter_whole_ranges_only),
		T(enxio_when_nothing_fits),
		T(global_tree_conflicts_are_skipped),
		T(free_releases_shadow_and_region),
		T(free_inside_fb_range_skips_shadow),
		T(free_warns_per_overlapping_range),
		T(fast_equals_reference_on_a_crowded_range),
	};

	return cmocka_run_group_tests_name("vmbus", tests, NULL, NULL);
}
