/* The YAML input of docs/interface.md, validated strictly and converted to atomic units.
 * Every key has a default except `structure`. Errors name the file, the line and the key:
 *   "h2o.yaml:7: dft.cutoff: -300 is not positive (eV)". */
#ifndef PAWSORB_INPUT_H
#define PAWSORB_INPUT_H

#include "cell/structure.h"
#include "core/err.h"

typedef enum { TASK_SCF, TASK_RELAX, TASK_ADSORPTION, TASK_SCAN } task_kind;
typedef enum { SMEAR_FERMI_DIRAC, SMEAR_GAUSSIAN, SMEAR_MARZARI_VANDERBILT, SMEAR_NONE } smearing_kind;
typedef enum { RELAX_CG, RELAX_BFGS, RELAX_FIRE } relax_kind;
typedef enum { DISP_NONE, DISP_D2 } dispersion_kind;

/* adsorption.adsorbates[i] (docs/input.md): a library name or an .xyz file. */
typedef struct {
    char name[64];            /* label in the log, the tables and the HDF5 group names */
    char source[1024];        /* library name, or the .xyz path resolved against the input's directory */
    double charge;            /* net charge, e */
    int has_charge;           /* 0: the file's charge= (0 if none) */
    int line;                 /* of the item in the input, for messages */
} input_adsorbate;

typedef enum { PLACEMENT_SITE, PLACEMENT_COMPLEX } placement_kind;
/* adsorption.placements[i]: a site + orientation + height, or a complex file whose first
 * atoms are the slab's and the rest the adsorbate's. */
typedef struct {
    placement_kind kind;
    char site[32];            /* site label ("top-1") or 1-based number, as `build sites` prints */
    int orient;               /* 0 flat, 1 upright, 2 euler (build/place.h's place_orientation) */
    double euler[3];          /* radians (input: degrees, ASE's euler_rotate) */
    double height;            /* bohr: lowest adsorbate atom above the site */
    char complex_file[1024];       /* resolved path (PLACEMENT_COMPLEX) */
    char adsorbate[64];       /* "" = every adsorbate (site) / the only one (complex) */
    int line;
} input_placement;

#define INPUT_MAX_AUTO 16
/* placements: auto, or {sites, orientations, heights, max, layer_tol}. */
typedef struct {
    int nsites;               /* 0 = every symmetry-distinct site (or family) */
    int families;             /* sites: families: one site per kind and coordinating elements */
    char sites[INPUT_MAX_AUTO][32];   /* labels ("top-1"), kinds ("top", "bridge", "hollow") or numbers */
    int norient;
    int orient[INPUT_MAX_AUTO];
    double euler[INPUT_MAX_AUTO][3];  /* radians */
    int nheights;
    double heights[INPUT_MAX_AUTO];   /* bohr */
    int max;                  /* at most this many placements per adsorbate */
    double layer_tol;         /* bohr: the site finder's top-layer tolerance */
} input_auto_placements;

