/* The MPI context: created once in main and passed down; nothing below main touches
 * MPI_COMM_WORLD. Groups: k-points (and spin) across groups; inside a group, bands and
 * plane waves. Until the parallel layout lands (issue 5) every group is the whole world
 * split trivially: kpt = world, band = pw = self. */
#ifndef PAWSORB_COMM_H
#define PAWSORB_COMM_H
#include <mpi.h>

typedef struct {
    MPI_Comm world;  /* all ranks of the run */
    MPI_Comm kpt;    /* ranks sharing one k-point/spin group's work */
    MPI_Comm band;   /* band distribution inside a k-point group */
    MPI_Comm pw;     /* plane-wave / FFT-grid distribution inside a k-point group */
    int rank, size;  /* in world */
} comm_ctx;

/* Collective over `world`. */
int comm_init(comm_ctx *c, MPI_Comm world);
void comm_free(comm_ctx *c);

#endif
