/* Named option sets of the LATP(001) slab builder (docs/latp.md), shared by
 * `pawsorb build latp001 --preset NAME` and the input's `structure.build` (one table,
 * so that both make the same slab), and the thickness-to-layers rule of both. */
#ifndef PAWSORB_BUILD_SLAB_PRESET_H
#define PAWSORB_BUILD_SLAB_PRESET_H

#include "build/slab.h"

/* Lengths in Angstrom: the presets are written as users read them (docs/latp.md). */
typedef struct {
    const char *name;
    double x;             /* Al content asked; the slab holds round(x F) Al */
    int layers;
    int supercell[2];
    int fix_layers;
    double vacuum_ang;
} slab_preset;

/* The table, NULL-name terminated: paper, quick. */
extern const slab_preset slab_presets[];
/* What `build latp001` and `structure.build` use when no preset is named. */
#define SLAB_PRESET_DEFAULT "quick"

/* The preset of that name, or NULL. */
const slab_preset *slab_preset_find(const char *name);
/* The slab options of preset p (bohr inside); termination 0, max_enum 0 (the builder's
 * default), allow_dipole 0: the options the command line starts from. */
slab_opts slab_preset_opts(const slab_preset *p);
/* Layers for a slab at least thickness_ang thick: whole layers of c/3 = 6.95 A, or whole
 * hexagonal cells (3 layers) when o cuts the ordered bulk (x > 0 with allow_dipole). */
int slab_layers_for_thickness(const slab_opts *o, double thickness_ang);

#endif
