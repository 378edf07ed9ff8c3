#!/usr/bin/env bash
# pawsorb build latp001: presets and options, checked by ASE (tests/reference/build_slab_check.py).
set -u
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
relay() {  # renumbers TAP lines of a python check
    while read -r line; do
        case $line in
            ok*) n=$((n + 1)); echo "ok $n - $1: ${line#ok * - }" ;;
            "not ok"*) n=$((n + 1)); echo "not ok $n - $1: ${line#not ok * - }" ;;
        esac
    done
}
run() {  # name layers fix vacuum args...
    local name=$1 layers=$2 fix=$3 vac=$4; shift 4
    "$PAWSORB" build latp001 "$@" -o "$t/$name.xyz" > "$t/$name.out" 2>&1
    check "$name: exits 0" '[ $? -eq 0 ]'
    $py "$PAWSORB_SRCDIR/tests/reference/build_slab_check.py" "$t/$name.xyz" "$layers" "$fix" "$vac" > "$t/$name.tap" 2>&1
    relay "$name" < "$t/$name.tap"
}
run quick 2 1 10 --preset quick
check "quick has 144 atoms" '[ "$(head -1 "$t/quick.xyz")" = 144 ]'
run paper 4 2 15 --preset paper
check "paper has 288 atoms" '[ "$(head -1 "$t/paper.xyz")" = 288 ]'
run thick 4 1 12 --x 0 --thickness 25 --supercell 2 1 --fix 1 --vacuum 12
run term3 2 1 15 --x 0 --layers 2 --supercell 2 1 --termination 3 --vacuum 15

"$PAWSORB" build latp001 --x 0.3333333333333333 --layers 3 --supercell 1 1 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "LATP 1x1 slab with a dipole is refused (exit 1) with the dipole named" '[ $rc -eq 1 ] && grep -q "dipole" "$t/bad.out"'
"$PAWSORB" build latp001 --x 0.3333333333333333 --layers 2 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "LATP with 2 layers (not whole cells) exits 1 naming --layers" '[ $rc -eq 1 ] && grep -q -- "--layers 2" "$t/bad.out"'
"$PAWSORB" build latp001 --vacuum -3 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--vacuum -3 exits 1 naming the value" '[ $rc -eq 1 ] && grep -q -- "-3" "$t/bad.out"'
"$PAWSORB" build latp001 --preset fast -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--preset fast exits 1 naming it" '[ $rc -eq 1 ] && grep -q "fast" "$t/bad.out"'
"$PAWSORB" build latp001 --termination 99 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--termination 99 exits 1" '[ $rc -eq 1 ] && grep -q -- "--termination 99" "$t/bad.out"'
echo "1..$n"
