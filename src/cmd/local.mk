# src/cmd: the commands of the command line
libpawsorb_a_SOURCES += src/cmd/cmd.h src/cmd/common.c src/cmd/pending.c
