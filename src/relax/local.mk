# src/relax: geometry optimisation (cg, bfgs, fire on an energy-and-forces callback).
libpawsorb_a_SOURCES += src/relax/relax.h src/relax/optimizer.h src/relax/relax.c src/relax/cg.c \
	src/relax/bfgs.c src/relax/fire.c
check_PROGRAMS += tests/unit/test_relax
tests_unit_test_relax_SOURCES = tests/unit/test_relax.c
tests_unit_test_relax_LDADD = $(TEST_LDADD)
