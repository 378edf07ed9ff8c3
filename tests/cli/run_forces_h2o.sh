#!/usr/bin/env bash
# Forces on H2O and H2O_dx (O moved +0.1 A along x) of gpaw-public.json at 300 eV against
# GPAW 22.8 (the cases of tests/cli/run_forces_gpaw.sh, run by it).
FORCES_CASES="h2o h2o_dx" exec bash "$PAWSORB_SRCDIR/tests/cli/run_forces_gpaw.sh"
