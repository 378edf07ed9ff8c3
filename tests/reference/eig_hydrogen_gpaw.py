#!/usr/bin/python3
"""GPAW 22.8 numbers for tests/cli/run_hydrogen.sh (run with /usr/bin/python3):

    /usr/bin/python3 tests/reference/eig_hydrogen_gpaw.py [OUT.json]

One H atom, spin-paired (GPAW's default without moments; no Hund's rule), PBE,
gpaw-data's H.PBE dataset, at the centre of a cubic box of L = 8 A, pbc False (zero
width, GPAW's default for a non-periodic cell), PW cutoffs 200 ... 600 eV. Stored per
cutoff: the 1s eigenvalue and the electrostatic vacuum level, i.e. GPAW's
get_electrostatic_potential() (the Hartree potential of pseudo density plus
compensation charges, eV, fine grid) at the cell corner, the point farthest from the
atom. The plane-wave Poisson solver makes the cell average of that potential zero, so
the vacuum sits above zero by (2 pi / 3 V) times the second moment of the charge
(about 45 meV here); eigenvalue minus vacuum level is the eigenvalue of the isolated
atom, which converges with the cutoff towards the dataset's own 1s energy
(H.PBE <state ... e="-0.23866"> hartree, the spin-paired atom of the generator).
Also written: that energy in eV. About 30 s on one core.
"""
import gzip
import json
import re
import sys

from ase import Atoms
from ase.units import Ha
from gpaw import GPAW, PW

L = 8.0
CUTOFFS = [200, 300, 400, 500, 600]


def dataset_e1s():
    text = gzip.open('/usr/share/gpaw-setups/H.PBE.gz', 'rt').read()
    m = re.search(r'<state\s+n="1"\s+l="0"\s+f="1"\s+rc="[^"]*"\s+e="\s*([-0-9.]+)"', text)
    return float(m.group(1)) * Ha


def main():
    out = {'L': L, 'e1s_dataset': dataset_e1s(), 'gpaw': __import__('gpaw').__version__, 'cutoffs': {}}
    for ecut in CUTOFFS:
        a = Atoms('H', positions=[(L / 2, L / 2, L / 2)], cell=(L, L, L), pbc=False)
        a.calc = GPAW(mode=PW(ecut), xc='PBE', txt=f'/tmp/gpaw_h_{ecut}.txt')
        a.get_potential_energy()
        eps = float(a.calc.get_eigenvalues(kpt=0, spin=0)[0])
        v = a.calc.get_electrostatic_potential()
        vac = float(v[0, 0, 0])
        out['cutoffs'][str(ecut)] = {'eps_1s': eps, 'vacuum_level': vac, 'iterations': a.calc.scf.niter,
                                     'nbands': a.calc.get_number_of_bands()}
        print(ecut, eps, vac, eps - vac, eps - vac - out['e1s_dataset'], flush=True)
    text = json.dumps(out, indent=1)
    if len(sys.argv) > 1:
        with open(sys.argv[1], 'w') as f:
            f.write(text + '\n')
    else:
        print(text)


main()
