#!/usr/bin/env bash
# Low-confidence values: <sources review-below="0.8"/> makes a review build.
# Values of facts the extractor was unsure of (confidence below 0.8) get a
# yellow mark behind them and 待核 in the appendix; a normal build has none.
. "$(dirname "$0")/lib.sh"
need pdftotext qpdf

cat >"$tmp/d.xml" <<'XML'
<dataset version="1">
  <source id="s" file="a.txt"/>
  <fact id="sure" source="s" offset="3" entity="甲区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="120.5" unit="亿元" confidence="0.95"><sentence>甲区120.5亿元。</sentence></fact>
  <fact id="unsure" source="s" offset="40" entity="乙区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="98.1" unit="亿元" confidence="0.55"><sentence>乙区98.1亿元。</sentence></fact>
</dataset>
XML
template() {
    cat >"$tmp/t.xml" <<XML
<report version="1">
  <meta><title>t</title></meta>
  <body>
    <p>甲区<value select="fact[@id='sure']" unit="true"/>，乙区<value select="fact[@id='unsure']" unit="true"/>。</p>
    <sources $1/>
  </body>
</report>
XML
}
marks() { # the review mark's fill colour in the page contents
    qpdf --qdf --object-streams=disable "$1" "$tmp/q.pdf" >/dev/null 2>&1
    grep -a -c '^1 0\.93 0\.45 rg' "$tmp/q.pdf"
}

template 'review-below="0.8"'
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/r.pdf"
is "$rc" 0 "the review build renders"
contains "$err" "review build: 1 value(s) with a confidence below 0.8 are marked" "and says how many values to review"
text=$(pdftotext "$tmp/r.pdf" - | tr -d '\n ')
contains "$text" "（待核：置" "the appendix marks the uncertain value"
contains "$text" "信度0.55）" "with its confidence"
[ "$(marks "$tmp/r.pdf")" -ge 1 ]
check $? "a mark is drawn behind the uncertain value"

template ''
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/n.pdf"
is "$err" "" "a normal build says nothing"
text=$(pdftotext "$tmp/n.pdf" - | tr -d '\n ')
case "$text" in *待核*) fail "a normal build marks nothing" ;; *) pass "a normal build marks nothing" ;; esac
is "$(marks "$tmp/n.pdf")" 0 "and draws no mark"
done_testing
