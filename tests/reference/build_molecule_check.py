#!/usr/bin/python3
"""Checks `pawsorb build molecule NAME --vacuum V -o OUT.xyz` with ASE 3.22 (tests/cli/build_molecule.sh).

  build_molecule_check.py LIBRARY.xyz OUT.xyz VACUUM
The output must load in ASE; hold the library molecule's atoms, same order and species,
rigidly shifted (interatomic distances within 1e-6 A); sit in an orthorhombic box of
extent + 2 VACUUM along x, y, z, exactly as ASE's Atoms.center(vacuum=VACUUM) builds it;
not be periodic. The library file itself must say where it came from (source=, level=)
and be a sensible molecule (no atoms closer than 0.7 A; every atom within 2.2 A of another).
"""
import sys

import numpy as np
from ase.io import read

lib, out, vac = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
n = 0


def tap(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))


tap("source" in lib.info and "level" in lib.info, "library file gives source= and level=")
tap(out.get_chemical_symbols() == lib.get_chemical_symbols(), "same species in the same order")
dl, do = lib.get_all_distances(), out.get_all_distances()
tap(np.abs(dl - do).max() < 1e-6 if len(lib) > 1 else True, "rigid copy (distances kept)")
ref = lib.copy()
ref.center(vacuum=vac)
tap(np.allclose(out.cell, ref.cell, atol=1e-6), "box as ASE's center(vacuum=%g): %s" %
    (vac, np.round(np.diag(out.cell), 4).tolist()))
tap(np.allclose(out.positions, ref.positions, atol=1e-6), "positions as ASE's center(vacuum=%g)" % vac)
tap(not out.pbc.any(), "not periodic")
if len(lib) > 1:
    d = dl + np.eye(len(lib)) * 1e9
    tap(d.min() > 0.7, "no two atoms closer than 0.7 A (closest %.3f A)" % d.min())
    tap(d.min(axis=1).max() < 2.2, "every atom within 2.2 A of another (largest %.3f A)" % d.min(axis=1).max())
print("1..%d" % n)
