/* Option parsing shared by the builders of `pawsorb build`. */
#include "cmd/build_cmds.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

int build_opt_need(int argc, char **argv, int i, int n, err *e)
{
    if (i + n < argc) return 0;
    return err_set(e, EXIT_BAD_INPUT, "build %s: option %s needs %d value%s", argv[0], argv[i], n,
                   n > 1 ? "s" : "");
}

int build_opt_double(const char *opt, const char *val, double lo, double hi, double *out, err *e)
{
    char *end;
    errno = 0;
    double v = strtod(val, &end);
    if (end == val || *end || errno || !isfinite(v))
        return err_set(e, EXIT_BAD_INPUT, "option %s: '%s' is not a number", opt, val);
    if (v < lo || v > hi)
        return err_set(e, EXIT_BAD_INPUT, "option %s: %s is outside %g..%g", opt, val, lo, hi);
    *out = v;
    return 0;
}

int build_opt_int(const char *opt, const char *val, int lo, int hi, int *out, err *e)
{
    char *end;
    errno = 0;
    long v = strtol(val, &end, 10);
    if (end == val || *end || errno)
        return err_set(e, EXIT_BAD_INPUT, "option %s: '%s' is not a whole number", opt, val);
    if (v < lo || v > hi)
        return err_set(e, EXIT_BAD_INPUT, "option %s: %s is outside %d..%d", opt, val, lo, hi);
    *out = (int)v;
    return 0;
}
