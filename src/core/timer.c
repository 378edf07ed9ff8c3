#include "core/timer.h"
#include "core/log.h"

#include <string.h>
#include <time.h>

#define TIMER_MAX 128

typedef struct {
    const char *name;
    double total, started;
    long calls;
    int running;
} timer_entry;

static timer_entry timers[TIMER_MAX];
static int ntimers;
static double origin = -1.0;

double timer_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static timer_entry *find(const char *name)
{
    for (int i = 0; i < ntimers; i++)
        if (strcmp(timers[i].name, name) == 0) return &timers[i];
    if (ntimers == TIMER_MAX) return NULL;
    timers[ntimers] = (timer_entry){.name = name};
    return &timers[ntimers++];
}

void timer_start(const char *name)
{
    if (origin < 0) origin = timer_now();
    timer_entry *t = find(name);
    if (!t || t->running) return;
    t->running = 1;
    t->started = timer_now();
}

void timer_stop(const char *name)
{
    timer_entry *t = find(name);
    if (!t || !t->running) return;
    t->running = 0;
    t->total += timer_now() - t->started;
    t->calls++;
}

void timer_report(void)
{
    double wall = origin < 0 ? 0.0 : timer_now() - origin;
    log_section("Timing");
    log_printf("%-32s %10s %8s %7s\n", "part", "seconds", "calls", "%");
    for (int i = 0; i < ntimers; i++)
        log_printf("%-32s %10.3f %8ld %6.1f%%\n", timers[i].name, timers[i].total,
                   timers[i].calls, wall > 0 ? 100.0 * timers[i].total / wall : 0.0);
    log_printf("%-32s %10.3f\n", "total wall time", wall);
}

void timer_reset(void)
{
    ntimers = 0;
    origin = -1.0;
}
