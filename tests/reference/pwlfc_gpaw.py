#!/usr/bin/python3
"""Reference numbers for tests/unit/test_pwlfc.c from GPAW 22.8 (Debian package).

Run:  cd /tmp && /usr/bin/python3 /work/main/tests/reference/pwlfc_gpaw.py \
          > /work/main/tests/data/pwlfc/gpaw.txt

Output: one record per line, "name count v1 v2 ...", values with 17 digits.

1. Splines that gpaw/setup.py makes (rgd.spline): pt_j, ghat_l (lmax 2), vbar, nct of
   O, H, Si: cut-off and values at radii r = c x cutoff.
2. PBE datasets throughout. H2O (molecule('H2O'), vacuum 4, PW(400), Gamma: real wavefunctions) and Si (diamond
   a = 5.43, PW(300), 4x4x4 MP: complex wavefunctions, irreducible k-points 1 and 5):
   - basis size, |k+G|^2 at sample G;
   - pt.expand(q) at sample G (all functions) and sum_G |f_I(G)|^2 per function I;
   - pt.integrate, pt.add, pt.derivative on wavefunctions given by formulas that the
     C test reproduces (psi_formula, c_formula below);
   - H2O only: the density machinery, on GPAW's own plane-wave sets pd2 (coarse
     grid, 2 E_cut) and pd3 (fine grid, 8 E_cut): hamiltonian.vbar_Q, density.nct_q
     (nct.add with 1/nspins) and ghat.add(rhot_q, Q_aL) for Q_aL of q_formula.
3. A real plane-wave set that reaches the Nyquist plane of an even third axis, as
   the density spheres do when their cutoff is the grid's ecut0 = pi^2 / (2 h_max^2)
   (ReciprocalSpaceDensity with 2 E_cut > ecut0): a cell whose third axis has the
   largest spacing and is normal to the other two; here the sphere holds G = 4 b_2 on
   the plane i2 = N2/2 = 4. ghat_l of O and H added with q_formula, ghat.integrate of
   a_formula; GPAW's G list (r2c indices Q), the values on the planes i2 = 4 and
   i2 = 0, and the norm.
"""
import numpy as np
from ase.build import molecule, bulk
from gpaw import GPAW, PW

NB = 5


def rec(name, vals):
    vals = np.asarray(vals).ravel()
    if np.iscomplexobj(vals):
        vals = np.column_stack([vals.real, vals.imag]).ravel()
    print(name, len(vals), ' '.join('%.17g' % v for v in vals))


def psi_formula(nb, G2_G):
    """psi_n(G) = (cos(0.37 (n+1) (G+1)) + i sin(0.53 (n+2) + 0.11 G)) / (1 + |k+G|^2)."""
    G = np.arange(len(G2_G))
    return np.array([(np.cos(0.37 * (n + 1) * (G + 1)) + 1j * np.sin(0.53 * (n + 2) + 0.11 * G))
                     / (1 + G2_G) for n in range(nb)])


def c_formula(nb, nI, real):
    """c_nI = sin(0.7 n + 0.3 I + 0.1) (+ i cos(0.2 n - 0.9 I) if complex)."""
    n, I = np.indices((nb, nI))
    c = np.sin(0.7 * n + 0.3 * I + 0.1)
    return c if real else c + 1j * np.cos(0.2 * n - 0.9 * I)


def q_formula(a, L):
    """Q_aL = 0.1 (a + 1) cos(1.3 L + 0.2 a)."""
    return 0.1 * (a + 1) * np.cos(1.3 * L + 0.2 * a)


