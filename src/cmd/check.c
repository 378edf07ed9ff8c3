/* pawsorb check: placeholder until its machinery lands. It says so plainly and exits with
 * status 3, so no script mistakes it for a result. */
#include "cmd/cmd.h"
#include "core/err.h"

int cmd_check(const comm_ctx *comm, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_fail(comm, "check: not in this version yet", EXIT_INTERNAL);
}
