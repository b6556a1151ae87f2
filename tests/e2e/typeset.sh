#!/usr/bin/env bash
# Chinese typesetting and page features end to end, on PDFs: the stress
# document of our own body text (bench/stress.c) measured with cjk_check
# when ../shared/tools/cjk_check.py is beside the source tree, a 5,000-row
# table checked with pdftotext -bbox, contents and bookmarks, and 200 dpi
# renders compared with the reference renders in tests/data/typeset.
. "$(dirname "$0")/lib.sh"
need pdftotext pdftoppm pdfinfo pdffonts qpdf python3 gzip
: "${JIBAO_STRESS:?JIBAO_STRESS must name the jibao-stress binary}"
check_py="$SRCDIR/tests/e2e/pdfcheck.py"
refs="$SRCDIR/tests/data/typeset"
export SOURCE_DATE_EPOCH=1700000000

# 1. body text: 21 sections, 20 pages, then the typesetting figures
run "$JIBAO_STRESS" 21 "$tmp/stress.pdf"
is "$rc" 0 "the stress document renders"
pages=$(pdfinfo "$tmp/stress.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 20 ]
check $? "20 pages or more ($pages)"
cjk_check="$SRCDIR/../shared/tools/cjk_check.py"
if [ -f "$cjk_check" ]; then
    figures=$(python3 "$cjk_check" "$tmp/stress.pdf")
    contains "$figures" "bad_start=0 bad_end=0" "stress: no bad line starts or ends ($figures)"
    contains "$figures" "num_split=0" "stress: no split numbers"
    ragged=$(printf '%s\n' "$figures" | sed -n 's/.*max_ragged_pt=\([0-9.]*\).*/\1/p')
    awk -v r="$ragged" 'BEGIN { exit !(r <= 0.5) }'
    check $? "stress: max_ragged_pt $ragged <= 0.5"
    gap=$(printf '%s\n' "$figures" | sed -n 's/.*cjk_latin_gap_em=\([0-9.]*\).*/\1/p')
    awk -v g="$gap" 'BEGIN { exit !(g >= 0.2 && g <= 0.3) }'
    check $? "stress: CJK-Latin gaps of about a quarter em ($gap em)"
    "$JIBAO" render "$SRCDIR/templates/minimal.xml" -d "$SRCDIR/examples/districts-2024q3.xml" \
        -o "$tmp/minimal.pdf"
    figures=$(python3 "$cjk_check" "$tmp/minimal.pdf")
    contains "$figures" "bad_start=0 bad_end=0 max_ragged_pt=0.0" "example: flush and clean ($figures)"
else
    echo "# $cjk_check not found: cjk_check figures skipped"
fi
text=$(pdftotext "$tmp/stress.pdf" - | tr -d '\n ')
contains "$text" "其中高技术制造业增长12.4%。" "pdftotext returns the text in reading order"
"$JIBAO_STRESS" 21 "$tmp/again.pdf"
cmp -s "$tmp/stress.pdf" "$tmp/again.pdf"
check $? "same inputs, same bytes (no random subset tags)"

# 2. a 5,000-row table: header on every page, nothing outside the text area
run "$JIBAO_STRESS" 0 "$tmp/table.pdf" --plain --table 5000
is "$rc" 0 "the 5,000-row table renders"
pdftotext -bbox "$tmp/table.pdf" "$tmp/table.html"
with=$(python3 "$check_py" pages-with "$tmp/table.html" 序号)
set -- $with
[ "$2" -gt 100 ]
check $? "the table spans $2 pages"
is "$1" "$2" "the header row is on every page"
# A4 with 25 mm margins: the text area is 70.87..524.41 x 70.87..771.02
outside=$(python3 "$check_py" bbox "$tmp/table.html" 70.87 70.87 524.41 771.02 | head -3)
is "$outside" "" "nothing outside the text area"
last=$(pdftotext -f "$2" -l "$2" "$tmp/table.pdf" - | grep -c '^5000$')
is "$last" 1 "the last row is on the last page"

# 3. contents, bookmarks, a valid file
run "$JIBAO_STRESS" 20 "$tmp/toc.pdf" --toc
run qpdf --check "$tmp/toc.pdf"
is "$rc" 0 "qpdf --check is clean with contents and bookmarks"
toc=$(pdftotext -f 2 -l 2 -layout "$tmp/toc.pdf" -)
contains "$toc" "目录" "a contents page after the cover"
printf '%s\n' "$toc" | grep -qE '一、总体运行情况 (\. )+\.? *2$'
check $? "entries with dot leaders and page numbers"
# each entry links to the page its number names (+1: the cover is unnumbered)
numbers=$(printf '%s\n' "$toc" | grep -oE '[0-9]+$' | awk '{ printf "%d ", $1 + 1 }')
targets=$(python3 "$check_py" links "$tmp/toc.pdf" 2 | tr '\n' ' ')
[ -n "$numbers" ]
check $? "the contents list page numbers"
is "$targets" "$numbers" "every contents entry links to its heading's page"
qpdf --qdf --object-streams=disable "$tmp/toc.pdf" "$tmp/toc-qdf.pdf"
outlines=$(grep -ac '/Dest' "$tmp/toc-qdf.pdf")
[ "$outlines" -ge 20 ]
check $? "bookmarks with destinations ($outlines)"

# 4. the example briefing (templates/quarterly-briefing.xml) with sample
# figures made up for these tests: typesetting, size, fonts, contents links
brief="$tmp/briefing.pdf"
run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$refs/briefing-data.xml" -o "$brief"
is "$rc" 0 "the example briefing renders ($err)"
bpages=$(pdfinfo "$brief" | awk '/^Pages:/ {print $2}')
[ "$bpages" -ge 5 ]
check $? "on several pages ($bpages)"
size=$(stat -c %s "$brief")
[ "$size" -le $((bpages * 30000)) ]
check $? "at most 30 KB a page ($size bytes for $bpages pages)"
run qpdf --check "$brief"
is "$rc" 0 "qpdf --check is clean"
if [ -f "$cjk_check" ]; then
    figures=$(python3 "$cjk_check" "$brief")
    contains "$figures" "bad_start=0 bad_end=0" "briefing: no kinsoku violations ($figures)"
    ragged=$(printf '%s\n' "$figures" | sed -n 's/.*max_ragged_pt=\([0-9.]*\).*/\1/p')
    awk -v r="$ragged" 'BEGIN { exit !(r <= 0.5) }'
    check $? "briefing: right edges flush within 0.5 pt (max_ragged_pt=$ragged)"
    contains "$figures" "num_split=0" "briefing: no split numbers"
fi
fonts=$(pdffonts "$brief" | tail -n +3)
is "$(printf '%s\n' "$fonts" | grep -vc ' yes yes yes ')" 0 "every font embedded, subset, with ToUnicode"
btoc=$(pdftotext -f 2 -l 2 -layout "$brief" -)
numbers=$(printf '%s\n' "$btoc" | grep -oE '[0-9]+$' | awk '{ printf "%d ", $1 + 1 }')
targets=$(python3 "$check_py" links "$brief" 2 | tr '\n' ' ')
is "$targets" "$numbers" "briefing: contents entries link to their pages"
for p in $(seq 3 "$bpages"); do
    pdftotext -f "$p" -l "$p" "$brief" - | tr -d ' ' | grep -q "第$((p - 1))页/共$((bpages - 1))页" || break
done
is "$p" "$bpages" "footers count pages after the cover (第 N 页 / 共 M 页)"
"$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$refs/briefing-data.xml" \
    -o "$tmp/briefing-again.pdf"
cmp -s "$brief" "$tmp/briefing-again.pdf"
check $? "briefing: same inputs, same bytes (links and labels included)"
labels=$(python3 "$check_py" labels "$brief")
is "$labels" "封面 $(seq -s ' ' 1 $((bpages - 1)))" "page labels: 封面, then the footers' numbers"

# 5. reference renders at 200 dpi (after a deliberate change to the
# typesetting or to templates/minimal.xml, rewrite them with
# JIBAO_UPDATE_REFS=1 SRCDIR=. JIBAO=build/cli/jibao
# JIBAO_STRESS=build/bench/jibao-stress bash tests/e2e/typeset.sh, and look
# at the PNGs beside them) (a paragraph with quotes, brackets,
# numbers and Latin; the example's paragraph), compared with a tolerance
compare() { # NAME PDF PAGE X Y W H
    pdftoppm -gray -r 200 -f "$3" -l "$3" -x "$4" -y "$5" -W "$6" -H "$7" "$2" >"$tmp/$1.pgm"
    if [ -n "${JIBAO_UPDATE_REFS:-}" ]; then
        gzip -9n <"$tmp/$1.pgm" >"$refs/$1.pgm.gz"
        pdftoppm -png -r 200 -f "$3" -l "$3" -x "$4" -y "$5" -W "$6" -H "$7" "$2" >"$refs/$1.png"
    fi
    gzip -dc "$refs/$1.pgm.gz" >"$tmp/$1-ref.pgm"
    local d
    d=$(python3 "$check_py" compare "$tmp/$1.pgm" "$tmp/$1-ref.pgm")
    local mean=${d#mean=} changed=${d#*changed=}
    mean=${mean%% *}
    awk -v m="$mean" -v c="$changed" 'BEGIN { exit !(m <= 1.0 && c <= 0.002) }'
    check $? "$1 matches its reference render at 200 dpi ($d)"
}
compare stress-p2 "$tmp/stress.pdf" 2 190 180 1300 480
if [ -f "$tmp/minimal.pdf" ] || "$JIBAO" render "$SRCDIR/templates/minimal.xml" \
    -d "$SRCDIR/examples/districts-2024q3.xml" -o "$tmp/minimal.pdf"; then
    compare example-paragraph "$tmp/minimal.pdf" 1 190 560 1300 340
fi

done_testing
