#!/usr/bin/python3
"""Makes the molecule library inputs/molecules/*.xyz (pawsorb build molecule NAME).

Run with Debian's python (GPAW 22.8, ASE 3.22), Open Babel 3.1 (apt: openbabel) and
xtb 6.5.1 (apt: xtb):
    /usr/bin/python3 tests/reference/relax_molecules.py [NAME ...] [--outdir DIR]
    mpirun -np 2 /usr/bin/python3 tests/reference/relax_molecules.py TFSI-
    /usr/bin/python3 tests/reference/relax_molecules.py --partial NAME
        (writes the last step of an unfinished relaxation, $TMPDIR/relax_NAME.traj, and says
        in level= that it is not converged)
    /usr/bin/python3 tests/reference/relax_molecules.py --xtb-only NAME
        (writes the GFN2-xTB pre-relaxed geometry, level= says so: stage 2 not run)

Starting geometries: Open Babel `obabel -:SMILES --gen3d best` (MMFF94 force field with
its conformer search), except
  - Li+: one atom, nothing to relax;
  - LiTFSI: the relaxed TFSI- (or its start) with Li+ put on an O,O' chelate, one O of
    each SO2 group, 1.95 A from both: the lowest ion-pair conformer of the ab initio
    studies (Arnaud, Benrabah, Sanchez, J. Phys. Chem. 100 (1996) 10882; Gejji, Suresh,
    Babu, Gadre, J. Phys. Chem. A 103 (1999) 7474: "Li+ coordinates with two oxygens,
    one from each of the different SO2 groups", anion C2).
Every molecule is then relaxed in two stages (the second decides the result):
  1. GFN2-xTB pre-relaxation (`xtb --opt tight`, Bannwarth, Ehlert, Grimme, J. Chem.
     Theory Comput. 15 (2019) 1652), only to save plane-wave steps on a 2-core machine;
  2. GPAW: PAW PBE (gpaw-setups 0.9.20000), plane waves 350 eV, 5 A of vacuum on every
     side, Gamma point, BFGS until max |F| < 0.05 eV/A.
The comment line of each file records the source, this level of theory, the final
energy and max force.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from ase import Atoms
from ase.io import read, write
from ase.optimize import BFGS

# name: (SMILES for the start, charge, description)
MOLECULES = {
    "SN": ("N#CCCC#N", 0, "succinonitrile NC-CH2-CH2-CN"),
    "EC": ("O=C1OCCO1", 0, "ethylene carbonate"),
    "FEC": ("O=C1OCC(F)O1", 0, "fluoroethylene carbonate"),
    "DOL": ("C1OCCO1", 0, "1,3-dioxolane"),
    "DME": ("COCCOC", 0, "1,2-dimethoxyethane"),
    "PEO": ("COCCOCCOC", 0, "PEO fragment CH3(OCH2CH2)2OCH3 (diglyme)"),
    "TFSI-": ("FC(F)(F)S(=O)(=O)[N-]S(=O)(=O)C(F)(F)F", -1,
              "bis(trifluoromethanesulfonyl)imide anion"),
    "LiTFSI": (None, 0, "Li+ TFSI- ion pair, Li bidentate on one O of each SO2"),
    "H2O": ("O", 0, "water"),
}
LEVEL = ("PBE PAW (GPAW 22.8 gpaw-setups 0.9.20000) PW 350 eV vacuum 5 A Gamma; "
         "BFGS fmax 0.05 eV/A")
LI_O = 1.95  # A, Li-O start distance (typical Li-O in LiTFSI ion pairs, 1.9-2.0 A)


def obabel(smiles):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.xyz")
        subprocess.run(["obabel", "-:" + smiles, "-oxyz", "--gen3d", "best", "-O", path],
                       check=True, capture_output=True)
        return read(path)


def xtb_opt(atoms, charge):
    """GFN2-xTB optimisation (xtb --opt tight) of atoms; returns the optimised copy."""
    with tempfile.TemporaryDirectory() as d:
        write(os.path.join(d, "in.xyz"), atoms, format="xyz")
        env = dict(os.environ, OMP_NUM_THREADS="1")
        subprocess.run(["xtb", "in.xyz", "--opt", "tight", "--chrg", str(charge)], cwd=d, env=env,
                       check=True, capture_output=True)
        return read(os.path.join(d, "xtbopt.xyz"))


def li_chelate(tfsi):
    """TFSI- plus Li on the O,O' chelate (O on different S) with the most room."""
    s = [a.index for a in tfsi if a.symbol == "S"]
    o = [a.index for a in tfsi if a.symbol == "O"]
    p = tfsi.positions
    best = None
    for i in o:
        for j in o:
            si = min(s, key=lambda k: np.linalg.norm(p[i] - p[k]))
            sj = min(s, key=lambda k: np.linalg.norm(p[j] - p[k]))
            if i >= j or si == sj:
                continue
            m = 0.5 * (p[i] + p[j])
            u = p[j] - p[i]
            h2 = LI_O**2 - (np.linalg.norm(u) / 2) ** 2
            if h2 <= 0:
                continue
            d = m - 0.5 * (p[si] + p[sj])
            d -= u * (d @ u) / (u @ u)
            li = m + d / np.linalg.norm(d) * np.sqrt(h2)
            room = min(np.linalg.norm(p[k] - li) for k in range(len(tfsi)) if k not in (i, j))
            if best is None or room > best[0]:
                best = (room, li)
    if best is None:
        raise SystemExit("LiTFSI: no O,O' pair closer than 2 x 1.95 A in the TFSI start")
    return Atoms("Li", [best[1]]) + tfsi


