# src/basis: FFT grids and plane-wave sets
libpawsorb_a_SOURCES += src/basis/fft_grid.c src/basis/fft_grid.h src/basis/pw_basis.c src/basis/pw_basis.h \
	src/basis/plan.c src/basis/plan.h
check_PROGRAMS += tests/unit/test_basis
tests_unit_test_basis_SOURCES = tests/unit/test_basis.c
tests_unit_test_basis_LDADD = $(TEST_LDADD)
