#!/usr/bin/env python3
"""Helpers for tests/e2e/typeset.sh (standard library only).

  pdfcheck.py bbox FILE.html X0 Y0 X1 Y1
      words of `pdftotext -bbox` output outside the box, one a line
  pdfcheck.py pages-with FILE.html WORD
      "N M": pages holding WORD, pages in all
  pdfcheck.py links FILE.pdf PAGE
      the page each link annotation on PAGE leads to, one a line (qpdf)
  pdfcheck.py labels FILE.pdf
      the page labels, space-separated ("封面 1 2 …"; qpdf's JSON)
  pdfcheck.py compare A.pgm B.pgm
      "mean=<mean absolute grey difference> changed=<share of pixels that
      differ by more than 64 levels>" of two binary PGMs of the same size
"""
import re
import subprocess
import sys


def qpdf(*args):
    return subprocess.run(["qpdf", *args], capture_output=True, text=True, check=True).stdout


def link_targets(pdf, page):
    pages = {}
    for m in re.finditer(r"page (\d+): (\d+) 0 R", qpdf("--show-pages", pdf)):
        pages[m.group(2)] = int(m.group(1))
    page_obj = [o for o, n in pages.items() if n == page][0]
    annots = re.search(r"/Annots \[([^\]]*)\]", qpdf(f"--show-object={page_obj}", pdf))
    for a in re.findall(r"(\d+) 0 R", annots.group(1) if annots else ""):
        dest = re.search(r"/Dest \[ (\d+) 0 R", qpdf(f"--show-object={a}", pdf))
        yield pages.get(dest.group(1), 0) if dest else 0


def words(path):
    page = 0
    for line in open(path, encoding="utf-8"):
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            yield page, [float(v) for v in m.groups()[:4]], m.group(5)


def read_pgm(path):
    data = open(path, "rb").read()
    fields = []
    pos = 0
    while len(fields) < 4:
        m = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(m.group(2))
        pos = m.end()
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h]


def main():
    cmd = sys.argv[1]
    if cmd == "bbox":
        x0, y0, x1, y1 = (float(v) for v in sys.argv[3:7])
        for page, (a, b, c, d), text in words(sys.argv[2]):
            if a < x0 - 0.5 or b < y0 - 0.5 or c > x1 + 0.5 or d > y1 + 0.5:
                print(f"page {page}: {text} [{a} {b} {c} {d}]")
    elif cmd == "pages-with":
        pages = {}
        n = 0
        for page, _, text in words(sys.argv[2]):
            n = max(n, page)
            if text == sys.argv[3]:
                pages[page] = 1
        print(len(pages), n)
    elif cmd == "links":
        for target in link_targets(sys.argv[2], int(sys.argv[3])):
            print(target)
    elif cmd == "labels":
        import json
        pages = json.loads(qpdf("--json", "--json-key=pages", sys.argv[2]))["pages"]
        out = []
        for p in pages:
            label = p.get("label") or {}
            if "/P" in label:
                out.append(label["/P"].removeprefix("u:"))
            else:
                out.append(str(label.get("/St", "?")))
        print(" ".join(out))
    elif cmd == "compare":
        wa, ha, a = read_pgm(sys.argv[2])
        wb, hb, b = read_pgm(sys.argv[3])
        if (wa, ha) != (wb, hb):
            print(f"size {wa}x{ha} != {wb}x{hb}")
            return 1
        diff = [abs(x - y) for x, y in zip(a, b)]
        mean = sum(diff) / len(diff)
        changed = sum(1 for d in diff if d > 64) / len(diff)
        print(f"mean={mean:.3f} changed={changed:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
