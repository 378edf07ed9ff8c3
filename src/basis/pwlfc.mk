# src/basis/pwlfc: localized functions (projectors, compensation charges, vbar, core density) on plane waves
libpawsorb_a_SOURCES += src/basis/pwlfc.c src/basis/pwlfc.h src/setup/radial_spline.c src/setup/radial_spline.h
check_PROGRAMS += tests/unit/test_pwlfc
tests_unit_test_pwlfc_SOURCES = tests/unit/test_pwlfc.c
tests_unit_test_pwlfc_LDADD = $(TEST_LDADD)
