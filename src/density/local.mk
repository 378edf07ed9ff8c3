# src/density: pseudo density, D_ij, compensation charges
libpawsorb_a_SOURCES += src/density/density.c src/density/density.h src/density/spectra.c src/density/spectra.h
check_PROGRAMS += tests/unit/test_density
tests_unit_test_density_SOURCES = tests/unit/test_density.c
tests_unit_test_density_LDADD = $(TEST_LDADD)
libpawsorb_a_SOURCES += src/density/symmetrize.c src/density/symmetrize.h
check_PROGRAMS += tests/unit/test_density_slabs
tests_unit_test_density_slabs_SOURCES = tests/unit/test_density_slabs.c
tests_unit_test_density_slabs_LDADD = $(TEST_LDADD)
