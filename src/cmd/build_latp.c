/* pawsorb build latp-bulk: LiTi2(PO4)3 / ordered LATP bulk cells. */
#include "build/latp.h"
#include "cmd/build_cmds.h"
#include "core/elements.h"
#include "io/structio.h"

#include <stdio.h>
#include <string.h>

/* "Li8Al2Ti10P18O72" in order of first appearance. */
void build_formula(const structure *s, char *out, size_t n)
{
    int seen[ELEMENT_MAX_Z + 1] = {0}, order[ELEMENT_MAX_Z + 1], no = 0;
    for (int a = 0; a < s->natoms; a++) {
        int z = s->numbers[a];
        if (z < 0 || z > ELEMENT_MAX_Z) continue;
        if (!seen[z]++) order[no++] = z;
    }
    size_t len = 0;
    out[0] = 0;
    for (int k = 0; k < no && len < n; k++)
        len += snprintf(out + len, n - len, "%s%d", element_symbol(order[k]), seen[order[k]]);
}

int build_cmd_latp_bulk(const comm_ctx *comm, int argc, char **argv, err *e)
{
    latp_opts o = {.x = 1.0 / 3.0, .rep = {1, 1, 1}};
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--x")) {
            if (build_opt_need(argc, argv, i, 1, e) || build_opt_double("--x", argv[++i], 0, 1, &o.x, e))
                return -1;
        } else if (!strcmp(argv[i], "--repeat")) {
            if (build_opt_need(argc, argv, i, 3, e)) return -1;
            for (int k = 0; k < 3; k++)
                if (build_opt_int("--repeat", argv[++i], 1, 4, &o.rep[k], e)) return -1;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (build_opt_need(argc, argv, i, 1, e)) return -1;
            out = argv[++i];
        } else {
            return err_set(e, EXIT_BAD_INPUT, "build latp-bulk: unknown option '%s'", argv[i]);
        }
    }
    if (!out) return err_set(e, EXIT_BAD_INPUT, "build latp-bulk: no output file (-o FILE.xyz)");
    structure s;
    latp_report r;
    if (latp_build(&o, &s, &r, e)) return -1;
    char formula[128], extra[512];
    build_formula(&s, formula, sizeof formula);
    snprintf(extra, sizeof extra,
             "builder=latp-bulk x=%.6g repeat=\"%d %d %d\" ewald_energy_eV=%.6f candidates=%ld",
             o.x, o.rep[0], o.rep[1], o.rep[2], r.e_best_ev, r.n_candidates);
    int rc = comm->rank == 0 ? extxyz_write(out, &s, extra, e) : 0;
    if (rc == 0 && comm->rank == 0) {
        printf("%s: %d atoms, %s\n", out, s.natoms, formula);
        if (r.n_al > 0) {
            if (r.sampled)
                printf("Al on Ti sites and extra Li on M2 (18e) sites: %ld random candidates tried "
                       "(too many to enumerate)\n", r.n_candidates);
            else
                printf("Al on Ti sites and extra Li on M2 (18e) sites: %ld symmetry-distinct candidates "
                       "tried (of %ld arrangements)\n", r.n_candidates, r.n_raw);
            printf("lowest Ewald energy of formal charges %.4f eV (highest %.4f eV)\n", r.e_best_ev,
                   r.e_worst_ev);
        }
    }
    structure_free(&s);
    return rc;
}
