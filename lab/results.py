#!/usr/bin/env python3
"""The lab's results (doc/lab.md): reads each run's serial log, where the
first kernel's /init (lab/first-init) and the kdump initramfs's report
(lab/kdump-report) wrote lines starting with "hvkdump-lab: ", asks
hvkdump simulate for its prediction from the same inputs, writes
OUTDIR/results.json and prints a table. Exit 1 when a run failed or a
prediction differs from its measurement."""
import argparse
import json
import os
import re
import subprocess
import sys

FIELDS = ("orig_video_is_vga", "lfb_base", "ext_lfb_base", "lfb_size")


def screen_info(hexbytes):
    """The fields kexec hands over, from the first 64 bytes of boot_params:
    the line's leading byte pairs, so that a kernel message the console
    wrote after them is not read as bytes."""
    b = bytearray()
    for x in hexbytes.split()[:64]:
        if not re.fullmatch(r"[0-9a-f]{2}", x):
            break           # od folded repeated lines ("*"), or the line was cut
        b.append(int(x, 16))
    if len(b) < 64:
        return None
    le32 = lambda o: int.from_bytes(b[o:o + 4], "little")
    return {"orig_video_is_vga": hex(b[0x0f]), "lfb_base": hex(le32(0x18)),
            "ext_lfb_base": hex(le32(0x3a)), "lfb_size": hex(le32(0x1c)),
            "capabilities": hex(le32(0x36))}


def json_at_start(text):
    """The JSON value a line starts with. The console may have written a
    kernel message right after it, on the same line (a printk between the
    shell's write and its newline): that tail is not part of the value.
    Raises ValueError when the line does not start with one."""
    return json.JSONDecoder().raw_decode(text.lstrip())[0]


def parse_log(path):
    """The lab's lines of one serial log, by key."""
    got = {"kernels": 0}
    pat = re.compile(r"hvkdump-lab: (.*)$")
    with open(path, errors="replace") as f:
        for line in f:
            m = pat.search(line.rstrip("\n"))
            if not m:
                if "Linux version" in line:
                    got["kernels"] += 1
                if "sysrq: Trigger a crash" in line:
                    got["crash"] = True
                if line.startswith("lab: QEMU stopped after"):
                    got["stopped"] = line.strip()[len("lab: "):]
                continue
            text = m.group(1)
            key, _, value = text.partition(": ")
            got.setdefault(key, value.strip())
    return got


def efifb_at(log):
    """arm64: the framebuffer the kdump kernel's efifb found, from its probe
    line ("efifb: framebuffer at 0x..."), or "none"."""
    m = re.search(r"efifb: framebuffer at (0x[0-9a-f]+)", log or "")
    return {"framebuffer": f"at {m.group(1)}" if m else "none"}


