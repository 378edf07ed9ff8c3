#!/usr/bin/python3
"""RMS and max position difference of two relaxed LiTi2(PO4)3 cells (same cell, same atom order).

Usage: /usr/bin/python3 compare_structures.py A B    (A, B: results .h5 of pawsorb, or .xyz;
        .xyz with several frames: the last one)
Differences use the minimum image; the mean difference (a rigid translation, a zero mode of a
fixed-cell relaxation) is removed first. Also prints each structure's fmax (from the .h5) and
the space group spglib finds at 1e-3 and 1e-2 A. Criterion of issue 14: RMS < 0.02 A and both
fmax < 0.01 eV/A.
"""
import sys
import numpy as np
import spglib


def load(path):
    if path.endswith(".h5"):
        import h5py
        with h5py.File(path, "r") as f:
            cell = f["/structure/cell"][()]
            pos = f["/structure/positions"][()]
            num = f["/structure/numbers"][()]
            frc = f["/forces"][()] if "/forces" in f else None
            status = f.attrs.get("status")
        fmax = None if frc is None else float(np.sqrt((frc ** 2).sum(axis=1)).max())
        return cell, pos, num, fmax, status
    from ase.io import read
    a = read(path, index=-1)
    return a.cell[:], a.positions, a.numbers, None, None


A = load(sys.argv[1])
B = load(sys.argv[2])
assert np.allclose(A[0], B[0], atol=1e-8), "different cells"
assert (A[2] == B[2]).all(), "different atoms or order"
cell = A[0]
d = A[1] - B[1]
f = np.linalg.solve(cell.T, d.T).T
f -= np.round(f)
d = f @ cell
shift = d.mean(axis=0)
d -= shift
lens = np.linalg.norm(d, axis=1)
for name, S in (("A", A), ("B", B)):
    sym = [spglib.get_spacegroup((cell, np.linalg.solve(cell.T, S[1].T).T, S[2]), symprec=p)
           for p in (1e-3, 1e-2)]
    fm = "n/a" if S[3] is None else "%.4f eV/A" % S[3]
    print("%s: fmax %s, status %s, spglib 1e-3: %s, 1e-2: %s" % (name, fm, S[4], sym[0], sym[1]))
print("rigid shift removed: %.4f A" % np.linalg.norm(shift))
print("RMS difference %.4f A, max %.4f A (atom %d)" % (np.sqrt((lens ** 2).mean()), lens.max(), lens.argmax()))
ok = np.sqrt((lens ** 2).mean()) < 0.02 and all(S[3] is not None and S[3] < 0.01 for S in (A, B))
print("issue 14 criterion (RMS < 0.02 A, fmax < 0.01 eV/A on both):", "met" if ok else "NOT met")
