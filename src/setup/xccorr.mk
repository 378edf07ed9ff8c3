# src/setup/xc_correction: one-centre XC corrections on a radial x Lebedev grid
libpawsorb_a_SOURCES += src/setup/xc_correction.h src/setup/xc_correction.c
check_PROGRAMS += tests/unit/test_xc_correction
tests_unit_test_xc_correction_SOURCES = tests/unit/test_xc_correction.c
tests_unit_test_xc_correction_LDADD = $(TEST_LDADD)
