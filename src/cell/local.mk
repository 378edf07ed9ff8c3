# src/cell: lattice, structures, k-points, symmetry
libpawsorb_a_SOURCES += src/cell/lattice.c src/cell/lattice.h src/cell/vec3.h src/cell/structure.c src/cell/structure.h
libpawsorb_a_SOURCES += src/cell/kpoints.c src/cell/kpoints.h src/cell/symmetry.c src/cell/symmetry.h
check_PROGRAMS += tests/unit/test_symmetry
tests_unit_test_symmetry_SOURCES = tests/unit/test_symmetry.c
tests_unit_test_symmetry_LDADD = $(TEST_LDADD)
