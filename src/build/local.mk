# src/build: structure builders (LATP bulk and slabs, molecules, adsorption sites)
libpawsorb_a_SOURCES += src/build/symmetry.c src/build/symmetry.h src/build/ewald.c src/build/ewald.h \
	src/build/latp.c src/build/latp.h src/build/slab.c src/build/slab.h
check_PROGRAMS += tests/unit/test_build_latp
tests_unit_test_build_latp_SOURCES = tests/unit/test_build_latp.c
tests_unit_test_build_latp_LDADD = $(TEST_LDADD)
# src/cmd/build.c: pawsorb build
libpawsorb_a_SOURCES += src/cmd/build.c src/cmd/build_cmds.h src/cmd/build_opts.c src/cmd/build_latp.c src/cmd/build_slab.c \
	src/cmd/build_stubs.c
