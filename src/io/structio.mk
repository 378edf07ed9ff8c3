# src/io: structure files (extended XYZ, POSCAR) and their tests
libpawsorb_a_SOURCES += src/io/structio.h src/io/structio.c src/io/extxyz.c src/io/poscar.c
check_PROGRAMS += tests/unit/test_structio tests/tools/structio_tool
tests_unit_test_structio_SOURCES = tests/unit/test_structio.c
tests_unit_test_structio_LDADD = $(TEST_LDADD)
tests_tools_structio_tool_SOURCES = tests/tools/structio_tool.c
tests_tools_structio_tool_LDADD = $(TEST_LDADD)