typedef struct {
    char path[1024];          /* the input file as given on the command line */
    char *text;               /* the whole file, verbatim (for provenance); owned */
    task_kind task;

    structure atoms;          /* bohr; from structure.file, structure.build or inline; fixed[]
                                 set from structure.fixed / fix_below / POSCAR selective
                                 dynamics / the builder's fixed layers */
    char structure_file[1024];/* resolved path of structure.file, "" when inline or built */
    char structure_origin[512];/* how the structure was made, one line for the logs: "read from
                                 FILE: N atoms", "inline: N atoms" or "built by latp001
                                 (preset quick): N atoms; ..." (structure.build) */

    struct {
        char xc[64];          /* as written: "PBE", "LDA" or a libxc name */
        char setups[64];      /* dataset family, default "PBE" (or "LDA" when xc is LDA) */
        double cutoff_ha;     /* plane-wave cutoff, hartree (input: eV, default 400) */
        int kpts[3];          /* Monkhorst-Pack grid; derived from kpt_density if given */
        double kpt_density;   /* points per 1/Angstrom, 0 when kpts was given explicitly */
        int gamma;            /* 1: Gamma-centred grid (default) */
        smearing_kind smearing;
        double width_ha;      /* smearing width, hartree (input eV, default 0.1 eV) */
        int spin;             /* collinear spin polarisation */
        double charge;        /* net charge of the system, e */
        dispersion_kind dispersion;
        struct {              /* dft.d2 (with dispersion: d2); VASP's IVDW=10 defaults */
            double s6;        /* global scaling; 0 = from the functional (0.75 for PBE) */
            double d;         /* damping steepness, default 20 */
            double sr;        /* R0 scaling in the damping, default 1 */
            double cutoff_bohr;/* real-space cutoff of the pair sum (input Angstrom, default 50) */
        } d2;
        int nbands;           /* 0 = auto */
        int symmetry;         /* 1: point group + time reversal (default); 0: time reversal only */
        int dipole_correction;/* 1: GPAW's dipolelayer 'xy' (a sawtooth potential cancelling the
                                 slab's dipole across the vacuum; pbc [T, T, F], a3 along z) */
    } dft;

    struct {
        double energy_tol_ha; /* per valence electron */
        double density_tol;   /* electrons per valence electron */
        double forces_tol_au; /* hartree/bohr: max change of an atom's force between two
                                 iterations (GPAW's forces criterion); 0 = off */
        int max_iter;
        double mix_beta;
        int mix_history;
        double kerker;        /* Kerker screening q0, 1/bohr (input: 1/Angstrom or true);
                                 -1 = auto, 0 = off */
        int checkpoint_iterations;   /* scf.checkpoint: every N iterations (0: not by count) */
        double checkpoint_seconds;   /* or every so many seconds (0: not by time; default 30 min) */
    } scf;

    struct {
        relax_kind method;
        double fmax_au;       /* hartree/bohr */
        int max_steps;
    } relax;

    struct {
        char file[1024];      /* results file, default "results.h5" */
        int cube_density, cube_ae_density, cube_potential;
    } output;

    int bader;                /* 1: Bader charges after the SCF (bader: true, or a bader: mapping) */
    struct {                  /* bader: {refinement, method, vacuum} (docs/bader.md) */
        int refinement;       /* all-electron grid: 2 (GPAW's gridrefinement=2, default) or 4
                                 times the coarse grid; also the grid of output.cube's
                                 all_electron_density */
        int near_grid;        /* 0: weight method (default), 1: near-grid */
        int use_vacuum;       /* 0: `vacuum: off`, every point goes to an atom */
        double vacuum;        /* threshold, electrons/bohr^3 (input e/Angstrom^3, default 1e-4) */
    } bader_opt;

    struct {                  /* task: adsorption / scan (docs/input.md, workflow/adsorption.h) */
        int nads;
        input_adsorbate *ads; /* owned */
        int auto_place;       /* 1: placements from the site finder */
        input_auto_placements autop;
        int nplace;
        input_placement *place;   /* owned */
        int relax;            /* 1 (default): relax slab, molecules and complexes; 0: single points */
        int deformation;      /* 1 (default, with relax): frozen single points for the deformation energies */
        double min_vacuum;    /* bohr: least vacuum above an adsorbate (default 5 A) */
        int reuse_density;    /* 1 (default): a complex starts from its converged slab and molecule */
        int density_difference;   /* 1: Δρ cube of each complex (needs the frozen parts) */
        struct {              /* screening funnel: a cheaper first stage over every placement */
            int on;
            double cutoff_ha;
            double fmax_au;
            int max_steps;
            int keep;         /* best placements per adsorbate that go on to the full protocol */
        } screening;
    } adsorption;

    struct {
        int kpoints, bands;   /* 0 = automatic */
        double memory_per_rank_bytes;  /* 0 = not limited */
    } parallel;
} input;

/* Reads and validates `path`. On error returns -1 with e->status = EXIT_BAD_INPUT and one
 * line "path:line: key.path: what is wrong (value)"; `in` is then empty (nothing to free).
 * Relative structure.file paths are relative to the directory of `path`. */
int input_read(const char *path, input *in, err *e);
/* Frees what input_read allocated; safe on a zeroed input and after a failed read. */
void input_free(input *in);

/* Monkhorst-Pack sizes for a k-point density (points per 1/Angstrom) exactly as ASE's
 * kptdensity2monkhorstpack(atoms, density, even=True): n_i = 2 ceil(|b_i| density / 2)
 * with |b_i| the reciprocal vector length including 2 pi; 1 along non-periodic axes.
 * cell in bohr, rows are lattice vectors. */
void input_kpts_from_density(const double cell[3][3], const int pbc[3], double density, int kpts[3]);

#endif
