# written by quick_vs_gpaw.sh
import time
from ase.io import read
from gpaw import GPAW, PW, FermiDirac
a = read('quick_sn.xyz')
a.pbc = (True, True, False)
kw = dict(mode=PW(500), xc='PBE', kpts=(1, 1, 1), nbands=550, occupations=FermiDirac(0.1),
          txt='quick_vs_gpaw_gpaw.txt')
if 8 > 0: kw['maxiter'] = 8
a.calc = GPAW(**kw)
t = time.time()
try:
    e = a.get_potential_energy()
except Exception as x:   # maxiter reached: KohnShamConvergenceError
    e = float('nan')
from gpaw.mpi import world
if world.rank == 0: print('energy', e, 'time', time.time() - t)
