#!/usr/bin/env bash
# Narration end to end: the quarterly briefing's narrated sentences, read
# back from the PDF with pdftotext, print the dataset's numbers; mixed
# units are refused at the <narrate> element's line.
. "$(dirname "$0")/lib.sh"
need pdftotext python3

data="$SRCDIR/tests/data/typeset/briefing-data.xml"
run "$JIBAO" render "$SRCDIR/templates/quarterly-briefing.xml" -d "$data" -o "$tmp/b.pdf"
is "$rc" 0 "quarterly briefing renders"
pdftotext "$tmp/b.pdf" "$tmp/b.txt"

# every number of a narrated sentence equals the dataset's value for the
# entity it is printed with (and the derived share and gap are recomputed)
run python3 - "$data" "$tmp/b.txt" <<'PY'
import re, sys, xml.etree.ElementTree as ET
facts = {}
for f in ET.parse(sys.argv[1]).getroot().iter('fact'):
    facts[(f.get('entity'), f.get('indicator'), f.get('kind'))] = f.get('value')
text = re.sub(r'\s+', '', open(sys.argv[2], encoding='utf-8').read())
checked = 0
def same(entity, indicator, kind, printed, sign=1):
    global checked
    want = facts[(entity, indicator, kind)]
    if float(want) != sign * float(printed):
        sys.exit(f'{entity} {indicator}: printed {printed}, dataset {want}')
    checked += 1
m = re.search(r'地区生产总值以(\w+?)居首，为([\d.]+)亿元，占5个城区合计的([\d.]+)%。其余依次为(.*?)。(\w+?)最低，为([\d.]+)亿元', text)
if not m:
    sys.exit('the GDP narration is missing')
same(m[1], '地区生产总值', 'amount', m[2])
for e, v in re.findall(r'(\w+?)（([\d.]+)亿元）', m[4]):
    same(e, '地区生产总值', 'amount', v)
same(m[5], '地区生产总值', 'amount', m[6])
gdp = [float(v) for (e, i, k), v in facts.items() if i == '地区生产总值' and k == 'amount' and e != '济南市']
if abs(float(m[3]) - round(max(gdp) / sum(gdp) * 100, 1)) > 1e-9:
    sys.exit(f'share {m[3]} is not {max(gdp) / sum(gdp) * 100:.1f}')
m = re.search(r'从固定资产投资增速看，(\w+?)最快，同比(增长|下降)([\d.]+)%；(\w+?)降幅最大，同比下降([\d.]+)%，两者相差([\d.]+)个百分点', text)
if not m:
    sys.exit('the investment narration is missing')
same(m[1], '固定资产投资', 'growth', m[3], 1 if m[2] == '增长' else -1)
same(m[4], '固定资产投资', 'growth', m[5], -1)
gap = float(facts[(m[1], '固定资产投资', 'growth')]) - float(facts[(m[4], '固定资产投资', 'growth')])
if f'{gap:.1f}' != m[6]:
    sys.exit(f'gap {m[6]} is not {gap:.1f}')
print(checked)
PY
is "$rc" 0 "narrated numbers equal the dataset's ($err)"
is "$out" "7" "seven narrated values checked"

# a chart narrated (<narrate chart="previous"/>): its computed values
text=$(tr -d '\n ' <"$tmp/b.txt")
contains "$text" "市中区完成投资位居第一，达到314.3亿元，占5个城区合计的30.6%。" \
    "the hbar chart of 重点项目完成投资 is narrated from its series"
contains "$text" "历城区居末，为101.8亿元，最高者是最低者的3.1倍。" "down to the laggard"

# the summary under 总体情况: source sentences, the article cited
text=$(tr -d '\n ' <"$tmp/b.txt")
contains "$text" "稳中有进，服务业支撑有力，重点项目建设加快推进。历下区地区生产总值为1702.3亿元。" \
    "the summary follows the lead with a source sentence"
contains "$text" "。（《样例数据（排版测试）》）" "and cites its article by title"

# mixed units: refused, with the template line
cat >"$tmp/mixed.xml" <<'XML'
<dataset version="1">
  <fact id="a" entity="甲区" indicator="完成投资" kind="amount" value="236.2" unit="亿元"/>
  <fact id="b" entity="乙区" indicator="完成投资" kind="amount" value="98000" unit="万元"/>
</dataset>
XML
cat >"$tmp/t.xml" <<'XML'
<report version="1">
  <meta><title>t</title></meta>
  <body>
    <narrate select="fact"/>
  </body>
</report>
XML
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/mixed.xml" -o "$tmp/m.pdf"
is "$rc" 2 "mixed units: exit 2 (data the user must fix)"
contains "$err" "t.xml:4:" "the error names the narrate element's line"
contains "$err" "mixed units refused: 236.2亿元 (甲区) and 98000万元 (乙区)" "and why"
done_testing
