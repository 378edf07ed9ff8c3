/* Allocation that cannot return NULL silently: on failure the process reports the size
 * and exits with EXIT_RUN_FAILED (out of memory is a run failure in the contract).
 * Use these outside hot loops only; hot loops allocate nothing. */
#ifndef PAWSORB_MEM_H
#define PAWSORB_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