def sample_G(ng):
    return sorted(set(g for g in [0, 1, 2, 3, 57, 1000, 4999, 5000, ng // 2, ng - 2, ng - 1] if g < ng))


def splits(lfc, c_nI):
    """c_nI (nb x nI) -> GPAW's dict a -> c_ni."""
    out = {}
    I1 = 0
    for a in range(len(lfc.spline_aj)):
        I2 = I1 + lfc.get_function_count(a)
        out[a] = c_nI[:, I1:I2].copy()
        I1 = I2
    return out


def joined(c_a, nlast=None):
    return np.concatenate([c_a[a] for a in sorted(c_a)], axis=1 if nlast is None else nlast)


def splines(setups):
    for setup in setups:
        sym = setup.symbol
        fs = ([('pt%d' % j, s) for j, s in enumerate(setup.pt_j)] +
              [('ghat%d' % l, s) for l, s in enumerate(setup.ghat_l)] +
              [('vbar', setup.vbar), ('nct', setup.nct)])
        for name, s in fs:
            rc = s.get_cutoff()
            x = [0.0, 0.013, 0.1, 0.31, 0.5, 0.77, 0.9, 0.999]
            rec('spline_%s_%s' % (sym, name), [s.get_angular_momentum_number(), rc] +
                [s(c * rc) for c in x])


def lfc_case(tag, calc, qs):
    wfs = calc.wfs
    pd = wfs.pd
    real = pd.dtype == float
    pt = wfs.pt
    rec(tag + '_cell_bohr', wfs.gd.cell_cv)
    rec(tag + '_grid', list(wfs.gd.N_c) + list(calc.density.finegd.N_c) + [pd.ecut])
    rec(tag + '_spos', calc.spos_ac)
    for q in qs:
        t = '%s_q%d' % (tag, q)
        kpt = wfs.kd.ibzk_kc[q]
        assert np.allclose(pd.K_qv[q], kpt @ (2 * np.pi * wfs.gd.icell_cv))
        rec(t + '_kfrac', kpt)
        G2 = pd.G2_qG[q]
        ng = len(G2)
        S = sample_G(ng)
        rec(t + '_ng', [ng, pt.nI])
        rec(t + '_S', S)
        rec(t + '_G2', G2[S])
        f = pt.expand(q)
        if real:
            f = f[0::2] + 1j * f[1::2]
        rec(t + '_expand', f[S])
        rec(t + '_norm2', (abs(f)**2).sum(0))
        psi = psi_formula(NB, G2)
        P = pt.integrate(psi, q=q)
        rec(t + '_integrate', joined(P))
        c = c_formula(NB, pt.nI, real)
        psi2 = psi.copy()
        pt.add(psi2, splits(pt, c), q=q)
        rec(t + '_add_S', psi2[:, S])
        rec(t + '_add_norm2', (abs(psi2)**2).sum(1))
        dP = pt.derivative(psi, q=q)
        # first two bands only: keeps the file small
        rec(t + '_derivative', np.concatenate([dP[a][:2] for a in sorted(dP)], axis=1))


def density_case(tag, calc):
    dens = calc.density
    ham = calc.hamiltonian
    for name, pdx, arr in [('vbar', ham.pd2, ham.vbar_Q), ('nct', dens.pd2, dens.nct_q)]:
        S = sample_G(len(arr))
        rec('%s_%s_ng' % (tag, name), [len(arr), pdx.ecut])
        rec('%s_%s_S' % (tag, name), S)
        rec('%s_%s_G2' % (tag, name), pdx.G2_qG[0][S])
        rec('%s_%s_vals' % (tag, name), arr[S])
        rec('%s_%s_norm2' % (tag, name), [(abs(arr)**2).sum(), arr[0].real])
    pd3 = dens.pd3
    rhot = pd3.zeros()
    Q_aL = {a: q_formula(a, np.arange(9)) for a in range(len(calc.atoms))}
    dens.ghat.add(rhot, Q_aL)
    S = sample_G(len(rhot))
    rec(tag + '_ghat_ng', [len(rhot), pd3.ecut])
    rec(tag + '_ghat_S', S)
    rec(tag + '_ghat_G2', pd3.G2_qG[0][S])
    rec(tag + '_ghat_vals', rhot[S])
    rec(tag + '_ghat_norm2', [(abs(rhot)**2).sum(), rhot[0].real])


def a_formula(G2_G):
    """a(G) = exp(-0.05 |G|^2) (cos(0.3 G) + i sin(0.7 G)), G the index."""
    G = np.arange(len(G2_G))
    return np.exp(-0.05 * G2_G) * (np.cos(0.3 * G) + 1j * np.sin(0.7 * G))


def nyquist_case():
    from gpaw.grid_descriptor import GridDescriptor
    from gpaw.pw.descriptor import PWDescriptor
    from gpaw.pw.lfc import PWLFC
    from gpaw.setup import create_setup
    cell_cv = np.array([[7.0, 0.0, 0.0], [1.3, 6.5, 0.0], [0.0, 0.0, 8.0]])
    N_c = np.array([12, 10, 8])
    gd = GridDescriptor(N_c, cell_cv)
    ecut0 = 0.5 * np.pi**2 / (gd.h_cv**2).sum(1).max()
    pd = PWDescriptor(ecut0, gd, dtype=float)
    ghat = PWLFC([create_setup(s, 'PBE', lmax=2).ghat_l for s in 'OH'], pd)
    spos_ac = np.array([[0.1, 0.2, 0.3], [0.55, 0.4, 0.9]])
    ghat.set_positions(spos_ac)
    a = pd.zeros()
    ghat.add(a, {k: q_formula(k, np.arange(9)) for k in range(2)})
    i_Gc = np.array(np.unravel_index(pd.Q_qG[0], (12, 10, 5))).T
    plane = np.nonzero((i_Gc[:, 2] == 4) | (i_Gc[:, 2] == 0))[0]
    assert (i_Gc[:, 2] == 4).any()
    rec('nyq_cell_bohr', cell_cv)
    rec('nyq_spos', spos_ac)
    rec('nyq_ng', [len(a), pd.ecut])
    rec('nyq_Q', pd.Q_qG[0])
    rec('nyq_plane', plane)
    rec('nyq_add', a[plane])
    rec('nyq_add_norm2', [(abs(a)**2).sum()])
    W = ghat.integrate(a_formula(pd.G2_qG[0]))
    rec('nyq_integrate', np.concatenate([W[0], W[1]]))


def main():
    h2o = molecule('H2O')
    h2o.center(vacuum=4.0)
    h2o.calc = GPAW(mode=PW(400), xc='PBE', txt=None)
    calc = h2o.calc
    calc.initialize(h2o)
    calc.set_positions(h2o)
    splines(calc.setups.setups.values())
    lfc_case('h2o', calc, [0])
    density_case('h2o', calc)

    si = bulk('Si', 'diamond', a=5.43)
    si.calc = GPAW(mode=PW(300), kpts=(4, 4, 4), xc='PBE', txt=None)
    calc = si.calc
    calc.initialize(si)
    calc.set_positions(si)
    splines(calc.setups.setups.values())
    lfc_case('si', calc, [1, 5])

    nyquist_case()


main()
