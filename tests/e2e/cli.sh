#!/usr/bin/env bash
# The command line: help on every command, version, exit codes, fonts,
# check, and the exact error text for a malformed template.
. "$(dirname "$0")/lib.sh"

for cmd in extract render build check chart batch fonts; do
    run "$JIBAO" "$cmd" --help
    is "$rc" 0 "jibao $cmd --help exits 0"
    contains "$out" "Usage: jibao $cmd" "jibao $cmd --help shows its usage"
done

run "$JIBAO" --help
is "$rc" 0 "jibao --help exits 0"
contains "$out" "Exit status: 0 success, 1 a report failed" "the help documents exit codes"

run "$JIBAO"
is "$rc" 2 "no command: exit 2"

run "$JIBAO" frobnicate
is "$rc" 2 "unknown command: exit 2"
contains "$err" "unknown command 'frobnicate'" "unknown command named"

run "$JIBAO" render --bogus
is "$rc" 2 "unknown option: exit 2"
contains "$err" "unknown option '--bogus'" "unknown option named"

run "$JIBAO" render "$SRCDIR/templates/minimal.xml"
is "$rc" 2 "render without -o: exit 2"
contains "$err" "missing -o OUT.pdf" "says -o is missing"

run "$JIBAO" render "$SRCDIR/templates/minimal.xml" -p noequals -o "$tmp/x.pdf"
is "$rc" 2 "--param without = : exit 2"

run "$JIBAO" --version
is "$rc" 0 "--version exits 0"
contains "$out" "jibao 0." "--version prints jibao's version"
run "$JIBAO" --version --verbose
for lib in cairo pango harfbuzz libxml2 fontconfig; do
    contains "$out" "$lib " "--version --verbose prints the $lib version"
done


# fonts: jibao's own configuration, Noto CJK SC faces
run "$JIBAO" fonts
is "$rc" 0 "jibao fonts exits 0"
contains "$out" "Noto Sans CJK SC" "resolves Noto Sans CJK SC"
contains "$out" "Noto Serif CJK SC" "resolves Noto Serif CJK SC"
contains "$out" "$SRCDIR/fonts/fonts.conf" "from jibao's own fonts/fonts.conf"

mkdir -p "$tmp/nofonts"
echo '<?xml version="1.0"?><fontconfig></fontconfig>' >"$tmp/nofonts/fonts.conf"
JIBAO_FONTS_DIR="$tmp/nofonts" run "$JIBAO" fonts
is "$rc" 2 "no CJK font: exit 2"
contains "$err" "install the Debian package fonts-noto-cjk" "no CJK font: names the package"
JIBAO_FONTS_DIR="$tmp/nofonts" run "$JIBAO" render "$SRCDIR/templates/minimal.xml" \
    -d "$SRCDIR/examples/districts-2024q3.xml" -o "$tmp/nofont.pdf"
is "$rc" 2 "render without CJK font: exit 2"
[ ! -e "$tmp/nofont.pdf" ]
check $? "render without CJK font: no output file"

# check: validates and evaluates, renders nothing
run "$JIBAO" check "$SRCDIR/templates/minimal.xml" -d "$SRCDIR/examples/districts-2024q3.xml"
is "$rc" 0 "check of the minimal template passes"
contains "$out" "ok (6 facts from 1 datasets)" "check reports what it checked"

run "$JIBAO" check "$SRCDIR/templates/minimal.xml"
is "$rc" 2 "check without data: the bound values select nothing, exit 2"
contains "$err" "minimal.xml:" "the error names the template"

# data from CSV and an analyst's corrections, through the command line
cat >"$tmp/facts.csv" <<'CSV'
doc,entity,indicator,period,kind,value,unit
csv.txt,历城区,地区生产总值,2024Q1-Q3,amount,969.8,亿元
csv.txt,历城区,地区生产总值,2024Q1-Q3,growth,4.6,%
CSV
cat >"$tmp/fix.xml" <<'XML'
<corrections by="审核人"><correct entity="历城区" indicator="地区生产总值" period="2024Q1-Q3" kind="amount" value="970.2"/></corrections>
XML
cat >"$tmp/t.xml" <<'XML'
<report><meta><title>t</title></meta><param name="who"/>
<body><p><value select="fact[@entity=$who and @kind='amount']"/>，<value select="fact[@entity=$who and @kind='amount']/@corrected-by"/>，<value select="fact[@entity='x']" optional="true"/></p></body></report>
XML
run "$JIBAO" check "$tmp/t.xml" -d "$tmp/facts.csv" -c "$tmp/fix.xml" -p who=历城区
is "$rc" 0 "check with CSV data and corrections passes"
contains "$err" "t.xml:2:136: warning: select=\"fact[@entity='x']\" selects nothing: printed as —" \
    "an optional value that selects nothing is a warning with line and column"
SOURCE_DATE_EPOCH=1 run "$JIBAO" render "$tmp/t.xml" -d "$tmp/facts.csv" -c "$tmp/fix.xml" -p who=历城区 -o "$tmp/t.pdf"
is "$rc" 0 "render with CSV data and corrections"
contains "$(pdftotext "$tmp/t.pdf" - 2>/dev/null)" "970.2，审核人，—" "the corrected value and who corrected it are printed"
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/facts.csv" -o "$tmp/t2.pdf"
is "$rc" 2 "a required parameter left unset: exit 2"
contains "$err" "t.xml:1:38: error: parameter 'who' is required: set it with --param who=VALUE" \
    "names the parameter and how to set it"
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/facts.csv" -p who=x -p whom=y -o "$tmp/t2.pdf"
is "$rc" 2 "an undeclared --param: exit 2"
contains "$err" "--param whom: the template declares no such parameter" "names the stray parameter"
run "$JIBAO" render "$tmp/t.xml" -d "$tmp/facts.csv" -p who=x --time-limit abc -o "$tmp/t2.pdf"
is "$rc" 2 "a malformed --time-limit: exit 2"

# golden error texts: every problem with line and column
cd "$SRCDIR/tests/data/errors" || exit 1
for tpl in *.xml; do
    base=${tpl%.xml}
    [ -f "$base.stderr" ] || continue
    want_rc=$(cat "$base.rc" 2>/dev/null || echo 2)
    run "$JIBAO" check "$tpl" -d ../../../examples/districts-2024q3.xml
    is "$rc" "$want_rc" "check $tpl exits $want_rc"
    is "$err" "$(cat "$base.stderr")" "check $tpl prints tests/data/errors/$base.stderr"
done

done_testing
