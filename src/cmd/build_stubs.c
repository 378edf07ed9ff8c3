/* Builders not in this version yet: they say so and exit with status 3. */
#include "cmd/build_cmds.h"

int build_cmd_molecule(const comm_ctx *comm, int argc, char **argv, err *e)
{
    (void)comm, (void)argc, (void)argv;
    return err_set(e, EXIT_INTERNAL, "build molecule: not in this version yet");
}
int build_cmd_sites(const comm_ctx *comm, int argc, char **argv, err *e)
{
    (void)comm, (void)argc, (void)argv;
    return err_set(e, EXIT_INTERNAL, "build sites: not in this version yet");
}
