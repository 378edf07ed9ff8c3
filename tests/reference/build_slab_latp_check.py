#!/usr/bin/python3
"""Checks an LATP (001) slab of `pawsorb build latp001 --x X` against its LiTi2(PO4)3 host
(the same options with --x 0), with ASE 3.22 and a plain-text reader of its own.

Usage: build_slab_latp_check.py HOST.xyz LATP.xyz N_AL
Prints TAP lines:
- the file loads in ASE unchanged: species, positions, cell, pbc and fixed atoms read by
  ase.io.read agree with a minimal extended-XYZ reader written here;
- composition Li(1+x)Al(x)Ti(2-x)(PO4)3 with x = N_AL / F for the host's F formula
  units: N_AL Ti became Al, N_AL Li were added, nothing else changed;
- the host's atoms are all still there, at the same places, with the same fixed flags
  (Al where a Ti was);
- every added Li is inside the slab (between the host's lowest and highest atoms) and
  at least 1.5 A from every other atom (in-plane periodic images included);
- an added Li is fixed exactly when it lies below the lowest free PO4 unit;
- the formal-charge dipole along z (Li +1, Al +3, Ti +4, P +5, O -2) is zero (1e-6 e*A).
"""
import sys
import numpy as np
from ase.io import read
from ase.constraints import FixAtoms

n = 0
def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)

def plain_read(path):
    """Species, positions, cell, pbc, fixed flags from the text (no ASE)."""
    lines = open(path).read().splitlines()
    nat = int(lines[0])
    head = lines[1]
    lat = head.split('Lattice="')[1].split('"')[0].split()
    pbc = head.split('pbc="')[1].split('"')[0].split()
    sym, pos, fixed = [], [], []
    for l in lines[2:2 + nat]:
        w = l.split()
        sym.append(w[0])
        pos.append([float(v) for v in w[1:4]])
        fixed.append(len(w) > 4 and w[4] == 'F')   # move_mask F = not allowed to move
    return (sym, np.array(pos), np.array(lat, float).reshape(3, 3), [p == 'T' for p in pbc],
            np.array(fixed))

def ase_fixed(a):
    f = np.zeros(len(a), bool)
    for c in a.constraints:
        if isinstance(c, FixAtoms):
            f[c.index] = True
    return f

host_path, latp_path, n_al = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, latp = read(host_path), read(latp_path)
sym, pos, cell, pbc, fixed = plain_read(latp_path)
ok(len(latp) == len(sym) and latp.get_chemical_symbols() == sym and
   np.abs(latp.positions - pos).max() < 1e-9 and np.abs(latp.cell[:] - cell).max() < 1e-9 and
   list(latp.pbc) == pbc and (ase_fixed(latp) == fixed).all(),
   "ASE reads %s unchanged (%d atoms, %d fixed)" % (latp_path, len(latp), fixed.sum()))

def counts(a):
    s = np.array(a.get_chemical_symbols())
    return {e: int((s == e).sum()) for e in ('Li', 'Al', 'Ti', 'P', 'O')}
ch, cl = counts(host), counts(latp)
F = ch['P'] // 3
ok(ch['Al'] == 0 and cl['Al'] == n_al and cl['Ti'] == ch['Ti'] - n_al and cl['Li'] == ch['Li'] + n_al and
   cl['P'] == ch['P'] and cl['O'] == ch['O'] and len(latp) == len(host) + n_al,
   "Li(1+x)Al(x)Ti(2-x)(PO4)3 with x = %d/%d = %.4f: %s" % (n_al, F, n_al / F, cl))
ok(cl['Li'] == F * (1 + n_al / F) and cl['Al'] + cl['Ti'] == 2 * F and cl['O'] == 12 * F,
   "per formula unit Li %.4f Al %.4f Ti %.4f P 3 O 12" % (cl['Li'] / F, cl['Al'] / F, cl['Ti'] / F))

# Every host atom has a partner at the same place (Al for Ti); the rest are added Li.
hs, ls = np.array(host.get_chemical_symbols()), np.array(latp.get_chemical_symbols())
hf, lf = ase_fixed(host), ase_fixed(latp)
used = np.zeros(len(latp), bool)
same, flags = True, True
for i, p in enumerate(host.positions):
    d = np.linalg.norm(latp.positions - p, axis=1)
    j = int(np.argmin(d))
    want = ('Ti', 'Al') if hs[i] == 'Ti' else (hs[i],)
    same &= d[j] < 1e-6 and ls[j] in want and not used[j]
    flags &= hf[i] == lf[j]
    used[j] = True
added = np.where(~used)[0]
ok(same and len(added) == n_al and all(ls[added] == 'Li'),
   "host atoms kept in place (Ti or Al on Ti sites); the %d others are Li" % len(added))
ok(flags, "host atoms keep their fixed flags")
z = latp.positions[:, 2]
zh = host.positions[:, 2]
inside = all(zh.min() < z[k] < zh.max() for k in added)
dmin = min(np.delete(latp.get_distances(k, range(len(latp)), mic=True), k).min() for k in added)
ok(inside and dmin >= 1.5, "added Li inside the slab (z %s), nearest atom %.3f A"
   % (np.round(np.sort(z[added]), 2).tolist(), dmin))
free_p = z[(ls == 'P') & ~lf]
ok(all(lf[k] == (z[k] < free_p.min() - 1e-6) for k in added),
   "added Li fixed exactly when below the lowest free PO4 (%d of %d fixed)" % (lf[added].sum(), len(added)))
q = {'Li': 1, 'Al': 3, 'Ti': 4, 'P': 5, 'O': -2}
charges = np.array([q[s] for s in ls], float)
ok(abs(charges.sum()) < 1e-9 and abs((charges * z).sum()) < 1e-6,
   "neutral, formal-charge dipole along z %.2e e*A" % (charges * z).sum())
print("1..%d" % n)
