#!/usr/bin/python3
"""Checks a pawsorb results file against the contract (docs/interface.md, "Results
file") with h5py, converting the writer's atomic-unit inputs with ASE's units (ase 3.22,
CODATA 2014) -- an implementation independent of pawsorb's units.h.

  check_results.py FILE.h5 INPUTS.json [--info INFO.txt] [--ranks N]
      FILE.h5     written by tests/tools/results_example
      INPUTS.json the values it was given, in Hartree atomic units (it writes this too)
      INFO.txt    the output of `pawsorb info FILE.h5`, checked against numbers computed
                  here from the file (formula by ASE, max force by numpy)
  check_results.py --constants
      prints the eV/Angstrom values tests/unit/test_results.c expects

Prints TAP lines ("ok - ..." / "not ok - ..."); exit status 1 if any check failed.
Run with /usr/bin/python3 (Debian's python3-h5py and python3-ase).
"""
import hashlib
import json
import re
import sys

import numpy as np

from ase import Atoms
from ase.units import Bohr, Hartree

failed = 0

# Tolerances: the writer multiplies once by the same CODATA 2014 constants -> a few ulp;
# `pawsorb info` prints 6 decimals -> half a unit in the last place plus rounding.
TOL_FILE = 1e-12
TOL_INFO = 1e-6


def check(cond, what):
    global failed
    print(("ok" if cond else "not ok") + " - " + what)
    if not cond:
        failed += 1
    return cond


def close(got, want, tol, what):
    got, want = np.asarray(got, float), np.asarray(want, float)
    good = got.shape == want.shape and np.allclose(got, want, rtol=tol, atol=tol)
    if not check(good, what):
        print("#   got  %s\n#   want %s" % (got.tolist(), want.tolist()))


# Every dataset of the contract: path -> (shape with N = atoms, S/K/B = spin, k, bands; units)
def contract(n, s, k, b):
    return {
        "structure/cell": ((3, 3), "Angstrom"),
        "structure/positions": ((n, 3), "Angstrom"),
        "structure/numbers": ((n,), "1"),
        "structure/pbc": ((3,), "1"),
        "structure/fixed": ((n,), "1"),
        "energy/total": ((), "eV"),
        "energy/free": ((), "eV"),
        "energy/dispersion": ((), "eV"),
        "forces": ((n, 3), "eV/Angstrom"),
        "scf/converged": ((), "1"),
        "scf/iterations": ((), "1"),
        "electrons/fermi_level": ((), "eV"),
        "electrons/eigenvalues": ((s, k, b), "eV"),
        "electrons/occupations": ((s, k, b), "electrons"),
        "electrons/kpoints": ((k, 3), "1"),
        "electrons/kweights": ((k,), "1"),
        "relax/energies": ((None,), "eV"),
        "relax/positions": ((None, n, 3), "Angstrom"),
        "relax/fmax": ((None,), "eV/Angstrom"),
        "bader/population": ((n,), "electrons"),
        "bader/charge": ((n,), "e"),
        "bader/volume": ((n,), "Angstrom^3"),
    }


