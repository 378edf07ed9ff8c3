"""Reference data for tests/unit/test_davidson.c (test_gpaw_davidson): one call of
GPAW 22.8's Davidson (gpaw/eigensolvers/davidson.py, niter=2) on H2 in a small box,
2 bands, recorded at the start of the 3rd SCF iteration:
  real:     plane waves at 150 eV, Gamma-only real wavefunctions (dtype=float);
  complex:  plane waves at 100 eV, the single k-point (0.25, 0, 0) (dtype=complex).

Recorded: the grid and cell (so that pawsorb's pw_basis rebuilds the same G list), the
S-orthonormal input bands psi_in, the two sets of preconditioned residuals psi2 that
GPAW's Davidson builds, and H and S (PAW: pseudo part + projector terms with dH_asp and
dO_ii) applied to all six vectors V = [psi_in, psi2(1), psi2(2)]; GPAW's output
eigenvalues, its residual error (with the weights it was called with) and the output
bands. The C test applies "GPAW's H" as x -> HV c with V c = x (least squares): if
pawsorb's Rayleigh-Ritz, residuals and preconditioner produce the same trial vectors,
x lies in span(V) to rounding, and the Davidson result must equal GPAW's.

Run with Debian's python: /usr/bin/python3 tests/reference/eigen_davidson_gpaw.py real|complex
"""
import sys

import numpy as np
from ase import Atoms
from gpaw import GPAW, PW
from gpaw.eigensolvers.davidson import Davidson

CALL = 3
rec = {}


class Recording(Davidson):
    ncalls = 0

    def iterate_one_k_point(self, ham, wfs, kpt, weights):
        Recording.ncalls += 1
        if Recording.ncalls != CALL:
            return Davidson.iterate_one_k_point(self, ham, wfs, kpt, weights)
        rec['psi_in'] = kpt.psit.array.copy()
        rec['weights'] = np.array(weights)
        cls = type(self.preconditioner)
        saved = cls.__call__

        def record(precond, R_G, kpt_, ekin, out=None):  # one band's psi2 = P R
            res = saved(precond, R_G, kpt_, ekin, out=out)
            rec.setdefault('psi2', []).append(res.copy())
            return res
        cls.__call__ = record
        try:
            error = Davidson.iterate_one_k_point(self, ham, wfs, kpt, weights)
        finally:
            cls.__call__ = saved
        rec['error'] = error
        rec['eps'] = kpt.eps_n.copy()
        rec['psi_out'] = kpt.psit.array.copy()
        V = np.array([*rec['psi_in'], *rec['psi2']])
        HV, SV = apply_HS(wfs, ham, kpt, V)
        rec.update(V=V, HV=HV, SV=SV, N_c=wfs.gd.N_c.copy(), cell=wfs.gd.cell_cv.copy(),
                   dv=wfs.gd.dv)
        return error


def apply_HS(wfs, ham, kpt, X):
    B = len(kpt.psit.array)
    HX, SX = np.zeros_like(X), X.copy()
    for n1 in range(0, len(X), B):
        psit = kpt.psit.new()
        psit.array[:] = X[n1:n1 + B]
        P = kpt.projections.new()
        psit.matrix_elements(wfs.pt, out=P)
        wfs.apply_pseudo_hamiltonian(kpt, ham, psit.array, HX[n1:n1 + B])
        P3 = P.new()
        ham.dH(P, out=P3)
        wfs.pt.add(HX[n1:n1 + B], dict(P3.items()), kpt.q)
        P3 = P.new()
        wfs.setups.dS.apply(P, out=P3)
        wfs.pt.add(SX[n1:n1 + B], dict(P3.items()), kpt.q)
    return HX, SX


atoms = Atoms('H2', positions=[[1.5, 1.5, 1.13], [1.5, 1.5, 1.87]], cell=[3.0, 3.0, 3.0], pbc=True)
REAL = sys.argv[1] == 'real'
P = 'H2' if REAL else 'H2C'
if REAL:
    atoms.calc = GPAW(mode=PW(150), nbands=2, eigensolver=Recording(niter=2), txt=None,
                      maxiter=CALL, dtype=float)
else:
    atoms.calc = GPAW(mode=PW(100), nbands=2, eigensolver=Recording(niter=2), txt=None,
                      maxiter=CALL, kpts=[(0.25, 0, 0)])
try:
    atoms.get_potential_energy()
except Exception:  # not converged in CALL iterations: expected
    pass

V, HV, SV = rec['V'], rec['HV'], rec['SV']
print('/* eigen_davidson_gpaw.py %s: H2, %s, 2 bands, SCF call %d */'
      % (sys.argv[1], '150 eV, real' if REAL else '100 eV, k = (0.25, 0, 0)', CALL))
print('enum { %s_NPW = %d };' % (P, V.shape[1]))
print('static const gpaw_davidson %s = {' % P)
print('  {%d, %d, %d},' % tuple(rec['N_c']))
print('  {%s},' % ', '.join('{%s}' % ', '.join('%.17g' % x for x in row) for row in rec['cell']))
print('  %d, %s, {%s}, %d, %s_NPW,' % (REAL, 150 if REAL else 100,
                                     '0, 0, 0' if REAL else '0.25, 0, 0', len(rec['psi_in']), P))
print('  {%s},' % ', '.join('%.17g' % x for x in rec['weights']))
print('  {%s},' % ', '.join('%.17g' % x for x in rec['eps']))
print('  %.17g,' % rec['error'])


def block(A):
    print('  (const double (*)[2])(const double[][%s_NPW][2]){' % P)
    for a in A:
        print('   {' + ', '.join('{%.17g,%.17g}' % (z.real, z.imag) for z in a) + '},')
    print('  },')


block(V)
block(HV)
block(SV)
block(rec['psi_out'])
print('};')
