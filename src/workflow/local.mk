# src/workflow: the drivers above relax/ and below cmd/: one structure's part, the
# adsorption workflow (placements, stages, binding energies) and its reports (ranked
# table, CSV, SVG chart)
libpawsorb_a_SOURCES += src/workflow/table.c src/workflow/table.h src/workflow/table_internal.h \
	src/workflow/table_csv.c src/workflow/table_svg.c src/workflow/part.h src/workflow/part.c \
	src/workflow/checkpoint.h src/workflow/checkpoint.c \
	src/workflow/checkpoint_internal.h src/workflow/checkpoint_scf.c \
	src/workflow/placements.h src/workflow/placements.c src/workflow/adsorption.h src/workflow/adsorption.c
check_PROGRAMS += tests/unit/test_table
tests_unit_test_table_SOURCES = tests/unit/test_table.c
tests_unit_test_table_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/tools/table_example
tests_tools_table_example_SOURCES = tests/tools/table_example.c
tests_tools_table_example_LDADD = $(TEST_LDADD)
