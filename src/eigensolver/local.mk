# src/eigensolver: block Davidson, subspace diagonalisation, preconditioner
libpawsorb_a_SOURCES += src/eigensolver/space.c src/eigensolver/space.h \
	src/eigensolver/precond.c src/eigensolver/precond.h \
	src/eigensolver/subspace.c src/eigensolver/subspace.h \
	src/eigensolver/davidson.c src/eigensolver/davidson.h
check_PROGRAMS += tests/unit/test_davidson
tests_unit_test_davidson_SOURCES = tests/unit/test_davidson.c
tests_unit_test_davidson_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_subspace
tests_unit_test_subspace_SOURCES = tests/unit/test_subspace.c
tests_unit_test_subspace_LDADD = $(TEST_LDADD)
