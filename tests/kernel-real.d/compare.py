#!/usr/bin/env python3
# Builds the boot of kernel-real.d/boot.c with the functions cut out of each
# Debian source tree, runs it on the scenarios below and compares each run
# with hvkdump simulate --json on the same scenario.
#   compare.py HVKDUMP HERE SRCROOT WORKDIR VERSION...
import json
import os
import re
import subprocess
import sys

hv, here, srcroot, work = sys.argv[1:5]
versions = sys.argv[5:]

CUTS = [
    ("kernel/resource.c", ["__request_resource", "__request_region_locked",
                           "__request_region", "__release_region"]),
    ("drivers/hv/vmbus_drv.c", ["vmbus_walk_resources", "vmbus_reserve_fb",
                                "vmbus_allocate_mmio", "vmbus_free_mmio"]),
    ("drivers/pci/controller/pci-hyperv.c", ["hv_allocate_config_window",
                                             "hv_free_config_window",
                                             "hv_pci_allocate_bridge_windows"]),
    ("drivers/video/fbdev/hyperv_fb.c", ["hvfb_get_phymem", "hvfb_getmem"]),
    ("drivers/gpu/drm/hyperv/hyperv_drm_drv.c", ["hyperv_setup_vram"]),
]
NO_SETUP_VRAM = ("static int hyperv_setup_vram(struct hyperv_drm_device *hv, "
                 "struct hv_device *hdev)\n{\n\t(void)hv, (void)hdev;\n\treturn -ENODEV;\n}\n")
NO_HYPERV_FB = ("static int hvfb_getmem(struct hv_device *h, struct fb_info *i)\n"
                "{\n\t(void)h, (void)i;\n\treturn -ENODEV;\n}\n")
WHAT = {"config window": "config", "64-bit BAR window": "bar64", "VRAM": "vram"}
HIGH = (0xfe0000000, 0xfffffffff)
# (name, low MMIO, lfb_base, VRAM MiB): Azure's default (3 GiB low MMIO
# space), Set-VM's smallest (128 MiB) and a 4K resolution's VRAM
# Gen1 (Hyper-V's default): BIOS text mode, no lfb_base, the legacy video
# BAR0 at the low range's start
LAYOUTS = [
    ("default", (0x40000000, 0xffffffff), 0x40000000, 8, None),
    ("low-128M", (0xf8000000, 0xffffffff), 0xf8000000, 8, None),
    ("vram-64M", (0x40000000, 0xffffffff), 0x40000000, 64, None),
    ("low-128M-vram-32M", (0xf8000000, 0xffffffff), 0xf8000000, 32, None),
    ("gen1", (0xf8000000, 0xfffbffff), 0, 8, (0xf8000000, 0xfbffffff)),
    ("gen1-vram-32M", (0xf8000000, 0xfffbffff), 0, 32, (0xf8000000, 0xfbffffff)),
    # hvfb_get_phymem()'s limits: 4 MiB is the buddy allocator's largest
    # order (Gen1 hyperv_fb's VRAM in RAM), 5 MiB is not
    ("gen1-vram-4M", (0xf8000000, 0xfffbffff), 0, 4, (0xf8000000, 0xfbffffff)),
    ("gen1-vram-5M", (0xf8000000, 0xfffbffff), 0, 5, (0xf8000000, 0xfbffffff)),
    ("vram-4M", (0x40000000, 0xffffffff), 0x40000000, 4, None),
    # efifb claims min(2 x the mode, lfb_size): 6 MiB of an 8 MiB lfb_size
    ("lfb-8M", (0x40000000, 0xffffffff), 0x40000000, 8, None),
]
LFB_SIZE = 0x300000
# screen_info.lfb_size where a layout has another (efifb's size_remap)
LFB_SIZES = {"lfb-8M": 0x800000}


def efifb_size(tree):
    """efifb_probe()'s lines from size_vmode to smem_len, in a function of the mode"""
    src = open(os.path.join(tree, "drivers/video/fbdev/efifb.c")).read()
    m = re.search(r"\n(\s*size_vmode = efifb_defined\.yres.*?efifb_fix\.smem_len = size_remap;)",
                  src, re.S)
    if not m:
        sys.exit(f"{tree}: efifb_probe() computes size_remap another way")
    return ("static unsigned int efifb_size_remap(unsigned int yres, unsigned int line_length)\n"
            "{\n\tstruct { unsigned int yres; } efifb_defined = { yres };\n"
            "\tstruct { unsigned int line_length, smem_len; } efifb_fix = { line_length, 0 };\n"
            "\t__typeof__(screen_info) *si = &screen_info;\n"
            "\tunsigned int size_vmode, size_total, size_remap;\n\n"
            "\t(void)si;\n" + m.group(1) + "\n\treturn size_remap;\n}\n")


