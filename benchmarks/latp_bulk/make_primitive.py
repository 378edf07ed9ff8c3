#!/usr/bin/python3
"""Rhombohedral primitive cell (36 atoms, Z=2) of the builder's hexagonal LiTi2(PO4)3 cell.

Usage: /usr/bin/python3 make_primitive.py HEX.xyz OUT.xyz
The primitive vectors are the obverse-setting rhombohedral vectors of the hexagonal cell,
a_r = (2/3,1/3,1/3), (-1/3,1/3,1/3), (-1/3,-2/3,1/3) in hexagonal fractions (ITA Table 5.1.3.1),
so a and c of the builder (Aono et al. 1990: a = 8.512, c = 20.858 A) are kept exactly.
Every hexagonal atom is mapped into the primitive cell; the 3 copies of each must coincide
(checked to 1e-6 A), leaving 36 atoms; spglib must still find R-3c (167).
"""
import sys
import numpy as np
import spglib
from ase.io import read, write
from ase import Atoms

hexa = read(sys.argv[1])
H = hexa.cell.array
P = np.array([[2/3, 1/3, 1/3], [-1/3, 1/3, 1/3], [-1/3, -2/3, 1/3]])
R = P @ H                      # rows: rhombohedral vectors in Cartesian A
cart = hexa.positions
frac = np.linalg.solve(R.T, cart.T).T
frac -= np.floor(frac + 1e-9)
kept, syms = [], []
for f, s in zip(frac, hexa.get_chemical_symbols()):
    dup = False
    for g, t in zip(kept, syms):
        d = f - g
        d -= np.round(d)
        if np.linalg.norm(d @ R) < 1e-6:
            assert s == t, "different elements on one site"
            dup = True
            break
    if not dup:
        kept.append(f)
        syms.append(s)
kept = np.array(kept)
assert len(kept) == len(hexa) // 3 == 36, len(kept)
prim = Atoms(syms, scaled_positions=kept, cell=R, pbc=True)
# every site must be found exactly 3 times above (checked by the count) and no overlaps
d = prim.get_all_distances(mic=True) + 10 * np.eye(len(prim))
print("shortest interatomic distance: %.4f A" % d.min())
assert d.min() > 1.4
ds = spglib.get_spacegroup((prim.cell[:], prim.get_scaled_positions(), prim.numbers), symprec=1e-5)
print("spglib (1e-5):", ds)
assert "167" in ds
order = np.argsort([{"Li": 0, "Ti": 1, "P": 2, "O": 3}[s] for s in syms], kind="stable")
prim = prim[order]
print("cell lengths %.6f %.6f %.6f  angles %.4f %.4f %.4f" % tuple(prim.cell.cellpar()))
print("volume %.4f A^3 (hexagonal/3 = %.4f)" % (prim.get_volume(), hexa.get_volume() / 3))
print(prim.get_chemical_formula())
write(sys.argv[2], prim, format="extxyz")
