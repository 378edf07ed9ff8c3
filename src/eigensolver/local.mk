# src/eigensolver: block Davidson, subspace diagonalisation, preconditioner
libpawsorb_a_SOURCES +=
