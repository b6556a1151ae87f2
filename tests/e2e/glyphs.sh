#!/usr/bin/env bash
# Glyph preflight: a character none of jibao's fonts has (an Egyptian
# hieroglyph, U+13000) is a warning naming the code point, the text around
# it and where it came from; --strict makes it an error and writes no PDF.
. "$(dirname "$0")/lib.sh"
need pdftotext

cat >"$tmp/d.xml" <<'XML'
<dataset version="1">
  <source id="s" file="a.txt"/>
  <fact id="f1" source="s" offset="3" entity="甲𓀁区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="12.5" unit="亿元"/>
</dataset>
XML
cat >"$tmp/t.xml" <<'XML'
<report version="1">
  <meta><title>字形</title></meta>
  <body>
    <p>前三季度，全区经济𓀀运行平稳。</p>
    <p><value select="fact/@entity"/>：<value select="fact"/>亿元。</p>
    <chart type="bar" title="图𓀂表" unit="亿元">
      <series name="总量" label="@entity" value="@value" select="fact"/>
    </chart>
  </body>
</report>
XML
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/w.pdf"
is "$rc" 0 "a missing glyph is a warning by default"
contains "$err" "t.xml:4:1: warning: U+13000 '𓀀' has no glyph in jibao's fonts (it would print as a blank box): in the text \"三季度，全区经济𓀀运行平稳。\"" \
    "the warning gives the code point, the text around it and the template line"
contains "$err" "U+13001 '𓀁' has no glyph" "a character from the data is found too"
contains "$err" "U+13002 '𓀂' has no glyph in jibao's fonts (it would print as a blank box): in a chart title" \
    "chart titles are checked"
[ "$(printf '%s\n' "$err" | grep -c 'U+13001')" = 1 ]
check $? "each missing character is reported once"

run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/s.pdf" --strict
is "$rc" 2 "--strict: a missing glyph fails the report"
contains "$err" "t.xml:4:1: error: U+13000" "--strict: an error"
[ ! -e "$tmp/s.pdf" ]
check $? "--strict: no PDF"

# the example briefing has every glyph
run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" \
    -d "$SRCDIR/tests/data/typeset/briefing-data.xml" -o "$tmp/b.pdf" --strict
is "$rc" 0 "the quarterly briefing passes --strict"
is "$err" "" "and prints nothing"
done_testing
