#!/usr/bin/env bash
# Templates from strangers: every safety rule of the template issue. Each
# hostile template must exit 2 fast (timeout), in bounded memory (ulimit),
# and read nothing outside the template's root (strace, where ptrace works).
. "$(dirname "$0")/lib.sh"

data="$SRCDIR/examples/districts-2024q3.xml"
mkdir -p "$tmp/root" "$tmp/outside"
echo "SECRET-PAYLOAD-7f3a" >"$tmp/outside/secret.txt"
printf '<?xml version="1.0"?>\n<fragment><p>秘密</p></fragment>\n' >"$tmp/outside/part.xml"

# LeakSanitizer cannot run under ptrace: no tracing in sanitizer builds
can_trace=0
if [ -z "${ASAN_OPTIONS:-}" ] && command -v strace >/dev/null &&
    strace -f -qq -e trace=none true 2>/dev/null; then
    can_trace=1
fi

# Address-space limit for the memory checks. AddressSanitizer reserves
# terabytes of shadow address space, so under it (CI's second run sets
# ASAN_OPTIONS) memory is bounded by the sanitizer instead.
limit_memory() {
    [ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 1048576
}

# hostile NAME: run jibao check on $tmp/root/NAME.xml with limits; sets rc/err
hostile() {
    local tpl="$tmp/root/$1.xml"
    local trace=()
    [ "$can_trace" = 1 ] && trace=(strace -f -qq -e trace=open,openat -o "$tmp/trace")
    (
        limit_memory # 1 GiB of address space
        timeout 10 "${trace[@]}" "$JIBAO" check "$tpl" -d "$data"
    ) >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    err=$(cat "$tmp/stderr")
}

# no_outside_reads DESCRIPTION: the trace shows no file under $tmp/outside
no_outside_reads() {
    if [ "$can_trace" != 1 ]; then
        n=$((n + 1))
        echo "ok $n - $1 # SKIP strace cannot trace here"
        return
    fi
    if grep -q "$tmp/outside" "$tmp/trace"; then
        fail "$1" "$(grep "$tmp/outside" "$tmp/trace" | head -3)"
    else
        pass "$1"
    fi
}

cat >"$tmp/root/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY secret SYSTEM "file://$tmp/outside/secret.txt">]>
<report><meta><title>&secret;</title></meta><body/></report>
XML
hostile xxe
is "$rc" 2 "XXE template: exit 2"
contains "$err" "xxe.xml:2:" "XXE template: the DOCTYPE's line"
contains "$err" "DOCTYPE declarations are not allowed" "XXE template: refused for its DOCTYPE"
case "$err" in *SECRET-PAYLOAD*) fail "XXE template: the secret never appears" ;; *) pass "XXE template: the secret never appears" ;; esac
no_outside_reads "XXE template: nothing outside the root is opened"

cat >"$tmp/root/xinclude.xml" <<XML
<?xml version="1.0"?>
<report xmlns:xi="http://www.w3.org/2001/XInclude"><meta><title>t</title></meta>
<body><p><xi:include href="$tmp/outside/secret.txt" parse="text"/></p></body></report>
XML
hostile xinclude
is "$rc" 2 "XInclude template: exit 2"
contains "$err" "xinclude.xml:3:" "XInclude template: the element's line"
no_outside_reads "XInclude template: the included file is never opened"

cat >"$tmp/root/laughs.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<report><meta><title>&lol9;</title></meta><body/></report>
XML
hostile laughs
is "$rc" 2 "billion laughs: exit 2 (within the 10 s timeout and 1 GiB)"
contains "$err" "DOCTYPE declarations are not allowed" "billion laughs: refused at the DOCTYPE"

big=$(head -c 100000 /dev/zero | tr '\0' 'a')
{
    echo '<?xml version="1.0"?>'
    echo "<!DOCTYPE r [<!ENTITY a \"$big\">]>"
    printf '<report><meta><title>'
    for _ in $(seq 2000); do printf '&a;'; done
    echo '</title></meta><body/></report>'
} >"$tmp/root/quadratic.xml"
hostile quadratic
is "$rc" 2 "quadratic blowup: exit 2 (within the 10 s timeout and 1 GiB)"
contains "$err" "DOCTYPE declarations are not allowed" "quadratic blowup: refused at the DOCTYPE"

{
    echo '<?xml version="1.0"?><report><meta><title>t</title></meta><body><p>'
    for _ in $(seq 10000); do printf '<b>'; done
    printf 'x'
    for _ in $(seq 10000); do printf '</b>'; done
    echo '</p></body></report>'
} >"$tmp/root/deep.xml"
hostile deep
is "$rc" 2 "10,000-deep nesting: exit 2 (within the 10 s timeout and 1 GiB)"
contains "$err" "deep.xml:" "10,000-deep nesting: names the file"
contains "$err" "depth" "10,000-deep nesting: says the nesting is too deep"

cat >"$tmp/root/escape.xml" <<'XML'
<?xml version="1.0"?>
<report><meta><title>t</title></meta>
<body>
  <include src="../outside/part.xml"/>
</body></report>
XML
hostile escape
is "$rc" 2 "include outside the root: exit 2"
contains "$err" "escape.xml:4:3: error: include src=\"../outside/part.xml\" is outside the template root" \
    "include outside the root: refused with line and column"
