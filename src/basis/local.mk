# src/basis: FFT grids and plane-wave sets
libpawsorb_a_SOURCES += src/basis/fft_grid.c src/basis/fft_grid.h src/basis/fft_dist.c src/basis/fft_dist.h src/basis/pw_basis.c src/basis/pw_basis.h \
	src/basis/plan.c src/basis/plan.h
check_PROGRAMS += tests/unit/test_basis
tests_unit_test_basis_SOURCES = tests/unit/test_basis.c
tests_unit_test_basis_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_fft_dist
tests_unit_test_fft_dist_SOURCES = tests/unit/test_fft_dist.c
tests_unit_test_fft_dist_LDADD = $(TEST_LDADD)
