# src/io: sources and unit tests
libpawsorb_a_SOURCES +=
# src/cmd/info.c: pawsorb info (with the results module)
libpawsorb_a_SOURCES += src/cmd/info.c
