#!/usr/bin/env bash
# Structure files against ASE 3.22: pawsorb (through tests/tools/structio_tool) reads and
# writes, ASE reads what pawsorb wrote and compares species, positions (1e-8 A), cell,
# pbc, fixed atoms (as ASE constraints), initial moments, energies and forces.
#  1. every reference file of tests/data/structures: pawsorb converts it to extxyz;
#     ASE reads the original and pawsorb's file and compares them;
#  2. random structures written by ASE (extxyz with move_mask, POSCAR with selective
#     dynamics, both full precision): pawsorb's reading of them is compared with ASE's;
#  3. a trajectory written with extxyz_append: ASE reads every frame, its energy= and forces;
#  4. a malformed file: the tool exits with status 1 and names file and line.
# ASE is required (CI installs python3-ase): without it this test fails.
set -u
py=/usr/bin/python3
tool=${PAWSORB_BUILDDIR:-.}/tests/tools/structio_tool
data=${PAWSORB_SRCDIR:-.}/tests/data/structures
if ! $py -c "import ase" 2>/dev/null; then
    echo "not ok 1 - ASE is not importable by $py (install python3-ase)"
    exit 1
fi
if [ ! -x "$tool" ]; then
    echo "not ok 1 - $tool not built (make check builds it)"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

STRUCTIO_TOOL=$tool STRUCTIO_DATA=$data STRUCTIO_TMP=$tmp $py - <<'EOF'
import os
import subprocess

import numpy as np
from ase import Atoms
from ase.constraints import FixAtoms, FixCartesian, FixScaled
from ase.io import read, write

tool, data, tmp = (os.environ[k] for k in ('STRUCTIO_TOOL', 'STRUCTIO_DATA', 'STRUCTIO_TMP'))
count = 0


def report(cond, what, detail=''):
    global count
    count += 1
    print('%sok %d - %s' % ('' if cond else 'not ', count, what))
    if not cond and detail:
        print('#   ' + str(detail).replace('\n', '\n#   '))


def run(*args):
    return subprocess.run([tool] + list(args), capture_output=True, text=True)


def fixed_of(atoms):
    """Fixed atoms as pawsorb sees them: any fixed direction fixes the atom."""
    fixed = np.zeros(len(atoms), bool)
    for c in atoms.constraints:
        if isinstance(c, FixAtoms):
            fixed[c.index] = True
        elif isinstance(c, FixScaled):       # mask True = fixed direction
            fixed[c.a] |= bool(np.any(c.mask))
        elif isinstance(c, FixCartesian):    # ASE 3.22 stores mask True = free direction
            fixed[c.a] |= not bool(np.all(c.mask))
    return fixed


def compare(a, b, tol=1e-8):
    """Differences between two ASE structures, as a list of strings (empty: the same)."""
    bad = []
    if a.get_chemical_symbols() != b.get_chemical_symbols():
        return ['symbols %s != %s' % (a.get_chemical_symbols(), b.get_chemical_symbols())]
    dp = np.abs(a.positions - b.positions).max()
    dc = np.abs(a.cell[:] - b.cell[:]).max()
    if dp > tol: bad.append('positions differ by %.3g A' % dp)
    if dc > tol: bad.append('cell differs by %.3g A' % dc)
    if list(a.pbc) != list(b.pbc): bad.append('pbc %s != %s' % (a.pbc, b.pbc))
    if list(fixed_of(a)) != list(fixed_of(b)):
        bad.append('fixed %s != %s' % (np.nonzero(fixed_of(a))[0], np.nonzero(fixed_of(b))[0]))
    dm = np.abs(a.get_initial_magnetic_moments() - b.get_initial_magnetic_moments()).max()
    if dm > 1e-8: bad.append('initial magnetic moments differ by %.3g' % dm)
    return bad


def dump_to_atoms(text):
    """pawsorb's reading, as printed by `structio_tool dump`, as ASE Atoms."""
    lines = text.split('\n')
    cell = np.array([float(x) for x in lines[1].split()[1:]]).reshape(3, 3)
    pbc = [bool(int(x)) for x in lines[2].split()[1:]]
    syms, pos, fixed, mag = [], [], [], []
    for ln in lines[3:]:
        w = ln.split()
        if w and w[0] == 'atom':
            syms.append(w[1]); pos.append([float(x) for x in w[2:5]])
            fixed.append(int(w[5])); mag.append(float(w[6]))
    a = Atoms(syms, positions=pos, cell=cell, pbc=pbc, magmoms=mag)
    if any(fixed):
        a.set_constraint(FixAtoms(mask=fixed))
    return a


# 1. reference files -> pawsorb extxyz -> ASE
for name in ['h2o.xyz', 'plain.xyz', 'tio2_slab.xyz', 'triclinic.xyz', 'fixcart.xyz', 'POSCAR_sd',
             'POSCAR_cart_scaled', 'CONTCAR_vasp4']:
    src, out = os.path.join(data, name), os.path.join(tmp, name + '.out.xyz')
    r = run('convert', src, out)
    if r.returncode:
        report(False, '%s: pawsorb converts it' % name, r.stderr)
        continue
    try:
        mine = read(out, format='extxyz')
        ref = read(src, format='extxyz' if name.endswith('.xyz') else 'vasp')
        bad = compare(ref, mine)
        if mine.info.get('source') != 'structio_tool': bad.append('comment_extra lost: %s' % mine.info)
        report(not bad, '%s: ASE reads pawsorb\'s extxyz back unchanged' % name, '; '.join(bad))
    except Exception as exc:
        report(False, '%s: ASE reads pawsorb\'s extxyz' % name, repr(exc))

