/* pawsorb submit INPUT.yaml [options]: an adsorption scan as Slurm jobs (docs/batch.md).
 *
 *   references.sbatch   the slab and every adsorbate's molecule (run --only references)
 *   screening.sbatch    with a screening stage: array, one task per placement
 *                       (run --only screening:I), after the references
 *   placements.sbatch   array, one task per placement, or per placement the screening
 *                       keeps (run --only placement:I), after the references / screening
 *   collect.sbatch      pawsorb collect: the table, CSV, SVG and results file of a direct
 *                       run, after the placements whatever their end (it lists what is missing)
 *
 * The run directory gets a copy of the input (input.yaml) and of the files it names by
 * relative path; the jobs run there. Dependencies: afterok (with --kill-on-invalid-dep, so
 * that a failed step cancels what needs it instead of leaving it pending) and afterany for
 * collect. The scripts' resume protocol (signal, exit 4, requeue): cmd/sbatch.c. Runs on one
 * process; nothing is computed. Exit 0, 1 for bad input or options (the message names the
 * file, option and value), 2 when sbatch refused a job (the message says which jobs went in),
 * 3 when the run directory cannot be written. */
#include "cmd/cmd.h"
#include "cmd/sbatch.h"
#include "config.h"
#include "core/log.h"
#include "io/input.h"
#include "workflow/adsorption.h"
#include "workflow/placements.h"

#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SUBMIT_USAGE                                                                                             \
    "usage: pawsorb submit INPUT.yaml [--dir DIR] [--partition P] [--account A] [--time T] [--nodes N]\n"     \
    "         [--ntasks N] [--mem M] [--template FILE] [--launcher srun|mpirun|'COMMAND']\n"                     \
    "         [--signal-margin S] [--max-requeue N] [--pawsorb PATH] [--dry-run]"

typedef struct {
    const char *input, *dir, *partition, *account, *time, *nodes, *ntasks, *mem, *template_path, *launcher,
        *pawsorb;
    int dry_run, margin, max_requeue;   /* margin -1: from --time */
} submit_args;

/* Characters that go into a script unquoted (#SBATCH values, paths): no blanks, quotes,
 * $, `, \ or ; — a value with them is refused rather than escaped. */
static int plain(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || strchr("'\"$`\\;|&<>(){}*?!#", *s)) return 0;
    return 1;
}

static int positive_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 1 || v > 1000000) return -1;
    *out = (int)v;
    return 0;
}

/* Slurm's --time: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S (seconds out; 0 for UNLIMITED). */
static int slurm_seconds(const char *s, long *out)
{
    if (!strcmp(s, "UNLIMITED") || !strcmp(s, "unlimited") || !strcmp(s, "INFINITE") || !strcmp(s, "infinite"))
        return *out = 0, 0;
    long d = 0, v[3];
    int n = 0;
    const char *p = s, *dash = strchr(s, '-');
    char *end;
    if (dash) {
        d = strtol(s, &end, 10);
        if (end != dash || d < 0) return -1;
        p = dash + 1;
    }
    while (n < 3) {
        if (*p < '0' || *p > '9') return -1;
        v[n++] = strtol(p, &end, 10);
        if (*end != ':') break;
        p = end + 1;
    }
    if (*end) return -1;
    long t = dash ? (n == 1 ? v[0] * 3600 : n == 2 ? v[0] * 3600 + v[1] * 60 : v[0] * 3600 + v[1] * 60 + v[2])
                  : (n == 1 ? v[0] * 60 : n == 2 ? v[0] * 60 + v[1] : v[0] * 3600 + v[1] * 60 + v[2]);
    *out = d * 86400 + t;
    return *out > 0 ? 0 : -1;
}

