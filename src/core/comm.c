#include "core/comm.h"

int comm_init(comm_ctx *c, MPI_Comm world)
{
    c->world = world;
    MPI_Comm_rank(world, &c->rank);
    MPI_Comm_size(world, &c->size);
    MPI_Comm_dup(world, &c->kpt);
    MPI_Comm_dup(MPI_COMM_SELF, &c->band);
    MPI_Comm_dup(MPI_COMM_SELF, &c->pw);
    return 0;
}

void comm_free(comm_ctx *c)
{
    MPI_Comm_free(&c->kpt);
    MPI_Comm_free(&c->band);
    MPI_Comm_free(&c->pw);
}
