# src/math: spherical harmonics, Gaunt coefficients, Lebedev grid, Bessel transforms, splines
libpawsorb_a_SOURCES += src/math/ylm.c src/math/ylm.h src/math/gaunt.c src/math/gaunt.h \
	src/math/lebedev.c src/math/lebedev.h
check_PROGRAMS += tests/unit/test_math_ylm tests/unit/test_math_lebedev
tests_unit_test_math_ylm_SOURCES = tests/unit/test_math_ylm.c
tests_unit_test_math_ylm_LDADD = $(TEST_LDADD)
tests_unit_test_math_lebedev_SOURCES = tests/unit/test_math_lebedev.c
tests_unit_test_math_lebedev_LDADD = $(TEST_LDADD)