static int parse_args(int argc, char **argv, submit_args *a, err *e)
{
    memset(a, 0, sizeof *a);
    a->margin = -1;
    a->max_requeue = 20;
    a->launcher = "srun";
    struct { const char *opt; const char **dst; } str[] = {
        {"--dir", &a->dir},   {"--partition", &a->partition}, {"--account", &a->account},
        {"--time", &a->time}, {"--nodes", &a->nodes},         {"--ntasks", &a->ntasks},
        {"--mem", &a->mem},   {"--template", &a->template_path}, {"--launcher", &a->launcher},
        {"--pawsorb", &a->pawsorb},
    };
    for (int i = 1; i < argc; i++) {
        int done = 0;
        for (size_t k = 0; k < sizeof str / sizeof *str && !done; k++)
            if (!strcmp(argv[i], str[k].opt)) {
                if (i + 1 >= argc || !argv[i + 1][0])
                    return err_set(e, EXIT_BAD_INPUT, "submit: %s needs a value; " SUBMIT_USAGE, argv[i]);
                *str[k].dst = argv[++i];
                done = 1;
            }
        if (done) continue;
        if (!strcmp(argv[i], "--dry-run")) a->dry_run = 1;
        else if ((!strcmp(argv[i], "--signal-margin") || !strcmp(argv[i], "--max-requeue")) && i + 1 < argc) {
            int *dst = argv[i][2] == 's' ? &a->margin : &a->max_requeue;
            if (positive_int(argv[i + 1], dst))
                return err_set(e, EXIT_BAD_INPUT, "submit: %s %s: not a positive whole number", argv[i], argv[i + 1]);
            i++;
        } else if (argv[i][0] != '-' && !a->input) a->input = argv[i];
        else return err_set(e, EXIT_BAD_INPUT, "submit: unexpected argument '%s'; " SUBMIT_USAGE, argv[i]);
    }
    if (!a->input) return err_set(e, EXIT_BAD_INPUT, SUBMIT_USAGE);
    return 0;
}

/* Every option's value as it will stand in a script. */
static int check_values(const submit_args *a, err *e)
{
    const char *names[] = {"--partition", "--account", "--nodes", "--ntasks", "--mem", "--time", "--pawsorb"};
    const char *vals[] = {a->partition, a->account, a->nodes, a->ntasks, a->mem, a->time, a->pawsorb};
    for (int k = 0; k < 7; k++)
        if (vals[k] && !plain(vals[k]))
            return err_set(e, EXIT_BAD_INPUT, "submit: %s '%s': blanks, quotes and shell characters are not allowed",
                           names[k], vals[k]);
    long secs;
    if (a->time && slurm_seconds(a->time, &secs))
        return err_set(e, EXIT_BAD_INPUT, "submit: --time %s: not a Slurm time (minutes, M:S, H:M:S, D-H, D-H:M, "
                       "D-H:M:S or UNLIMITED)", a->time);
    int n;
    if (a->ntasks && positive_int(a->ntasks, &n))
        return err_set(e, EXIT_BAD_INPUT, "submit: --ntasks %s: not a positive whole number", a->ntasks);
    if (a->nodes && strspn(a->nodes, "0123456789-") != strlen(a->nodes))
        return err_set(e, EXIT_BAD_INPUT, "submit: --nodes %s: not a node count (N or MIN-MAX)", a->nodes);
    if (a->mem && (a->mem[0] < '0' || a->mem[0] > '9' ||
                   strspn(a->mem, "0123456789") < strlen(a->mem) - (strchr("KMGTkmgt", a->mem[strlen(a->mem) - 1]) != NULL)))
        return err_set(e, EXIT_BAD_INPUT, "submit: --mem %s: not a memory size (megabytes, or a number with K, M, G "
                       "or T)", a->mem);
    if (strchr(a->launcher, '\n') || strchr(a->launcher, '&') || strchr(a->launcher, ';'))
        return err_set(e, EXIT_BAD_INPUT, "submit: --launcher '%s': one command line, without ; or &", a->launcher);
    return 0;
}

static const char *launcher_command(const char *l)
{
    /* srun starts Open MPI's ranks through PMIx (Debian's Slurm and Open MPI: plain srun
     * fails in MPI_Init); another plugin: --launcher 'srun --mpi=pmi2' */
    return !strcmp(l, "srun") ? "srun --mpi=pmix" : l;
}

/* ---- the run directory ---- */

static int mkdir_p(const char *path, err *e)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || !*p) {
            char c = *p;
            *p = 0;
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return err_set(e, EXIT_INTERNAL, "submit: cannot create the directory %s: %s", buf, strerror(errno));
            *p = c;
            if (!c) break;
        }
    }
    return 0;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    size_t k;
    while (s && (k = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) s = realloc(s, cap *= 2);
    }
    fclose(f);
    if (s) s[n] = 0;
    if (len) *len = n;
    return s;
}

static int write_all(const char *path, const char *text, size_t len, err *e)
{
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(text, 1, len, f) != len;
    if (f && fclose(f) != 0) bad = 1;
    return bad ? err_set(e, EXIT_INTERNAL, "submit: cannot write %s: %s", path, strerror(errno)) : 0;
}

