# src/cell: lattice, structures, k-points, symmetry
libpawsorb_a_SOURCES += src/cell/lattice.c src/cell/lattice.h src/cell/structure.c src/cell/structure.h
libpawsorb_a_SOURCES += src/cell/kpoints.c src/cell/kpoints.h
