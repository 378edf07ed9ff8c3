# src/math: spherical harmonics, Gaunt coefficients, Lebedev grid, Bessel transforms, splines
libpawsorb_a_SOURCES += src/math/ylm.c src/math/ylm.h src/math/gaunt.c src/math/gaunt.h \
	src/math/lebedev.c src/math/lebedev.h src/math/spline.c src/math/spline.h \
	src/math/fbt.c src/math/fbt.h
check_PROGRAMS += tests/unit/test_math_ylm tests/unit/test_math_lebedev tests/unit/test_math_fbt
tests_unit_test_math_ylm_SOURCES = tests/unit/test_math_ylm.c
tests_unit_test_math_ylm_LDADD = $(TEST_LDADD)
tests_unit_test_math_lebedev_SOURCES = tests/unit/test_math_lebedev.c
tests_unit_test_math_lebedev_LDADD = $(TEST_LDADD)
tests_unit_test_math_fbt_SOURCES = tests/unit/test_math_fbt.c
tests_unit_test_math_fbt_LDADD = $(TEST_LDADD)