/* A file the input names, copied to the same relative path below the run directory.
 * `resolved` is input_read's path (the input's directory + the name as written). */
static int copy_named(const char *key, const char *resolved, const char *in_dir, const char *run_dir, err *e)
{
    size_t l = strlen(in_dir);
    const char *rel = l && !strncmp(resolved, in_dir, l) && resolved[l] == '/' ? resolved + l + 1 : resolved;
    if (rel[0] == '/') return 0;   /* absolute: the jobs read it where it is */
    if (!strncmp(rel, "../", 3) || strstr(rel, "/../"))
        return err_set(e, EXIT_BAD_INPUT, "submit: %s: '%s' lies outside the input's directory; the run directory "
                       "gets a copy of the input and of the files below its directory: give an absolute path",
                       key, rel);
    char to[PATH_MAX], sub[PATH_MAX];
    snprintf(to, sizeof to, "%s/%s", run_dir, rel);
    snprintf(sub, sizeof sub, "%s", to);
    char *slash = strrchr(sub, '/');
    if (slash) *slash = 0;
    if (mkdir_p(sub, e)) return -1;
    size_t n;
    char *text = read_all(resolved, &n);
    if (!text) return err_set(e, EXIT_BAD_INPUT, "submit: %s: cannot read '%s': %s", key, resolved, strerror(errno));
    int rc = write_all(to, text, n, e);
    free(text);
    return rc;
}

static int is_file_source(const char *s)
{
    size_t l = strlen(s);
    return strchr(s, '/') || (l > 4 && !strcmp(s + l - 4, ".xyz"));
}

static int copy_inputs(const input *in, const char *run_dir, err *e)
{
    char in_dir[PATH_MAX];
    const char *slash = strrchr(in->path, '/');
    snprintf(in_dir, sizeof in_dir, "%.*s", slash ? (int)(slash - in->path) + (slash == in->path) : 0, in->path);
    if (in->structure_file[0] && copy_named("structure.file", in->structure_file, in_dir, run_dir, e)) return -1;
    for (int i = 0; i < in->adsorption.nads; i++)
        if (is_file_source(in->adsorption.ads[i].source) &&
            copy_named("adsorption.adsorbates", in->adsorption.ads[i].source, in_dir, run_dir, e))
            return -1;
    for (int i = 0; i < in->adsorption.nplace; i++)
        if (in->adsorption.place[i].kind == PLACEMENT_COMPLEX &&
            copy_named("adsorption.placements", in->adsorption.place[i].complex_file, in_dir, run_dir, e))
            return -1;
    return 0;
}

/* The default run directory: INPUT's directory / INPUT's stem + ".run". */
static void default_dir(const char *input, char *out, size_t cap)
{
    const char *b = strrchr(input, '/');
    const char *base = b ? b + 1 : input;
    size_t l = strlen(base);
    if (l > 5 && !strcmp(base + l - 5, ".yaml")) l -= 5;
    else if (l > 4 && !strcmp(base + l - 4, ".yml")) l -= 4;
    snprintf(out, cap, "%.*s%.*s.run", b ? (int)(b - input + 1) : 0, input, (int)l, base);
}

/* Creates (or reuses, for the same input) the run directory; `abs` gets its absolute path. */
static int make_run_dir(const submit_args *a, const input *in, char *abs, size_t cap, err *e)
{
    char dir[PATH_MAX], path[PATH_MAX + 16];
    if (a->dir) snprintf(dir, sizeof dir, "%s", a->dir);
    else default_dir(a->input, dir, sizeof dir);
    if (mkdir_p(dir, e)) return -1;
    char real[PATH_MAX];
    if (!realpath(dir, real)) return err_set(e, EXIT_INTERNAL, "submit: %s: %s", dir, strerror(errno));
    if (!plain(real))
        return err_set(e, EXIT_BAD_INPUT, "submit: the run directory %s: blanks, quotes and shell characters are not "
                       "allowed in its path (--dir)", real);
    snprintf(abs, cap, "%s", real);
    snprintf(path, sizeof path, "%s/input.yaml", real);
    char *old = read_all(path, NULL);
    int other = old && strcmp(old, in->text ? in->text : "") != 0;
    free(old);
    if (other)
        return err_set(e, EXIT_BAD_INPUT, "submit: %s holds another input than %s; give another --dir, or remove it",
                       path, a->input);
    snprintf(path, sizeof path, "%s/logs", real);
    if (mkdir_p(path, e) || copy_inputs(in, real, e)) return -1;
    snprintf(path, sizeof path, "%s/input.yaml", real);
    return write_all(path, in->text ? in->text : "", in->text ? strlen(in->text) : 0, e);
}

