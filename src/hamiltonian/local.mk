# src/hamiltonian: grid terms of the Kohn-Sham potential (Hartree, XC) and the FFT plans
# they use (src/basis/fft.c lives with the basis, registered here by its owner).
libpawsorb_a_SOURCES += src/basis/fft.c src/basis/fft.h \
	src/hamiltonian/hartree.c src/hamiltonian/hartree.h \
	src/hamiltonian/gradient.c src/hamiltonian/gradient.h \
	src/hamiltonian/xc.c src/hamiltonian/xc.h
check_PROGRAMS += tests/unit/test_fft tests/unit/test_hartree tests/unit/test_xc
tests_unit_test_fft_SOURCES = tests/unit/test_fft.c
tests_unit_test_fft_LDADD = $(TEST_LDADD)
tests_unit_test_hartree_SOURCES = tests/unit/test_hartree.c
tests_unit_test_hartree_LDADD = $(TEST_LDADD)
tests_unit_test_xc_SOURCES = tests/unit/test_xc.c
tests_unit_test_xc_LDADD = $(TEST_LDADD)
# The plane-wave PAW Hamiltonian (update, energies, H and S on bands) and the
# plane-wave <-> grid transforms of one basis.
libpawsorb_a_SOURCES += src/hamiltonian/pwfft.c src/hamiltonian/pwfft.h \
	src/hamiltonian/hamiltonian.c src/hamiltonian/hamiltonian.h src/hamiltonian/apply.c \
	src/hamiltonian/dipole.c src/hamiltonian/dipole.h
check_PROGRAMS += tests/unit/test_dipole
tests_unit_test_dipole_SOURCES = tests/unit/test_dipole.c
tests_unit_test_dipole_LDADD = $(TEST_LDADD)
