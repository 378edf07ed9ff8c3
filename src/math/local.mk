# src/math: spherical harmonics, Gaunt coefficients, Lebedev grid, Bessel transforms, splines
libpawsorb_a_SOURCES +=
