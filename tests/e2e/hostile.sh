#!/usr/bin/env bash
# Hostile inputs to jibao render: degenerate and huge data for charts and
# tables, text that cannot break, and outputs that cannot be written. Each
# case asserts the behaviour: the exit code of docs/cli.md, a message naming
# the file (and line where there is one), no output or the previous one
# intact, and time and memory within bounds (timeout, ulimit -v). Template
# attacks (entities, XInclude, deep nesting, expensive XPath) are in
# safety.sh.
. "$(dirname "$0")/lib.sh"
need python3 pdftotext pdfinfo

export SOURCE_DATE_EPOCH=1700000000
# 2 GiB of address space; none under AddressSanitizer, which reserves
# terabytes of shadow memory (CI's second run sets ASAN_OPTIONS)
limit_memory() { [ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 2097152; }
# sanitizers slow jibao down several times
secs=20
[ -n "${ASAN_OPTIONS:-}" ] && secs=120

# render TEMPLATE DATA OUT: jibao render under the limits; sets rc, err, took
render() {
    local start=$SECONDS
    local data=()
    [ -n "$2" ] && data=(-d "$2")
    (limit_memory; timeout "$secs" "$JIBAO" render "$1" "${data[@]}" -o "$3") \
        >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    err=$(cat "$tmp/stderr")
    took=$((SECONDS - start))
}

# template NAME BODY: a report around BODY in $tmp/NAME.xml (line 2 = BODY)
template() {
    printf '<report version="1"><meta><title>压力测试</title></meta><body>\n%s\n</body></report>\n' \
        "$2" >"$tmp/$1.xml"
}

# no_bad_numbers PDF DESCRIPTION: no nan, inf or e+ notation in the text
no_bad_numbers() {
    if pdftotext "$1" - 2>/dev/null | grep -Eiq '(^|[^a-z])(nan|inf|infinity)([^a-z]|$)|[0-9]e[+-]?[0-9]'; then
        fail "$2" "$(pdftotext "$1" - | grep -Ei 'nan|inf|[0-9]e[+-]?[0-9]' | head -3)"
    else
        pass "$2"
    fi
}

# --- data: 10,000 facts (value i*1.5), all zeros, not-a-number ---------
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
facts = "\n".join(
    f'<fact id="f{i}" entity="区{i}" indicator="X" period="2024" kind="amount" '
    f'value="{i * 1.5}" unit="亿元"/>' for i in range(10000))
open(f"{tmp}/big.xml", "w").write(f'<dataset version="1">\n{facts}\n</dataset>\n')
zeros = "\n".join(
    f'<fact id="f{i}" entity="{e}" indicator="X" period="2024" kind="amount" value="0" unit="亿元"/>'
    for i, e in enumerate(["甲", "乙", "丙"]))
open(f"{tmp}/zeros.xml", "w").write(f'<dataset version="1">\n{zeros}\n</dataset>\n')
head = "doc,entity,indicator,period,kind,value,unit,value_base,offset,sentence\n"
open(f"{tmp}/nan.csv", "w").write(head + "a.txt,甲,X,2024,amount,1,亿元,,1,s\na.txt,乙,X,2024,amount,nan,亿元,,2,s\n")
open(f"{tmp}/inf.csv", "w").write(head + "a.txt,甲,X,2024,amount,inf,亿元,,1,s\n")
nines = "9" * 400
open(f"{tmp}/digits.xml", "w").write(
    f'<dataset version="1">\n<fact id="f1" entity="甲" indicator="X" period="2024" kind="amount" '
    f'value="{nines}" unit="亿元"/>\n</dataset>\n')
PY
series='<series name="X" label="@entity" value="@value" select="fact"/>'

# --- charts -----------------------------------------------------------
template nodata '<chart type="bar" title="空"><series name="X" label="@entity" value="@value" select="fact[@indicator=&apos;无&apos;]"/></chart>'
render "$tmp/nodata.xml" "$tmp/zeros.xml" "$tmp/nodata.pdf"
is "$rc" 2 "chart selecting no data: exit 2"
contains "$err" "nodata.xml:2:" "chart selecting no data: the series' line"
contains "$err" "selects no facts" "chart selecting no data: says so"
[ ! -e "$tmp/nodata.pdf" ]; check $? "chart selecting no data: no PDF"

template empty '<chart type="bar" title="空图"/>'
render "$tmp/empty.xml" "" "$tmp/empty.pdf"
is "$rc" 2 "chart without series: exit 2 (the schema wants one)"
contains "$err" "empty.xml:2:" "chart without series: the chart's line"

template line10k "<chart type=\"line\" title=\"一万点\">$series</chart>"
render "$tmp/line10k.xml" "$tmp/big.xml" "$tmp/line10k.pdf"
is "$rc" 0 "line chart of 10,000 points: rendered"
[ "$took" -le "$secs" ]; check $? "line chart of 10,000 points: within ${secs} s (took ${took} s)"
is "$(pdfinfo "$tmp/line10k.pdf" | awk '/^Pages:/ {print $2}')" 1 "line chart of 10,000 points: one page"
n_labels=$(pdftotext "$tmp/line10k.pdf" - | grep -oE '区 *[0-9]+' | wc -l)
[ "$n_labels" -ge 3 ] && [ "$n_labels" -le 30 ]
check $? "line chart of 10,000 points: category labels thinned to a readable few ($n_labels)"

template bar10k "<chart type=\"bar\" title=\"一万柱\">$series</chart>"
render "$tmp/bar10k.xml" "$tmp/big.xml" "$tmp/bar10k.pdf"
is "$rc" 2 "bar chart of 10,000 points: exit 2"
contains "$err" "bar10k.xml:2:" "bar chart of 10,000 points: the chart's line"
contains "$err" "10000 categories are too many for a bar chart (at most 60)" "bar chart of 10,000 points: the limit in the message"
contains "$err" 'top="N"' "bar chart of 10,000 points: suggests top"

template top "<chart type=\"hbar\" title=\"前十\" top=\"10\">$series</chart>"
render "$tmp/top.xml" "$tmp/big.xml" "$tmp/top.pdf"
is "$rc" 0 "hbar of 10,000 points with top=10: rendered"
contains "$(pdftotext "$tmp/top.pdf" - 2>/dev/null)" "其他" "hbar of 10,000 points with top=10: the rest as 其他"

template t-zeros "<chart type=\"bar\" title=\"全零柱\">$series</chart><chart type=\"line\" title=\"全零线\">$series</chart><chart type=\"pie\" title=\"全零饼\">$series</chart>"
render "$tmp/t-zeros.xml" "$tmp/zeros.xml" "$tmp/zeros.pdf"
is "$rc" 0 "charts of all zeros: rendered"
zeros_text=$(pdftotext "$tmp/zeros.pdf" - 2>/dev/null)
contains "$zeros_text" "全零线" "charts of all zeros: every chart drawn"
contains "$zeros_text" "无数据" "charts of all zeros: the pie has nothing to divide (无数据)"
no_bad_numbers "$tmp/zeros.pdf" "charts of all zeros: no nan or inf in the PDF"

template inline '<chart type="line" title="非数"><series name="X"><point label="一" value="1"/><point label="二" value="NaN"/></series></chart>'
render "$tmp/inline.xml" "" "$tmp/inline.pdf"
is "$rc" 2 "inline NaN point: exit 2"
contains "$err" "inline.xml:2:" "inline NaN point: the point's line"
contains "$err" "not a finite number" "inline NaN point: says why"

template infinite '<chart type="bar" title="无穷"><series name="X"><point label="一" value="1e400"/></series></chart>'
render "$tmp/infinite.xml" "" "$tmp/infinite.pdf"
is "$rc" 2 "inline 1e400 point: exit 2"
contains "$err" "not a finite number" "inline 1e400 point: not finite"

for d in nan inf; do
    render "$tmp/line10k.xml" "$tmp/$d.csv" "$tmp/$d.pdf"
    is "$rc" 2 "$d in a CSV dataset: exit 2"
    contains "$err" "$d.csv:" "$d in a CSV dataset: the file and line"
    [ ! -e "$tmp/$d.pdf" ]; check $? "$d in a CSV dataset: no PDF"
done

template t-digits "<p>值<value select=\"fact/@value\" format=\"0.0\"/></p><chart type=\"bar\" title=\"大数\">$series</chart>"
render "$tmp/t-digits.xml" "$tmp/digits.xml" "$tmp/digits.pdf"
is "$rc" 2 "a 400-digit value: exit 2 (no axis can show it)"
contains "$err" "t-digits.xml:2:" "a 400-digit value: the template line"

template computed '<p><value select="0 div 0"/>与<value select="1 div 0"/></p>'
run "$JIBAO" check "$tmp/computed.xml" -d "$tmp/zeros.xml"
is "$rc" 2 "values computing NaN and infinity: exit 2 (jibao check: every problem)"
contains "$err" 'computed.xml:2:4: error: select="0 div 0" is not a number (NaN)' "a NaN value: says so at its element"
contains "$err" "is infinite" "an infinite value: says so"
template computed-opt '<p>甲<value select="0 div 0" optional="true"/>乙</p>'
render "$tmp/computed-opt.xml" "$tmp/zeros.xml" "$tmp/computed-opt.pdf"
is "$rc" 0 "an optional NaN value: rendered"
contains "$(pdftotext "$tmp/computed-opt.pdf" - | tr -d ' ')" "甲—乙" "an optional NaN value: printed as —, never as nan"

# --- tables and text --------------------------------------------------
template table5k '<table caption="五千行"><column title="地区"/><column title="值" format="0.0" total="sum"/><rows select="fact[position() &lt;= 5000]"><cell><value select="@entity"/></cell><cell><value select="@value"/></cell></rows><total label="合计"/></table>'
render "$tmp/table5k.xml" "$tmp/big.xml" "$tmp/table5k.pdf"
is "$rc" 0 "table of 5,000 rows: rendered"
[ "$took" -le "$secs" ]; check $? "table of 5,000 rows: within ${secs} s (took ${took} s)"
pages=$(pdfinfo "$tmp/table5k.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 50 ]; check $? "table of 5,000 rows: flows over many pages ($pages)"
last=$(pdftotext -f "$pages" -l "$pages" "$tmp/table5k.pdf" - | tr -d ' ')
contains "$last" "区4999" "table of 5,000 rows: the last row on the last page"
contains "$last" "18746250.0" "table of 5,000 rows: the total (1.5 × 0..4999) on the last page"
contains "$(pdftotext -f 2 -l 2 "$tmp/table5k.pdf" -)" "值" "table of 5,000 rows: the header repeats"

python3 - "$tmp/run.xml" <<'PY'
import sys
open(sys.argv[1], "w").write(
    '<report version="1"><meta><title>长串</title></meta><body>\n<p>' + "x" * 20000 +
    "</p><p>" + "8" * 20000 + "</p><p>" + "—" * 20000 + "</p>\n</body></report>\n")
PY
render "$tmp/run.xml" "" "$tmp/run.pdf"
is "$rc" 0 "20,000 characters without a break opportunity: rendered"
[ "$took" -le "$secs" ]; check $? "20,000 characters without a break opportunity: within ${secs} s (took ${took} s)"
run_text=$(pdftotext "$tmp/run.pdf" - | grep -v '页' | tr -d '\n\f ')
is "$(printf '%s' "$run_text" | tr -cd x | wc -c)" 20000 "20,000 letters without a break: every one on the page (broken by force)"
is "$(printf '%s' "$run_text" | tr -cd 8 | wc -c)" 20000 "20,000 digits without a break: every one on the page (broken by force)"
is "$(printf '%s' "$run_text" | grep -o '—' | wc -l)" 20000 "20,000 dashes without a break: every one on the page"

printf '<report version="1"><meta><title>右到左</title></meta><body>\n<p>增长שלום עולם（٣٤٥）مرحبا بالعالم12.5%%。</p>\n</body></report>\n' >"$tmp/rtl.xml"
render "$tmp/rtl.xml" "" "$tmp/rtl.pdf"
is "$rc" 0 "Hebrew and Arabic inside Chinese text (found by fuzzing): rendered"
contains "$(pdftotext "$tmp/rtl.pdf" - | tr -d ' ')" "12.5%" "Hebrew and Arabic inside Chinese text: the text after them is there"

template image '<p>图</p><image src="missing.png"/>'
render "$tmp/image.xml" "" "$tmp/image.pdf"
is "$rc" 2 "an image element (the template language has none yet): exit 2"
contains "$err" "image.xml:2:" "an image element: the element's line"

# --- named limits: each hit names itself and the option, exit 1 --------
# limit NAME=VALUE TEMPLATE DATA EXPECTED-MESSAGE
limit() {
    local out="$tmp/limit.pdf"
    rm -f "$out"
    (limit_memory; timeout "$secs" "$JIBAO" render "$2" ${3:+-d "$3"} -o "$out" --limit "$1") \
        >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    err=$(cat "$tmp/stderr")
    is "$rc" 1 "--limit $1: exit 1"
    contains "$err" "$4" "--limit $1: the file and the limit in the message"
    contains "$err" "--limit ${1%%=*}=" "--limit $1: the message names the option"
    [ ! -e "$out" ]; check $? "--limit $1: no PDF"
}
limit table-rows=100 "$tmp/table5k.xml" "$tmp/big.xml" \
    "table5k.xml:2:86: error: the table has more than 100 rows (limit table-rows;"
limit chart-points=5000 "$tmp/line10k.xml" "$tmp/big.xml" \
    "line10k.xml:2:1: error: chart '一万点': 10000 points are more than the limit of 5000 (limit chart-points;"
limit input-size=100000 "$tmp/line10k.xml" "$tmp/big.xml" \
    "big.xml: error: $(wc -c <"$tmp/big.xml") bytes are more than the limit of 100000 (limit input-size;"
limit xpath-ops=1000 "$tmp/table5k.xml" "$tmp/big.xml" "XPath stopped after 1000 operations (limit xpath-ops;"
limit render-time=0.05 "$tmp/table5k.xml" "$tmp/big.xml" \
    "table5k.xml: error: the render passed the limit of 0.05 s (limit render-time;"
if [ -z "${ASAN_OPTIONS:-}" ]; then
    limit memory=40 "$tmp/table5k.xml" "$tmp/big.xml" "table5k.xml: error: jibao crashed; with 40 MiB"
else
    n=$((n + 1))
    echo "ok $n - --limit memory # SKIP no memory limit under AddressSanitizer"
fi
run "$JIBAO" render "$tmp/table5k.xml" -o "$tmp/x.pdf" --limit rows=1
is "$rc" 2 "an unknown limit: exit 2"
contains "$err" "unknown limit (known: input-size xpath-ops" "an unknown limit: the known names"
run "$JIBAO" render "$tmp/table5k.xml" -o "$tmp/x.pdf" --limit table-rows=-1
is "$rc" 2 "a negative limit: exit 2"
render "$tmp/table5k.xml" "$tmp/big.xml" "$tmp/unlimited.pdf"
is "$rc" 0 "the defaults let a 5,000-row table through"

# --- outputs that cannot be written -----------------------------------
tpl="$SRCDIR/templates/minimal.xml"
data="$SRCDIR/examples/districts-2024q3.xml"
render "$tpl" "$data" /dev/full
is "$rc" 1 "output on a full disk (/dev/full): exit 1"
contains "$err" "/dev/full: error: cannot write the PDF" "output on a full disk: names the file"

echo x >"$tmp/regular"
render "$tpl" "$data" "$tmp/regular/out.pdf"
is "$rc" 1 "output under a regular file: exit 1"
contains "$err" "regular/out.pdf: error: cannot create the output file: Not a directory" "output under a regular file: names the path and why"

render "$tpl" "$data" "$tmp/missing/out.pdf"
is "$rc" 1 "output in a missing folder: exit 1"
contains "$err" "missing/out.pdf: error: cannot create the output file: No such file or directory" "output in a missing folder: names the path and why"
[ ! -e "$tmp/missing" ]; check $? "output in a missing folder: no folder created"

render "$tpl" "$data" "$tmp/good.pdf"
before=$(sha256sum <"$tmp/good.pdf")
render "$tmp/bar10k.xml" "$tmp/big.xml" "$tmp/good.pdf"
is "$rc" 2 "a failing render over an existing PDF: exit 2"
is "$(sha256sum <"$tmp/good.pdf")" "$before" "a failing render over an existing PDF: the previous PDF intact"
is "$(find "$tmp" -name '.*' -type f | wc -l)" 0 "no temporary files left behind"

# --- hostile articles: jibao extract -------------------------------------
# extract NAME FILE... : jibao extract under the limits; sets rc, err, out, took
extract() {
    local start=$SECONDS
    (limit_memory; timeout "$secs" "$JIBAO" extract "$@") >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    out=$(cat "$tmp/stdout")
    err=$(cat "$tmp/stderr")
    took=$((SECONDS - start))
}
facts() { printf '%s\n' "$out" | tail -n +2 | grep -c .; }
a="$tmp/articles"
mkdir -p "$a"
sample="$SRCDIR/examples/articles/lixia-2024q3.txt"
: >"$a/empty.txt"
printf '  \n\t\n\r\n   \n' >"$a/blank.txt"
for f in empty blank; do
    extract "$a/$f.txt"
    is "$rc" 0 "$f article: exit 0"
    is "$(facts)" 0 "$f article: no facts, only the CSV header"
done

printf '全区生产总值\xff\xfe增长5%%。\n' >"$a/invalid.txt"
extract "$a/invalid.txt"
is "$rc" 1 "invalid UTF-8: exit 1"
contains "$err" "invalid.txt:1:19: error: the byte at byte offset 18 (0xff)" "invalid UTF-8: file, line, column and byte offset"
extract --encoding-errors=replace "$a/invalid.txt"
is "$rc" 0 "invalid UTF-8 with --encoding-errors=replace: exit 0"
contains "$out" "growth,5,%" "invalid UTF-8 with --encoding-errors=replace: the fact after the bad bytes"

printf '增长\xc0\xaf5%%。\n' >"$a/overlong.txt"
extract --encoding utf-8 "$a/overlong.txt"
is "$rc" 1 "overlong UTF-8 (C0 AF): exit 1"
contains "$err" "overlong.txt:1:7: error:" "overlong UTF-8: the position of the overlong sequence"

printf '全区\x00增长5%%。\n' >"$a/nul.txt"
extract "$a/nul.txt"
is "$rc" 1 "a NUL byte: exit 1"
contains "$err" "nul.txt:1:7: error: a NUL byte" "a NUL byte: named, with its position"

head -c 65536 /dev/urandom >"$a/binary.txt"
extract "$a/binary.txt"
is "$rc" 1 "a binary file: exit 1"
contains "$err" "binary.txt:" "a binary file: named"
echo previous >"$a/prev.csv"
extract "$a/binary.txt" -o "$a/prev.csv"
is "$(cat "$a/prev.csv")" previous "a binary file with -o: the previous output intact"
extract "$a/binary.txt" "$sample" -o "$a/both.csv"
is "$rc" 1 "a binary file beside a good one: exit 1"
[ "$(tail -n +2 "$a/both.csv" | grep -c .)" -ge 5 ]; check $? "a binary file beside a good one: the good one's facts written"

want=$("$JIBAO" extract "$sample" | tail -n +2 | cut -d, -f2-8 | sort | sha256sum)
for enc in utf-16 gb18030; do
    iconv -f utf-8 -t "$enc" "$sample" >"$a/$enc.txt"
    extract "$a/$enc.txt"
    is "$rc" 0 "$enc article: exit 0"
    is "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2-8 | sort | sha256sum)" "$want" \
        "$enc article: the same facts as from UTF-8"
done

# Big5 holds traditional characters only: a traditional sentence, against
# its simplified UTF-8 form
printf '全區地區生產總值達到969.8億元，同比增長4.6%%。\n' | iconv -f utf-8 -t big5 >"$a/big5.txt"
printf '全区地区生产总值达到969.8亿元，同比增长4.6%%。\n' >"$a/simplified.txt"
extract "$a/big5.txt"
is "$rc" 0 "Big5 (traditional) article: exit 0"
is "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2-8)" \
    "$("$JIBAO" extract "$a/simplified.txt" | tail -n +2 | cut -d, -f2-8)" \
    "Big5 (traditional) article: the facts of the simplified text"
contains "$out" ",20,全区地区生产总值达到969.8亿元" "Big5 article: offsets in the Big5 file's bytes"

python3 - "$a" <<'PY'
import sys
a = sys.argv[1]
open(f"{a}/digits.txt", "w").write("全区完成投资" + "9" * 400 + "亿元，同比增长5%。\n")
open(f"{a}/nines.txt", "w").write("全区完成投资999999999999999999999999亿元，同比增长5%。\n")
open(f"{a}/nested.html", "w").write("<html><head><title>t</title></head><body>" + "<div>" * 10000 +
    "全区地区生产总值100亿元。" + "</div>" * 10000 + "</body></html>")
open(f"{a}/script.html", "w").write(
    '<html><head><title>简报</title><script>var s="生产总值增长99%";</script>'
    '<style>p:after{content:"增长88%"}</style></head>'
    "<body><p>全区地区生产总值100亿元，同比增长5%。</p></body></html>")
PY
extract "$a/digits.txt"
is "$rc" 0 "a 400-digit number: exit 0"
contains "$out" "growth,5,%" "a 400-digit number: the sentence's other facts still found"
case "$out" in *[0-9][eE][+-]*|*inf*|*nan*) fail "a 400-digit number: no exponent, inf or nan" ;; *) pass "a 400-digit number: no exponent, inf or nan" ;; esac
extract "$a/nines.txt"
contains "$out" "amount,999999999999999999999999,亿元,99999999999999999999999900000000," \
    "999999999999999999999999亿元: value and base exact, no rounding or exponent"
