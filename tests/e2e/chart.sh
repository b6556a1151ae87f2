#!/usr/bin/env bash
# jibao chart end to end: every example spec of examples/charts/ renders to
# PDF (checked with qpdf and pdftotext), SVG and PNG; the errors of the
# command name the spec file, line and column.
. "$(dirname "$0")/lib.sh"
need qpdf pdftotext

data="$SRCDIR/examples/districts-2024q3.xml"
for spec in "$SRCDIR"/examples/charts/*.xml; do
    kind=$(basename "$spec" .xml)
    SOURCE_DATE_EPOCH=1700000000 run "$JIBAO" chart "$spec" -d "$data" -o "$tmp/$kind.pdf"
    is "$rc" 0 "chart $kind.xml → PDF exits 0"
    run qpdf --check "$tmp/$kind.pdf"
    is "$rc" 0 "$kind.pdf: qpdf --check is clean"
    title=$(sed -n 's/.*<chart [^>]*title="\([^"]*\)".*/\1/p' "$spec")
    text=$(pdftotext "$tmp/$kind.pdf" - | tr -d '\n ')
    contains "$text" "$title" "$kind.pdf: the title is text in the PDF"
done

# the same spec as SVG and PNG
run "$JIBAO" chart "$SRCDIR/examples/charts/combo.xml" -o "$tmp/combo.svg"
is "$rc" 0 "chart → SVG exits 0"
contains "$(head -c 200 "$tmp/combo.svg")" "<svg" "an SVG document"
run "$JIBAO" chart "$SRCDIR/examples/charts/combo.xml" -o "$tmp/combo.png"
is "$rc" 0 "chart → PNG exits 0"
is "$(head -c 8 "$tmp/combo.png" | od -An -c | tr -d ' ')" '211PNG\r\n032\n' "a PNG file"

# the chart of the minimal template (numbers scaled, unit in the axis title)
text=$(pdftotext "$tmp/bar.pdf" -)
contains "$text" "单位：亿元" "bar.pdf: the unit note"
contains "$text" "1702.3" "bar.pdf: a value label bound from the dataset"
text=$(pdftotext "$tmp/combo.pdf" -)
contains "$text" "单位：万亿元" "combo.pdf: 亿元 scaled to 万亿元"
contains "$text" "一季度" "combo.pdf: 2023Q1 spelled out as a period"

# errors: usage, the format, a spec that needs --data, a bad value
run "$JIBAO" chart "$SRCDIR/examples/charts/pie.xml"
is "$rc" 2 "no -o: exit 2"
contains "$err" "missing -o" "says -o is missing"
run "$JIBAO" chart "$SRCDIR/examples/charts/pie.xml" -o "$tmp/pie.gif"
is "$rc" 2 "-o pie.gif: exit 2"
contains "$err" "use .pdf, .svg or .png" "names the formats"
run "$JIBAO" chart "$SRCDIR/examples/charts/bar.xml" -o "$tmp/bar2.pdf"
is "$rc" 2 "a select= series without --data: exit 2"
contains "$err" "charts/bar.xml:6:" "names the spec file and line"
contains "$err" "--data" "asks for --data"
[ ! -e "$tmp/bar2.pdf" ]
check $? "and writes nothing"
printf '<chart type="bar">\n  <series name="产值"><point label="一" value="abc"/></series>\n</chart>\n' >"$tmp/bad.xml"
run "$JIBAO" chart "$tmp/bad.xml" -o "$tmp/bad.pdf"
is "$rc" 2 "a value that is no number: exit 2"
contains "$err" "bad.xml:2:" "at its line"
contains "$err" "产值" "naming the series"
printf '<chart type="radar"><series/></chart>\n' >"$tmp/radar.xml"
run "$JIBAO" chart "$tmp/radar.xml" -o "$tmp/radar.pdf"
is "$rc" 2 "an unknown chart type: exit 2"
contains "$err" "radar.xml:1:" "a schema error at the element"
printf '<chart type="pie" title="构成">\n  <series name="额">\n    <point label="甲" value="5"/><point label="乙" value="-1"/>\n  </series>\n</chart>\n' >"$tmp/neg.xml"
run "$JIBAO" chart "$tmp/neg.xml" -o "$tmp/neg.pdf"
is "$rc" 2 "a negative pie slice: exit 2"
contains "$err" "neg.xml:1:1: error: chart '构成': series '额' has a negative value at '乙'" \
    "named at the chart element, with series and category"
run "$JIBAO" chart --help
is "$rc" 0 "--help exits 0"
contains "$out" "PDF, SVG or PNG" "--help names the formats"

done_testing