def predict(hv, run, boot, fb, arch):
    """hvkdump simulate from what the first kernel showed and the run's command:
    (the handoff's fields as measured for @arch, the arguments, the model's
    reason), or (None, the arguments, simulate's error)."""
    args = ["simulate", "--json", "--gen", "2", "--arch", arch,
            "--kexec-args", ("-p " + run["kexec_args"]).strip(),
            "--kexec-tools", run["kexec_tools"]]
    if arch == "arm64":
        args += ["--kexec-file", "no"]
        if fb:
            args += ["--fb-base", fb["smem_start"], "--fb-size", fb["smem_len"],
                     "--fb-driver", "efifb"]
    else:
        base = int(boot["lfb_base"], 16)
        if int(boot["capabilities"], 16) & 2:
            base |= int(boot["ext_lfb_base"], 16) << 32
        args += ["--fb-base", hex(base), "--fb-size", boot["lfb_size"],
                 "--kexec-file", "yes", "--boot-params", "yes"]
        if fb:
            args += ["--fb0-id", fb["id"], "--fb0-smem-start", fb["smem_start"],
                     "--fb0-smem-len", fb["smem_len"]]
        else:
            args += ["--fb0-id", "none"]
    p = subprocess.run([hv] + args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return None, args, p.stderr.strip()
    h = json.loads(p.stdout)["handoff"]
    why = f"{h['syscall']}: {h.get('lfb_source') or h.get('why')}"
    if arch == "arm64":     # what its efifb would find
        base = int(h["lfb_base"], 16) | int(h["ext_lfb_base"], 16) << 32
        return {"framebuffer": f"at {hex(base)}" if base else "none"}, args, why
    return {k: h[k] for k in FIELDS}, args, why


def main():
    ap = argparse.ArgumentParser()
    for a in ("hvkdump", "out", "runs", "arch", "kernel", "kernel-release", "kexec-tools",
              "accelerator", "seconds"):
        ap.add_argument("--" + a, required=True)
    o = ap.parse_args()
    rows, bad = [], 0
    for line in open(o.runs):
        name, args, video = line.rstrip("\n").split("|")
        log = os.path.join(o.out, name + ".serial.log")
        got = parse_log(log)
        row = {"run": name, "video": video, "kexec_args": args, "kexec_tools": o.kexec_tools,
               "kernel": o.kernel, "accelerator": o.accelerator,
               "serial_log": os.path.basename(log)}
        fb = None
        if got.get("fbinfo", "none") != "none":
            try:
                j = json_at_start(got["fbinfo"])
                fix = j.get("fix", j)
                fb = {"id": fix["id"], "smem_start": fix["smem_start"],
                      "smem_len": hex(int(str(fix["smem_len"]), 0))}
            except (ValueError, KeyError) as e:
                row["error"] = f"fbinfo not understood: {e}"
        row["fb0_id"] = fb["id"] if fb else None
        row["fb0_smem_start"] = fb["smem_start"] if fb else None
        row["kexec_command"] = got.get("kexec command")
        row["kexec_exit"] = got.get("kexec exit")
        arm = o.arch == "arm64"
        row["arch"] = o.arch
        if arm:     # no boot_params: did the first kernel boot, and the kdump kernel?
            boot = {} if any(k.startswith("first kernel") for k in got) else None
            handed = efifb_at(got.get("kdump fb-log")) if "kdump done" in got else None
            row["kdump_fb_log"] = got.get("kdump fb-log")
            row["measured"] = handed
        else:
            boot = screen_info(got.get("boot screen_info", ""))
            handed = screen_info(got.get("kdump screen_info", ""))
            row["measured"] = {k: handed[k] for k in FIELDS} if handed else None
        row["boot_screen_info"] = boot or None
        self_report = None
        try:
            self_report = json_at_start(got.get("kdump hvkdump-check.json", ""))
        except ValueError:
            pass
        row["self_report"] = self_report
        row["predicted"], sim_args, why = (predict(o.hvkdump, row, boot, fb, o.arch)
                                           if boot is not None
                                           else (None, None, "no boot screen_info"))
        row["simulate"] = sim_args
        row["model_says"] = why
        problems = []
        if "error" in row:
            problems.append(row["error"])
        if boot is None:
            problems.append("the first kernel did not report (see its serial log)")
        elif row["kexec_exit"] not in (None, "0"):
            problems.append(f"kexec failed (exit {row['kexec_exit']}): nothing was armed")
        elif not handed:
            problems.append("no kdump kernel report (crash, kdump boot or the initramfs "
                            "failed: see the serial log)")
        # a machine that reported and then did not power off is still measured
        if "stopped" in got:
            row["qemu"] = got["stopped"]
            if not handed:
                problems.append(got["stopped"])
        if row["predicted"] is None and boot is not None:
            problems.append(f"hvkdump simulate failed: {why}")
        if arm and handed and self_report is None:
            problems.append("hvkdump's self-report is missing")
        elif arm:
            pass    # no boot_params for hvkdump to read there
        elif handed and self_report is not None:
            # a report of hvkdump before JSON schema 1 spelled it orig_video_isVGA
            sr = {("orig_video_is_vga" if k == "orig_video_isVGA" else k): v
                  for k, v in (self_report.get("handed") or {}).items()}
            if any(sr.get(k) != handed[k] for k in FIELDS):
                problems.append(f"hvkdump's self-report {sr} differs from the raw bytes")
        elif handed:
            problems.append("hvkdump's self-report is missing")
        row["agree"] = (not problems and row["predicted"] == row["measured"])
        if problems:
            row["problems"] = problems
        bad += not row["agree"]
        rows.append(row)

    doc = {"arch": o.arch, "kernel": o.kernel, "kernel_release": o.kernel_release,
           "kexec_tools": o.kexec_tools, "accelerator": o.accelerator,
           "seconds": int(o.seconds), "runs": rows}
    with open(os.path.join(o.out, "results.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    def si(d):
        if not d:
            return "-"
        if "framebuffer" in d:
            return d["framebuffer"]
        return (f"{d['orig_video_is_vga']} {d['lfb_base']}"
                + (f"+{d['ext_lfb_base']}<<32" if d["ext_lfb_base"] != "0x0" else "")
                + f" {d['lfb_size']}")
    head = ("RUN", "FB0", "KEXEC", "MEASURED " + ("framebuffer" if o.arch == "arm64" else
                                                  "isVGA base size"), "PREDICTED", "AGREE")
    table = [head] + [(r["run"], r["fb0_id"] or "none", ("-p " + r["kexec_args"]).strip(),
                       si(r["measured"]), si(r["predicted"]),
                       "yes" if r["agree"] else "NO") for r in rows]
    w = [max(len(str(t[i])) for t in table) for i in range(len(head))]
    for t in table:
        print("  ".join(str(c).ljust(w[i]) for i, c in enumerate(t)).rstrip())
    for r in rows:
        for p in r.get("problems", []):
            print(f"{r['run']}: {p}")
        if not r.get("problems") and not r["agree"]:
            print(f"{r['run']}: the model differs: {r['model_says']}")
    print(f"{len(rows) - bad} of {len(rows)} agree; kernel {o.kernel}, kexec-tools "
          f"{o.kexec_tools}, {o.accelerator}, {o.seconds} s; {o.out}/results.json")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
