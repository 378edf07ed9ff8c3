#!/usr/bin/python3
"""Bond lengths and angles of a LiTi2(PO4)3 cell, by crystallographic site, for docs/latp.md.

Usage: /usr/bin/python3 geometry.py REF.xyz [S.h5|S.xyz ...]
REF is the symmetric bond-valence start (bv36.xyz): spglib's equivalent atoms there label the
two O sites (O1, O2 as the builder's table: O1 is the orbit of the first O the builder writes,
i.e. the O whose Ti-O bond is the longer one in the published refinements' convention is
checked by the numbers, not assumed). Every further structure must have the same atom order.
Printed per structure: mean (min-max) of Ti-O1, Ti-O2, P-O1, P-O2, Li-O (first shell, within 2.8 A),
O-Ti-O (cis), O-P-O, Ti-O-P angles, and the Ti-Ti distance across the Li1 site.
"""
import sys
import numpy as np
import spglib
from ase.io import read
from ase import Atoms


def load(path):
    if path.endswith(".h5"):
        import h5py
        with h5py.File(path, "r") as f:
            return Atoms(numbers=f["/structure/numbers"][()], positions=f["/structure/positions"][()],
                         cell=f["/structure/cell"][()], pbc=True)
    return read(path, index=-1)


ref = read(sys.argv[1])
ds = spglib.get_symmetry_dataset((ref.cell[:], ref.get_scaled_positions(), ref.numbers), symprec=1e-4)
eq = ds["equivalent_atoms"]
sym = ref.get_chemical_symbols()
o_orbits = sorted(set(eq[i] for i in range(len(ref)) if sym[i] == "O"))
label = {}
for i in range(len(ref)):
    label[i] = sym[i] if sym[i] != "O" else "O%d" % (o_orbits.index(eq[i]) + 1)


def neighbours(a, i, rmax):
    """(j, vector) of all atoms within rmax of i, periodic images included."""
    out = []
    cell = a.cell[:]
    for j in range(len(a)):
        for n in np.ndindex(3, 3, 3):
            v = a.positions[j] + (np.array(n) - 1) @ cell - a.positions[i]
            r = np.linalg.norm(v)
            if 1e-6 < r < rmax:
                out.append((j, v))
    return out


def stat(x):
    x = np.array(x)
    return "%.4f (%.4f-%.4f, n=%d)" % (x.mean(), x.min(), x.max(), len(x))


def angle(u, v):
    return np.degrees(np.arccos(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v)))


for path in sys.argv[1:]:
    a = load(path)
    assert list(a.get_chemical_symbols()) == sym
    res = {k: [] for k in ("Ti-O1", "Ti-O2", "P-O1", "P-O2", "O-Ti-O cis", "O-Ti-O trans",
                           "O-P-O", "Ti-O1-P", "Ti-O2-P", "Ti-Ti via Li")}
    for i in range(len(a)):
        if sym[i] in ("Ti", "P"):
            nb = [(j, v) for j, v in neighbours(a, i, 2.4) if sym[j] == "O"]
            assert len(nb) == (6 if sym[i] == "Ti" else 4), (path, i, len(nb))
            for j, v in nb:
                res["%s-%s" % (sym[i], label[j])].append(np.linalg.norm(v))
            for p in range(len(nb)):
                for q in range(p + 1, len(nb)):
                    ang = angle(nb[p][1], nb[q][1])
                    if sym[i] == "P":
                        res["O-P-O"].append(ang)
                    else:
                        res["O-Ti-O trans" if ang > 135 else "O-Ti-O cis"].append(ang)
        if sym[i] == "Li":
            for j, v in neighbours(a, i, 2.8):
                if sym[j] == "O":
                    res.setdefault("Li-" + label[j], []).append(np.linalg.norm(v))
            ti = sorted(np.linalg.norm(v) for j, v in neighbours(a, i, 4.0) if sym[j] == "Ti")
            res["Ti-Ti via Li"].append(2 * ti[0])
        if sym[i] == "O":
            nb = neighbours(a, i, 2.4)
            ti = [v for j, v in nb if sym[j] == "Ti"]
            p = [v for j, v in nb if sym[j] == "P"]
            assert len(ti) == 1 and len(p) == 1, (path, i)
            res["Ti-%s-P" % label[i]].append(angle(ti[0], p[0]))
    print("== %s" % path)
    for k, v in res.items():
        print("  %-13s %s" % (k, stat(v)))
