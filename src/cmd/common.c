#include "cmd/cmd.h"

#include <stdio.h>

int cmd_fail(const comm_ctx *comm, const char *msg, int status)
{
    if (comm->rank == 0) fprintf(stderr, "pawsorb: %s\n", msg);
    return status ? status : 3;
}