no_outside_reads "include outside the root: the file is never opened"

ln -s "$tmp/outside/part.xml" "$tmp/root/link.xml"
cat >"$tmp/root/symlink.xml" <<'XML'
<?xml version="1.0"?>
<report><meta><title>t</title></meta><body><include src="link.xml"/></body></report>
XML
hostile symlink
is "$rc" 2 "include of a symlink that leads outside the root: exit 2"
contains "$err" "outside the template root" "symlink escape: refused"

# --root widens what may be included, explicitly
run "$JIBAO" check "$tmp/root/escape.xml" -d "$data" --root "$tmp"
is "$rc" 0 "with --root over both folders the include is allowed"

cat >"$tmp/root/selfinclude.xml" <<'XML'
<?xml version="1.0"?>
<fragment><include src="selfinclude.xml"/></fragment>
XML
cat >"$tmp/root/loop.xml" <<'XML'
<?xml version="1.0"?>
<report><meta><title>t</title></meta><body><include src="selfinclude.xml"/></body></report>
XML
hostile loop
is "$rc" 1 "an include that includes itself: stops at the depth limit (exit 1)"
contains "$err" "limit include-depth" "include loop: names the limit"

# an XPath that would take forever: the operation limit stops it
{
    echo '<?xml version="1.0"?><dataset version="1">'
    for i in $(seq 3000); do
        echo "<fact id=\"f$i\" entity=\"区$i\" indicator=\"x\" kind=\"amount\" value=\"$i\"/>"
    done
    echo '</dataset>'
} >"$tmp/big.xml"
cat >"$tmp/root/expensive.xml" <<'XML'
<?xml version="1.0"?>
<report><meta><title>t</title></meta><body>
<p><value select="count(//fact[count(//fact[@value &gt; current-value]) &gt; count(//fact/@value)])"/></p>
</body></report>
XML
(limit_memory; timeout 20 "$JIBAO" check "$tmp/root/expensive.xml" -d "$tmp/big.xml") \
    >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
err=$(cat "$tmp/stderr")
is "$rc" 1 "expensive XPath: stopped by a limit (exit 1), not by the timeout"
contains "$err" "expensive.xml:3:4: error:" "expensive XPath: names the element"
contains "$err" "limit xpath-ops" "expensive XPath: names the limit"
contains "$err" "--limit xpath-ops=N" "expensive XPath: names the option that raises it"
# xpath-time is checked after each evaluation (xpath-ops bounds a single
# one): a limit of 1 µs stops the first binding of any template
(limit_memory; timeout 20 "$JIBAO" check "$SRCDIR/templates/minimal.xml" -d "$data" \
    --limit xpath-time=0.000001) >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
is "$rc" 1 "xpath-time: a render past it stops (exit 1)"
contains "$(cat "$tmp/stderr")" "(limit xpath-time; --limit xpath-time=SECONDS)" "xpath-time: names itself and its option"

# an external DTD: refused like any DOCTYPE, the DTD never opened
printf '<!ELEMENT report ANY>\n' >"$tmp/outside/report.dtd"
cat >"$tmp/root/dtd.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE report SYSTEM "file://$tmp/outside/report.dtd">
<report><meta><title>t</title></meta><body/></report>
XML
hostile dtd
is "$rc" 2 "external DTD: exit 2"
contains "$err" "dtd.xml:2:" "external DTD: the DOCTYPE's line"
no_outside_reads "external DTD: the DTD is never opened"

# malformed: a template cut off in the middle
printf '<?xml version="1.0"?>\n<report><meta><title>t</title></meta>\n<body><p>半句\n' >"$tmp/root/cut.xml"
hostile cut
is "$rc" 2 "truncated template: exit 2"
contains "$err" "cut.xml:4:" "truncated template: the line where it ends"

# a 1 MB attribute: read, checked and rejected or used within the limits
python3 -c "
import sys
open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<report><meta><title>t</title></meta><body>\n<p><value select=\"' + 'fact' + '[1]' * 350000 + '/@value\"/></p>\n</body></report>\n')
" "$tmp/root/huge-attr.xml"
hostile huge-attr
is "$rc" 2 "1 MB attribute (an XPath nested 350,000 deep): exit 2"
contains "$err" "huge-attr.xml:3:" "1 MB attribute: the element's line"
contains "$err" '… (1050011 bytes)": expression too deeply nested' "1 MB attribute: quoted short, with its length and the reason"
[ "${#err}" -lt 400 ]; check $? "1 MB attribute: the message stays one short line (${#err} characters)"

# invalid XPath and XPath that selects nothing
cat >"$tmp/root/badxpath.xml" <<'XML'
<?xml version="1.0"?>
<report><meta><title>t</title></meta><body>
<p><value select="fact[@entity='历城区'"/></p>
<p><value select="fact[@entity='不存在']/@value"/></p>
</body></report>
XML
hostile badxpath
is "$rc" 2 "invalid XPath: exit 2"
contains "$err" "badxpath.xml:3:4: error: select=\"fact[@entity='历城区'\": XPath error at character" "invalid XPath: the element and where in the expression"
contains "$err" "badxpath.xml:4:4: error:" "XPath that selects nothing: reported at its element too (jibao check reports every problem)"
contains "$err" "selects no" "XPath that selects nothing: says so"

done_testing
