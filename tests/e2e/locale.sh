#!/usr/bin/env bash
# Locale independence: the same renders under LC_ALL=C, zh_CN.UTF-8 and
# fr_FR.UTF-8 (decimal comma, grouping by narrow spaces) give byte-identical
# PDFs, SVGs and messages, and the unit tests pass under each. (jibao never
# calls setlocale, so C's printf and strtod rules hold whatever LC_ALL is;
# this test keeps it so, and catches a library that changes it.) Locales missing from the system are compiled
# into a private folder with localedef (LOCPATH), so no root is needed;
# without the locales package's sources a locale is skipped, not failed.
. "$(dirname "$0")/lib.sh"
need sha256sum

export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$tmp/locales"
locales=(C)
# LOCPATH replaces the system's locale archive, so it is set only while
# every locale is a private one; an installed locale is used as installed
private=1
for loc in zh_CN.UTF-8 fr_FR.UTF-8; do
    if command -v localedef >/dev/null &&
        localedef -i "${loc%%.*}" -f UTF-8 "$tmp/locales/$loc" >/dev/null 2>&1; then
        locales+=("$loc")
    elif locale -a 2>/dev/null | grep -qix "${loc/UTF-8/utf8}"; then
        locales+=("$loc")
        private=0
    else
        n=$((n + 1))
        echo "ok $n - $loc # SKIP neither installed nor buildable with localedef (apt install locales)"
    fi
done
if [ "$private" = 1 ]; then
    export LOCPATH="$tmp/locales"
else
    # mixed: use the installed ones only
    locales=(C $(for l in "${locales[@]:1}"; do locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}" && echo "$l"; done))
fi

# the locale really takes: its decimal point
for loc in "${locales[@]}"; do
    point=$(env LC_ALL="$loc" locale decimal_point 2>/dev/null)
    case $loc in
    fr_FR*) is "$point" "," "$loc is in effect (decimal comma)" ;;
    *) is "$point" "." "$loc is in effect (decimal point)" ;;
    esac
done

briefing=(render "$SRCDIR/templates/quarterly-briefing.xml" -d "$SRCDIR/tests/data/typeset/briefing-data.xml")
minimal=(render "$SRCDIR/templates/minimal.xml" -d "$SRCDIR/examples/districts-2024q3.xml")
combo=(chart "$SRCDIR/examples/charts/combo.xml" -d "$SRCDIR/examples/districts-2024q3.xml")
line=(chart "$SRCDIR/examples/charts/line.xml" -d "$SRCDIR/examples/districts-2024q3.xml")
for loc in "${locales[@]}"; do
    d="$tmp/out-$loc"
    mkdir -p "$d"
    j=(env LC_ALL="$loc" "$JIBAO")
    "${j[@]}" "${briefing[@]}" -o "$d/briefing.pdf" 2>"$d/briefing.err"
    "${j[@]}" "${minimal[@]}" -o "$d/minimal.pdf" 2>"$d/minimal.err"
    "${j[@]}" "${combo[@]}" -o "$d/combo.pdf" 2>"$d/combo.err"
    "${j[@]}" "${line[@]}" -o "$d/line.svg" 2>"$d/line.err"
    # messages, and a limit value with a fraction (parsed and printed)
    "${j[@]}" check "$SRCDIR/tests/data/errors/xpath.xml" -d "$SRCDIR/examples/districts-2024q3.xml" \
        >"$d/check.out" 2>"$d/check.err"
    "${j[@]}" render "$SRCDIR/templates/minimal.xml" -d "$SRCDIR/examples/districts-2024q3.xml" \
        --limit render-time=0.0001 -o "$d/late.pdf" >/dev/null 2>"$d/late.err"
    (cd "$d" && sha256sum ./* >"$tmp/sums-$loc")
done
for f in briefing.pdf minimal.pdf combo.pdf line.svg; do
    [ -s "$tmp/out-C/$f" ]; check $? "C: $f written"
done
for loc in "${locales[@]:1}"; do
    if diff "$tmp/sums-C" "$tmp/sums-$loc" >"$tmp/diff"; then
        pass "$loc: every PDF, SVG and message byte-identical to LC_ALL=C"
    else
        fail "$loc: every PDF, SVG and message byte-identical to LC_ALL=C" "$(head -5 "$tmp/diff")"
    fi
done
# the unit tests of the number formatter, merge, charts and rendering under
# each locale (they run under C.UTF-8 in the normal suite)
tests_dir="$(dirname "$JIBAO")/../tests"
for loc in "${locales[@]:1}"; do
    for t in format merge templates chart render; do
        if [ ! -x "$tests_dir/test_$t" ]; then
            n=$((n + 1)); echo "ok $n - $loc: test_$t # SKIP not built"; continue
        fi
        env LC_ALL="$loc" "$tests_dir/test_$t" >"$tmp/unit.out" 2>&1
        check $? "$loc: the $t unit tests pass ($(grep -c '^ok' "$tmp/unit.out") checks)"
    done
done
contains "$(cat "$tmp/out-C/late.err")" "limit of 0.0001 s" "a fractional limit is printed with a decimal point"

done_testing
