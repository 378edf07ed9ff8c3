# src/density/mixer: Pulay density mixing with a reciprocal-space metric, D_ij mixing
libpawsorb_a_SOURCES += src/density/mixer.c src/density/mixer.h
check_PROGRAMS += tests/unit/test_mixer
tests_unit_test_mixer_SOURCES = tests/unit/test_mixer.c
tests_unit_test_mixer_LDADD = $(TEST_LDADD)
