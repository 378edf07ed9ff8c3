# src/setup: PAW datasets (PAW-XML reader, radial grids, derived one-centre quantities)
libpawsorb_a_SOURCES += src/setup/paw_setup.h src/setup/paw_xml.c src/setup/find.c \
	src/setup/radial.h src/setup/radial.c
check_PROGRAMS += tests/unit/test_setup_read
tests_unit_test_setup_read_SOURCES = tests/unit/test_setup_read.c
tests_unit_test_setup_read_LDADD = $(TEST_LDADD)
libpawsorb_a_SOURCES += src/setup/shape.h src/setup/shape.c src/setup/derived.h src/setup/derived.c
check_PROGRAMS += tests/unit/test_setup_derived
tests_unit_test_setup_derived_SOURCES = tests/unit/test_setup_derived.c
tests_unit_test_setup_derived_LDADD = $(TEST_LDADD)