def check_layout(f, inp, ranks):
    for key in ("program", "version", "git_revision", "created", "input", "status", "mpi_ranks",
                "wall_time", "setups", "setups_sha256"):
        check(key in f.attrs, "root attribute %s present" % key)
    check(f.attrs.get("program") == "pawsorb", "program is 'pawsorb'")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(f.attrs.get("created", ""))) is not None,
          "created is ISO 8601 UTC")
    check(f.attrs.get("status") == "ok", "status is 'ok'")
    check(int(f.attrs.get("mpi_ranks", -1)) == ranks, "mpi_ranks = %d" % ranks)
    check(float(f.attrs.get("wall_time", -1)) >= 0, "wall_time >= 0")
    check("cutoff: 400" in str(f.attrs.get("input", "")), "input text stored")
    with open(inp["setup"], "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    check(list(f.attrs.get("setups_sha256", [])) == [digest], "setups_sha256 = hashlib's SHA-256 of the dataset")
    check(list(f.attrs.get("setups", [])) == [inp["setup"]], "setups names the dataset file")

    n, k, b = len(inp["numbers"]), inp["nkpts"], inp["nbands"]
    for path, (shape, units) in contract(n, inp["nspin"], k, b).items():
        if not check(path in f, "/%s exists" % path):
            continue
        d = f[path]
        got = (None,) + d.shape[1:] if shape[:1] == (None,) else d.shape
        check(got == shape, "/%s shape %s (want %s)" % (path, d.shape, shape))
        check(d.attrs.get("units") == units, "/%s units %r" % (path, d.attrs.get("units")))
    for path in ("structure/pbc", "structure/fixed", "scf/converged"):
        check(path in f and f[path].dtype == np.bool_, "/%s is bool for h5py" % path)
    hist = f["scf/history"]
    check(hist.dtype.names == ("iteration", "energy", "density_change"),
          "/scf/history is a table (iteration, energy, density_change)")
    check(f["bader"].attrs.get("method") == "weight" and f["bader"].attrs.get("density") == "all-electron",
          "/bader attributes method, density")
    without = []
    f.visititems(lambda name, o: without.append(name)
                 if isinstance(o, type(f["forces"])) and "units" not in o.attrs else None)
    check(not without, "every dataset has a units attribute (missing: %s)" % without)


def check_values(f, inp):
    close(f["structure/cell"][()], np.array(inp["cell_bohr"]) * Bohr, TOL_FILE, "cell in Angstrom")
    close(f["structure/positions"][()], np.array(inp["positions_bohr"]) * Bohr, TOL_FILE, "positions in Angstrom")
    check(list(f["structure/numbers"][()]) == inp["numbers"], "numbers")
    check(list(f["structure/pbc"][()]) == inp["pbc"], "pbc")
    check(list(f["structure/fixed"][()]) == inp["fixed"], "fixed")
    for key in ("total", "free", "dispersion"):
        close(f["energy/" + key][()], inp[key + "_ha"] * Hartree, TOL_FILE, "energy/%s in eV" % key)
    for name, v in inp["components_ha"].items():
        close(f["energy/components/" + name][()], v * Hartree, TOL_FILE, "energy/components/%s in eV" % name)
    close(f["forces"][()], np.array(inp["forces_au"]) * Hartree / Bohr, TOL_FILE, "forces in eV/Angstrom")
    close(f["scf/history"]["energy"], np.array(inp["scf_energies_ha"]) * Hartree, TOL_FILE, "scf history energies eV")
    check(list(f["scf/history"]["iteration"]) == list(range(1, len(inp["scf_energies_ha"]) + 1)),
          "scf history iterations 1..n")
    check(bool(f["scf/converged"][()]) == inp["scf_converged"], "scf/converged")
    close(f["electrons/fermi_level"][()], inp["fermi_ha"] * Hartree, TOL_FILE, "fermi level in eV")
    close(f["relax/energies"][()], np.array(inp["relax_energies_ha"]) * Hartree, TOL_FILE, "relax energies eV")
    close(f["relax/fmax"][()], np.array(inp["relax_fmax_au"]) * Hartree / Bohr, TOL_FILE, "relax fmax eV/Angstrom")
    close(f["relax/positions"][-1], np.array(inp["positions_bohr"]) * Bohr, TOL_FILE, "last relax frame positions")
    pop = np.array(inp["bader_population"])
    close(f["bader/population"][()], pop, TOL_FILE, "bader population")
    close(f["bader/charge"][()], np.array(inp["numbers"]) - pop, TOL_FILE, "bader charge = Z - population")
    close(f["bader/volume"][()], np.array(inp["bader_volume_bohr3"]) * Bohr**3, TOL_FILE, "bader volume Angstrom^3")
    # distributed rows (results_write_array_rows): value = flat index, electrons/bohr^3
    check(f["test/density"].attrs.get("units") == "electrons/Angstrom^3", "row-distributed grid units")
    close(f["test/density"][()], np.arange(60.0).reshape(5, 4, 3) / Bohr**3, TOL_FILE,
          "row-distributed grid values, all ranks' blocks in place")


def number_after(text, label):
    m = re.search(re.escape(label) + r"\s+(-?\d+\.\d+)", text)
    return float(m.group(1)) if m else float("nan")


def check_info(f, text):
    atoms = Atoms(numbers=f["structure/numbers"][()], positions=f["structure/positions"][()],
                  cell=f["structure/cell"][()], pbc=f["structure/pbc"][()])
    formula = atoms.get_chemical_formula()
    check(re.search(r"structure\s+%s, %d atoms" % (formula, len(atoms)), text) is not None,
          "info: formula %s (ASE) and atom count" % formula)
    for key in ("total", "free", "dispersion"):
        close(number_after(text, "energy " + key), f["energy/" + key][()], TOL_INFO, "info: energy %s" % key)
    fnorm = np.linalg.norm(f["forces"][()], axis=1)
    close(number_after(text, "max force"), fnorm.max(), TOL_INFO, "info: max force (numpy norm)")
    close(number_after(text, "on free atoms"), fnorm[~f["structure/fixed"][()]].max(), TOL_INFO,
          "info: max force on free atoms")
    close(number_after(text, "fermi level"), f["electrons/fermi_level"][()], TOL_INFO, "info: Fermi level")
    check(re.search(r"converged after %d iterations" % f["scf/iterations"][()], text) is not None,
          "info: SCF iterations")
    check(re.search(r"relax\s+%d steps" % len(f["relax/energies"]), text) is not None, "info: relax steps")
    cell_rows = re.findall(r"^(?:cell \(Å\))?\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)$", text, re.M)
    close(np.array(cell_rows[:3], float) if len(cell_rows) >= 3 else [], atoms.cell[:], TOL_INFO, "info: cell")
    rows = re.findall(r"^\s+(\d+)\s+([A-Z][a-z]?)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)$", text, re.M)
    check(len(rows) == len(atoms) and [r[1] for r in rows] == atoms.get_chemical_symbols(),
          "info: bader table has one row per atom with its symbol")
    if rows:
        close([float(r[3]) for r in rows], f["bader/charge"][()], 1e-4, "info: bader charges (4 decimals)")
    check("status       ok" in text, "info: status")


def main(argv):
    if argv[1:] == ["--constants"]:
        for label, v in (("-1.25 Ha", -1.25 * Hartree), ("0.02 Ha/bohr", 0.02 * Hartree / Bohr),
                         ("10 bohr", 10 * Bohr), ("7 bohr", 7 * Bohr), ("100 bohr^3", 100 * Bohr**3), ("7 e/bohr^3", 7 / Bohr**3)):
            print("%-14s %r" % (label, v))
        return 0
    import h5py
    args, info, ranks = [], None, 1
    it = iter(argv[1:])
    for a in it:
        if a == "--info":
            info = next(it)
        elif a == "--ranks":
            ranks = int(next(it))
        else:
            args.append(a)
    with open(args[1]) as fh:
        inp = json.load(fh)
    with h5py.File(args[0], "r") as f:
        check_layout(f, inp, ranks)
        check_values(f, inp)
        if info:
            with open(info, encoding="utf-8") as fh:
                check_info(f, fh.read())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
