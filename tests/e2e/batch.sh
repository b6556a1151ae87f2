#!/usr/bin/env bash
# jibao batch end to end: the example job file, 50 reports with 3 broken,
# up-to-date skipping, kill -9 at random moments, the overlap lock,
# sharding, wall-clock and memory limits, --fail-fast, --dry-run, logs.
. "$(dirname "$0")/lib.sh"
need qpdf pdfinfo flock
export SOURCE_DATE_EPOCH=1700000000
unset JOURNAL_STREAM NO_COLOR

# lines of stderr that are the per-report log (everything but the summary)
summary() { printf '%s\n' "$err" | tail -n 1; }

# ---- the example job file, in a copy of the tree ---------------------------
mkdir -p "$tmp/tree"
cp -r "$SRCDIR/examples" "$SRCDIR/templates" "$tmp/tree/"
run "$JIBAO" batch "$tmp/tree/examples/jobs.xml" -j 2
is "$rc" 0 "examples/jobs.xml: exit 0"
is "$(summary)" "4 written, 0 up to date, 0 failed" "examples/jobs.xml: four reports written"
for pdf in districts-2024Q3.pdf 2024/districts-split-Q3.pdf districts-h1-2024Q2.pdf briefing-2024Q3.pdf; do
    qpdf --check "$tmp/tree/out/batch/$pdf" >/dev/null 2>&1
    check $? "example output $pdf passes qpdf --check"
done
contains "$(pdftotext "$tmp/tree/out/batch/districts-h1-2024Q2.pdf" - | tr -d '\n ')" "631.2亿元" \
    "the first-half report binds its own dataset with period={ytd}"
contains "$(pdftotext "$tmp/tree/out/batch/briefing-2024Q3.pdf" - | tr -d '\n ')" \
    "合计实现地区生产总值5398.7亿元" "the briefing report extracts its article inputs (GB18030, Big5, HTML)"
