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
    nice -n 19 /usr/bin/python3 tests/reference/relax_molecules.py --cutoffs NAME ECUT [ECUT ...]
        (relaxes the library geometry of NAME again at each plane-wave cutoff, eV, to fmax
        0.01 eV/A, logs in $TMPDIR/cutoff_NAME_ECUT.*, and prints its bond lengths; writes
        nothing to the library: the cutoff check of docs/molecules.md)
    /usr/bin/python3 tests/reference/relax_molecules.py --table
        (prints the Markdown table of docs/molecules.md from the library files)
    nice -n 19 /usr/bin/python3 tests/reference/relax_molecules.py --continue NAME
        (continues the GPAW stage from the geometry now in inputs/molecules/NAME.xyz, or from
        the last step of $TMPDIR/relax_NAME.traj when that trajectory passes through the
        file's geometry; the BFGS Hessian is rebuilt from that trajectory, new steps are
        appended to it; SIGTERM or Ctrl-C writes the last step as not converged)

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
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime

import numpy as np
from ase import Atoms
from ase.io import Trajectory, read, write
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
    t0 = time.time()
    converged = opt.run(fmax=0.05, steps=200)
    wall = time.time() - t0
    energy = atoms.get_potential_energy()
    fmax = np.max(np.linalg.norm(atoms.get_forces(), axis=1))
    out = Atoms(atoms.get_chemical_symbols(), centred(atoms))
    source = "%s: %s; %s (tests/reference/relax_molecules.py)" % (
        MOLECULES[name][2], how, "relaxed with GPAW" if converged else "GPAW relaxation NOT FINISHED")
    out.info = library_info(name, source, out, energy, fmax, opt.nsteps, wall, converged)
    if world.rank == 0:
        with open(log + ".wall", "w") as f:   # a fresh trajectory: a fresh wall-time record
            f.write("%.0f\n" % wall)
        write(os.path.join(outdir, name + ".xyz"), out, format="extxyz")
        print("%s: %d atoms, E = %.5f eV, fmax = %.4f eV/A after %d BFGS steps, %.1f min" %
              (name, len(out), energy, fmax, opt.nsteps, wall / 60), flush=True)


def centred(atoms):
    return atoms.positions - atoms.positions.mean(axis=0)


def distinct_steps(traj):
    """Number of BFGS steps in a trajectory: distinct geometries minus one (a restart
    writes the geometry it starts from again)."""
    n, prev = 0, None
    for a in traj:
        if prev is None or np.abs(a.positions - prev).max() > 1e-7:
            n += 1
        prev = a.positions
    return n - 1


def earlier_wall(log):
    """Wall seconds of the GPAW runs of log (relax_NAME) before this one: the sum kept in
    log.wall by --continue, or for a run made by relax() the time from its txt's Date: line
    to the last line of its BFGS log (same day assumed, wrapped at midnight)."""
    if os.path.exists(log + ".wall"):
        with open(log + ".wall") as f:
            return sum(float(x) for x in f.read().split())
    if not (os.path.exists(log + ".txt") and os.path.exists(log + ".bfgs")):
        return 0.0
    with open(log + ".txt") as f:
        date = next((l.split(":", 1)[1].strip() for l in f if l.startswith("Date:")), None)
    with open(log + ".bfgs") as f:
        last = [l.split() for l in f if l.startswith("BFGS:")][-1][2]
    t0 = datetime.strptime(date, "%a %b %d %H:%M:%S %Y")
    t1 = datetime.strptime(last, "%H:%M:%S").replace(year=t0.year, month=t0.month, day=t0.day)
    dt = (t1 - t0).total_seconds()
    return dt + 86400 if dt < 0 else dt


def li_o(atoms):
    """Li-O distances (A) below 2.5 A and whether those O sit on different S (bidentate)."""
    sym = atoms.get_chemical_symbols()
    if "Li" not in sym:
        return None
    li = sym.index("Li")
    o = [i for i, s in enumerate(sym) if s == "O"]
    s = [i for i, x in enumerate(sym) if x == "S"]
    near = sorted((atoms.get_distance(li, i), i) for i in o if atoms.get_distance(li, i) < 2.5)
    owners = {min(s, key=lambda k: atoms.get_distance(i, k)) for _, i in near}
    return [d for d, _ in near], len(near) == 2 and len(owners) == 2


