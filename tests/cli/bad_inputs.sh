#!/usr/bin/env bash
# `pawsorb check FILE` on every malformed input of tests/data/inputs/bad/: exit status 1,
# exactly one line on stderr, naming the file and containing the text of the file's first
# line "# expect: <text>". Then the good inputs of tests/data/inputs/good/: status 0.
# Each run pays MPI_Init (~0.35 s), so the runs go two at a time; the checks follow in order.
set -u
src=${PAWSORB_SRCDIR:?}
bin=${PAWSORB:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
files=("$src"/tests/data/inputs/bad/*.yaml "$src"/tests/data/inputs/good/*.yaml)
for i in "${!files[@]}"; do printf '%s\0%s\0' "$i" "${files[$i]}"; done |
    xargs -0 -n2 -P2 sh -c '"$0" check "$3" > "$1/$2.out" 2> "$1/$2.err"; echo $? > "$1/$2.rc"' "$bin" "$tmp"
n=0
for i in "${!files[@]}"; do
    f=${files[$i]}
    n=$((n + 1))
    name=${f#"$src"/tests/data/inputs/}
    rc=$(cat "$tmp/$i.rc" 2>/dev/null || echo none)
    lines=$(wc -l < "$tmp/$i.err" 2>/dev/null || echo 0)
    msg=$(head -n1 "$tmp/$i.err" 2>/dev/null)
    if [[ $name == bad/* ]]; then
        expect=$(head -n1 "$f" | sed -n 's/^# expect: //p')
        if [ "$rc" = 1 ] && [ "$lines" -eq 1 ] && [ -n "$expect" ] &&
           grep -qF -- "$expect" "$tmp/$i.err" && grep -qF -- "$f" "$tmp/$i.err"; then
            echo "ok $n - $name"
        else
            echo "not ok $n - $name: exit $rc, $lines stderr lines, want \"$expect\""
            echo "#   stderr: $msg"
        fi
    elif [ "$rc" = 0 ]; then
        echo "ok $n - $name is accepted"
    else
        echo "not ok $n - $name: exit $rc: $msg"
    fi
done
echo "1..$n"