/* ---- the scripts ---- */

/* The template's lines: #SBATCH lines go to the header (sbatch reads only the comment
 * block before the first command), the others after it. Both strings are owned. */
static int read_template(const char *path, char **sb, char **body, err *e)
{
    *sb = *body = NULL;
    if (!path) return 0;
    size_t n;
    char *text = read_all(path, &n);
    if (!text) return err_set(e, EXIT_BAD_INPUT, "submit: --template %s: cannot read it: %s", path, strerror(errno));
    *sb = calloc(n + 2, 1), *body = calloc(n + 2, 1);
    size_t ls = 0, lb = 0;
    for (char *line = text; *line;) {
        size_t l = strcspn(line, "\n");
        if (!strncmp(line, "#!", 2)) { /* its own shebang line: ours comes first */
        } else if (!strncmp(line, "#SBATCH", 7)) {
            memcpy(*sb + ls, line, l), ls += l, (*sb)[ls++] = '\n';
        } else {
            memcpy(*body + lb, line, l), lb += l, (*body)[lb++] = '\n';
        }
        line += l + (line[l] == '\n');
    }
    while (lb && (*body)[lb - 1] == '\n') (*body)[--lb] = 0;
    free(text);
    return 0;
}

typedef struct {
    sbatch_job job;
    char path[PATH_MAX + 32];
    const char *after;        /* the job this one depends on, NULL for none */
    const char *dep;          /* "afterok" or "afterany" */
    char id[64];              /* job id once submitted */
} planned_job;

/* The jobs of the scan: references, [screening,] placements, collect. */
static int plan_jobs(const input *in, const ads_setup *s, const char *dir, planned_job *jobs)
{
    int n = 0, scr = in->adsorption.screening.on;
    int nsel = scr ? in->adsorption.screening.keep * s->nads : s->nplace;
    jobs[n++] = (planned_job){{"references", "references", 0,
                               "the slab and every adsorbate's molecule, all stages"}, "", NULL, NULL, ""};
    if (scr)
        jobs[n++] = (planned_job){{"screening", "screening", s->nplace,
                                   "the screening stage of one placement per array task"}, "", "references",
                                  "afterok", ""};
    jobs[n++] = (planned_job){{"placements", "placement", nsel,
                               scr ? "one placement the screening kept per array task (a task beyond the "
                                     "selection has nothing to do)"
                                   : "one placement per array task (complex and frozen parts)"},
                              "", scr ? "screening" : "references", "afterok", ""};
    jobs[n++] = (planned_job){{"collect", NULL, 0, "the table, CSV, SVG and results file of the finished parts"},
                              "", "placements", "afterany", ""};
    for (int k = 0; k < n; k++) snprintf(jobs[k].path, sizeof jobs[k].path, "%s/%s.sbatch", dir, jobs[k].job.name);
    return n;
}

static int write_scripts(const sbatch_common *c, planned_job *jobs, int n, err *e)
{
    for (int k = 0; k < n; k++) {
        FILE *f = fopen(jobs[k].path, "w");
        int bad = !f || sbatch_write(f, c, &jobs[k].job);
        if (f && fclose(f) != 0) bad = 1;
        if (bad) return err_set(e, EXIT_INTERNAL, "submit: cannot write %s: %s", jobs[k].path, strerror(errno));
        chmod(jobs[k].path, 0755);
    }
    return 0;
}

static const planned_job *find_job(const planned_job *jobs, int n, const char *name)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(jobs[k].job.name, name)) return &jobs[k];
    return NULL;
}

/* The sbatch command of job k; `ref` names its dependency (a job id, or $name in a dry run). */
static void sbatch_command(const planned_job *j, const char *ref, char *out, size_t cap)
{
    if (!j->after) snprintf(out, cap, "sbatch --parsable %s", j->path);
    else
        snprintf(out, cap, "sbatch --parsable --dependency=%s:%s%s %s", j->dep, ref,
                 strcmp(j->dep, "afterok") ? "" : " --kill-on-invalid-dep=yes", j->path);
}

