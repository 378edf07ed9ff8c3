# src/parallel: the parallel layout (k-point, band, plane-wave groups) and its cost estimate
libpawsorb_a_SOURCES += src/parallel/layout.c src/parallel/layout.h src/parallel/pwdist.c src/parallel/pwdist.h \
	src/parallel/banddist.c src/parallel/banddist.h
check_PROGRAMS += tests/unit/test_parallel
tests_unit_test_parallel_SOURCES = tests/unit/test_parallel.c
tests_unit_test_parallel_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_parallel_pwdist
tests_unit_test_parallel_pwdist_SOURCES = tests/unit/test_parallel_pwdist.c
tests_unit_test_parallel_pwdist_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_parallel_subspace
tests_unit_test_parallel_subspace_SOURCES = tests/unit/test_parallel_subspace.c
tests_unit_test_parallel_subspace_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_parallel_bands
tests_unit_test_parallel_bands_SOURCES = tests/unit/test_parallel_bands.c
tests_unit_test_parallel_bands_LDADD = $(TEST_LDADD)
