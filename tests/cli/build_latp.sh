#!/usr/bin/env bash
# pawsorb build latp-bulk: files, messages, exit codes; the structure cross-checked by
# ASE (tests/reference/build_latp_ase.py) and spglib's Python binding when present.
set -u
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3

"$PAWSORB" build latp-bulk --x 0 -o "$t/ltp.xyz" > "$t/ltp.out" 2>&1
check "latp-bulk --x 0 exits 0" '[ $? -eq 0 ]'
"$PAWSORB" build latp-bulk -o "$t/latp.xyz" > "$t/latp.out" 2>&1
check "latp-bulk (x = 1/3) exits 0" '[ $? -eq 0 ]'
check "prints the number of candidates tried" 'grep -q "candidates tried" "$t/latp.out"'
check "prints the formula" 'grep -q "Li8Al2Ti10P18O72" "$t/latp.out"'
if [ -x $py ] && $py -c 'import ase' 2>/dev/null; then
    $py "$PAWSORB_SRCDIR/tests/reference/build_latp_ase.py" "$t/ltp.xyz" "$t/latp.xyz" | sed 's/^\(not \)\{0,1\}ok [0-9]* - /&ASE: /' > "$t/ase.tap"
    while read -r line; do
        case $line in
            ok*) n=$((n + 1)); echo "ok $n - ${line#ok * - }" ;;
            "not ok"*) n=$((n + 1)); echo "not ok $n - ${line#not ok * - }" ;;
        esac
    done < "$t/ase.tap"
fi
"$PAWSORB" build latp-bulk --x 0.3 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--x 0.3 (not whole Al count) exits 1" '[ $rc -eq 1 ]'
check "message names --x and the value" 'grep -q -- "--x 0.3" "$t/bad.out"'
"$PAWSORB" build latp-bulk --repeat 1 two 1 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--repeat 1 two 1 exits 1 naming the value" '[ $rc -eq 1 ] && grep -q "two" "$t/bad.out"'
"$PAWSORB" build latp-bulk --x 0 --repeat 1 1 2 -o "$t/rep.xyz" > /dev/null 2>&1
check "--repeat 1 1 2 gives 216 atoms" '[ "$(head -1 "$t/rep.xyz")" = 216 ]'
"$PAWSORB" build no-such-thing > "$t/bad.out" 2>&1; rc=$?
check "unknown builder exits 1" '[ $rc -eq 1 ] && grep -q "no-such-thing" "$t/bad.out"'
echo "1..$n"
