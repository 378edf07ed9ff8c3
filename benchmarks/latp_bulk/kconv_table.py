#!/usr/bin/python3
"""k-mesh convergence table from the single points scf_*.h5 (same geometry, bv36.xyz).

Usage: /usr/bin/python3 kconv_table.py REF scf_k1.h5 scf_k2.h5 ...
REF: the file taken as converged reference. Prints total energy (eV, D2 included), the
difference to REF per atom (meV/atom), and the largest difference of any force component
and of any atom's force vector to REF (eV/A).
"""
import sys
import h5py
import numpy as np

def load(p):
    with h5py.File(p, "r") as f:
        kp = f["/electrons/kpoints"].shape[0]
        return (float(f["/energy/total"][()]), f["/forces"][()], kp, f.attrs["status"],
                int(f["/scf/iterations"][()]), float(f.attrs["wall_time"]))

ref = load(sys.argv[1])
n = ref[1].shape[0]
print("| file | irreducible k | E total (eV) | E - E_ref (meV/atom) | max |dF| to ref (eV/A) | fmax (eV/A) | SCF iterations | wall (s) |")
print("|---|---|---|---|---|---|---|---|")
for p in sys.argv[2:]:
    E, F, kp, st, it, wall = load(p)
    dF = np.linalg.norm(F - ref[1], axis=1).max()
    fmax = np.linalg.norm(F, axis=1).max()
    print("| %s | %d | %.6f | %+.3f | %.5f | %.5f | %d | %.0f |" % (p, kp, E, 1000 * (E - ref[0]) / n, dF, fmax, it, wall))
