/* Errors travel upward as values: a function that can fail takes an `err *` and returns
 * nonzero (or NULL); only the command layer turns an err into a message and an exit status.
 * Messages name the place: "input.yaml:7: dft.cutoff: -300 eV is not positive". */
#ifndef PAWSORB_ERR_H
#define PAWSORB_ERR_H

/* Exit statuses of the user contract (docs/interface.md). */
enum {
    EXIT_OK = 0,
    EXIT_BAD_INPUT = 1,   /* the input is wrong: the message names file, line and key */
    EXIT_RUN_FAILED = 2,  /* SCF or relaxation did not converge, out of memory, ... */
    EXIT_INTERNAL = 3,    /* a bug or an unexpected library failure */
    EXIT_STOPPED = 4      /* stopped on request (signal, --max-time) at a safe point; the
                             results file is closed and the same command continues (core/stop.h) */
};

typedef struct {
    int status;           /* one of the EXIT_* values; 0 while no error is set */
    char msg[2048];
} err;

/* Sets the error (status and printf-style message); returns -1 so callers can write
 * `return err_set(e, EXIT_BAD_INPUT, "...")`. A NULL e is allowed and ignored. */
int err_set(err *e, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prefixes context to an error already set: "<prefix>: <old message>". Returns -1. */
int err_wrap(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void err_clear(err *e);

#endif
