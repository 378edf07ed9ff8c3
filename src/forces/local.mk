# src/forces: atomic forces, one file per term (forces.h), and the D2 term of a run
libpawsorb_a_SOURCES += src/forces/forces.c src/forces/forces.h src/forces/nonlocal.c \
	src/forces/compensation.c src/forces/zero.c src/forces/core.c \
	src/forces/dispersion.c src/forces/dispersion.h
