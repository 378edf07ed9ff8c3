/* The periodic table by symbol and atomic number (1..118). */
#ifndef PAWSORB_ELEMENTS_H
#define PAWSORB_ELEMENTS_H

#define ELEMENT_MAX_Z 118

/* Atomic number of a symbol ("O", "Ti"; case as written in chemistry), 0 if unknown. */
int element_z(const char *symbol);
/* Symbol of atomic number z, or "X" if z is out of range. */
const char *element_symbol(int z);

#endif
