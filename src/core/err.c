#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(err *e, int status, const char *fmt, ...)
{
    if (!e) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->status = status ? status : EXIT_INTERNAL;
    return -1;
}

int err_wrap(err *e, const char *fmt, ...)
{
    if (!e) return -1;
    char prefix[512], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    snprintf(e->msg, sizeof e->msg, "%s: %.1500s", prefix, old);
    if (!e->status) e->status = EXIT_INTERNAL;
    return -1;
}

void err_clear(err *e)
{
    if (!e) return;
    e->status = 0;
    e->msg[0] = '\0';
}
