# src/dispersion: Grimme D2 (potentials/d2.csv read at run time)
libpawsorb_a_SOURCES += src/dispersion/d2.c src/dispersion/d2.h src/dispersion/params.c
# d2.csv is installed to $(pkgdatadir); params.c searches $PAWSORB_DATA_PATH, then that
# directory, then this source tree. The two directories reach only params.o, through a GNU
# make target-specific variable (configure uses -Wno-portability), so that AM_CPPFLAGS of
# the other modules stays as it is and nothing is generated.
dist_pkgdata_DATA = potentials/d2.csv
src/dispersion/params.$(OBJEXT): AM_CPPFLAGS += -DPAWSORB_D2_PKGDATADIR='"$(pkgdatadir)"' \
	-DPAWSORB_D2_SRCDIR='"$(abs_top_srcdir)"'
src/dispersion/params.$(OBJEXT): Makefile
check_PROGRAMS += tests/unit/test_d2
tests_unit_test_d2_SOURCES = tests/unit/test_d2.c
tests_unit_test_d2_LDADD = $(TEST_LDADD)
