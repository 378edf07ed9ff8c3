# src/setup/xc_correction: one-centre XC corrections on a radial x Lebedev grid
libpawsorb_a_SOURCES +=
