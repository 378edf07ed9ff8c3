/* Stop requests at safe points (core/stop.h). */
#include "core/stop.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

enum { CODE_TIME = 1001, CODE_HOOK = 1002 };

static volatile sig_atomic_t received;   /* the first signal's number, 0 before */
static double deadline;                  /* MPI_Wtime() value; 0: none */
static double reserve = 2.0;             /* seconds kept for the final writes */
static long hook_steps, hook_iters;      /* the test hooks (0: off) */
static long nsteps, niters;              /* counted in this process */
static const char *reason;               /* of the last check that said stop */

static void on_signal(int sig)
{
    if (!received) received = sig;
}

static long env_long(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : 0;
}

void stop_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;   /* a write or read in progress completes */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    hook_steps = env_long("PAWSORB_STOP_AFTER_STEP");
    hook_iters = env_long("PAWSORB_STOP_AFTER_SCF_ITERATIONS");
}

void stop_set_max_time(MPI_Comm comm, double seconds)
{
    MPI_Bcast(&seconds, 1, MPI_DOUBLE, 0, comm);
    deadline = seconds > 0 ? MPI_Wtime() + seconds : 0.0;
}

double stop_time_left(void) { return deadline > 0 ? deadline - MPI_Wtime() : INFINITY; }

void stop_note_write(double seconds)
{
    if (seconds > reserve) reserve = seconds;
}

int stop_signal_received(void) { return received; }

const char *stop_reason(void) { return reason; }

void stop_reset(void)
{
    received = 0;
    reason = NULL;
    nsteps = niters = 0;
}

static const char *name_of(int code)
{
    switch (code) {
    case SIGTERM: return "SIGTERM";
    case SIGUSR1: return "SIGUSR1";
    case SIGINT: return "SIGINT";
    case CODE_TIME: return "max-time";
    default: return "test hook";
    }
}

/* The agreed code: a signal on any rank wins over the clock and the hooks. */
static int agree(MPI_Comm comm, int hook, double next_seconds, const char **why)
{
    int code = received;
    if (!code && deadline > 0 && MPI_Wtime() + next_seconds + reserve > deadline) code = CODE_TIME;
    if (!code && hook) code = CODE_HOOK;
    /* signals are small numbers: rank them above the internal codes */
    int key = code == 0 ? 0 : code < CODE_TIME ? 2000 + code : code, best;
    MPI_Allreduce(&key, &best, 1, MPI_INT, MPI_MAX, comm);
    if (!best) return 0;
    *why = reason = name_of(best >= 2000 ? best - 2000 : best);
    return 1;
}

int stop_check_scf(MPI_Comm comm, double next_seconds, const char **why)
{
    niters++;
    return agree(comm, hook_iters > 0 && niters >= hook_iters, next_seconds, why);
}

int stop_check_step(MPI_Comm comm, double next_seconds, const char **why)
{
    nsteps++;
    return agree(comm, hook_steps > 0 && nsteps >= hook_steps, next_seconds, why);
}
