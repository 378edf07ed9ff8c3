#!/usr/bin/python3
"""Independent check of `pawsorb build latp-bulk` with ASE 3.22.

Usage: build_latp_ase.py LTP.xyz LATP.xyz
Prints TAP lines. ASE expands the same Wyckoff positions (src/build/latp.c) with its
own space-group tables (ase.spacegroup.crystal, R-3c = 167, hexagonal setting), so a
wrong spglib Hall number, a lost orbit or a wrong cell shows up as a mismatch.
The LATP file is checked for what ASE can tell independently: it reads back, has the
formula Li8Al2Ti10P18O72 and the LTP framework positions (Al replaces Ti in place).
"""
import sys
import numpy as np
from ase.io import read
from ase.spacegroup import crystal

n = 0
def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)

# Same data as src/build/latp.c (Angstrom, fractional).
ref = crystal(['Li', 'Ti', 'P', 'O', 'O'],
              basis=[(0, 0, 0), (0, 0, 0.1360), (0.2890, 0, 0.25),
                     (0.1876, -0.0090, 0.1881), (0.1881, 0.1664, 0.0762)],
              spacegroup=167, cellpar=[8.512, 8.512, 20.858, 90, 90, 120])

ltp = read(sys.argv[1])
ok(len(ltp) == len(ref) == 108, "108 atoms (pawsorb %d, ASE %d)" % (len(ltp), len(ref)))
ok(np.allclose(ltp.cell.cellpar(), ref.cell.cellpar(), atol=1e-6), "same cell parameters")
ok(ltp.get_chemical_formula() == ref.get_chemical_formula(), "same formula " + ref.get_chemical_formula())

def match(a, b):
    """Largest distance from an atom of a to the nearest same-species atom of b (mic)."""
    worst = 0.0
    fb = b.get_scaled_positions()
    for s, p in zip(a.get_chemical_symbols(), a.get_scaled_positions()):
        cand = fb[np.array(b.get_chemical_symbols()) == s]
        d = cand - p
        d -= np.round(d)
        worst = max(worst, np.min(np.linalg.norm(d @ b.cell.array, axis=1)))
    return worst

w = match(ltp, ref)
ok(w < 1e-4, "every pawsorb atom sits on an ASE atom of the same species (worst %.2e A)" % w)
w = match(ref, ltp)
ok(w < 1e-4, "every ASE atom sits on a pawsorb atom (worst %.2e A)" % w)

latp = read(sys.argv[2])
ok(sorted(zip(*np.unique(latp.get_chemical_symbols(), return_counts=True))) ==
   [('Al', 2), ('Li', 8), ('O', 72), ('P', 18), ('Ti', 10)], "LATP formula Li8Al2Ti10P18O72")
fw = latp[[s in ('Al', 'Ti', 'P', 'O') for s in latp.get_chemical_symbols()]]
fw.symbols[[s == 'Al' for s in fw.get_chemical_symbols()]] = 'Ti'
w = match(fw, ref[[s != 'Li' for s in ref.get_chemical_symbols()]])
ok(w < 1e-4, "LATP framework = LTP framework with Al on Ti sites (worst %.2e A)" % w)
print("1..%d" % n)
