#!/usr/bin/python3
"""ASE references for `pawsorb build sites` and `pawsorb build place` (tests/cli/build_sites.sh).

  build_sites_ase.py write DIR
      writes DIR/fcc111.xyz: ase.build.fcc111('Pt', size=(2, 2, 4), vacuum=10.0) and
      DIR/hcp0001.xyz: ase.build.hcp0001('Ru', size=(2, 2, 4), vacuum=10.0), ASE 3.22
  build_sites_ase.py check-sites fcc111|hcp0001 SLAB.xyz SITES.txt
      compares pawsorb's site table with ASE's own adsorption sites of that surface
      (atoms.info['adsorbate_info'], the positions ase.build.add_adsorbate uses):
      exactly top, bridge, fcc, hcp, each at ASE's position modulo the surface lattice
  build_sites_ase.py check-place OUT.xyz SLAB.xyz MOLECULE.xyz X Y HEIGHT PHI THETA PSI
      rebuilds the placement with ASE (Atoms.euler_rotate(PHI, THETA, PSI, center='COP'),
      then the centre of positions over (X, Y), the lowest atom HEIGHT above the top layer)
      and compares it with pawsorb's OUT.xyz
Prints TAP lines ("ok N - ..."); tolerances are 1e-6 A (both codes use the same formulas in
double precision; the files carry 10 decimals).
"""
import sys

import numpy as np
from ase.build import fcc111, hcp0001
from ase.io import read, write

n = 0


def tap(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))


def reference_slab(kind="fcc111"):
    if kind == "hcp0001":
        return hcp0001("Ru", size=(2, 2, 4), vacuum=10.0)
    return fcc111("Pt", size=(2, 2, 4), vacuum=10.0)


def inplane_match(p, q, cell2):
    """True if p and q (x, y) differ by a lattice vector of the 2D cell cell2 (rows)."""
    d = np.linalg.solve(np.asarray(cell2).T, np.asarray(p[:2]) - np.asarray(q[:2]))
    d -= np.round(d)
    return np.linalg.norm(d @ cell2) < 1e-6


def check_sites(kind, slab_path, table_path):
    slab = read(slab_path)
    ref = reference_slab(kind)
    tap(np.allclose(slab.positions, ref.positions) and np.allclose(slab.cell, ref.cell),
        "the slab file is ASE's %s (2,2,4)" % kind)
    rows = [line.split() for line in open(table_path) if line.strip() and not line.startswith("#")]
    labels = [r[0] for r in rows]
    tap(sorted(labels) == ["bridge", "fcc", "hcp", "top"], "exactly top, bridge, fcc, hcp (got %s)" % labels)
    info = ref.info["adsorbate_info"]
    ztop = ref.positions[:, 2].max()
    ase_name = {"top": "ontop", "bridge": "bridge", "fcc": "fcc", "hcp": "hcp"}
    for r in rows:
        if r[0] not in ase_name:
            continue
        xyz = np.array([float(v) for v in r[2:5]])
        want = np.dot(info["sites"][ase_name[r[0]]], info["cell"])
        # any of the copies the surface's three-fold axis through an atom makes (the three
        # bridge directions are one site)
        c, s3 = -0.5, np.sqrt(3) / 2
        rot = np.array([[c, -s3], [s3, c]])
        copies = [want[:2], rot @ want[:2], rot @ rot @ want[:2]]
        tap(any(inplane_match(xyz, w, info["cell"]) for w in copies), "%s at ASE's %s position %s or a three-fold "
            "copy (got %s)" % (r[0], ase_name[r[0]], np.round(want, 6).tolist(), np.round(xyz[:2], 6).tolist()))
        tap(abs(xyz[2] - ztop) < 1e-6, "%s at the height of the top layer" % r[0])
    copies = {r[0]: int(r[5]) for r in rows}
    tap(copies == {"top": 4, "bridge": 12, "fcc": 4, "hcp": 4},
        "copies per 2x2 cell: 4 top, 12 bridge, 4 fcc, 4 hcp (got %s)" % copies)


def check_place(out_path, slab_path, mol_path, x, y, height, phi, theta, psi):
    out, slab, mol = read(out_path), read(slab_path), read(mol_path)
    ns = len(slab)
    tap(len(out) == ns + len(mol), "slab plus molecule atoms")
    tap(np.allclose(out.positions[:ns], slab.positions, atol=1e-6), "slab atoms unchanged")
    tap(out.get_chemical_symbols()[ns:] == mol.get_chemical_symbols(), "molecule species in file order")
    m = mol.copy()
    m.euler_rotate(phi, theta, psi, center="COP")
    cop = m.positions.mean(axis=0)
    m.positions += [x - cop[0], y - cop[1], 0.0]
    m.positions[:, 2] += slab.positions[:, 2].max() + height - m.positions[:, 2].min()
    dev = np.abs(out.positions[ns:] - m.positions).max()
    tap(dev < 1e-6, "molecule where ASE's euler_rotate and the site put it (max deviation %.2e A)" % dev)
    d = min(np.linalg.norm(out.positions[ns:][:, None, :] - (slab.positions + i * slab.cell[0] + j * slab.cell[1])[None],
                           axis=2).min() for i in (-1, 0, 1) for j in (-1, 0, 1))
    tap(d >= 1.5, "no molecule atom closer than 1.5 A to the slab (closest %.3f A)" % d)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "write":
        for kind in ("fcc111", "hcp0001"):
            write(sys.argv[2] + "/%s.xyz" % kind, reference_slab(kind), format="extxyz")
    elif cmd == "check-sites":
        check_sites(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "check-place":
        check_place(sys.argv[2], sys.argv[3], sys.argv[4], *map(float, sys.argv[5:11]))
    if cmd != "write":
        print("1..%d" % n)
