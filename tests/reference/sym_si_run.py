"""Si 4x4x4 at 400 eV: pawsorb with the point group against pawsorb with time reversal
only (run with /usr/bin/python3; too slow for CI, about 25 s on one core).

    PAWSORB=build/pawsorb /usr/bin/python3 tests/reference/sym_si_run.py [plain]

Default: the Gamma-centred grid, which every operation maps onto itself, so the
irreducible wedge (8 points) with the density and D_ij symmetrised must give the energy
of the 36 time-reversal points to the SCF tolerance (1e-7 eV/electron here).
'plain': ASE's plain 4x4x4 Monkhorst-Pack grid, which the operations do not map onto
itself (GPAW: "your k-points are not as symmetric as your crystal"); there the wedge
(10 points, GPAW's) and the 32 time-reversal points are different samplings, and the
energy with symmetry is compared with GPAW 22.8's (tests/data/scf/gpaw_si_400_tight.json).

Measured (2026-11, build-sym, 2 cores shared with other jobs, wall times):
  Gamma-centred: 8 vs 36 k-points, E = -10.601530894 vs -10.601530897 eV
                 (with - without = +3.3e-9 eV), 28 iterations each, 6.5 s vs 17.9 s;
  plain:         10 vs 32 k-points, -10.788217365 vs -10.788019187 eV (different
                 samplings), 7.3 s vs 16.7 s; with symmetry - GPAW = +0.503 meV (XC
                 +0.51 meV from libxc's PBE constants), time reversal only +0.70 meV.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import h5py

here = os.path.dirname(os.path.abspath(__file__))
pawsorb = os.environ.get('PAWSORB', os.path.join(here, '..', '..', 'build', 'pawsorb'))
plain = len(sys.argv) > 1 and sys.argv[1] == 'plain'

INPUT = """task: scf
structure:
  cell: [[0.0, 2.715, 2.715], [2.715, 0.0, 2.715], [2.715, 2.715, 0.0]]
  pbc: [true, true, true]
  atoms:
    - [Si, 0.0, 0.0, 0.0]
    - [Si, 1.3575, 1.3575, 1.3575]
dft:
  cutoff: 400
  kpoints: [4, 4, 4]
  gamma: {gamma}
  symmetry: {symmetry}
scf:
  energy_tol: 1.0e-7
  density_tol: 1.0e-7
"""

results = {}
with tempfile.TemporaryDirectory() as tmp:
    for symmetry in ('true', 'false'):
        path = os.path.join(tmp, f'si_{symmetry}.yaml')
        with open(path, 'w') as f:
            f.write(INPUT.format(gamma='false' if plain else 'true', symmetry=symmetry))
        out = os.path.join(tmp, f'si_{symmetry}.h5')
        t0 = time.time()
        subprocess.run([pawsorb, 'run', path, '--output', out], check=True, capture_output=True)
        wall = time.time() - t0
        with h5py.File(out, 'r') as h:
            results[symmetry] = (float(h['/energy/total'][()]), int(h['/scf/iterations'][()]),
                                 len(h['/electrons/kweights'][()]), wall)
        E, it, nk, wall = results[symmetry]
        print(f'symmetry {symmetry:5}: {nk:2d} k-points, E = {E:.9f} eV, {it} iterations, {wall:.1f} s')
dE = results['true'][0] - results['false'][0]
print(f'with - without: {dE:+.2e} eV')
if plain:
    ref = json.load(open(os.path.join(here, '..', 'data', 'scf', 'gpaw_si_400_tight.json')))
    print(f'with symmetry - GPAW 22.8: {1e3 * (results["true"][0] - ref["energy"]):+.3f} meV')
