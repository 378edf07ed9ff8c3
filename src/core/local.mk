# src/core: errors, logging, timers, memory, MPI context, units, elements
libpawsorb_a_SOURCES += src/core/err.c src/core/err.h src/core/log.c src/core/log.h \
	src/core/timer.c src/core/timer.h src/core/mem.c src/core/mem.h \
	src/core/comm.c src/core/comm.h src/core/stop.c src/core/stop.h src/core/units.h src/core/elements.c src/core/elements.h
check_PROGRAMS += tests/unit/test_core
tests_unit_test_core_SOURCES = tests/unit/test_core.c
tests_unit_test_core_LDADD = $(TEST_LDADD)
