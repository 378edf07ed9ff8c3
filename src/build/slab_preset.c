/* Named presets of the LATP(001) slab builder (docs/latp.md, "(001) slabs"). */
#include "build/slab_preset.h"
#include "core/units.h"

#include <math.h>
#include <string.h>

/* Hexagonal c of the LiTi2(PO4)3 cell the builder uses, Angstrom (potentials/latp_LiTi2PO43.md). */
#define LATP_C_ANG 20.858

const slab_preset slab_presets[] = {
    /* Close to the seed study (Li1.3Al0.3Ti1.7(PO4)3, 15 A vacuum, a slab of ~100-200
     * atoms): 2x1 in plane (so that half of a surface Li level can move, and room for
     * SN or LiTFSI flat), 3 layers = 12 formula units, so x = 0.3 becomes 4 Al,
     * x = 1/3; 20.9 A of slab, 220 atoms, bottom layer fixed. The thinnest 2x1 slab with
     * x = 0.3 exactly (5 layers, 366 atoms) is `--layers 5 --fix 2`. */
    {"paper", 0.3, 3, {2, 1}, 1, 15.0},
    /* The smallest 2x1 slab with a free and a fixed layer: 8 formula units, so x = 0.3
     * becomes 2 Al, x = 0.25; 13.9 A of slab. 15 A vacuum as `paper` and the seed study:
     * with 10 A, a molecule 2 A over the surface would leave less than 8 A between its top
     * and the next slab; with 15 A a flat one leaves 9.6-13 A (docs/latp.md). */
    {"quick", 0.3, 2, {2, 1}, 1, 15.0},
    {NULL, 0, 0, {0, 0}, 0, 0},
};

const slab_preset *slab_preset_find(const char *name)
{
    for (const slab_preset *p = slab_presets; p->name; p++)
        if (strcmp(p->name, name) == 0) return p;
    return NULL;
}

slab_opts slab_preset_opts(const slab_preset *p)
{
    slab_opts o = {.x = p->x, .layers = p->layers, .vacuum = p->vacuum_ang / BOHR_ANG,
                   .supercell = {p->supercell[0], p->supercell[1]}, .fix_layers = p->fix_layers};
    return o;
}

int slab_layers_for_thickness(const slab_opts *o, double thickness_ang)
{
    int per = o->x > 0 && o->allow_dipole ? 3 : 1;
    return per * (int)ceil(thickness_ang / (LATP_C_ANG / 3.0) / per - 1e-9);
}
