#!/usr/bin/env bash
# Regenerates the pawsorb-vs-GPAW 22.8 table of tests/data/scf/README.md: every case of
# gpaw-public.json and of tests/data/scf/gpaw_cases.json (energy, difference per atom,
# SCF iterations of both), the E(V) curves of Si, Al, LiF (Birch-Murnaghan a0, B) and the
# eigenvalue table (gaps, band widths, Fermi levels against tests/data/scf/gpaw_eigs.json).
#
#   benchmarks/gpaw_cases.sh [PAWSORB_BINARY] [--gpaw]
#
# --gpaw first re-runs GPAW for the cases of gpaw_cases.json
# (tests/reference/scf_cases_gpaw.py, about a minute). Single process, one BLAS thread.
# Full-size cases: minutes, not for CI (CI: tests/unit/test_scf_start, tests/cli/run_h2*).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
bin=${1:-./pawsorb}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader HWLOC_HIDE_ERRORS=2
if [ "${2:-}" = --gpaw ]; then
    /usr/bin/python3 "$src/tests/reference/scf_cases_gpaw.py" "$src/tests/data/scf/gpaw_cases.json"
fi
/usr/bin/python3 "$here/scf_cases.py" "$bin" --eos --eig
