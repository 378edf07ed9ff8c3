#!/usr/bin/env bash
# The ScaLAPACK backend of the subspace step (eigensolver/subspace.h, subspace_distribute)
# on 2 ranks (BLACS grid 1 x 2) and 4 (2 x 2, oversubscribed; 1 x 3 on 3 ranks passes too):
# the unit test tests/unit/test_parallel_subspace.c solves generalised and standard
# problems whose eigenvalues are known from their construction (real and complex, n = 100
# in blocks of 32; n = 12 and 6 fall back to LAPACK) and checks eigenvalues, residuals,
# S-orthonormality, the Cholesky factor, the indefinite-overlap error and that every rank
# holds the same bits. (In a run the backend is used for 2 nbands >= SUBSPACE_SCALAPACK_MIN;
# no CI case is that large.)
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
mpirun=${MPIRUN:-mpirun}
for r in 2 4; do
  out=$("$mpirun" -n $r --oversubscribe "$PAWSORB_BUILDDIR/tests/unit/test_parallel_subspace" 2>&1); rc=$?
  t "test_parallel_subspace on $r ranks: exit 0, 36 checks, none failed, no ScaLAPACK complaint" \
    '[ $rc -eq 0 ] && [ $(grep -c "^ok " <<<"$out") -eq 36 ] && ! grep -q "^not ok\|illegal value" <<<"$out"'
  [ $rc -eq 0 ] || grep -E "^not ok|illegal" <<<"$out" | head -5 | sed 's/^/# /'
done
echo "1..$n"
