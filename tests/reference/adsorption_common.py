"""Shared pieces of the GPAW adsorption references (adsorption_tiny_gpaw.py,
adsorption_relax_gpaw.py, benchmarks/adsorption/tio2_gpaw.py); not run by itself.

D2 comes from tests/reference/d2_reference.py (imported, not re-implemented) with
potentials/d2.csv and its defaults: s6 0.75, d 20, sR 1 (R0ij = R0i + R0j unscaled),
cutoff 50 A. GPAW runs in PW mode, PBE, Fermi-Dirac 0.1 eV (GPAW's default when any axis
is periodic, written out), the k-points of the caller (Gamma only here).
Energies are GPAW's get_potential_energy() (extrapolated to zero width) in eV.

Definitions (the lead's adsorption workflow): the complex holds the slab's atoms first,
then the molecule's; E(mol) is the molecule alone in the complex's cell and pbc;
E_b = E(complex) - E(slab) - E(mol), each E = E_DFT + E_D2.
"""
import os
import sys
import time

import numpy as np
from ase.calculators.calculator import Calculator, all_changes
from ase.io import read, write

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
import d2_reference  # noqa: E402

C6, R0 = d2_reference.read_params(os.path.join(SRC, 'potentials', 'd2.csv'))
D2_PARAMS = {'s6': d2_reference.S6, 'd': d2_reference.D, 'sR': 1.0, 'cutoff_A': d2_reference.CUTOFF}


def d2_energy_forces(atoms):
    """Grimme D2 energy (eV) and forces (eV/A) of d2_reference.d2 with its defaults."""
    e, f, _ = d2_reference.d2(atoms, C6, R0)
    return float(e), f


class D2(Calculator):
    """d2_reference's D2 as an ASE calculator, to be added to GPAW by SumCalculator."""
    implemented_properties = ['energy', 'free_energy', 'forces']

    def calculate(self, atoms=None, properties=['energy'], system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        e, f = d2_energy_forces(self.atoms)
        self.results = {'energy': e, 'free_energy': e, 'forces': f}


def gpaw_params(ecut, convergence, kpts=(1, 1, 1)):
    """The GPAW keyword arguments used everywhere (also written to the JSON files)."""
    return {'mode': {'name': 'pw', 'ecut': ecut}, 'xc': 'PBE', 'kpts': list(kpts),
            'occupations': {'name': 'fermi-dirac', 'width': 0.1}, 'convergence': dict(convergence)}


def gpaw_calc(params, txt=None):
    from gpaw import GPAW, PW
    p = dict(params)
    p['mode'] = PW(p['mode']['ecut'])
    p['kpts'] = tuple(p['kpts'])
    return GPAW(txt=txt, **p)


def iterations(calc):
    try:
        return int(calc.get_number_of_iterations())
    except Exception:
        return int(calc.scf.niter)


def single_point(atoms, params, txt=None):
    """GPAW + D2 at the given geometry: {'E_total_eV', 'E_DFT_eV', 'E_D2_eV', ...}."""
    a = atoms.copy()
    a.calc = gpaw_calc(params, txt)
    t0, c0 = time.time(), time.process_time()
    e_dft = a.get_potential_energy()
    wall, cpu = time.time() - t0, time.process_time() - c0
    e_d2, _ = d2_energy_forces(a)
    return {'E_total_eV': e_dft + e_d2, 'E_DFT_eV': e_dft, 'E_D2_eV': e_d2,
            'E_DFT_free_eV': a.calc.get_potential_energy(force_consistent=True),
            'scf_iterations': iterations(a.calc), 'nbands': int(a.calc.get_number_of_bands()),
            'nvalence': int(a.calc.get_number_of_electrons()), 'wall_s': round(wall, 1), 'cpu_s': round(cpu, 1),
            'natoms': len(a)}


def binding(cplx, slab, mol):
    """E_b and its DFT and D2 parts from three single_point (or relaxed) dicts."""
    out = {}
    for k in ('total', 'DFT', 'D2'):
        key = 'E_%s_eV' % k
        out['E_b_%s_eV' % k] = cplx[key] - slab[key] - mol[key]
    return out


def write_read(path, atoms):
    """Write extended XYZ with ASE, read it back: the caller computes on the stored geometry."""
    a = atoms.copy()   # a copy: no calculator results in the file
    cols = None
    if a.constraints:   # ASE 3.22 writes the move_mask column only when asked for it
        cols = ['symbols', 'positions', 'move_mask']
    write(path, a, format='extxyz', columns=cols)
    return read(path)


def split(cplx, nslab):
    """Slab (first nslab atoms) and molecule (the rest) of a complex, same cell and pbc,
    constraints of the slab atoms kept (FixAtoms indices < nslab)."""
    from ase.constraints import FixAtoms
    slab, mol = cplx[:nslab], cplx[nslab:]
    fixed = [i for c in cplx.constraints if isinstance(c, FixAtoms) for i in c.index if i < nslab]
    slab.set_constraint(FixAtoms(indices=fixed) if fixed else None)
    mol.set_constraint()
    return slab, mol


def min_distance(a, b, atoms_cell, images_only=False):
    """Smallest distance between atoms a (Nx3) and b (Mx3) over the periodic images
    (-1, 0, 1 cells along each periodic axis); images_only: leave out the (0, 0, 0) cell."""
    cell, pbc = atoms_cell.cell.array, atoms_cell.pbc
    best = np.inf
    rng = [(-1, 0, 1) if p else (0,) for p in pbc]
    for i in rng[0]:
        for j in rng[1]:
            for k in rng[2]:
                if images_only and i == j == k == 0:
                    continue
                shift = i * cell[0] + j * cell[1] + k * cell[2]
                d = np.linalg.norm(a[:, None, :] - (b[None, :, :] + shift), axis=2)
                best = min(best, d.min())
    return float(best)
