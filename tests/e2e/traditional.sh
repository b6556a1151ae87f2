#!/usr/bin/env bash
# The traditional edition: --script traditional renders the same template
# and data in traditional characters (OpenCC s2t) with the TC faces of
# Noto CJK: text, narration, tables, chart titles and labels, metadata.
. "$(dirname "$0")/lib.sh"
need pdftotext pdffonts pdfinfo

data="$SRCDIR/tests/data/typeset/briefing-data.xml"
run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$data" -o "$tmp/tc.pdf" \
    --script traditional --strict
is "$rc" 0 "the traditional edition renders, every glyph present ($err)"
fonts=$(pdffonts "$tmp/tc.pdf" | tail -n +3 | awk '{print $1}')
contains "$fonts" "NotoSerifCJKtc-Regular" "body text in Noto Serif CJK TC"
contains "$fonts" "NotoSansCJKtc-Regular" "headings and charts in Noto Sans CJK TC"
[ -z "$(printf '%s\n' "$fonts" | grep -v 'CJKtc')" ]
check $? "no face other than the TC ones ($(echo $fonts))"

text=$(pdftotext "$tmp/tc.pdf" - | tr -d '\n ')
contains "$(pdfinfo "$tmp/tc.pdf")" "Title:           濟南市經濟運行簡報" "the PDF title is converted"
contains "$text" "地區生產總值以歷下區居首，爲1702.3億元，佔5個城區合計的31.5%。" \
    "narration in traditional characters, the same numbers"
contains "$text" "各城區地區生產總值及增速" "chart titles converted"
contains "$text" "歷下區" "chart labels and table cells converted"
contains "$text" "附：數據來源" "headings converted"

run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$data" -o "$tmp/x.pdf" \
    --script klingon
is "$rc" 2 "an unknown script is a usage error"
# jibao build takes the same rendering options
run "$JIBAO" build "$SRCDIR/templates/quarterly-briefing.xml" --script traditional --strict \
    -o "$tmp/built-tc.pdf" "$SRCDIR"/examples/articles/*
is "$rc" 0 "jibao build --script traditional --strict renders the briefing from the articles"
is "$(pdffonts "$tmp/built-tc.pdf" | tail -n +3 | grep -vc 'CJKtc')" 0 "with only the TC faces"
contains "$(pdftotext "$tmp/built-tc.pdf" - | tr -d ' \n')" "總體情況" "in traditional characters"

done_testing
