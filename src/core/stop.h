/* Stopping a run early and safely (docs/interface.md, exit status 4): a request to stop
 * comes from outside (SIGTERM, SIGUSR1 — what Slurm sends before the time limit with
 * `--signal` — or SIGINT) or from inside (`run --max-time`, a wall-clock deadline), and is
 * honoured only at safe points: between SCF iterations (after the SCF's state is saved,
 * when the part has a checkpoint: scf/scf.h) and between ionic steps, after the
 * checkpoint of the last completed step (workflow/checkpoint.h). The run then unwinds
 * with an error of status EXIT_STOPPED, the results file is closed with
 * status "stopped: <why>, resumable" and pawsorb exits with 4.
 *
 * The signal handler only stores the signal number in a volatile sig_atomic_t (the one
 * thing POSIX allows an asynchronous handler to do with shared data); every decision is
 * made at a safe point. Ranks may receive a signal at different moments, so the check
 * is collective: all ranks stop at the same safe point when any of them was signalled.
 *
 * Test hooks (for tests only; docs/interface.md): PAWSORB_STOP_AFTER_STEP=K stops after
 * the K-th ionic step of a relaxation (counted in this process) as a signal would;
 * PAWSORB_STOP_AFTER_SCF_ITERATIONS=N stops at the N-th SCF safe point of this process
 * (mid-SCF: after an iteration that did not end its SCF). */
#ifndef PAWSORB_STOP_H
#define PAWSORB_STOP_H

#include <mpi.h>
#include <stddef.h>

/* Installs the handlers (sigaction, SA_RESTART) for SIGTERM, SIGUSR1 and SIGINT and reads
 * the test hooks from the environment. Call once, after MPI_Init. */
void stop_install(void);

/* The deadline of `run --max-time`: seconds of wall time from now (rank 0's clock is
 * broadcast). Collective over comm. seconds <= 0: none. */
void stop_set_max_time(MPI_Comm comm, double seconds);

/* Seconds left before the deadline (+INFINITY without one). */
double stop_time_left(void);

/* Seconds kept free before the deadline for writing the results file (and checkpoint),
 * raised to the longest such write measured (stop_note_write); at least 2 s. */
void stop_note_write(double seconds);

/* The safe points. Collective over comm: every rank calls it at the same point and all
 * get the same answer: 0 = go on; 1 = stop now, with why = "SIGTERM", "SIGUSR1",
 * "SIGINT", "max-time" or "test hook" (a static string). next_seconds: the estimated
 * duration of what would come next (an SCF iteration, an ionic step), which must fit
 * before the deadline. */
int stop_check_scf(MPI_Comm comm, double next_seconds, const char **why);
int stop_check_step(MPI_Comm comm, double next_seconds, const char **why);

/* The reason of the last check that said stop ("SIGTERM", ...), NULL while none did. */
const char *stop_reason(void);

/* A signal arrived (this rank, no communication): nonzero signal number or 0. */
int stop_signal_received(void);

/* Forgets a received signal and the hook counters (tests; a new run in the same process). */
void stop_reset(void);

#endif
