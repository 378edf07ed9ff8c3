/* Commands of the command line (docs/interface.md). Each returns an exit status of the
 * contract (EXIT_OK, EXIT_BAD_INPUT, EXIT_RUN_FAILED, EXIT_INTERNAL) and prints its own
 * error message; main only dispatches. argv[0] is the command name. */
#ifndef PAWSORB_CMD_H
#define PAWSORB_CMD_H

#include "core/comm.h"

int cmd_run(const comm_ctx *comm, int argc, char **argv);
int cmd_collect(const comm_ctx *comm, int argc, char **argv);   /* in run.c */
int cmd_check(const comm_ctx *comm, int argc, char **argv);
int cmd_info(const comm_ctx *comm, int argc, char **argv);
int cmd_build(const comm_ctx *comm, int argc, char **argv);
int cmd_bader(const comm_ctx *comm, int argc, char **argv);
int cmd_submit(const comm_ctx *comm, int argc, char **argv);

/* Prints "pawsorb: <msg>" to stderr on rank 0 and returns e->status (EXIT_INTERNAL if unset). */
int cmd_fail(const comm_ctx *comm, const char *msg, int status);

#endif
