/* Shared inside src/workflow/table*.c: the ranking order and the atomic file writes. */
#ifndef PAWSORB_WORKFLOW_TABLE_INTERNAL_H
#define PAWSORB_WORKFLOW_TABLE_INTERNAL_H

#include "workflow/table.h"

/* Fills order[0..n) with row indices in ranking order (ads_rows_sort's order, the rows
 * left in place). */
void ads_rank_order(const ads_row *rows, int n, int *order);

/* One adsorbate of a row set: its name (borrowed from a row), its best row
 * (ads_rows_best, -1 if none), its number of rows and of failed rows. */
typedef struct {
    const char *name;
    int best, count, failed;
} ads_group;

/* Fills groups (room for n) with the distinct adsorbates, most bound best row first,
 * those without a best last (in order of first appearance); returns how many. */
int ads_group_list(const ads_row *rows, int n, ads_group *groups);

/* An output file written as PATH.tmp.<pid> and renamed over PATH by table_file_commit,
 * so a reader never sees half a file and an older PATH stays until the new one is whole. */
typedef struct {
    FILE *f;
    char path[4096], tmp[4160];
} table_file;

int table_file_open(table_file *t, const char *path, err *e);
/* Checks every write went through, closes and renames; on error removes the tmp file. */
int table_file_commit(table_file *t, err *e);
/* Closes and removes the tmp file (after an error of the caller's own). */
void table_file_abandon(table_file *t);

#endif
