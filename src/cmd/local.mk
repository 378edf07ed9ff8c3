# src/cmd: the commands of the command line (one file per command)
libpawsorb_a_SOURCES += src/cmd/cmd.h src/cmd/common.c src/cmd/run.c src/cmd/check.c \
	src/cmd/submit.c src/cmd/sbatch.h src/cmd/sbatch.c