def library_info(name, source, atoms, energy, fmax, steps, wall, converged):
    info = {"name": name, "charge": MOLECULES[name][1], "source": source,
            "level": LEVEL if converged else
            LEVEL.replace("BFGS fmax 0.05 eV/A", "BFGS stopped at fmax %.3f eV/A after %d steps "
                          "(not converged to 0.05)" % (fmax, steps)),
            "energy_eV": round(float(energy), 5), "fmax_eV_per_A": round(float(fmax), 4),
            "bfgs_steps": steps, "gpaw_wall_min": round(wall / 60, 1)}
    lio = li_o(atoms)
    if lio:
        info["Li_O_A"] = " ".join("%.3f" % d for d in lio[0])
        info["Li_bidentate"] = "yes" if lio[1] else "NO"
    return info


def continue_relax(name, outdir):
    """Continues the GPAW stage (same settings as relax()) from the library file's geometry."""
    from gpaw import GPAW, PW
    from gpaw.mpi import world
    path = os.path.join(outdir, name + ".xyz")
    old = read(path)
    charge = MOLECULES[name][1]
    if int(old.info.get("charge", charge)) != charge:
        raise SystemExit("%s: charge=%s, expected %d" % (path, old.info.get("charge"), charge))
    log = os.path.join(tempfile.gettempdir(), "relax_%s" % name)
    atoms = Atoms(old.get_chemical_symbols(), old.positions)
    atoms.center(vacuum=5.0)
    history = None
    if os.path.exists(log + ".traj"):
        traj = Trajectory(log + ".traj")
        if any(a.get_chemical_symbols() == old.get_chemical_symbols() and
               np.abs(centred(a) - centred(old)).max() < 1e-6 for a in traj):
            history = traj
            atoms = Atoms(traj[-1].get_chemical_symbols(), traj[-1].positions, cell=traj[-1].cell)
        else:
            raise SystemExit("%s.traj does not pass through the geometry of %s: move it away "
                             "to start the GPAW stage afresh from the file" % (log, path))
    wall0 = earlier_wall(log)
    atoms.pbc = True
    txt = open(log + ".txt", "a")
    atoms.calc = GPAW(mode=PW(350), xc="PBE", charge=charge, txt=txt,
                      symmetry={"point_group": False})
    opt = BFGS(atoms, logfile=log + ".bfgs", trajectory=Trajectory(log + ".traj", "a", atoms))
    if history is not None:
        opt.replay_trajectory(history)   # the Hessian the stopped run had built
    source = old.info["source"].split("; GFN2-xTB")[0] + \
        "; GFN2-xTB 6.5.1 pre-relaxation; relaxed with GPAW (tests/reference/relax_molecules.py)"

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    t0 = time.time()
    try:
        opt.run(fmax=0.05, steps=200)
        stopped = False
    except KeyboardInterrupt:
        stopped = True
    wall = time.time() - t0
    if world.rank == 0:
        with open(log + ".wall", "a") as f:
            if not os.path.getsize(log + ".wall") and wall0 > 0:
                f.write("%.0f\n" % wall0)          # the run before the first --continue
            f.write("%.0f\n" % wall)
    txt.close()
    traj = Trajectory(log + ".traj")
    last = traj[-1]
    energy = last.get_potential_energy()
    fmax = np.max(np.linalg.norm(last.get_forces(), axis=1))
    steps = distinct_steps(traj)
    converged = not stopped and fmax < 0.05
    if not converged:
        source = source.replace("relaxed with GPAW", "GPAW relaxation NOT FINISHED")
    out = Atoms(last.get_chemical_symbols(), centred(last))
    out.info = library_info(name, source, out, energy, fmax, steps, wall0 + wall, converged)
    if world.rank == 0:
        write(path, out, format="extxyz")
        print("%s: %d atoms, E = %.5f eV, fmax = %.4f eV/A, %d BFGS steps in all (%d now), "
              "GPAW wall %.1f min in all (%.1f now)%s%s" %
              (name, len(out), energy, fmax, steps, opt.nsteps, (wall0 + wall) / 60, wall / 60,
               "" if converged else ", NOT converged",
               ", Li-O %s A, bidentate %s" % (out.info["Li_O_A"], out.info["Li_bidentate"])
               if "Li_O_A" in out.info else ""), flush=True)


