/* The plan of a calculation: what `pawsorb check` prints and what `run` will build —
 * the PAW dataset of each element, electron and band counts, the k-point set, the FFT
 * grids, plane-wave counts and a memory estimate per rank. Deciding these in one place
 * keeps `check` and `run` from disagreeing. */
#ifndef PAWSORB_PLAN_H
#define PAWSORB_PLAN_H

#include "basis/fft_grid.h"
#include "cell/kpoints.h"
#include "core/err.h"
#include "io/input.h"
#include "parallel/layout.h"

#define PLAN_MAX_SPECIES 32

typedef struct {
    int z;
    int count;               /* atoms of this element */
    char path[4096];         /* dataset file */
    int nvalence;            /* valence electrons of the dataset */
    int nbound_orbitals;     /* sum of (2l+1) over bound valence states (GPAW's default nbands cap) */
} plan_species;

typedef struct {
    int nspecies;
    plan_species species[PLAN_MAX_SPECIES];
    double nvalence;         /* sum over atoms of dataset valence electrons */
    double nelectrons;       /* nvalence - charge */
    int nbands;
    int nspins;
    kpoint_set kpts;
    int real;                /* Gamma-only: real wavefunctions */
    fft_grid coarse, fine;
    int npw_min, npw_max;    /* over irreducible k-points */
    double npw_mean;
    int ranks;
    comm_layout layout;      /* k-point, band, plane-wave groups (parallel/layout.h) */
    parallel_estimate par;   /* its memory and communication per rank */
    double mem_wavefunctions, mem_grids, mem_total;   /* bytes per rank (estimate) */
} plan;

/* Decides everything from a validated input. Errors (EXIT_BAD_INPUT) name the input
 * file and key: a missing dataset (with the search path), an impossible charge, too few
 * bands for the electrons, a parallel.kpoints/bands the ranks cannot take, a run that
 * does not fit parallel.memory_per_rank. */
int plan_make(plan *p, const input *in, int ranks, err *e);
void plan_free(plan *p);

#endif
