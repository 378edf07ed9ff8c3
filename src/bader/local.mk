# src/bader: Bader partition (issue 6), cube files, all-electron density
libpawsorb_a_SOURCES += src/cmd/bader.c src/bader/bader.c src/bader/bader.h src/bader/bader_internal.h \
	src/bader/bader_weight.c src/bader/bader_neargrid.c src/bader/report.c src/bader/report.h \
	src/bader/after_scf.c src/bader/after_scf.h src/density/ae_density.c src/density/ae_density.h src/io/cube.c src/io/cube.h
check_PROGRAMS += tests/unit/test_bader tests/unit/test_cube
tests_unit_test_bader_SOURCES = tests/unit/test_bader.c
tests_unit_test_bader_LDADD = $(TEST_LDADD)
tests_unit_test_cube_SOURCES = tests/unit/test_cube.c
tests_unit_test_cube_LDADD = $(TEST_LDADD)