def write_partial(name, outdir):
    """The last BFGS step of an unfinished GPAW relaxation, marked as not converged."""
    log = os.path.join(tempfile.gettempdir(), "relax_%s" % name)
    traj = Trajectory(log + ".traj")
    atoms = traj[-1]
    energy = atoms.get_potential_energy()
    fmax = np.max(np.linalg.norm(atoms.get_forces(), axis=1))
    out = Atoms(atoms.get_chemical_symbols(), centred(atoms))
    _, how = start(name, outdir)   # (for LiTFSI: check which TFSI- the run really started from)
    source = "%s: %s; GFN2-xTB 6.5.1 pre-relaxation; GPAW relaxation NOT FINISHED " \
        "(tests/reference/relax_molecules.py)" % (MOLECULES[name][2], how)
    steps = distinct_steps(traj)
    out.info = library_info(name, source, out, energy, fmax, steps, earlier_wall(log), False)
    write(os.path.join(outdir, name + ".xyz"), out, format="extxyz")
    print("%s: wrote step %d, fmax %.3f eV/A (not converged)" % (name, steps, fmax))


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


def cutoffs(name, ecuts, outdir):
    """Bond lengths (A) of NAME relaxed at each cutoff from the library geometry."""
    from ase.neighborlist import NeighborList, natural_cutoffs
    from gpaw import GPAW, PW
    lib = read(os.path.join(outdir, name + ".xyz"))
    nl = NeighborList(natural_cutoffs(lib, mult=1.15), self_interaction=False, bothways=False)
    nl.update(lib)
    bonds = [(i, j) for i in range(len(lib)) for j in nl.get_neighbors(i)[0]]
    print("bond  library " + " ".join("%7.0f" % e for e in ecuts))
    rows = {b: [] for b in bonds}
    for ecut in ecuts:
        a = lib.copy()
        a.center(vacuum=5.0)
        a.pbc = True
        log = os.path.join(tempfile.gettempdir(), "cutoff_%s_%g" % (name, ecut))
        a.calc = GPAW(mode=PW(ecut), xc="PBE", charge=MOLECULES[name][1], txt=log + ".txt",
                      symmetry={"point_group": False})
        BFGS(a, logfile=log + ".bfgs").run(fmax=0.01, steps=200)
        for b in bonds:
            rows[b].append(a.get_distance(*b))
    for (i, j), d in rows.items():
        print("%s%d-%s%d %.4f " % (lib[i].symbol, i, lib[j].symbol, j, lib.get_distance(i, j)) +
              " ".join("%7.4f" % x for x in d), flush=True)


def table(outdir):
    """The library as a Markdown table (docs/molecules.md)."""
    what = {n: m[2] for n, m in MOLECULES.items()}
    what["Li+"] = "lithium ion"
    print("| name | molecule | atoms | charge | geometry / level | BFGS steps | fmax (eV/Å) | "
          "energy (eV) | GPAW wall (min) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sorted(what, key=str.lower):
        a = read(os.path.join(outdir, n + ".xyz"))
        i = a.info
        level = str(i["level"])
        if level.startswith("PBE PAW"):
            geo = "PBE, PW 350 eV, 5 Å vacuum (GPAW 22.8)" + (
                "" if "not converged" in level else ", converged")
            if "not converged" in level:
                geo += ", **not converged**"
        else:
            geo = level
        if "Li_O_A" in i:
            geo += "; Li–O %s Å (%s)" % (", ".join("%.3f" % x for x in np.atleast_1d(i["Li_O_A"])),
                                        "bidentate" if i.get("Li_bidentate") == "yes"
                                        else "NOT bidentate")
        print("| %s | %s | %d | %s | %s | %s | %s | %s | %s |" % (
            n, what[n], len(a), "%+d" % int(i["charge"]) if int(i["charge"]) else "0", geo, i.get("bfgs_steps", ""),
            i.get("fmax_eV_per_A", ""), i.get("energy_eV", ""), i.get("gpaw_wall_min", "")))


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
    if "--cutoffs" in argv:
        k = argv.index("--cutoffs")
        cutoffs(argv[k + 1], [float(x) for x in argv[k + 2:]], outdir)
        return
    if "--table" in argv:
        table(outdir)
        return
    if "--continue" in argv:
        for n in argv[argv.index("--continue") + 1:]:
            if n not in MOLECULES:
                raise SystemExit("unknown molecule %s (known: %s)" % (n, ", ".join(MOLECULES)))
            continue_relax(n, outdir)
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