/* The environment this process started with (/proc/self/environ keeps it as exec gave it):
 * sbatch passes its environment on to the jobs, and MPI_Init of this very process (an
 * Open MPI singleton) has added OMPI_*, PMIX_* and ORTE_* variables of a server that is
 * gone when the jobs run; with them, mpirun in a job exits 1 without a word. NULL when
 * /proc is not there (the current environment is used). The array and *block are owned. */
static char **start_environment(char **block)
{
    size_t n;
    *block = read_all("/proc/self/environ", &n);
    if (!*block || n == 0) return NULL;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += (*block)[i] == 0;
    char **env = calloc(count + 2, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n && k <= count; i += strlen(*block + i) + 1) env[k++] = *block + i;
    env[k] = NULL;
    return env;
}

/* Runs `sh -c cmd` with environment env (NULL: this one), stdout and stderr into out.
 * Returns its exit status, or -1 when it could not start. */
static int run_capture(const char *cmd, char **env, char *out, size_t cap)
{
    int fd[2];
    out[0] = 0;
    if (pipe(fd) != 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 2);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, env ? env : environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    size_t len = 0;
    ssize_t k;
    while ((k = read(fd[0], out + len, cap - 1 - len)) > 0) len += (size_t)k;
    out[len] = 0;
    close(fd[0]);
    if (rc != 0) return -1;
    int st;
    if (waitpid(pid, &st, 0) < 0) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int submit_jobs(planned_job *jobs, int n, const char *dir, err *e)
{
    char cmd[2 * PATH_MAX], out[1024], log[PATH_MAX + 16];
    snprintf(log, sizeof log, "%s/jobs", dir);
    char *block = NULL;
    char **env = start_environment(&block);
    FILE *rec = fopen(log, "a");
    int rc = 0;
    for (int k = 0; k < n && !rc; k++) {
        const planned_job *dep = jobs[k].after ? find_job(jobs, n, jobs[k].after) : NULL;
        sbatch_command(&jobs[k], dep ? dep->id : "", cmd, sizeof cmd);
        int st = run_capture(cmd, env, out, sizeof out);
        size_t idl = strcspn(out, ";\n");
        if (st != 0 || idl == 0 || strspn(out, "0123456789") != idl) {
            char done[512] = "";
            for (int j = 0; j < k; j++)
                snprintf(done + strlen(done), sizeof done - strlen(done), " %s %s", jobs[j].job.name, jobs[j].id);
            out[strcspn(out, "\n")] = 0;
            rc = err_set(e, EXIT_RUN_FAILED, "submit: sbatch refused %s: %s%s%s", jobs[k].path,
                         out[0] ? out : st < 0 ? "sbatch could not be started" : "(no output)",
                         k ? "; submitted before it (scancel them):" : "", done);
            break;
        }
        snprintf(jobs[k].id, sizeof jobs[k].id, "%.*s", (int)idl, out);
        printf("submitted %-10s job %s%s\n", jobs[k].job.name, jobs[k].id, jobs[k].job.array ? " (array)" : "");
        if (rec) fprintf(rec, "%s %s\n", jobs[k].job.name, jobs[k].id);
    }
    if (rec) fclose(rec);
    free(env);
    free(block);
    return rc;
}

/* Jobs of an earlier submission into dir (its `jobs` record) still in the queue would
 * compute the same parts as the new ones at the same time: refused. squeue failing (ids
 * Slurm has forgotten, no Slurm) counts as none. */
static int earlier_jobs_queued(const char *dir, err *e)
{
    char path[PATH_MAX + 16], ids[768] = "", cmd[1024], out[1024];
    snprintf(path, sizeof path, "%s/jobs", dir);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char name[64], id[64];
    while (fscanf(f, "%63s %63s", name, id) == 2 && strlen(ids) + strlen(id) + 2 < sizeof ids)
        if (strspn(id, "0123456789") == strlen(id)) snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", ids[0] ? "," : "", id);
    fclose(f);
    if (!ids[0]) return 0;
    snprintf(cmd, sizeof cmd, "squeue -h -o %%A -j %s", ids);
    char *block = NULL;
    char **env = start_environment(&block);
    int st = run_capture(cmd, env, out, sizeof out);
    free(env);
    free(block);
    if (st != 0 || !out[0]) return 0;
    for (char *p = out; *p; p++)
        if (*p == '\n') *p = ' ';
    for (size_t l = strlen(out); l && out[l - 1] == ' '; l--) out[l - 1] = 0;
    return err_set(e, EXIT_BAD_INPUT, "submit: jobs of an earlier submission into %s are still in the queue (%s): "
                   "scancel them or wait until they end, then submit again (finished parts are kept)", dir, out);
}

static void print_dry_run(const planned_job *jobs, int n)
{
    char cmd[2 * PATH_MAX], ref[80];
    printf("dry run: nothing submitted; the commands that submit the scripts:\n");
    for (int k = 0; k < n; k++) {
        snprintf(ref, sizeof ref, "$%s", jobs[k].after ? jobs[k].after : "");
        sbatch_command(&jobs[k], ref, cmd, sizeof cmd);
        printf("  %s=$(%s)\n", jobs[k].job.name, cmd);
    }
}

/* Validates the input as `check` does (task adsorption or scan; placements made, every
 * part checked) and counts its placements. */
static int read_scan(const comm_ctx *comm, const char *path, input *in, ads_setup *s, err *e)
{
    if (input_read(path, in, e)) return -1;
    if (in->task != TASK_ADSORPTION && in->task != TASK_SCAN)
        return err_set(e, EXIT_BAD_INPUT, "%s: submit runs task adsorption or scan (this input's task is %s): "
                       "for one calculation write the sbatch script yourself (docs/batch.md)", path,
                       in->task == TASK_SCF ? "scf" : "relax");
    log_init(NULL, comm->rank);
    return adsorption_check(comm, in, e) || ads_setup_make(in, s, e) ? -1 : 0;
}

static int submit(const comm_ctx *comm, const submit_args *a, err *e)
{
    input in;
    ads_setup s = {0};
    char dir[PATH_MAX], exe[PATH_MAX], collect_time[32] = "30:00";
    char *tsb = NULL, *tbody = NULL;
    planned_job jobs[4];
    int rc = -1;
    if (read_scan(comm, a->input, &in, &s, e) || check_values(a, e) || read_template(a->template_path, &tsb, &tbody, e))
        goto out;
    ssize_t l = a->pawsorb ? 0 : readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (l < 0) {
        err_set(e, EXIT_INTERNAL, "submit: cannot find this program's path (/proc/self/exe): give --pawsorb PATH");
        goto out;
    }
    if (!a->pawsorb) exe[l] = 0;
    long secs = 0;
    if (a->time) slurm_seconds(a->time, &secs);
    if (secs > 0 && secs < 1800) snprintf(collect_time, sizeof collect_time, "%s", a->time);
    if (make_run_dir(a, &in, dir, sizeof dir, e) || (!a->dry_run && earlier_jobs_queued(dir, e))) goto out;
    sbatch_common c = {dir, a->pawsorb ? a->pawsorb : exe, PACKAGE_VERSION, launcher_command(a->launcher),
                       a->partition, a->account, a->time, a->nodes, a->ntasks, a->mem, collect_time,
                       a->margin > 0 ? a->margin : secs > 0 && secs < 600 ? (int)(secs / 2) : 300,
                       a->max_requeue, tsb, tbody};
    int n = plan_jobs(&in, &s, dir, jobs);
    if (write_scripts(&c, jobs, n, e)) goto out;
    printf("pawsorb submit: %s -> %s/input.yaml: %d placement%s of %d adsorbate%s%s\n", a->input, dir, s.nplace,
           s.nplace == 1 ? "" : "s", s.nads, s.nads == 1 ? "" : "s",
           in.adsorption.screening.on ? ", screening first" : "");
    for (int k = 0; k < n; k++)
        if (jobs[k].job.array) printf("wrote %s (array of %d tasks)\n", jobs[k].path, jobs[k].job.array);
        else printf("wrote %s\n", jobs[k].path);
    if (a->dry_run) print_dry_run(jobs, n);
    else if (submit_jobs(jobs, n, dir, e)) goto out;
    rc = 0;
out:
    free(tsb);
    free(tbody);
    ads_setup_free(&s);
    input_free(&in);
    return rc;
}

int cmd_submit(const comm_ctx *comm, int argc, char **argv)
{
    err e = {0};
    submit_args a;
    if (parse_args(argc, argv, &a, &e)) return cmd_fail(comm, e.msg, e.status);
    if (comm->size > 1) return cmd_fail(comm, "submit: runs on one process (it computes nothing)", EXIT_BAD_INPUT);
    return submit(comm, &a, &e) ? cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL) : EXIT_OK;
}
