# src/io: the HDF5 results file (io/results.h) and its SHA-256 for dataset provenance
libpawsorb_a_SOURCES += src/io/results.h src/io/results.c src/io/results_groups.c src/io/sha256.c \
	src/io/results_internal.h src/io/results_file.c src/io/h5read.h src/io/h5read.c
# src/cmd/info.c: pawsorb info (with the results module)
libpawsorb_a_SOURCES += src/cmd/info.c
check_PROGRAMS += tests/unit/test_results tests/tools/results_example
tests_unit_test_results_SOURCES = tests/unit/test_results.c
tests_unit_test_results_LDADD = $(TEST_LDADD)
# Writes a results file with known values for tests/cli/info.sh (not a TAP program).
tests_tools_results_example_SOURCES = tests/tools/results_example.c
tests_tools_results_example_LDADD = $(TEST_LDADD)