extract "$a/script.html"
is "$(facts)" 2 "HTML with script and style: only the body's two facts"
case "$out" in *99*|*88*) fail "HTML with script and style: nothing from script or style" ;; *) pass "HTML with script and style: nothing from script or style" ;; esac
extract "$a/nested.html"
is "$rc" 1 "HTML nested 10,000 deep: exit 1"
contains "$err" "nested.html: error: HTML nested deeper than 1000 elements at byte offset" "HTML nested 10,000 deep: the limit and where"

# big inputs: a 50 MB single line, 2 million short lines; the one fact at
# the end must carry its exact byte offset. Under AddressSanitizer, 10 MB.
mb=50
[ -n "${ASAN_OPTIONS:-}" ] && mb=10
python3 - "$a" "$mb" <<'PY'
import sys
a, mb = sys.argv[1], int(sys.argv[2])
s = "经济运行总体平稳，"
open(f"{a}/line.txt", "w").write(s * (mb * 1024 * 1024 // len(s.encode())) + "全区地区生产总值100亿元。\n")
open(f"{a}/lines.txt", "w").write("平稳。\n" * 2000000 + "全区地区生产总值100亿元。\n")
PY
for f in line lines; do
    extract "$a/$f.txt"
    is "$rc" 0 "$f.txt ($(($(wc -c <"$a/$f.txt") / 1048576)) MB): exit 0 within ${secs} s and 2 GiB (took ${took} s)"
    offset=$(python3 -c "import sys; print(open(sys.argv[1],'rb').read().find('100'.encode()))" "$a/$f.txt")
    contains "$out" "amount,100,亿元,10000000000,$offset," "$f.txt: the fact at the end, at byte offset $offset"
done

# the article limits, set from the command line
printf '<html><body>' >"$tmp/deep60.html"
for _ in $(seq 60); do printf '<div>' >>"$tmp/deep60.html"; done
printf '增长5%%' >>"$tmp/deep60.html"
run "$JIBAO" extract --limit html-depth=50 "$tmp/deep60.html"
is "$rc" 1 "--limit html-depth=50: a 60-deep article fails (exit 1)"
contains "$err" "(limit html-depth; --limit html-depth=N)" "and the message names the limit and its option"
run "$JIBAO" extract "$tmp/deep60.html"
is "$rc" 0 "the same article within the default html-depth"
run "$JIBAO" extract --limit html-depth=5000 "$tmp/deep60.html"
is "$rc" 2 "html-depth above 2048 is refused (libxml2 would drop text)"
run "$JIBAO" build "$SRCDIR/templates/minimal.xml" --limit article-size=10 -o "$tmp/as.pdf" \
    "$SRCDIR/examples/articles/lixia-2024q3.txt"
is "$rc" 1 "build --limit article-size=10: exit 1"
contains "$err" "(limit article-size; --limit article-size=BYTES)" "naming the limit"
[ ! -e "$tmp/as.pdf" ]
check $? "and no PDF"

done_testing
