# src/math: spherical harmonics, Gaunt coefficients, Lebedev grid, Bessel transforms, splines
libpawsorb_a_SOURCES += src/math/ylm.c src/math/ylm.h src/math/gaunt.c src/math/gaunt.h
check_PROGRAMS += tests/unit/test_math_ylm
tests_unit_test_math_ylm_SOURCES = tests/unit/test_math_ylm.c
tests_unit_test_math_ylm_LDADD = $(TEST_LDADD)
