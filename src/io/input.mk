# src/io: sources and unit tests
libpawsorb_a_SOURCES +=
