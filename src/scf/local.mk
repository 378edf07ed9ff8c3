# src/scf: the SCF loop and energy bookkeeping
libpawsorb_a_SOURCES +=
