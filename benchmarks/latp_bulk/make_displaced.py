#!/usr/bin/python3
"""Second, independent start: the bond-valence primitive cell with every atom randomly displaced.

Usage: /usr/bin/python3 make_displaced.py bv36.xyz rnd36.xyz [SEED] [RMS_A]
Displacements: Gaussian per Cartesian component (numpy default_rng(SEED), default seed 14 =
the issue number), the mean (a rigid translation) removed, then scaled so that the RMS of the
atoms' displacement lengths is exactly RMS_A (default 0.1 A). No symmetry is kept (spglib
finds P1), so the relaxation from here uses time reversal only for the k-points and any
symmetry the relaxed structure has must come back by itself.
"""
import sys
import numpy as np
import spglib
from ase.io import read, write

src, dst = sys.argv[1], sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
rms = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1
atoms = read(src)
rng = np.random.default_rng(seed)
d = rng.normal(size=(len(atoms), 3))
d -= d.mean(axis=0)
d *= rms / np.sqrt((d ** 2).sum(axis=1).mean())
atoms.positions += d
lens = np.linalg.norm(d, axis=1)
print("seed %d: RMS displacement %.6f A, max %.4f A, min %.4f A, net %.1e A"
      % (seed, np.sqrt((lens ** 2).mean()), lens.max(), lens.min(), np.linalg.norm(d.sum(axis=0))))
dist = atoms.get_all_distances(mic=True) + 10 * np.eye(len(atoms))
print("shortest interatomic distance: %.4f A" % dist.min())
print("spglib (1e-3):", spglib.get_spacegroup((atoms.cell[:], atoms.get_scaled_positions(), atoms.numbers), symprec=1e-3))
write(dst, atoms, format="extxyz")
