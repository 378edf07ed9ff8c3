# src/relax: geometry optimisation (cg, bfgs, fire on an energy-and-forces callback) and
# the DFT energy of positions with the SCF restarted from the previous ionic step.
libpawsorb_a_SOURCES += src/relax/relax.h src/relax/optimizer.h src/relax/relax.c src/relax/cg.c \
	src/relax/bfgs.c src/relax/fire.c src/relax/dft.h src/relax/dft.c
check_PROGRAMS += tests/unit/test_relax
tests_unit_test_relax_SOURCES = tests/unit/test_relax.c
tests_unit_test_relax_LDADD = $(TEST_LDADD)
