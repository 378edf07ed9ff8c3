#!/usr/bin/python3
"""Free Wyckoff parameters of a relaxed 36-atom LiTi2(PO4)3 cell, for src/build/latp.c (ltp_sites).

Usage: /usr/bin/python3 extract_wyckoff.py S.h5|S.xyz
The rhombohedral cell (make_primitive.py) is turned back into the hexagonal cell
(H = P^-1 R, 108 atoms with the R centring), and every site of the builder's table is
averaged over all 36 operations of R-3c (spglib Hall number 460): for each operation g, the
atom nearest to g(x_ref) gives the estimate x_ref + g^-1(x_atom - g(x_ref)). The mean is the
symmetrised parameter set; the largest |x_atom - g(x_mean)| (A) says how far the structure
is from exact R-3c. Printed as C initialisers ready for ltp_sites.
"""
import sys
import numpy as np
import spglib
from ase.io import read

REF = [("Li", 3, (0.0, 0.0, 0.0)), ("Ti", 22, (0.0, 0.0, 0.1360)), ("P", 15, (0.2890, 0.0, 0.25)),
       ("O1", 8, (0.1876, -0.0090, 0.1881)), ("O2", 8, (0.1881, 0.1664, 0.0762))]
P = np.array([[2/3, 1/3, 1/3], [-1/3, 1/3, 1/3], [-1/3, -2/3, 1/3]])


def load(path):
    if path.endswith(".h5"):
        import h5py
        with h5py.File(path, "r") as f:
            return f["/structure/cell"][()], f["/structure/positions"][()], f["/structure/numbers"][()]
    a = read(path, index=-1)
    return a.cell[:], a.positions, a.numbers


R, pos, num = load(sys.argv[1])
H = np.linalg.solve(P, R)                     # hexagonal cell rows
a_hex, c_hex = np.linalg.norm(H[0]), np.linalg.norm(H[2])
fr = np.linalg.solve(H.T, pos.T).T
fh, zh = [], []
for t in ((0, 0, 0), (2/3, 1/3, 1/3), (1/3, 2/3, 2/3)):
    fh.append((fr + t) % 1.0)
    zh.append(num)
fh, zh = np.vstack(fh), np.concatenate(zh)
ops = spglib.get_symmetry_from_database(460)
print("hexagonal cell a = %.6f A, c = %.6f A; %d atoms; %d operations" % (a_hex, c_hex, len(fh), len(ops["rotations"])))
worst = 0.0
for name, z, x0 in REF:
    x0 = np.array(x0)
    for it in range(3):
        est, devs = [], []
        for rot, tr in zip(ops["rotations"], ops["translations"]):
            y = rot @ x0 + tr
            cand = np.where(zh == z)[0]
            d = fh[cand] - y
            d -= np.round(d)
            j = np.argmin(np.linalg.norm(d @ H, axis=1))
            est.append(x0 + np.linalg.solve(rot, d[j]))
            devs.append(np.linalg.norm(d[j] @ H))
        x0 = np.mean(est, axis=0)
    worst = max(worst, max(devs))
    print("    {%2d, {%.6f, %.6f, %.6f}},   /* %-2s  largest deviation from R-3c %.5f A */"
          % (z, *x0, name, max(devs)))
print("largest deviation of any atom from the symmetrised R-3c structure: %.5f A" % worst)