SOURCE_DATE_EPOCH=1730000000 "$JIBAO" build "$tmp/tree/templates/quarterly-briefing.xml" \
    -p months=2024M01-M09 -p period-name=2024年前三季度 -p period=2024Q1-Q3 \
    -o "$tmp/built.pdf" "$tmp"/tree/examples/articles/*-2024q3.txt "$tmp"/tree/examples/articles/*-2024q3.html
[ -s "$tmp/built.pdf" ]
check $? "jibao build of the same articles works too"
run "$JIBAO" batch "$tmp/tree/examples/jobs.xml"
is "$(summary)" "0 written, 4 up to date, 0 failed" "examples/jobs.xml again: all up to date"

# ---- 50 reports, 3 of them broken ------------------------------------------
w="$tmp/fifty"
mkdir -p "$w/data"
cp "$SRCDIR/templates/minimal.xml" "$w/t.xml"
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<jobs version="1" period="2024Q3" timezone="Asia/Shanghai">'
    for i in $(seq -w 1 50); do
        cp "$SRCDIR/examples/districts-2024q3.xml" "$w/data/d$i.xml"
        echo "  <report id=\"r$i\" template=\"t.xml\" output=\"out/{id}-{period}.pdf\">"
        echo "    <input>data/d$i.xml</input><param name=\"period\" value=\"{ytd}\"/>"
        echo "  </report>"
    done
    echo '</jobs>'
} >"$w/jobs.xml"
rm "$w/data/d07.xml"                                  # missing input
echo '<dataset version="1"><fact' >"$w/data/d23.xml"   # malformed XML
sed -i 's/地区生产总值/工业增加值/g' "$w/data/d41.xml"     # the values the template needs are absent

run "$JIBAO" batch "$w/jobs.xml" -j 2
is "$rc" 1 "50 reports, 3 broken: exit 1"
is "$(summary)" "47 written, 0 up to date, 3 failed" "50 reports, 3 broken: the summary"
contains "$err" "r07: failed: $w/data/d07.xml: error: no input file matches" "missing input named"
printf '%s\n' "$err" | grep -q "^r23: failed: $w/data/d23.xml:[0-9]*:[0-9]*: error: "
check $? "malformed input: file:line:col: error: message"
contains "$err" "r41: failed: $w/t.xml:" "a value the data lacks: the template's line"
is "$(ls "$w/out" | grep -c '\.pdf$')" 47 "47 PDFs written"
[ ! -e "$w/out/r07-2024Q3.pdf" ] && [ ! -e "$w/out/r23-2024Q3.pdf" ] && [ ! -e "$w/out/r41-2024Q3.pdf" ]
check $? "no PDF for the broken reports"
bad=0
for pdf in "$w"/out/*.pdf; do qpdf --check "$pdf" >/dev/null 2>&1 || bad=$((bad + 1)); done
is "$bad" 0 "every written PDF passes qpdf --check"

"$JIBAO" render "$w/t.xml" -d "$w/data/d01.xml" -p period=2024Q1-Q3 -o "$tmp/single.pdf"
cmp -s "$tmp/single.pdf" "$w/out/r01-2024Q3.pdf"
check $? "a batch report is byte-identical to 'jibao render' of the same inputs"

listing() { ls -l --time-style=full-iso "$w/out"; }
before=$(listing)
run "$JIBAO" batch "$w/jobs.xml" -j 2
is "$rc" 1 "second run: still exit 1 (the broken three)"
is "$(summary)" "0 written, 47 up to date, 3 failed" "second run: 47 up to date"
is "$(listing)" "$before" "second run writes nothing"

touch "$w/data/d12.xml"
run "$JIBAO" batch "$w/jobs.xml" -j 2
is "$(summary)" "0 written, 47 up to date, 3 failed" "touch alone: contents unchanged, up to date"
echo '<!-- revised -->' >>"$w/data/d12.xml"
run "$JIBAO" batch "$w/jobs.xml" -j 2
is "$(summary)" "1 written, 46 up to date, 3 failed" "an edited input: one report re-rendered"
contains "$err" "r12: written" "exactly the edited one"

rm "$w/out/r30-2024Q3.pdf"
echo broken >"$w/out/r31-2024Q3.pdf"
run "$JIBAO" batch "$w/jobs.xml"
is "$(summary)" "2 written, 45 up to date, 3 failed" "a deleted and a replaced output are rendered again"

run "$JIBAO" batch "$w/jobs.xml" --force -j 2
is "$(summary)" "47 written, 0 up to date, 3 failed" "--force renders even up-to-date reports"

# ---- --dry-run and --fail-fast ---------------------------------------------
rm "$w/out/r05-2024Q3.pdf"
before=$(listing)
run "$JIBAO" batch "$w/jobs.xml" --dry-run
is "$rc" 1 "--dry-run: exit 1 (a missing input fails even a dry run)"
# a dry run reads the inputs for their digests but parses nothing: the
# malformed r23 and r41 are "to render"
is "$(summary)" "3 to render, 46 up to date, 1 failed" "--dry-run: the summary"
contains "$out" "render r05 $w/out/r05-2024Q3.pdf" "--dry-run lists what it would render"
is "$(listing)" "$before" "--dry-run writes nothing"

run "$JIBAO" batch "$w/jobs.xml" --force --fail-fast
is "$rc" 1 "--fail-fast: exit 1"
is "$(summary)" "6 written, 0 up to date, 1 failed, 43 not run" \
    "--fail-fast: starts nothing after the first failure (r07)"

# ---- sharding: N = 1..5, the union is every report exactly once -------------
for shards in 1 2 3 4 5; do
    ids=""
    for i in $(seq 0 $((shards - 1))); do
        "$JIBAO" batch "$w/jobs.xml" --dry-run --log-format json --shard "$i/$shards" 2>"$tmp/shard.log" >/dev/null
        ids="$ids $(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$tmp/shard.log")"
    done
    all=$(printf '%s\n' $ids | sort)
    is "$(printf '%s\n' "$all" | wc -l)" 50 "--shard i/$shards: 50 reports in all"
    is "$(printf '%s\n' "$all" | uniq | wc -l)" 50 "--shard i/$shards: each exactly once"
done
run "$JIBAO" batch "$w/jobs.xml" --shard 3/3
is "$rc" 2 "--shard 3/3 is refused"

# ---- logs -------------------------------------------------------------------
run "$JIBAO" batch "$w/jobs.xml" --log-format json
printf '%s\n' "$err" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows[-1]["summary"]["up_to_date"] == 47 and rows[-1]["summary"]["failed"] == 3
assert {r["id"] for r in rows[:-1] if r["outcome"] == "failed"} == {"r07", "r23", "r41"}
assert all(r["error"]["message"] for r in rows[:-1] if r["outcome"] == "failed")'
check $? "--log-format json: one JSON object per report and a summary"

"$JIBAO" batch "$w/jobs.xml" 2>"$tmp/journal.log"
JOURNAL_STREAM=$(stat -c '%d:%i' "$tmp/journal.log") "$JIBAO" batch "$w/jobs.xml" 2>>"$tmp/journal.log"
plain=$(grep -c '^r[0-9]*: ' "$tmp/journal.log")
is "$plain" 50 "without the journal: no priority prefixes"
is "$(grep -c '^<3>r[0-9]*: failed' "$tmp/journal.log")" 3 "journal: failures at priority 3"
is "$(grep -c '^<6>r[0-9]*: up to date' "$tmp/journal.log")" 47 "journal: the rest at priority 6"
contains "$(tail -n 1 "$tmp/journal.log")" "<4>0 written, 47 up to date, 3 failed" \
    "journal: the summary of a failed run at priority 4"
if ! grep -q $'\r' "$tmp/journal.log" && ! grep -q $'\033' "$tmp/journal.log"; then
    pass "not a terminal: no progress bar, no colour"
else
    fail "not a terminal: no progress bar, no colour"
fi
if script -qec true /dev/null >/dev/null 2>&1; then
    script -qec "'$JIBAO' batch '$w/jobs.xml' --force -j 2" /dev/null >"$tmp/tty.log" 2>&1
    contains "$(cat "$tmp/tty.log")" "50/50" "on a terminal: a progress bar"
    contains "$(cat "$tmp/tty.log")" $'\033[31mfailed' "on a terminal: failures in colour"
    NO_COLOR=1 script -qec "'$JIBAO' batch '$w/jobs.xml'" /dev/null >"$tmp/tty.log" 2>&1
    if grep -q $'\033\\[3' "$tmp/tty.log"; then fail "NO_COLOR: no colour"; else pass "NO_COLOR: no colour"; fi
fi

# ---- periods from SOURCE_DATE_EPOCH in the job's time zone ----------------
# 2024-07-01 00:30 in Shanghai is 2024-06-30 16:30 UTC
cat >"$tmp/period.xml" <<'EOF'
<?xml version="1.0"?>
<jobs version="1" timezone="Asia/Shanghai" period="last-quarter">
  <report id="q" template="t.xml" output="{year}/{id}-{period}-{date}.pdf"><input>d.xml</input></report>
  <report id="m" template="t.xml" output="{id}-{period}-{ytd}.pdf" period="last-month"><input>d.xml</input></report>
</jobs>
EOF
cp "$SRCDIR/templates/minimal.xml" "$tmp/t.xml"
cp "$SRCDIR/examples/districts-2024q3.xml" "$tmp/d.xml"
SOURCE_DATE_EPOCH=1719765000 run "$JIBAO" batch "$tmp/period.xml" --dry-run
contains "$out" "render q $tmp/2024/q-2024Q2-2024-07-01.pdf" "last-quarter and {date} in Asia/Shanghai"
contains "$out" "render m $tmp/m-2024M06-2024M01-M06.pdf" "last-month and {ytd}"
sed -i 's|Asia/Shanghai|UTC|' "$tmp/period.xml"
SOURCE_DATE_EPOCH=1719765000 run "$JIBAO" batch "$tmp/period.xml" --dry-run
contains "$out" "render q $tmp/2024/q-2024Q1-2024-06-30.pdf" "the same moment in UTC: still June"

# ---- corrections files: applied, and part of the digest ---------------------
c="$tmp/corr"
mkdir -p "$c"
cp "$SRCDIR/templates/minimal.xml" "$c/t.xml"
cp "$SRCDIR/examples/districts-2024q3.xml" "$c/d.xml"
echo '<corrections by="审核人"><correct fact="f1" value="970.2"/></corrections>' >"$c/fix.xml"
cat >"$c/jobs.xml" <<'EOF'
<?xml version="1.0"?>
<jobs version="1" period="2024Q3">
  <report id="fixed" template="t.xml" output="{id}.pdf">
    <input>d.xml</input><corrections>fix.xml</corrections><param name="period" value="{ytd}"/>
  </report>
</jobs>
EOF
run "$JIBAO" batch "$c/jobs.xml"
is "$(summary)" "1 written, 0 up to date, 0 failed" "a report with a corrections file is written"
contains "$(pdftotext "$c/fixed.pdf" - | tr -d '\n ')" "970.2亿元" "the corrected value is in the PDF"
sed -i 's/970.2/970.3/' "$c/fix.xml"
run "$JIBAO" batch "$c/jobs.xml"
is "$(summary)" "1 written, 0 up to date, 0 failed" "an edited corrections file re-renders the report"

# ---- bad job files: exit 2 with file:line:col --------------------------------
printf '<?xml version="1.0"?>\n<jobs version="1">\n  <report id="x"\n</jobs>\n' >"$tmp/bad.xml"
run "$JIBAO" batch "$tmp/bad.xml"
is "$rc" 2 "malformed job file: exit 2"
contains "$err" "$tmp/bad.xml:4:" "malformed job file: file:line:col"
printf '<?xml version="1.0"?>\n<jobs version="1">\n  <report id="x" output="x.pdf"/>\n</jobs>\n' >"$tmp/bad.xml"
run "$JIBAO" batch "$tmp/bad.xml"
is "$rc" 2 "job file without a template: exit 2"
contains "$err" "$tmp/bad.xml:3:3: error:" "schema violation: file:line:col"
run "$JIBAO" batch "$tmp/no-such-jobs.xml"
is "$rc" 2 "missing job file: exit 2"
run "$JIBAO" batch "$w/jobs.xml" -j 0
is "$rc" 2 "-j 0: exit 2"

# ---- limits: a stuck and a runaway report are stopped, the rest complete ----
l="$tmp/limits"
mkdir -p "$l"
cp "$SRCDIR/templates/minimal.xml" "$l/t.xml"
cp "$SRCDIR/examples/districts-2024q3.xml" "$l/d.xml"
mkfifo "$l/never.xml"           # a read that never returns (a hung mount, say)
truncate -s 300M "$l/huge.xml"  # far more than the memory limit
cat >"$l/jobs.xml" <<'EOF'
<?xml version="1.0"?>
<jobs version="1" period="2024Q3">
  <report id="a" template="t.xml" output="out/{id}.pdf"><input>d.xml</input><param name="period" value="{ytd}"/></report>
  <report id="stuck" template="t.xml" output="out/{id}.pdf" timeout="1"><input>never.xml</input></report>
  <report id="b" template="t.xml" output="out/{id}.pdf"><input>d.xml</input><param name="period" value="{ytd}"/></report>
  <report id="hog" template="t.xml" output="out/{id}.pdf" memory="64"><input>huge.xml</input></report>
  <report id="c" template="t.xml" output="out/{id}.pdf"><input>d.xml</input><param name="period" value="{ytd}"/></report>
</jobs>
EOF
asan=0
ldd "$JIBAO" 2>/dev/null | grep -q libasan && asan=1
run "$JIBAO" batch "$l/jobs.xml" -j 2
is "$rc" 1 "limits: exit 1"
contains "$err" "stuck: killed: $l/out/stuck.pdf: error: the wall-clock limit of 1 s was reached" \
    "the stuck report is killed at its wall-clock limit and reported"
if [ "$asan" = 0 ]; then
    contains "$err" "hog: failed: $l/huge.xml: error: cannot read: Could not allocate" \
        "the runaway report is stopped by its memory limit"
    is "$(summary)" "3 written, 0 up to date, 2 failed" "limits: the other three complete"
fi
[ -s "$l/out/a.pdf" ] && [ -s "$l/out/b.pdf" ] && [ -s "$l/out/c.pdf" ] && [ ! -e "$l/out/stuck.pdf" ]
check $? "limits: the other reports are written, the stuck one is not"
is "$(ls -A "$l/out" | grep -c '^\.')" 0 "limits: no temporary files left"

# --timeout and --memory override the job file's limits
sed -i 's/ timeout="1"//; s/ memory="64"//' "$l/jobs.xml"
rm -rf "$l/out"
run "$JIBAO" batch "$l/jobs.xml" -j 2 --timeout 5 --memory 64 --log-format json
contains "$err" '"id":"stuck","outcome":"failed"' "--timeout 5: the stuck report fails"
contains "$err" '"killed":true' "--timeout 5: killed, says the JSON log"
contains "$err" "the wall-clock limit of 5 s was reached" "--timeout 5 overrides the job file's 600 s"
if [ "$asan" = 0 ]; then
    contains "$err" "Could not allocate" "--memory 64 overrides the job file's default"
fi

# ---- the overlap lock --------------------------------------------------------
o="$tmp/lock"
mkdir -p "$o"
cp "$SRCDIR/templates/minimal.xml" "$o/t.xml"
mkfifo "$o/gate.xml"
cat >"$o/jobs.xml" <<'EOF'
<?xml version="1.0"?>
<jobs version="1" period="2024Q3">
  <report id="gated" template="t.xml" output="out/{id}.pdf" timeout="120"><input>gate.xml</input></report>
</jobs>
EOF
"$JIBAO" batch "$o/jobs.xml" 2>"$tmp/first.log" &
first=$!
# wait until the first run holds the lock (its PID is written into the lock file)
for _ in $(seq 1200); do [ "$(cat "$o/jobs.xml.lock" 2>/dev/null)" = "$first" ] && break; sleep 0.05; done
run "$JIBAO" batch "$o/jobs.xml"
is "$rc" 75 "a second run while the first holds the lock: exit 75"
contains "$err" "another run holds the lock file $o/jobs.xml.lock (pid $first)" \
    "names the lock file and the holder's PID"
[ ! -e "$o/out" ]
check $? "the second run writes nothing"
# a holder killed with SIGKILL leaves no stale lock (its workers die with it
# and hold the lock until then: flock(1) waits for them)
{ kill -9 "$first" && wait "$first"; } 2>/dev/null
flock "$o/jobs.xml.lock" true
rm "$o/gate.xml"
cp "$SRCDIR/examples/districts-2024q3.xml" "$o/gate.xml"
run "$JIBAO" batch "$o/jobs.xml"
is "$rc" 0 "after it, the next run takes the lock (no stale lock)"

# ---- kill -9 at random moments ----------------------------------------------
k="$tmp/kill"
mkdir -p "$k"
cp "$SRCDIR/templates/minimal.xml" "$k/t.xml"
cp "$SRCDIR/examples/districts-2024q3.xml" "$k/d.xml"
{
    echo '<?xml version="1.0"?><jobs version="1" period="2024Q3">'
    for i in 1 2 3 4 5 6; do
        echo "<report id=\"k$i\" template=\"t.xml\" output=\"out/k$i.pdf\"><input>d.xml</input><param name=\"period\" value=\"{ytd}\"/></report>"
    done
    echo '</jobs>'
} >"$k/jobs.xml"
"$JIBAO" batch "$k/jobs.xml" -j 2 2>/dev/null
mkdir -p "$k/good"
cp "$k"/out/*.pdf "$k/good/"
rm "$k/out/k5.pdf" "$k/out/k6.pdf"  # two targets start absent
problems=0
left=0
for round in $(seq 50); do
    SOURCE_DATE_EPOCH=$((1700000000 + round)) "$JIBAO" batch "$k/jobs.xml" --force -j 2 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # the workers die with their parent and hold the lock until then
    flock "$k/jobs.xml.lock" true
    for i in 1 2 3 4 5 6; do
        t="$k/out/k$i.pdf"
        [ -e "$t" ] || continue
        cmp -s "$t" "$k/good/k$i.pdf" && continue
        qpdf --check "$t" >/dev/null 2>&1 && continue
        problems=$((problems + 1))
        echo "# round $round: k$i.pdf is neither absent, the previous version nor a valid PDF"
    done
    # a kill between naming the temporary file and the rename leaves it
    # behind; the next run (holding the lock) sweeps it away, below
    left=$((left + $(ls -A "$k/out" | grep -c '^\.')))
done
is "$problems" 0 "50 kill -9 at random moments: every target absent, previous or a complete PDF"
echo "# temporary files seen right after a kill: $left (in 50 rounds)"
touch "$k/out/.k1.pdf.x"        # not a temporary file of jibao's: kept
touch "$k/out/.k2.pdf.1a2b3c4d" # as a kill between link and rename leaves it
run "$JIBAO" batch "$k/jobs.xml" -j 2 --force
is "$rc" 0 "after the kills, a normal run completes"
is "$(ls -A "$k/out" | grep '^\.' | tr '\n' ' ')" ".k1.pdf.x " "and leaves no temporary file of a killed run behind"

# the library's limits for every report: --limit
run "$JIBAO" batch "$tmp/tree/examples/jobs.xml" --force --limit table-rows=2
is "$rc" 1 "--limit table-rows=2: the briefing report fails (exit 1)"
contains "$err" "(limit table-rows; --limit table-rows=N)" "naming the limit"
contains "$(summary)" "1 failed" "the other reports still run"
run "$JIBAO" batch "$tmp/tree/examples/jobs.xml" --limit memory=5
is "$rc" 2 "--limit memory in batch: usage error pointing to --memory"

done_testing
