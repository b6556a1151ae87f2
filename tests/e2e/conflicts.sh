#!/usr/bin/env bash
# Conflicts: two sources with different values for one entity, indicator
# and period. jibao check reports them; the template's <sources
# conflicts="…"> chooses: mark (default), latest, prefer, error.
. "$(dirname "$0")/lib.sh"
need pdftotext

cat >"$tmp/d.xml" <<'XML'
<dataset version="1">
  <source id="a" file="a.txt"/>
  <source id="b" file="b.txt"/>
  <fact id="x2" source="a" offset="7" entity="乙区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="98.1" unit="亿元"><sentence>乙区地区生产总值98.1亿元。</sentence></fact>
  <fact id="x3" source="b" offset="40" entity="乙区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="99.0" unit="亿元"><sentence>乙区地区生产总值99.0亿元。</sentence></fact>
  <fact id="x4" source="a" offset="60" entity="甲区" indicator="地区生产总值" period="2024Q3"
        kind="amount" value="50.0" unit="亿元"><sentence>甲区地区生产总值50.0亿元。</sentence></fact>
</dataset>
XML
template() {
    cat >"$tmp/t.xml" <<XML
<report version="1">
  <meta><title>t</title></meta>
  <body>
    <p>乙区<value select="fact[@entity='乙区']" unit="true"/>，共<value select="count(fact)"/>条。</p>
    <sources caption="数据来源" $1/>
  </body>
</report>
XML
}
want="conflicting sources for 乙区 地区生产总值 2024Q3: 98.1亿元 (x2, a.txt，第7字节); 99.0亿元 (x3, b.txt，第40字节)"

template ""
run "$JIBAO" check "$tmp/t.xml" -d "$tmp/d.xml"
is "$rc" 0 "check: a conflict is a warning by default"
contains "$err" "t.xml:5:5: warning: $want" "check names both sources, values and offsets"
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/mark.pdf"
text=$(pdftotext "$tmp/mark.pdf" - | tr -d '\n ')
contains "$text" "乙区98.1亿元，共3条" "mark: the template's selection stands"
contains "$text" "第40字节为99.0亿元〕" "mark: the appendix marks the other source"

template 'conflicts="latest"'
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/latest.pdf"
is "$rc" 0 "latest: renders"
text=$(pdftotext "$tmp/latest.pdf" - | tr -d '\n ')
contains "$text" "乙区99.0亿元，共2条" "latest: the source listed last wins; the other is not selectable"
contains "$text" "第7字节为98.1亿元，按最新来源采用本值〕" "latest: marked in the appendix"

template 'conflicts="prefer" prefer="a"'
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/prefer.pdf"
text=$(pdftotext "$tmp/prefer.pdf" - | tr -d '\n ')
contains "$text" "乙区98.1亿元，共2条" "prefer: the preferred source wins"
contains "$text" "按优先来源采用本值" "prefer: marked in the appendix"

template 'conflicts="error"'
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/d.xml" -o "$tmp/error.pdf"
is "$rc" 2 "error: the report fails"
contains "$err" "t.xml:5:5: error: $want (conflicts=\"error\")" "error: at the sources element"
[ ! -e "$tmp/error.pdf" ]
check $? "error: no PDF"

# the dataset is unchanged for the next merge: check sees all three facts
template 'conflicts="latest"'
run "$JIBAO" check "$tmp/t.xml" -d "$tmp/d.xml"
contains "$out" "(3 facts" "withheld facts are put back after the merge"
done_testing
