# src/build: structure builders (LATP bulk and slabs, molecules, adsorption sites)
libpawsorb_a_SOURCES += src/build/symmetry.c src/build/symmetry.h src/build/ewald.c src/build/ewald.h \
	src/build/latp.c src/build/latp.h src/build/slab.c src/build/slab.h src/build/slab_preset.c src/build/slab_preset.h \
	src/build/slab_order.c src/build/slab_order.h \
	src/build/molecule.c src/build/molecule.h src/build/delaunay.c src/build/delaunay.h \
	src/build/sites.c src/build/sites.h src/build/place.c src/build/place.h
check_PROGRAMS += tests/unit/test_build_latp
tests_unit_test_build_latp_SOURCES = tests/unit/test_build_latp.c
tests_unit_test_build_latp_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_build_slab
tests_unit_test_build_slab_SOURCES = tests/unit/test_build_slab.c
tests_unit_test_build_slab_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/unit/test_build_sites
tests_unit_test_build_sites_SOURCES = tests/unit/test_build_sites.c
tests_unit_test_build_sites_LDADD = $(TEST_LDADD)
# src/cmd/build.c: pawsorb build
libpawsorb_a_SOURCES += src/cmd/build.c src/cmd/build_cmds.h src/cmd/build_opts.c src/cmd/build_latp.c src/cmd/build_slab.c \
	src/cmd/build_molecule.c src/cmd/build_sites.c
