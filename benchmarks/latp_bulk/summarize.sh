#!/bin/sh
# Status of the bulk relaxations (run from benchmarks/latp_bulk; output -> status.out).
set -u
for s in bv rnd; do
  for stem in relax_$s relax_${s}_k3; do
    [ -f $stem.log ] || continue
    echo "== $stem"
    grep "relax: step" $stem.log
    grep -E "relax: (resuming|converged|stopped|not converged)|^relax: .* after" $stem.log
    [ -f $stem.exit ] && cat $stem.exit
    [ -f $stem.h5 ] && /usr/bin/python3 stage2_start.py $stem.h5 /tmp/latp_${stem}_best.xyz
  done
done
echo "== geometry (bond-valence start; lowest-energy steps so far)"
set --
for s in bv rnd; do [ -f /tmp/latp_relax_${s}_best.xyz ] && set -- "$@" /tmp/latp_relax_${s}_best.xyz; done
/usr/bin/python3 geometry.py bv36.xyz "$@"
for f in "$@"; do echo "== Wyckoff parameters of $f"; /usr/bin/python3 extract_wyckoff.py $f; done
if [ -f /tmp/latp_relax_bv_best.xyz ] && [ -f /tmp/latp_relax_rnd_best.xyz ]; then
  echo "== A vs B (lowest-energy steps so far)"
  /usr/bin/python3 compare_structures.py /tmp/latp_relax_bv_best.xyz /tmp/latp_relax_rnd_best.xyz
fi
