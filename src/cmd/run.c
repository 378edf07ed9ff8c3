/* pawsorb run: placeholder until its machinery lands. It says so plainly and exits with
 * status 3, so no script mistakes it for a result. */
#include "cmd/cmd.h"
#include "core/err.h"

int cmd_run(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "run: the SCF solver is not in this version yet; `pawsorb check INPUT.yaml` validates an input", EXIT_INTERNAL);
}
