# TAP helpers for the end-to-end tests. Each test script sources this file,
# calls the helpers, and ends with done_testing.
set -u
n=0
failed=0
: "${JIBAO:?JIBAO must name the jibao binary}"
: "${SRCDIR:?SRCDIR must name the source tree}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jibao-e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# ok CONDITION-EXIT-STATUS DESCRIPTION
check() { if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi; }

# is GOT WANT DESCRIPTION
is() {
    if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got:      $1" "expected: $2"; fi
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
    case "$1" in
    *"$2"*) pass "$3" ;;
    *) fail "$3" "'$2' not found in:" "$(printf '%s' "$1" | head -c 600)" ;;
    esac
}

# run CMD...: sets $rc, $out (stdout) and $err (stderr)
run() {
    "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    out=$(cat "$tmp/stdout")
    err=$(cat "$tmp/stderr")
}

need() {
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "Bail out! $tool is not installed (README: the install command)"
            exit 1
        fi
    done
}

done_testing() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
}
