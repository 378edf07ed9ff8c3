/* One part of a run: the plane-wave PAW single point (SCF, forces, optional Bader) or the
 * relaxation of one structure, written into a group of an open results file. It is what
 * `task: scf` and `task: relax` do for the input's structure, and what the adsorption
 * workflow (workflow/adsorption.h) does for the slab, each molecule and each complex.
 *
 * The part's calculation is the input's (xc, cutoff, k-points, smearing, D2, SCF and
 * relaxation settings) for another structure, charge, cutoff or fmax; its plan and
 * process layout are made for that structure (basis/plan.h, parallel/layout.h), and
 * everything it allocates is freed before it returns.
 *
 * Written into the group (results_set_group; "" = the root): /structure (final),
 * /energy, /forces, /scf, /electrons, and with a relaxation /relax/{energies, positions,
 * fmax} as the steps come (so a stopped run keeps every step) and /relax/scf_iterations;
 * /bader when asked; the group's `status` attribute ("ok" or why not). The relaxation's
 * trajectory goes to an extended XYZ file when a path is given.
 *
 * Collective over comm->world. */
#ifndef PAWSORB_WORKFLOW_PART_H
#define PAWSORB_WORKFLOW_PART_H

#include "cell/structure.h"
#include "core/comm.h"
#include "io/input.h"
#include "io/results.h"

/* A start better than the atoms' (scf/initial.h's initial_guess_from): a deformation
 * density (nspins x coarse grid) and D_asp blocks of the flagged atoms, in the layout of
 * this part's structure. Borrowed. */
typedef struct {
    const double *dn_sG;      /* NULL: none */
    const double *D_asp;
    const unsigned char *D_from;   /* natoms, or NULL */
} part_start;

typedef struct {
    const char *label;        /* for the log ("slab", "complex H2O top-1/flat") */
    const char *group;        /* results group, "" for the root */
    int relax;                /* 1: relaxation (the input's relax section), 0: single point */
    double cutoff_ha;         /* 0: the input's dft.cutoff */
    double fmax_au;           /* 0: the input's relax.fmax */
    int max_steps;            /* 0: the input's relax.max_steps */
    double charge;            /* net charge of this structure, e */
    int bader;                /* Bader charges of the final state (the input's bader options) */
    const char *cube_path;    /* results path whose stem names the cube files (output.cube, Bader);
                                 NULL: the results file's */
    const char *traj;         /* relaxation trajectory (extended XYZ; replaced), NULL for none */
    const char *checkpoint;   /* relaxations: the checkpoint file (workflow/checkpoint.h), NULL for
                                 none. Written after every ionic step (and the results file
                                 published then and once the checkpoint, if any, was
                                 accepted: results_publish); when it exists at the start
                                 the relaxation continues from it (refused, EXIT_BAD_INPUT, when it
                                 does not belong to this part's input). Never removed here: the
                                 caller removes it (checkpoint_remove) once the part's results are
                                 published and part_run returned 0 */
    int want_cubes;           /* 1: the input's output.cube files for this part */
    const part_start *start;  /* NULL: the atomic start */
    int keep_density;         /* 1: res gets the final deformation density and D_asp */
    int keep_nt;              /* 1: res gets the final pseudo density ñ (spins summed) */
} part_spec;

typedef struct {
    int finished;             /* 1: converged SCF (and relaxation, if one) */
    int scf_converged;        /* the last SCF */
    int relax_converged;      /* fmax reached (relaxations) */
    int steps;                /* ionic steps (1 for a single point) */
    int scf_iterations;       /* summed over the steps */
    int first_scf_iterations; /* of the first step */
    double energy;            /* hartree: extrapolated total energy + E_D2 (the contract's /energy/total) */
    double dispersion;        /* hartree: E_D2 (0 without D2) */
    double fmax;              /* hartree/bohr, free atoms, at the final positions */
    double wall;              /* seconds */
    structure final;          /* the final (last evaluated) structure; owned */
    int bader_done;
    double *bader_charge;     /* natoms: Z - population, e; owned, on every rank */
    double bader_vacuum;      /* electrons in the vacuum points */
    double bader_electrons;   /* populations + vacuum: the all-electron count found */
    char why[512];            /* "" or why not finished */
    /* with keep_density, at the final positions (every rank): */
    int nspins;
    long nc;                  /* coarse grid points */
    double *dn_sG;            /* nspins x nc: δñ (initial_deformation_density); owned */
    long nD;                  /* nspins x ss.np */
    double *D_asp;            /* owned */
    /* with keep_nt: ñ(r) = Σ_s ñ_s on the coarse grid (ñ_c included), electrons/bohr^3 */
    int ngrid[3];
    double *nt_G;             /* owned */
} part_result;

/* Runs the part and writes it into r (its group set here, reset to the root after).
 * Returns 0 when the part ran to its end, finished or not (res->finished, res->why say
 * which; an unconverged SCF or relaxation is written with its status), or -1 with e set
 * for bad input (EXIT_BAD_INPUT, also a refused checkpoint: then nothing is written), a
 * failure (EXIT_RUN_FAILED / EXIT_INTERNAL; what was written before the failure stays in
 * r) or a stop request (EXIT_STOPPED, core/stop.h: at a safe point, after the checkpoint of
 * the last completed ionic step; r then holds the /relax rows so far, /structure at the
 * last completed step and /relax/scf_iterations; the caller sets the status). */
int part_run(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, results *r,
             part_result *res, err *e);
void part_result_free(part_result *res);

/* What part_run checks before it computes anything (datasets, electrons left after the
 * charge, bands, the process layout, parallel.memory_per_rank), without computing:
 * 0, or -1 with e as part_run would set it. Collective over comm->world. */
int part_check(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, err *e);

/* ---- a part in its own results file (the adsorption workflow's STEM.parts/NAME.h5) ---- */

/* Collective. After part_run returned 0 into r, a part's own results file (group ""):
 * the record that lets a later run take the part instead of computing it again, in
 * /part: the fingerprint (checkpoint_fingerprint of the part's input and plan, and
 * whether it has Bader charges), flags (finished, converged, steps, SCF iterations),
 * energy and D2 energy (hartree, bit for bit), fmax, wall time, final positions (bohr),
 * Bader charges, and the kept densities (keep_density, keep_nt). */
int part_record_write(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, results *r,
                      const part_result *res, err *e);

/* Collective. 1: `path` holds this part's record (the same fingerprint), loaded into res
 * (res->final = s with the record's positions); 0: no file there, or the part did not
 * end in it (stopped, killed or failed: it is to be computed, a relaxation from its
 * checkpoint); -1 with e: refused (EXIT_BAD_INPUT: computed for another input, the
 * message names what differs; or not readable). res NULL: only the check, nothing loaded. */
int part_record_read(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec,
                     const char *path, part_result *res, err *e);

/* The trajectory path for a results path: "x.h5" -> "x.xyz", otherwise path + ".xyz". */
void relax_trajectory_path(const char *results_path, char *out, size_t n);

#endif
