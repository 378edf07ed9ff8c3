# src/scf/occupations: smearing, Fermi level, zero-width extrapolation
libpawsorb_a_SOURCES += src/scf/occupations.c src/scf/occupations.h
check_PROGRAMS += tests/unit/test_occupations
tests_unit_test_occupations_SOURCES = tests/unit/test_occupations.c
tests_unit_test_occupations_LDADD = $(TEST_LDADD)
# SCF validation: the start and first iterations against GPAW (tests/data/scf)
check_PROGRAMS += tests/unit/test_scf_start
tests_unit_test_scf_start_SOURCES = tests/unit/test_scf_start.c
tests_unit_test_scf_start_LDADD = $(TEST_LDADD)
