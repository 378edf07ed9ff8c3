#!/usr/bin/python3
"""GPAW 22.8 eigenvalues for every case of gpaw-public.json (run with /usr/bin/python3).

    /usr/bin/python3 tests/reference/eig_gpaw.py [OUT.json] [CASE ...] [--own]

Each case is re-run exactly as gpaw-public.json describes it (structure, PW cutoff,
Monkhorst-Pack k-points as ASE makes them, PBE, GPAW's default smearing unless the
case gives a width: Fermi-Dirac 0.1 eV when any axis is periodic, zero width
otherwise; GPAW's default symmetry and convergence criteria). Stored per case:
the eigenvalues (spin, IBZ k, band) in eV, the occupations, the IBZ k-points
(fractional, reciprocal cell) and weights, the Fermi level, the number of valence
electrons and the derived quantities of tests/reference/eig_quantities.py (gaps,
band widths), plus the total energy so that the run can be checked against the JSON.
About a minute on one core. Output: tests/data/scf/gpaw_eigs.json.
--own: the cases of tests/data/scf/gpaw_cases.json instead (O2 triplet, Al(111) 3 layers,
MgO: cases pawsorb was not tuned on), run as tests/reference/scf_cases_gpaw.py runs them
(Fermi-Dirac 0.1 eV, time reversal only, initial moments); output gpaw_eigs_cases.json.
Spin-polarised cases store the occupied bands of each channel (nocc_s, from the
occupations) used by eig_quantities.py for both codes.
"""
import json
import os
import re
import sys

import numpy as np
from ase import Atoms
from gpaw import GPAW, PW, FermiDirac

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eig_quantities import quantities  # noqa: E402

PUBLIC = os.environ.get('GPAW_PUBLIC', '/work/shared/reference/gpaw-public.json')
OWN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'data', 'scf', 'gpaw_cases.json')


def main():
    own = '--own' in sys.argv
    args = [a for a in sys.argv[1:] if a != '--own']
    out_path = args[0] if args else None
    want = set(args[1:])
    pub = json.load(open(OWN if own else PUBLIC))
    out = {}
    for name, c in pub.items():
        if 'energy' not in c or name.startswith('atom:') or (want and name not in want):
            continue
        symbols = c['symbols'] if isinstance(c['symbols'], list) else re.findall('[A-Z][a-z]?', c['symbols'])
        atoms = Atoms(symbols, positions=c['positions'], cell=c['cell'], pbc=c['pbc'])
        kw = {}
        if c.get('width') is not None:
            kw['occupations'] = FermiDirac(c['width'])
        if c.get('symmetry') is False:
            kw['symmetry'] = {'point_group': False}
        if c.get('magmoms'):
            atoms.set_initial_magnetic_moments(c['magmoms'])
        calc = GPAW(mode=PW(c['ecut']), xc='PBE', kpts=tuple(c['kpts']),
                    txt=f'/tmp/gpaw_eig_{name}.txt', **kw)
        atoms.calc = calc
        e = atoms.get_potential_energy()
        ns = calc.get_number_of_spins()
        nk = len(calc.get_ibz_k_points())
        eps = [[calc.get_eigenvalues(kpt=k, spin=s).tolist() for k in range(nk)] for s in range(ns)]
        occ = [[calc.get_occupation_numbers(kpt=k, spin=s).tolist() for k in range(nk)] for s in range(ns)]
        r = {'energy': e, 'energy_public': c['energy'], 'iterations': calc.scf.niter,
             'fermi': float(calc.get_fermi_level()), 'nvalence': float(calc.wfs.nvalence),
             'nbands': calc.get_number_of_bands(), 'kpoints': calc.get_ibz_k_points().tolist(),
             'kweights': calc.get_k_point_weights().tolist(), 'eigenvalues': eps,
             'occupations': occ, 'gpaw': __import__('gpaw').__version__}
        if ns == 2:   # occupied bands per channel: the summed occupations, rounded
            r['nocc_s'] = [int(round(sum(w * sum(f) for w, f in zip(r['kweights'], occ[s])) /
                                     sum(r['kweights']))) for s in range(2)]
        r['quantities'] = quantities(name, np.array(eps), np.array(r['kweights']), r['fermi'],
                                     r['nvalence'], np.array(r['kpoints']), r.get('nocc_s'))
        out[name] = r
        print(name, f'E {e:.6f} (public {c["energy"]:.6f})', json.dumps(r['quantities']), flush=True)
    text = json.dumps(out, indent=1)
    if out_path:
        with open(out_path, 'w') as f:
            f.write(text + '\n')


main()
