#!/usr/bin/env bash
# Provenance end to end: every value the quarterly briefing prints from the
# dataset links to an entry of its sources appendix. qpdf --json gives the
# link annotations and their destinations; pdftotext -bbox shows what
# stands at each destination: an entry's number in the 序号 column.
. "$(dirname "$0")/lib.sh"
need qpdf pdftotext python3

data="$SRCDIR/tests/data/typeset/briefing-data.xml"
run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$data" -o "$tmp/b.pdf"
is "$rc" 0 "quarterly briefing renders"
qpdf --json "$tmp/b.pdf" >"$tmp/b.json"
pdftotext -bbox "$tmp/b.pdf" "$tmp/b.html"

run python3 - "$tmp/b.json" "$tmp/b.html" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
objs = d["qpdf"][1]
page_of = {p["object"]: i for i, p in enumerate(d["pages"])}
height = 841.889764
# the words of every page, with their boxes (pdftotext: y down from the top)
html = open(sys.argv[2], encoding="utf-8").read()
pages = []
for chunk in html.split("<page ")[1:]:
    pages.append([(float(a), float(b), w) for a, b, w in
                  re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', chunk)])
appendix = next(i for i, ws in enumerate(pages) if any("表4" in w for _, _, w in ws))
links, targets = 0, set()
for i, p in enumerate(d["pages"]):
    if i == 1:
        continue  # the table of contents links to headings
    for a in objs["obj:" + p["object"]]["value"].get("/Annots", []):
        v = objs["obj:" + a]["value"]
        if v.get("/Subtype") != "/Link":
            continue
        dest = v.get("/Dest")
        if not dest:
            sys.exit(f"page {i + 1}: a link without a destination")
        tpage, top = page_of[dest[0]], height - dest[3]
        if tpage < appendix:
            sys.exit(f"page {i + 1}: a link to page {tpage + 1}, before the appendix")
        # the entry's number stands in the first column just under the top
        num = [w for x, y, w in pages[tpage] if x < 100 and top < y < top + 20 and w.isdigit()]
        if not num:
            sys.exit(f"page {i + 1}: link to page {tpage + 1} y={top:.1f}: no entry there")
        links += 1
        targets.add(int(num[0]))
entries = max(int(w) for ws in pages[appendix:] for x, y, w in ws if x < 100 and w.isdigit())
if targets != set(range(1, entries + 1)):
    sys.exit(f"entries never linked to: {sorted(set(range(1, entries + 1)) - targets)}")
print(links, entries)
PY
is "$rc" 0 "every provenance link resolves to an appendix entry ($err)"
links=${out% *} entries=${out#* }
[ "${links:-0}" -ge "${entries:-1}" ] && [ "${entries:-0}" -ge 40 ]
check $? "$links links to $entries entries, each entry linked to"

# the appendix entry names the article, its byte offset and the sentence
text=$(pdftotext "$tmp/b.pdf" - | tr -d '\n ')
contains "$text" "济南市地区生产总值为9508.2亿元。" "the appendix quotes the sentence"
contains "$text" "第2040字节" "and gives the byte offset"

# a corrected value is marked; a conflicting source is marked
cat >"$tmp/d.xml" <<'XML'
<dataset version="1">
  <source id="a" file="a.txt"/>
  <source id="b" file="b.txt"/>
  <fact id="x1" source="a" offset="12" entity="甲区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="120.5" unit="亿元" original-value="102.5" corrected-by="王分析">
    <sentence>甲区地区生产总值102.5亿元。</sentence></fact>
  <fact id="x2" source="b" offset="7" entity="乙区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="98.1" unit="亿元"><sentence>乙区地区生产总值98.1亿元。</sentence></fact>
  <fact id="x3" source="a" offset="40" entity="乙区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="99.0" unit="亿元"><sentence>乙区约99亿元。</sentence></fact>
</dataset>
XML
cat >"$tmp/t.xml" <<'XML'
<report version="1">
  <meta><title>t</title></meta>
  <body>
    <p>甲区<value select="fact[@id='x1']" unit="true"/>，乙区<value select="fact[@id='x2']" unit="true"/>。</p>
    <sources caption="数据来源"/>
  </body>
</report>
XML
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/c.pdf"
is "$rc" 0 "a small report with a corrected and a conflicting value renders"
text=$(pdftotext "$tmp/c.pdf" - | tr -d '\n ')
# pdftotext reads a row's lines across its cells: the 数值 column's
# (更正)/(冲突) marks can land inside the sentence column's text
cells=${text//（更正）/}
cells=${cells//（冲突）/}
contains "$cells" "〔分析员更正：原文为102.5亿元，更正人王分析〕" "the correction is marked with the original value"
contains "$cells" "第40字节为99.0亿元〕" "the conflicting source is marked with its value"
contains "$text" "（冲突）" "and the value as conflicting"
done_testing
