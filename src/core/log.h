/* The run log: readable text on rank 0 only (parameters, per-iteration lines, timings).
 * Every rank may call these; ranks other than 0 print nothing. */
#ifndef PAWSORB_LOG_H
#define PAWSORB_LOG_H
#include <stdio.h>

/* Directs the log to `out` (NULL silences it); `rank` is this process's world rank. */
void log_init(FILE *out, int rank);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A section heading, underlined, as GPAW/VASP users expect when scanning a log. */
void log_section(const char *title);
FILE *log_stream(void);   /* NULL on ranks other than 0 or when silenced */

#endif
