# src/io: the YAML input reader (input.h) and its unit test
libpawsorb_a_SOURCES += src/io/input.c src/io/input.h src/io/input_internal.h src/io/input_structure.c src/io/input_build.c src/io/input_adsorption.c \
	src/io/input_value.c src/io/input_yaml.c src/io/input_yaml.h
check_PROGRAMS += tests/unit/test_input
tests_unit_test_input_SOURCES = tests/unit/test_input.c
tests_unit_test_input_LDADD = $(TEST_LDADD)
tests_unit_test_input_CPPFLAGS = $(AM_CPPFLAGS) -DPAWSORB_TEST_SRCDIR='"$(abs_top_srcdir)"'
check_PROGRAMS += tests/unit/test_input_build
tests_unit_test_input_build_SOURCES = tests/unit/test_input_build.c
tests_unit_test_input_build_LDADD = $(TEST_LDADD)
