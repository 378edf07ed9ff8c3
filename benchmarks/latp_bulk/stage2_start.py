#!/usr/bin/python3
"""Start of the final (3x3x3) stage: the lowest-energy step of a stage-1 relaxation.

Usage: /usr/bin/python3 stage2_start.py relax_bv.h5 bv36_stage1.xyz
Reads /relax/energies, /relax/fmax, /relax/positions (every completed ionic step, also of a
stopped run) and /structure/cell, /structure/numbers (from the trajectory FILE.xyz
while the run is still going); writes the step with the lowest
energy (for CG the last row can be a trial point above the best one) as extended XYZ with
the step number, energy and fmax in the comment line.
"""
import sys
import h5py
import numpy as np
from ase import Atoms
from ase.io import write

with h5py.File(sys.argv[1], "r") as f:
    if "/relax/energies" not in f:
        print("%s: no completed ionic step yet (status %s)" % (sys.argv[1], f.attrs.get("status")))
        sys.exit(1)
    E = f["/relax/energies"][()]
    fm = f["/relax/fmax"][()]
    R = f["/relax/positions"][()]
    status = f.attrs["status"]
    if "/structure/cell" in f:
        cell, num = f["/structure/cell"][()], f["/structure/numbers"][()]
    else:  # a run still going has no /structure yet: take them from its trajectory
        from ase.io import read
        t = read(sys.argv[1][:-3] + ".xyz", index=0)
        cell, num = t.cell[:], t.numbers
k = int(np.argmin(E))
print("%s: %d steps, status %s; lowest energy at step %d: E %.6f eV, fmax %.5f eV/A (last step: E %.6f, fmax %.5f)"
      % (sys.argv[1], len(E), status, k + 1, E[k], fm[k], E[-1], fm[-1]))
a = Atoms(numbers=num, positions=R[k], cell=cell, pbc=True)
a.info.update({"source": sys.argv[1], "step": k + 1, "energy_eV": float(E[k]), "fmax_eV_A": float(fm[k])})
write(sys.argv[2], a, format="extxyz")
