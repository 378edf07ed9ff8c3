# src/bader: Bader partition (issue 6); for now only the command placeholder
libpawsorb_a_SOURCES += src/cmd/bader.c
