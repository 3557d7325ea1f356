#!/usr/bin/env python3
# Cuts top-level definitions out of a kernel source file by name and prints
# them, in the order asked: a function from the line that names it (with a
# return type on the line before) to its closing brace in column 0; a
# "#define NAME" line. Fails, naming what, when one is not there.
#   cut.py FILE NAME...
import re
import sys


def cut(lines, name):
    if name.startswith("#define "):
        for l in lines:
            if re.match(r"#define\s+%s\b" % re.escape(name[8:]), l):
                return [l]
        return None
    pat = re.compile(r"^(?:[A-Za-z_].*[\s*])?%s\(" % re.escape(name))
    for i, l in enumerate(lines):
        if not pat.match(l) or l.rstrip().endswith(";"):
            continue
        start = i
        if re.match(r"^%s\(" % re.escape(name), l):
            start = i - 1
        for j in range(i, len(lines)):
            if lines[j].rstrip() == "}":
                return lines[start:j + 1]
            if j > i and lines[j].rstrip().endswith(";") and "{" not in "".join(lines[i:j + 1]):
                break
    return None


def main():
    path, names = sys.argv[1], sys.argv[2:]
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    out = []
    for n in names:
        got = cut(lines, n)
        if got is None:
            sys.exit(f"cut.py: {path}: no definition of {n}")
        out.append("\n".join(got))
    print(f"/* cut from {path}: {' '.join(names)} */")
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