def start(name, outdir):
    if name == "LiTFSI":
        relaxed = os.path.join(outdir, "TFSI-.xyz")
        tfsi = read(relaxed) if os.path.exists(relaxed) else obabel(MOLECULES["TFSI-"][0])
        return li_chelate(tfsi), ("TFSI- from %s, Li+ put on the O,O' chelate" %
                                  ("inputs/molecules/TFSI-.xyz" if os.path.exists(relaxed)
                                   else "Open Babel"))
    return obabel(MOLECULES[name][0]), "Open Babel 3.1 --gen3d best (MMFF94) from SMILES " + \
        MOLECULES[name][0]


def relax(name, outdir):
    from gpaw import GPAW, PW
    from gpaw.mpi import world
    atoms, how = start(name, outdir)
    charge = MOLECULES[name][1]
    atoms = xtb_opt(atoms, charge)
    how += "; GFN2-xTB 6.5.1 pre-relaxation"
    atoms.center(vacuum=5.0)
    atoms.pbc = True
    log = os.path.join(tempfile.gettempdir(), "relax_%s" % name)
    atoms.calc = GPAW(mode=PW(350), xc="PBE", charge=charge, txt=log + ".txt",
                      symmetry={"point_group": False})
    opt = BFGS(atoms, logfile=log + ".bfgs", trajectory=log + ".traj")
    opt.run(fmax=0.05, steps=200)
    energy = atoms.get_potential_energy()
    fmax = np.max(np.linalg.norm(atoms.get_forces(), axis=1))
    out = Atoms(atoms.get_chemical_symbols(), atoms.positions - atoms.positions.mean(axis=0))
    out.info = {"name": name, "charge": charge,
                "source": "%s: %s; relaxed with GPAW (tests/reference/relax_molecules.py)" %
                (MOLECULES[name][2], how),
                "level": LEVEL, "energy_eV": round(float(energy), 5),
                "fmax_eV_per_A": round(float(fmax), 4), "bfgs_steps": opt.nsteps}
    if world.rank == 0:
        write(os.path.join(outdir, name + ".xyz"), out, format="extxyz")
        print("%s: %d atoms, E = %.5f eV, fmax = %.4f eV/A after %d BFGS steps" %
              (name, len(out), energy, fmax, opt.nsteps), flush=True)


def write_partial(name, outdir):
    """The last BFGS step of an unfinished GPAW relaxation, marked as not converged."""
    from ase.io import Trajectory
    traj = Trajectory(os.path.join(tempfile.gettempdir(), "relax_%s.traj" % name))
    atoms = traj[-1]
    energy = atoms.get_potential_energy()
    fmax = np.max(np.linalg.norm(atoms.get_forces(), axis=1))
    out = Atoms(atoms.get_chemical_symbols(), atoms.positions - atoms.positions.mean(axis=0))
    _, how = start(name, outdir)   # (for LiTFSI: check which TFSI- the run really started from)
    out.info = {"name": name, "charge": MOLECULES[name][1],
                "source": "%s: %s; GFN2-xTB 6.5.1 pre-relaxation; GPAW relaxation NOT FINISHED "
                "(tests/reference/relax_molecules.py)" % (MOLECULES[name][2], how),
                "level": LEVEL.replace("BFGS fmax 0.05 eV/A", "BFGS stopped at fmax %.3f eV/A after %d steps "
                                       "(not converged to 0.05)" % (fmax, len(traj) - 1)),
                "energy_eV": round(float(energy), 5), "fmax_eV_per_A": round(float(fmax), 4),
                "bfgs_steps": len(traj) - 1}
    write(os.path.join(outdir, name + ".xyz"), out, format="extxyz")
    print("%s: wrote step %d, fmax %.3f eV/A (not converged)" % (name, len(traj) - 1, fmax))


def write_xtb_only(name, outdir):
    """Stage 1 only: the GFN2-xTB geometry, labelled as such."""
    atoms, how = start(name, outdir)
    charge = MOLECULES[name][1]
    atoms = xtb_opt(atoms, charge)
    out = Atoms(atoms.get_chemical_symbols(), atoms.positions - atoms.positions.mean(axis=0))
    out.info = {"name": name, "charge": charge,
                "source": "%s: %s; GFN2-xTB 6.5.1 relaxation; the GPAW PBE stage of "
                "tests/reference/relax_molecules.py has NOT been run" % (MOLECULES[name][2], how),
                "level": "GFN2-xTB (xtb 6.5.1 --opt tight)"}
    write(os.path.join(outdir, name + ".xyz"), out, format="extxyz")
    print("%s: wrote the GFN2-xTB geometry (no GPAW stage)" % name)


def main(argv):
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                          "inputs", "molecules")
    if "--outdir" in argv:
        k = argv.index("--outdir")
        outdir = argv[k + 1]
        del argv[k:k + 2]
    if "--xtb-only" in argv:
        write_xtb_only(argv[argv.index("--xtb-only") + 1], outdir)
        return
    if "--partial" in argv:
        write_partial(argv[argv.index("--partial") + 1], outdir)
        return
    names = argv or [n for n in MOLECULES if n != "H2O"]
    for n in names:
        if n not in MOLECULES:
            raise SystemExit("unknown molecule %s (known: %s)" % (n, ", ".join(MOLECULES)))
        relax(n, outdir)


if __name__ == "__main__":
    main(sys.argv[1:])
