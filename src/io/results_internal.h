/* Internal to io/results*.c: the open results file and the helpers its parts share
 * (results.c: lifecycle and writers; results_file.c: sealed files, publishing, stale
 * temporary files). Not a public interface: use io/results.h. */
#ifndef PAWSORB_RESULTS_INTERNAL_H
#define PAWSORB_RESULTS_INTERNAL_H

#include "io/results.h"

#include <hdf5.h>

enum { SEAL_BYTES = 512 };   /* the user block of sealed files (results_open_sealed) */

struct results {
    MPI_Comm comm;         /* our duplicate of the caller's communicator; owned */
    int rank;
    hid_t file;
    char path[4096];       /* the target */
    char tmp[4200];        /* path.tmp.<pid>, where everything is written until close */
    double t_open;         /* MPI_Wtime at open, rank 0's clock */
    double wall_time;      /* -1: measure at close; -2: keep the file's (update) */
    char group[512];       /* "" or "/adsorption/slab": prefixed to every dataset path */
    int sealed;            /* results_open_sealed: user block with the checksum */
};


/* Every rank ends a public function here: the lowest rank that failed broadcasts its
 * error, so all ranks return the same value and message. */
int results_agree(const results *r, const err *local, err *e);
/* Rank 0: copies a file byte for byte (errors name both files). */
int results_copy_file(const char *from, const char *to, err *e);
/* Rank 0: writes the seal line into a closed sealed file's user block. */
int results_seal(const char *path, err *e);

#endif
