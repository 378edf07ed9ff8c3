/* The builders behind `pawsorb build NAME`: each parses its own options (argv[0] is the
 * builder's name), writes its files on rank 0 and prints a short summary. Returns 0 or
 * an error in e (EXIT_BAD_INPUT for bad options, naming the option and value). */
#ifndef PAWSORB_CMD_BUILD_CMDS_H
#define PAWSORB_CMD_BUILD_CMDS_H

#include "core/comm.h"
#include "core/err.h"

int build_cmd_latp_bulk(const comm_ctx *comm, int argc, char **argv, err *e);
int build_cmd_latp001(const comm_ctx *comm, int argc, char **argv, err *e);
int build_cmd_molecule(const comm_ctx *comm, int argc, char **argv, err *e);
int build_cmd_sites(const comm_ctx *comm, int argc, char **argv, err *e);
int build_cmd_place(const comm_ctx *comm, int argc, char **argv, err *e);

/* Chemical formula "Li8Al2Ti10P18O72", elements in order of first appearance. */
#include "cell/structure.h"
#include <stddef.h>
void build_formula(const structure *s, char *out, size_t n);

/* Option helpers: "--name VALUE" parsing with messages that name option and value. */
int build_opt_double(const char *opt, const char *val, double lo, double hi, double *out, err *e);
int build_opt_int(const char *opt, const char *val, int lo, int hi, int *out, err *e);
/* Checks that argv[i] has `n` values after it. */
int build_opt_need(int argc, char **argv, int i, int n, err *e);

#endif
