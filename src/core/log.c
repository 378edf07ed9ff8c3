#include "core/log.h"

#include <stdarg.h>
#include <string.h>

static FILE *log_out = NULL;

void log_init(FILE *out, int rank)
{
    log_out = rank == 0 ? out : NULL;
}

FILE *log_stream(void) { return log_out; }

void log_printf(const char *fmt, ...)
{
    if (!log_out) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_out, fmt, ap);
    va_end(ap);
    fflush(log_out);
}

void log_section(const char *title)
{
    if (!log_out) return;
    size_t n = strlen(title);
    fprintf(log_out, "\n%s\n", title);
    for (size_t i = 0; i < n; i++) fputc('-', log_out);
    fputc('\n', log_out);
}
