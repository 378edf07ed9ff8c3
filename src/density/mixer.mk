# src/density/mixer: Pulay density mixing with a reciprocal-space metric, D_ij mixing
libpawsorb_a_SOURCES +=
