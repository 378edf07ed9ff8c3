# src/scf/occupations: smearing, Fermi level, zero-width extrapolation
libpawsorb_a_SOURCES +=
