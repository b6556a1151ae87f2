#!/usr/bin/env bash
# The walking skeleton end to end: the minimal template and the example
# dataset become a one-page PDF, checked with qpdf and poppler-utils.
. "$(dirname "$0")/lib.sh"
need qpdf pdfinfo pdftotext pdffonts sha256sum

pdf="$tmp/minimal.pdf"
render() {
    "$JIBAO" render "$SRCDIR/templates/minimal.xml" -d "$SRCDIR/examples/districts-2024q3.xml" "$@"
}

SOURCE_DATE_EPOCH=1700000000 run render -o "$pdf"
is "$rc" 0 "render exits 0"
is "$err" "" "render prints nothing on success"

run qpdf --check "$pdf"
is "$rc" 0 "qpdf --check is clean"

info=$(pdfinfo "$pdf")
contains "$info" "Pages:           1" "one page"
contains "$info" "Title:           济南市部分城区经济运行简报" "title from the template"
contains "$info" "Creator:         jibao 0." "creator is jibao VERSION"
contains "$info" "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" "creation date from SOURCE_DATE_EPOCH"
contains "$info" "Page size:       595.276 x 841.89 pts (A4)" "A4"

# the paragraph, with the bound values, in reading order (lines joined;
# pdftotext shows the ¼ em CJK–Latin spacing as spaces)
text=$(pdftotext "$pdf" - | tr -d '\n ')
contains "$text" "历城区实现地区生产总值969.8亿元，同比增长4.6%，增速较上半年有所回升。" \
    "pdftotext returns the paragraph with the bound values"
contains "$text" "济南市部分城区经济运行简报一、总体情况前三季度" "title, heading, paragraph in order"
layout=$(pdftotext -layout "$pdf" -)
districts=$(printf '%s\n' "$layout" | grep -E '历城区.*历下区.*市中区.*槐荫区.*章丘区')
[ -n "$districts" ]
check $? "the chart's five district labels, left to right"
contains "$layout" "1702.3" "the chart's value labels"
contains "$layout" "单位：亿元" "the chart's unit note"

fonts=$(pdffonts "$pdf")
for face in NotoSansCJKsc-Regular NotoSansCJKsc-Bold NotoSerifCJKsc-Regular; do
    line=$(printf '%s\n' "$fonts" | grep "+$face ")
    contains "$line" "yes yes yes" "$face embedded, subset, with ToUnicode"
done
others=$(printf '%s\n' "$fonts" | tail -n +3 | grep -v 'Noto' | wc -l)
is "$others" 0 "no font other than Noto CJK"

# reproducible: same inputs and SOURCE_DATE_EPOCH, same bytes
SOURCE_DATE_EPOCH=1700000000 render -o "$tmp/again.pdf"
is "$(sha256sum <"$pdf")" "$(sha256sum <"$tmp/again.pdf")" "two renders have the same sha256"

# a malformed template: exit 2, file:line:col, no output file
cd "$SRCDIR/tests/data/errors" || exit 1
run "$JIBAO" render minimal-bad.xml -o "$tmp/bad.pdf"
is "$rc" 2 "malformed template: exit 2"
is "$err" "minimal-bad.xml:8:10: error: Opening and ending tag mismatch: p line 7 and body" \
    "malformed template: file:line:col: error: message"
[ ! -e "$tmp/bad.pdf" ]
check $? "malformed template: no output file"

# a failed render leaves the previous good PDF untouched
cp "$pdf" "$tmp/keep.pdf"
run "$JIBAO" render minimal-bad.xml -o "$tmp/keep.pdf"
cmp -s "$pdf" "$tmp/keep.pdf"
check $? "a failed render keeps the previous PDF intact"
run "$JIBAO" render "$SRCDIR/templates/minimal.xml" -o "$tmp/keep.pdf"
is "$rc" 2 "render with no data for a required value: exit 2"
cmp -s "$pdf" "$tmp/keep.pdf"
check $? "and the previous PDF is intact"

# output problems: exit 1, nothing written, no temporary files left
run render -o "$tmp/missing/dir/x.pdf"
is "$rc" 1 "output in a missing folder: exit 1"
contains "$err" "$tmp/missing/dir/x.pdf: error: cannot create the output file" "names the output"
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    run render -o "$tmp/ro/x.pdf"
    is "$rc" 1 "output in a read-only folder: exit 1"
fi
is "$(ls -A "$tmp/ro")" "" "nothing left in the read-only folder"
left=$(ls -A "$tmp" | grep '^\.' | wc -l)
is "$left" 0 "no temporary files left beside the outputs"

done_testing
