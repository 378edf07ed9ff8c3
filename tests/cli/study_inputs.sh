#!/usr/bin/env bash
# The study's inputs (inputs/study/, issue 14) stay valid: `pawsorb check` builds the
# LATP(001) `quick` and `paper` slabs, makes every placement (`sites: families`: one site
# per kind and set of coordinating elements) and checks every kind of part (datasets,
# electrons, memory) without computing anything; the families listed are distinct and
# their count is the site finder's (15 of 54 on the quick slab).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
for slab in quick paper; do
  in=$PAWSORB_SRCDIR/inputs/study/sn_litfsi_$slab.yaml
  out=$("$PAWSORB" check "$in" 2>&1); rc=$?
  t "$slab: pawsorb check exits 0 (rc $rc)" '[ $rc -eq 0 ]'
  nf=$(sed -n 's/^adsorption: sites: families: \([0-9]*\) of the \([0-9]*\) .*/\1/p' <<<"$out")
  keys=$(sed -n 's/^adsorption:   [a-z]*-[0-9]* *\([a-z]*:[A-Za-z-]*\)$/\1/p' <<<"$out")
  t "$slab: $nf families listed, each once" '[ -n "$nf" ] && [ "$(wc -l <<<"$keys")" -eq "$nf" ] && [ "$(sort -u <<<"$keys" | wc -l)" -eq "$nf" ]'
  np=$(sed -n 's/^adsorption: slab .* \([0-9]*\) placements (automatic).*/\1/p' <<<"$out")
  t "$slab: SN and LiTFSI flat on every family: $np placements = 2 x $nf" '[ "$np" = "$((2 * nf))" ]'
done
out=$("$PAWSORB" check "$PAWSORB_SRCDIR/inputs/study/sn_litfsi_quick.yaml" 2>&1)
t "quick: 15 families of the 54 sites" 'grep -q "families: 15 of the 54 symmetry-distinct sites" <<<"$out"'
echo "1..$n"
