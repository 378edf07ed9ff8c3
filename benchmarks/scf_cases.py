#!/usr/bin/python3
"""pawsorb against GPAW 22.8 on the cases of gpaw-public.json and of
tests/data/scf/gpaw_cases.json (cases we did not tune on; made by
tests/reference/scf_cases_gpaw.py): one markdown table row per case with the
energy (eV, extrapolated to zero width, relative to the reference atoms),
the difference per atom and the SCF iterations of both codes.

    /usr/bin/python3 benchmarks/scf_cases.py PAWSORB [CASE ...] [--eos]

Structures, cutoff, k-points (Monkhorst-Pack as ASE: gamma false) and smearing
are taken from the JSON files, PBE, GPAW's default convergence criteria; pawsorb
runs with its default k-point reduction (a case may set 'symmetry').
--eos adds the E(V) curves (5 points) with ASE's Birch-Murnaghan fit, as the JSON.
--eig adds the eigenvalue table: gaps, band widths, Fermi levels and the molecules'
eigenvalues (definitions in tests/reference/eig_quantities.py) of every case of
tests/data/scf/gpaw_eigs.json and gpaw_eigs_cases.json (GPAW 22.8,
tests/reference/eig_gpaw.py [--own]), pawsorb's
from the results file of the same run; the issue's tolerance is 10 meV.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
PUBLIC = os.environ.get('GPAW_PUBLIC', '/work/shared/reference/gpaw-public.json')
OWN = os.path.join(SRC, 'tests', 'data', 'scf', 'gpaw_cases.json')
EIGS = [os.path.join(SRC, 'tests', 'data', 'scf', f) for f in ('gpaw_eigs.json', 'gpaw_eigs_cases.json')]
EIG_ROWS = []   # filled by main() with --eig: (case, quantity, pawsorb, GPAW)


def yaml_for(c, out):
    lines = ['task: scf', 'structure:',
             '  cell: ' + json.dumps(c['cell']),
             '  pbc: ' + json.dumps([bool(p) for p in c['pbc']]).lower(), '  atoms:']
    symbols = c['symbols']
    if isinstance(symbols, str):   # gpaw-public.json: 'SiSi'
        symbols = re.findall('[A-Z][a-z]?', symbols)
    for s, p in zip(symbols, c['positions']):
        lines.append(f'    - [{s}, {p[0]!r}, {p[1]!r}, {p[2]!r}]')
    lines += ['dft:', '  xc: PBE', f"  cutoff: {c['ecut']}",
              f"  kpoints: {json.dumps(c['kpts'])}", '  gamma: ' + ('true' if c.get('gamma') else 'false')]
    if c.get('symmetry') is not None and HAS_SYMMETRY_KEY:
        lines.append('  symmetry: ' + ('true' if c['symmetry'] else 'false'))
    if c.get('width') is not None:
        lines += ['  smearing: {method: fermi-dirac, width: %r}' % c['width']]
    if c.get('magmoms'):
        lines += ['  spin: true', '  magmoms: ' + json.dumps(c['magmoms'])]
    lines += ['output:', f'  file: {out}']
    return '\n'.join(lines) + '\n'


HAS_SYMMETRY_KEY = False   # set in main: does this pawsorb know dft.symmetry? (without it: time reversal only)


def probe_symmetry_key(pawsorb, tmp):
    y = os.path.join(tmp, 'probe.yaml')
    with open(y, 'w') as f:
        f.write('task: scf\nstructure:\n  cell: [4, 4, 4]\n  atoms:\n    - [H, 0, 0, 0]\n'
                'dft:\n  symmetry: false\n')
    p = subprocess.run([pawsorb, 'check', y], capture_output=True, text=True)
    return 'symmetry' not in p.stderr


def run(pawsorb, c, tmp, name):
    y = os.path.join(tmp, name + '.yaml')
    with open(y, 'w') as f:
        f.write(yaml_for(c, os.path.join(tmp, name + '.h5')))
    p = subprocess.run([pawsorb, 'run', y], capture_output=True, text=True)
    log = p.stdout
    with open(os.path.join(tmp, name + '.log'), 'w') as f:
        f.write(log + p.stderr)
    m = re.search(r'^Extrapolated:\s+(\S+)', log, re.M)
    it = len(re.findall(r'^iter:', log, re.M))
    if p.returncode != 0 or not m:
        return None, it, p.stderr.strip()[-200:]
    return float(m.group(1)), it, ''


def bm_fit(a_list, e_list, cellfn):
    from ase.eos import EquationOfState
    from ase.units import kJ
    v = [abs(__import__('numpy').linalg.det(cellfn(a))) for a in a_list]
    eos = EquationOfState(v, e_list, eos='birchmurnaghan')
    v0, e0, B = eos.fit()
    return v0, e0, B / kJ * 1e24


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    pawsorb, want = args[0], set(args[1:])
    cases = {}
    for path in (PUBLIC, OWN):
        if os.path.exists(path):
            with open(path) as f:
                for k, v in json.load(f).items():
                    if 'energy' in v and not k.startswith('atom:'):
                        cases[k] = v
    tmp = tempfile.mkdtemp(prefix='scf_cases_')
    global HAS_SYMMETRY_KEY
    HAS_SYMMETRY_KEY = probe_symmetry_key(pawsorb, tmp)
    print('| case | atoms | cutoff eV | k-points | pawsorb eV | GPAW eV | diff meV/atom | iter pawsorb | iter GPAW |')
    print('|---|---|---|---|---|---|---|---|---|')
    for name, c in cases.items():
        if want and name not in want:
            continue
        e, it, why = run(pawsorb, c, tmp, re.sub(r'\W', '_', name))
        k = 'x'.join(str(n) for n in c['kpts'])
        if e is None:
            print(f"| {name} | {c['natoms']} | {c['ecut']} | {k} | failed: {why} | {c['energy']:.6f} | | {it} | {c['iterations']} |")
        else:
            d = (e - c['energy']) * 1000 / c['natoms']
            print(f"| {name} | {c['natoms']} | {c['ecut']} | {k} | {e:.6f} | {c['energy']:.6f} | {d:+.3f} | {it} | {c['iterations']} |")
            if '--eig' in sys.argv:
                eig_compare(name, c, os.path.join(tmp, re.sub(r'\W', '_', name) + '.h5'))
        sys.stdout.flush()
    if '--eig' in sys.argv:
        eig_table()
    if '--eos' in sys.argv:
        eos_table(pawsorb, tmp, want)


def eig_compare(name, c, h5):
    """Gaps and band widths of pawsorb's run against GPAW's (gpaw_eigs.json)."""
    import h5py
    import numpy as np
    sys.dont_write_bytecode = True   # no __pycache__ in the source tree
    sys.path.insert(0, os.path.join(SRC, 'tests', 'reference'))
    from eig_quantities import quantities
    ref = None
    for path in EIGS:
        if os.path.exists(path):
            ref = json.load(open(path)).get(name, ref)
    if ref is None:
        return
    with h5py.File(h5, 'r') as f:
        eps = np.array(f['/electrons/eigenvalues'])
        kpts = np.array(f['/electrons/kpoints'])
        kw = np.array(f['/electrons/kweights'])
        fermi = float(f['/electrons/fermi_level'][()])
    q = quantities(name, eps, kw, fermi, ref['nvalence'], kpts, ref.get('nocc_s'))
    for key, g in ref['quantities'].items():
        EIG_ROWS.append((name, key, q.get(key), g))


def eig_table():
    print('\n| case | quantity | pawsorb eV | GPAW eV | diff meV |')
    print('|---|---|---|---|---|')
    worst = 0.0
    for name, key, p, g in EIG_ROWS:
        if p is None:
            print(f'| {name} | {key} | missing | {g:.4f} | |')
            worst = float('inf')
            continue
        worst = max(worst, abs(p - g))
        print(f'| {name} | {key} | {p:.4f} | {g:.4f} | {1e3 * (p - g):+.2f} |')
    print(f'\nlargest difference: {1e3 * worst:.2f} meV over {len(EIG_ROWS)} quantities (tolerance 10 meV)')


def eos_table(pawsorb, tmp, want):
    import numpy as np
    with open(PUBLIC) as f:
        pub = json.load(f)
    shapes = {'Si': (['Si', 'Si'], lambda a: [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]],
                     lambda a: [[0, 0, 0], [a / 4] * 3]),
              'Al': (['Al'], lambda a: [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]],
                     lambda a: [[0, 0, 0]]),
              'LiF': (['Li', 'F'], lambda a: [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]],
                      lambda a: [[0, 0, 0], [a / 2, 0, 0]])}
    print('\n| solid | a0 pawsorb A | a0 GPAW A | diff A | B pawsorb GPa | B GPAW GPa |')
    print('|---|---|---|---|---|---|')
    for s, (sym, cellfn, posfn) in shapes.items():
        ref = pub.get(s + '_eos')
        if ref is None or (want and s + '_eos' not in want):
            continue
        es = []
        for a in ref['lattice_constants']:
            c = {'symbols': sym, 'positions': posfn(a), 'cell': cellfn(a), 'pbc': [1, 1, 1],
                 'ecut': ref['ecut'], 'kpts': ref['kpts'], 'width': ref.get('width'), 'natoms': len(sym)}
            e, it, why = run(pawsorb, c, tmp, f'{s}_eos_{a:.4f}')
            es.append(e)
        if any(e is None for e in es):
            print(f'| {s} | failed | {ref["a0"]:.4f} | | | |')
            continue
        v0, e0, B = bm_fit(ref['lattice_constants'], es, lambda a: np.array(cellfn(a)))
        a0 = (4 * v0) ** (1 / 3)   # fcc primitive cell volume a^3/4
        print(f'| {s} | {a0:.4f} | {ref["a0"]:.4f} | {a0 - ref["a0"]:+.4f} | {B:.1f} | {ref["B_GPa"]:.1f} |')
        sys.stdout.flush()


main()
