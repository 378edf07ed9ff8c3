/* A minimal TAP producer for unit tests: each check prints "ok N - what" or
 * "not ok N - what"; tests/run.sh counts them. Header-only, one per test program. */
#ifndef PAWSORB_TAP_H
#define PAWSORB_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static int tap_count, tap_failed;

static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5), unused));
static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) {
        printf("#   failed at %s:%d\n", file, line);
        tap_failed++;
    }
    fflush(stdout);
    return cond;
}

/* ok(condition, "description %d", args...) */
#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* near(got, want, tol, "description"): |got - want| <= tol, printing both on failure. */
#define near(got, want, tol, ...)                                                        \
    do {                                                                                 \
        double near_g_ = (got), near_w_ = (want), near_t_ = (tol);                       \
        if (!tap_ok(fabs(near_g_ - near_w_) <= near_t_, __FILE__, __LINE__, __VA_ARGS__)) \
            printf("#   got %.12g, want %.12g, tolerance %.3g\n", near_g_, near_w_, near_t_); \
    } while (0)

/* Ends the test program: prints the plan line; exit status 1 if anything failed. */
static int tap_done(void) __attribute__((unused));
static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
