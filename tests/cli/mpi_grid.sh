#!/usr/bin/env bash
# The slab-distributed grids (basis/fft_dist.h) on 2, 3 and 4 ranks (oversubscribed): the
# unit test tests/unit/test_fft_dist.c compares slab FFTs, sphere transforms, halos and the
# FD gradient with the serial code on grids of odd sizes, sizes not divisible by the ranks
# and fewer planes than ranks (empty slabs).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
mpirun=${MPIRUN:-mpirun}
for r in 2 3 4; do
  out=$("$mpirun" -n $r --oversubscribe "$PAWSORB_BUILDDIR/tests/unit/test_fft_dist" 2>&1); rc=$?
  t "test_fft_dist on $r ranks: exit 0, 50 checks, none failed" \
    '[ $rc -eq 0 ] && [ $(grep -c "^ok " <<<"$out") -eq 50 ] && ! grep -q "^not ok" <<<"$out"'
  [ $rc -eq 0 ] || grep -E "^not ok" <<<"$out" | head -5 | sed 's/^/# /'
done
echo "1..$n"
