/* Commands whose machinery is not in this version yet. Each says so plainly and exits
 * with status 3, so no script mistakes it for a result. Remove an entry when its
 * command lands. */
#include "cmd/cmd.h"
#include "core/err.h"

int cmd_run(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "run: the SCF solver is not in this version yet; "
                          "`pawsorb check INPUT.yaml` validates an input", EXIT_INTERNAL);
}

int cmd_check(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "check: not in this version yet", EXIT_INTERNAL);
}

int cmd_info(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "info: not in this version yet", EXIT_INTERNAL);
}

int cmd_build(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "build: the structure builders are not in this version yet", EXIT_INTERNAL);
}

int cmd_bader(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "bader: not in this version yet", EXIT_INTERNAL);
}
