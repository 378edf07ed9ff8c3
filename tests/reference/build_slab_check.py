#!/usr/bin/python3
"""Checks a slab written by `pawsorb build latp001` with ASE 3.22 (independent reader).

Usage: build_slab_check.py SLAB.xyz LAYERS FIX_LAYERS VACUUM_A
Prints TAP lines: ASE reads it; stoichiometric Li(1+x)Al(x)Ti(2-x)(PO4)3 (charge-neutral
with formal charges); every P has 4 O within 1.7 A (no broken tetrahedra); the vacuum
gap along z; the formal-charge dipole along z recomputed here is zero (1e-6 e*A);
the fixed atoms (ASE FixAtoms from move_mask) are the lowest ones and span FIX_LAYERS
layers of c/3 = 6.953 A.
"""
import sys
import numpy as np
from ase.io import read
from ase.constraints import FixAtoms

path, layers, fix, vac = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
n = 0
def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)

a = read(path)
ok(len(a) > 0, "ASE reads %s (%d atoms)" % (path, len(a)))
sym = np.array(a.get_chemical_symbols())
cnt = {s: int((sym == s).sum()) for s in ('Li', 'Al', 'Ti', 'P', 'O')}
q = {'Li': 1, 'Al': 3, 'Ti': 4, 'P': 5, 'O': -2}
ok(cnt['O'] == 4 * cnt['P'] and cnt['Ti'] + cnt['Al'] == 2 * cnt['P'] // 3 and
   cnt['Li'] == cnt['P'] // 3 + cnt['Al'], "stoichiometric Li(1+x)Al(x)Ti(2-x)(PO4)3: %s" % cnt)
charges = np.array([q[s] for s in sym], float)
ok(abs(charges.sum()) < 1e-9, "neutral with formal charges")
pos = a.get_positions()
dmat = a.get_all_distances(mic=True)
po = [(dmat[i][sym == 'O'] < 1.7).sum() for i in np.where(sym == 'P')[0]]
ok(all(c == 4 for c in po), "every P has 4 O within 1.7 A (min %d max %d)" % (min(po), max(po)))
z = pos[:, 2]
gap = a.cell[2, 2] - (z.max() - z.min())
ok(abs(gap - vac) < 1e-3, "vacuum gap %.4f A (asked %.2f)" % (gap, vac))
ok(list(a.pbc) == [True, True, False], "pbc T T F")
dip = (charges * z).sum()
ok(abs(dip) < 1e-6, "formal-charge dipole along z %.2e e*A" % dip)
fixed = np.zeros(len(a), bool)
for c in a.constraints:
    if isinstance(c, FixAtoms):
        fixed[c.index] = True
ok(fixed.any() == (fix > 0), "%d atoms fixed" % fixed.sum())
if fix > 0:
    ok(z[fixed].max() < z[~fixed].min() + 1.0, "fixed atoms are at the bottom (top fixed %.2f, lowest free %.2f)"
       % (z[fixed].max(), z[~fixed].min()))
    span = (np.sort(z[sym == 'P'])[-1] - np.sort(z[sym == 'P'])[0])
    frac_fixed_P = (fixed & (sym == 'P')).sum() / (sym == 'P').sum()
    ok(abs(frac_fixed_P - fix / layers) < 1e-9,
       "fixed PO4 units are %d/%d of all (fix %d of %d layers)" % ((fixed & (sym == 'P')).sum(), (sym == 'P').sum(), fix, layers))
print("1..%d" % n)
