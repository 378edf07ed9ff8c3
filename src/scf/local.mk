# src/scf: the SCF loop and energy bookkeeping
libpawsorb_a_SOURCES += src/scf/species.c src/scf/species.h \
	src/scf/wavefunctions.c src/scf/wavefunctions.h \
	src/scf/calc.c src/scf/calc.h src/scf/initial.c src/scf/initial.h \
	src/scf/scf.c src/scf/scf.h src/scf/report.c src/scf/report.h
check_PROGRAMS += tests/unit/test_scf_freeelectron
tests_unit_test_scf_freeelectron_SOURCES = tests/unit/test_scf_freeelectron.c
tests_unit_test_scf_freeelectron_LDADD = $(TEST_LDADD)
