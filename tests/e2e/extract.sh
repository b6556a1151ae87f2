#!/usr/bin/env bash
# jibao extract and jibao build end to end: formats, exit codes, errors with
# file:line:col, standard input, atomic output.
. "$(dirname "$0")/lib.sh"

printf '2024年，天桥区完成投资86.5亿元，同比增长5%%。\n全区新增企业1,200家。\n' >"$tmp/a.txt"

run "$JIBAO" extract "$tmp/a.txt"
is "$rc" 0 "extract exits 0"
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "doc,entity,indicator,period,kind,value,unit,value_base,offset,sentence" \
    "CSV header: the columns of contract 1, in order"
contains "$out" "a.txt,天桥区,完成投资,2024,amount,86.5,亿元,8650000000,31," "amount row with offset and base"
contains "$out" "a.txt,天桥区,新增企业数,2024,count,1200,家,," "thousands separator read, entity carried"
is "$(printf '%s\n' "$out" | wc -l)" 4 "three facts and a header"

run "$JIBAO" extract --format xml "$tmp/a.txt"
is "$rc" 0 "xml exits 0"
contains "$out" '<source id="s1" file="a.txt"' "the dataset names its source"
contains "$out" 'indicator="完成投资" period="2024" kind="amount" value="86.5" unit="亿元" base="8650000000"' \
    "the dataset fact"
printf '%s\n' "$out" >"$tmp/a.xml"
need xmllint
run xmllint --noout --relaxng "$SRCDIR/data/dataset.rng" "$tmp/a.xml"
is "$rc" 0 "the dataset is valid against data/dataset.rng"

run "$JIBAO" extract -f json "$tmp/a.txt"
run "$JIBAO" extract -f json "$tmp/a.txt"
run "$JIBAO" extract -f json "$tmp/a.txt"
contains "$out" '"value": "86.5", "doc": "a.txt", "entity": "天桥区"' "JSON object per fact"
python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==3' <<<"$out"
check $? "JSON parses, three facts"

run "$JIBAO" extract - <"$tmp/a.txt"
contains "$out" "stdin,天桥区,完成投资" "standard input is read as '-'"

printf '说明,"引号",测试：投资5亿元\n' >"$tmp/q.txt"
run "$JIBAO" extract "$tmp/q.txt"
contains "$out" '"说明，""引号""，测试：投资5亿元"' "RFC 4180 quoting of the sentence (quotes doubled)"

run "$JIBAO" extract -o "$tmp/out.csv" "$tmp/a.txt"
is "$rc" 0 "-o exits 0"
is "$out" "" "-o prints nothing"
contains "$(cat "$tmp/out.csv")" "天桥区,完成投资" "-o writes the file"
is "$(ls "$tmp" | grep -c '^\.\|tmp')" 0 "no temporary file left beside the output"

printf '完成投资80亿元\n\xe4\xb8 坏\n' >"$tmp/bad.txt"
run "$JIBAO" extract "$tmp/bad.txt"
is "$rc" 1 "invalid UTF-8: exit 1"
contains "$err" "bad.txt:2:1: error: the byte at byte offset 21 (0xe4) is not UTF-8" "file:line:col and byte offset"
run "$JIBAO" extract --encoding-errors=replace "$tmp/bad.txt"
is "$rc" 0 "--encoding-errors=replace: exit 0"

run "$JIBAO" extract "$tmp/missing.txt" "$tmp/a.txt"
is "$rc" 1 "a missing file: exit 1"
contains "$out" "a.txt,天桥区" "the other files are still extracted"

run "$JIBAO" extract --encoding=klingon "$tmp/a.txt"
is "$rc" 2 "unknown encoding: exit 2"
run "$JIBAO" extract --format=pdf "$tmp/a.txt"
is "$rc" 2 "unknown format: exit 2"
contains "$err" "unknown format 'pdf'" "named"
run "$JIBAO" extract
is "$rc" 2 "no FILE: exit 2"

: >"$tmp/empty.txt"
run "$JIBAO" extract "$tmp/empty.txt"
is "$rc" 0 "empty file: exit 0"
is "$(printf '%s\n' "$out" | wc -l)" 1 "empty file: header only"

head -c 3000 /dev/urandom >"$tmp/bin.dat" 2>/dev/null
printf '\0\0' >>"$tmp/bin.dat"
run "$JIBAO" extract "$tmp/bin.dat"
is "$rc" 1 "binary data: exit 1"
contains "$err" "bin.dat:" "binary data: error names the file"

printf '<html><body>' >"$tmp/deep.html"
for _ in $(seq 10000); do printf '<div>'; done >>"$tmp/deep.html"
run timeout 20 "$JIBAO" extract "$tmp/deep.html"
is "$rc" 1 "HTML nested 10,000 deep: exit 1, in bounded time"
contains "$err" "nested deeper than" "says why"

# HTML: decoded by jibao, whatever its <meta> label says
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>简报</title></head><body><p>2024年，槐荫区完成投资60亿元。</p><script>x="5个"</script></body></html>' |
    iconv -f UTF-8 -t GB18030 >"$tmp/gb.html"
run "$JIBAO" extract -f xml "$tmp/gb.html"
contains "$out" 'entity="槐荫区" indicator="完成投资" period="2024" kind="amount" value="60"' "GB2312-labelled HTML"
contains "$out" 'title="简报" encoding="gb18030"' "its title and encoding in the source"
printf '<html><head><meta charset="big5"></head><body><p>2024年，槐荫区完成投资60亿元。</p></body></html>' >"$tmp/u8.html"
run "$JIBAO" extract "$tmp/u8.html"
contains "$out" "u8.html,槐荫区,完成投资,2024,amount,60,亿元,6000000000,80," "UTF-8 HTML with a wrong label, offset in the file"

# build: extract then render
cat >"$tmp/t.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<report version="1">
  <meta><title>投资简报</title></meta>
  <page size="A4" margin="25mm"/>
  <body>
    <p>天桥区完成投资<value select="fact[@entity='天桥区' and @indicator='完成投资' and @kind='amount']" format="0.0"/>亿元。</p>
  </body>
</report>
XML
run "$JIBAO" build "$tmp/t.xml" -o "$tmp/b.pdf" "$tmp/a.txt"
if [ "$rc" -eq 0 ]; then
    pass "build exits 0"
    need pdftotext
    contains "$(pdftotext "$tmp/b.pdf" - 2>/dev/null | tr -d ' \n')" "天桥区完成投资86.5亿元" \
        "build binds the extracted value"
else
    fail "build exits 0" "$err"
fi
run "$JIBAO" build "$tmp/t.xml" "$tmp/a.txt"
is "$rc" 2 "build without -o: exit 2"

done_testing
