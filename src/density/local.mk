# src/density: pseudo density, D_ij, compensation charges
libpawsorb_a_SOURCES += src/density/density.c src/density/density.h