# 2. random structures written by ASE, read by pawsorb
rng = np.random.RandomState(42)
for k in range(4):
    n = 3 + 5 * k
    cell = np.diag(rng.uniform(4, 9, 3)) + rng.uniform(-1.5, 1.5, (3, 3))
    syms = list(rng.choice(['H', 'C', 'N', 'O', 'Ti', 'Pt', 'Fe', 'Og'], n))
    a = Atoms(syms, scaled_positions=rng.uniform(0, 1, (n, 3)), cell=cell,
              pbc=[bool(x) for x in rng.randint(0, 2, 3)] if k % 2 else True)
    a.set_initial_magnetic_moments(rng.uniform(-3, 3, n))
    fixed_idx = [i for i in range(n) if rng.rand() < 0.4]
    a.set_constraint(FixAtoms(indices=fixed_idx))
    for fmt, fname in [('extxyz', 'random%d.xyz' % k), ('vasp', 'POSCAR_random%d' % k)]:
        path = os.path.join(tmp, fname)
        if fmt == 'extxyz':
            write(path, a, format='extxyz', columns=['symbols', 'positions', 'move_mask',
                                                     'initial_magmoms'])
        else:
            write(path, a, format='vasp', direct=(k % 2 == 0), vasp5=True)
        ref = read(path, format=fmt)
        r = run('dump', path)
        if r.returncode:
            report(False, '%s: pawsorb reads ASE\'s file' % fname, r.stderr)
            continue
        mine = dump_to_atoms(r.stdout)
        if fmt == 'vasp':   # POSCAR carries no moments; ASE sorts nothing with sort=False
            mine.set_initial_magnetic_moments(ref.get_initial_magnetic_moments())
        bad = compare(ref, mine, tol=1e-8)
        report(not bad, '%s (%d atoms, pbc %s): pawsorb reads what ASE reads' % (fname, n, ref.pbc),
               '; '.join(bad))

# 2b. comment-line edge cases (hand-written files): pawsorb reads every frame as ASE does;
#     a magmoms column alone is a calculator result to ASE and starting moments to pawsorb
for name in ['edge_spaces.xyz', 'edge_quotes.xyz', 'edge_braces.xyz', 'edge_case.xyz',
             'edge_magmoms.xyz', 'edge_magmoms_only.xyz', 'edge_crlf.xyz', 'traj.xyz']:
    path = os.path.join(data, name)
    for k, ref in enumerate(read(path, index=':', format='extxyz')):
        r = run('dump', path, 'extxyz', str(k))
        if r.returncode:
            report(False, '%s frame %d: pawsorb reads it' % (name, k), r.stderr)
            continue
        mine = dump_to_atoms(r.stdout)
        if not ref.get_initial_magnetic_moments().any() and ref.calc is not None \
                and 'magmoms' in ref.calc.results:
            ref.set_initial_magnetic_moments(ref.calc.results['magmoms'])
        bad = compare(ref, mine)
        if ref.calc is not None and 'energy' in ref.calc.results:
            line = [l for l in r.stdout.split('\n') if l.startswith('energy ')]
            if not line or abs(float(line[0].split()[1]) - ref.get_potential_energy()) > 1e-9:
                bad.append('energy %s, ASE %r' % (line, ref.get_potential_energy()))
        report(not bad, '%s frame %d: pawsorb reads what ASE reads' % (name, k), '; '.join(bad))

# 3. trajectory written with extxyz_append (formulas in tests/tools/structio_tool.c)
traj = os.path.join(tmp, 'traj.xyz')
r = run('traj', os.path.join(data, 'triclinic.xyz'), traj, '3')
report(r.returncode == 0, 'extxyz_append writes 3 frames', r.stderr)
try:
    frames = read(traj, index=':', format='extxyz')
    report(len(frames) == 3, 'ASE reads 3 frames (%d)' % len(frames))
    start = read(os.path.join(data, 'triclinic.xyz'))
    for k, f in enumerate(frames):
        e = f.get_potential_energy()
        forces = f.get_forces()
        want = np.array([[0.01 * (i + 1) - 0.1 * j + 0.5 * k for j in range(3)]
                         for i in range(len(f))])
        moved = start.positions.copy(); moved[0, 0] += 0.1 * k
        ok = (abs(e - (-10.0 - 0.25 * k)) < 1e-12 and np.abs(forces - want).max() < 1e-9
              and np.abs(f.positions - moved).max() < 1e-8 and list(f.pbc) == [True, True, False])
        report(ok, 'frame %d: energy %.4f eV, forces and positions as written' % (k, e),
               'energy %r forces %r positions %r' % (e, forces.tolist(), f.positions.tolist()))
except Exception as exc:
    report(False, 'ASE reads the trajectory', repr(exc))

# 4. a malformed file: exit status 1, message with file and line
r = run('dump', os.path.join(data, 'bad', 'lattice8.xyz'))
report(r.returncode == 1 and 'lattice8.xyz:2: Lattice= has 8 numbers, expected 9' in r.stderr,
       'malformed file: status 1 and "file:line: what" (%s)' % r.stderr.strip())
EOF