def build(version):
    tree = os.path.join(srcroot, version)
    text = open(os.path.join(here, "boot.c")).read() + efifb_size(tree)
    for path, names in CUTS:
        full = os.path.join(tree, path)
        if not os.path.exists(full):
            if path.endswith("hyperv_fb.c"):
                text += NO_HYPERV_FB
                continue
            if path.endswith("hyperv_drm_drv.c"):
                text += NO_SETUP_VRAM
                continue
            sys.exit(f"{version}: no {path}")
        text += subprocess.run([sys.executable, os.path.join(here, "cut.py"), full] + names,
                               check=True, capture_output=True, text=True).stdout
    c = os.path.join(work, f"boot-{version}.c")
    exe = os.path.join(work, f"boot-{version}")
    open(c, "w").write(text)
    subprocess.run(["cc", "-std=gnu11", "-O1", "-w", "-I", here, "-o", exe, c], check=True)
    subprocess.run(["cc", "-std=gnu11", "-O1", "-w", "-I", here, "-DCONFIG_SYSFB=0", "-o",
                    exe + "-nosysfb", c], check=True)
    subprocess.run(["cc", "-std=gnu11", "-O1", "-w", "-I", here, f'-DBOOT_C="{c}"', "-o",
                    exe + "-wrap", os.path.join(here, "wrap.c")], check=True)
    # hyperv_drm: where its probe removes the firmware framebuffers before
    # hyperv_setup_vram() (since 6.8), the harness does that first ("D")
    drm = os.path.join(tree, "drivers/gpu/drm/hyperv/hyperv_drm_drv.c")
    probe = open(drm).read() if os.path.exists(drm) else ""
    m = re.search(r"\nstatic int hyperv_vmbus_probe\(.*?\n}\n", probe, re.S)
    d = "D" if m and re.search(r"aperture_remove\w*\(.*hyperv_setup_vram\(", m.group(0),
                               re.S) else "d"
    return exe, os.path.exists(os.path.join(tree, "drivers/video/fbdev/hyperv_fb.c")), d


def real(exe, low, lfb_base, lfb_size, vram, order, bar, host=None):
    argv = [exe, hex(low[0]), hex(low[1]), hex(HIGH[0]), hex(HIGH[1]),
            hex(lfb_base), hex(lfb_size), str(vram), order]
    if bar:
        argv += [hex(bar[0]), hex(bar[1])]
    env = dict(os.environ)
    env.pop("KR_HOST_VRAM", None)
    if host:
        env["KR_HOST_VRAM"] = host
    out = subprocess.run(argv, check=True, capture_output=True, text=True, env=env).stdout
    r = {"allocs": [], "iomem": [], "ram": None}
    for line in out.splitlines():
        w = line.split()
        if w[0] == "fb_range":
            r["fb_range"] = w[1]
        elif w[0] == "ram":
            r["ram"] = w[1]
        elif w[0] == "alloc":
            r["allocs"].append(" ".join(w[1:]))
        elif w[0] == "screen_info":
            r["si"] = tuple(int(x, 16) for x in w[1:])
        elif w[0] == "host_vram":
            r["host"] = " ".join(w[1:])
        elif w[0] == "iomem":
            r["iomem"].append(f"{w[1]} {w[2]}")
    return r


def span(s):
    return f"{s['start']}-{s['end']}" if s else "none"


def model_kernel(k):
    r = {"fb_range": span(k["fb_range"]), "allocs": [], "iomem": [], "ram": None}
    # VRAM in guest RAM (Gen1 hyperv_fb's hvfb_get_phymem()), as the device says
    if any(d["name"] == k.get("video_driver") and d["reason"] == "VRAM in guest RAM"
           for d in k.get("devices") or []):
        r["ram"] = k["video_driver"]
    for a in k["allocations"]:
        res = a["result"]
        r["allocs"].append(f"{a['driver']} {WHAT[a['what']]} " +
                           (span(res) if "start" in res else f"rc {res.get('rc', '?')}"))
    for line in (k.get("iomem") or "").splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        a, b = line.split(" : ")[0].strip().split("-")
        r["iomem"].append(f"{depth} 0x{int(a, 16):x}-0x{int(b, 16):x}")
    return r


def model(name, release, low, lfb_base, vram, order, fb, bar, sysfb):
    mods = {"p": "pci_hyperv", "f": "hyperv_fb", "d": "hyperv_drm", "D": "hyperv_drm"}
    drv = "hyperv_drm" if ("d" in order or "D" in order) else \
        "hyperv_fb" if fb else "efifb" if not bar else "none"
    po = list(dict.fromkeys(mods[c] for c in order))
    po += [m for m in ("pci_hyperv", "hyperv_fb", "hyperv_drm") if m not in po]
    argv = [hv, "simulate", "--json", "--trace", "--kernel", release,
            "--fb-driver", drv,
            "--kexec-args", "-p -s", "--probe-order", ",".join(po),
            "--low-mmio", f"{low[0]:#x}-{low[1]:#x}", "--high-mmio", f"{HIGH[0]:#x}-{HIGH[1]:#x}",
            "--pci-passthrough", str(order.count("p")), "--vram-mb", str(vram),
            "--sysfb", "yes" if sysfb else "no"]
    if bar:
        argv += ["--layout", "hyperv-gen1", "--video-bar", f"{bar[0]:#x}-{bar[1]:#x}"]
    else:
        argv += ["--fb-base", hex(lfb_base), "--fb-size", hex(LFB_SIZES.get(name, LFB_SIZE))]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)}: {p.stderr.strip()}")
    d = json.loads(p.stdout)
    h = d["handoff"]
    return (model_kernel(d["first_kernel"]), model_kernel(d["kdump_kernel"]),
            (int(h["orig_video_is_vga"], 16), int(h["lfb_base"], 16), int(h["lfb_size"], 16)))


def wrap(exe):
    """replay/wrap.hvr on the real functions and in the model"""
    got = subprocess.run([exe + "-wrap"], capture_output=True, text=True, timeout=60).stdout.split()
    real_r = (" ".join(got[0:2]), "spins" if "spins" in got else "returns")
    m = subprocess.run([hv, "replay", "-"], input=open(os.path.join(
        os.path.dirname(here), "fixtures", "replay", "wrap.hvr")).read(),
        capture_output=True, text=True).stdout
    vram = re.search(r"^vram = (0x[0-9a-f]+-0x[0-9a-f]+)", m, re.M)
    model_r = ("vram " + (vram.group(1) if vram else "none"),
               "spins" if "pci-cfg: never returns" in m else "returns")
    return real_r, model_r


def compare(v, release, exe, name, low, lfb_base, vram, order, fb, bar, sysfb):
    """one boot pair, real and modelled; 1 when they differ"""
    size = LFB_SIZES.get(name.split()[0], LFB_SIZE)
    first = real(exe, low, lfb_base, size if lfb_base else 0, vram, order, bar)
    si = first.pop("si")
    host = first.pop("host", None)
    # the kdump kernel: kexec_file_load hands the screen_info the first
    # kernel left; its initramfs loads pci-hyperv alone
    kdump = real(exe, low, si[1], si[2], vram, "p" * order.count("p"), bar, host)
    kdump.pop("si")
    kdump.pop("host", None)
    mf, mk, msi = model(name.split()[0], release, low, lfb_base, vram, order, fb, bar, sysfb)
    diffs = []
    for what, r, m in (("first kernel", first, mf), ("kdump kernel", kdump, mk)):
        for key in ("fb_range", "allocs", "iomem", "ram"):
            if r[key] != m[key]:
                diffs.append(f"{what} {key}: real {r[key]}, model {m[key]}")
    if si != msi:
        diffs.append(f"screen_info handed (isVGA, lfb_base, lfb_size): real "
                     f"{tuple(hex(x) for x in si)}, model {tuple(hex(x) for x in msi)}")
    tag = f"{v:22s} {name:26s} {order:3s}"
    if diffs:
        print(f"{tag} DIFFERENT")
        for d in diffs:
            print(f"    {d}")
        return 1
    got = [a for a in first['allocs'] if ' vram ' in a]
    what = got[0] if got else f"{first['ram']} VRAM in RAM" if first["ram"] \
        else "no VRAM allocated"
    print(f"{tag} same: {what}, handed lfb_base {si[1]:#x}")
    return 0


def main():
    bad = runs = 0
    for v in versions:
        exe, fb, d = build(v)
        release = re.match(r"[0-9]+\.[0-9]+\.[0-9]+", v).group(0)
        # CONFIG_SYSFB both ways on Gen2 (a07b50d80ab6 gates vmbus_reserve_fb()
        # on it from 6.7; without it no efifb either)
        cases = [(lay, True) for lay in LAYOUTS] + [(lay, False) for lay in LAYOUTS if not lay[4]]
        for (name, low, lfb_base, vram, bar), sysfb in cases:
            run = exe if sysfb else exe + "-nosysfb"
            name = name if sysfb else name + " nosysfb"
            for order in (("pf", "fp", "ppf") if fb else ("p", "pp")) + ("p" + d, d + "p"):
                bad += compare(v, release, run, name, low, lfb_base, vram, order, fb, bar, sysfb)
                runs += 1
        real_r, model_r = wrap(exe)
        runs += 1
        if real_r != model_r:
            bad += 1
            print(f"{v:22s} wrap.hvr           DIFFERENT: real {real_r}, model {model_r}")
        else:
            print(f"{v:22s} wrap.hvr           same: {real_r[0]}, pci-cfg {real_r[1]}")
    print(f"{runs - bad} of {runs} runs as the model says ({len(versions)} kernel lines)")
    sys.exit(1 if bad else 0)


main()
