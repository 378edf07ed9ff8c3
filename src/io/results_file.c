/* The results file's life outside HDF5 (io/results.h): the seal of sealed files (the
 * SHA-256 of everything after the 512-byte user block, written into it after closing),
 * publishing the file while it is being written, and removing what killed runs left. */
#include "io/results_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char seal_tag[] = "pawsorb sealed sha256=";

/* The digest and length of the file's bytes from SEAL_BYTES on (rank 0 only). */
static int seal_digest(const char *path, char hex[65], long long *size, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot read it: %s", path, strerror(errno));
    sha256_ctx c;
    sha256_init(&c);
    static unsigned char buf[1 << 20];
    size_t n;
    *size = 0;
    int bad = fseek(f, SEAL_BYTES, SEEK_SET) != 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, f)) > 0) sha256_update(&c, buf, n), *size += (long long)n;
    bad = bad || ferror(f);
    fclose(f);
    if (bad) return err_set(e, EXIT_BAD_INPUT, "%s: cannot read it: %s", path, strerror(errno));
    unsigned char d[32];
    sha256_final(&c, d);
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return 0;
}

/* Writes the seal line into the closed file's user block (rank 0). */
int results_seal(const char *path, err *e)
{
    char hex[65], line[SEAL_BYTES];
    long long size;
    if (seal_digest(path, hex, &size, e)) return -1;
    memset(line, 0, sizeof line);
    snprintf(line, sizeof line, "%s%s size=%lld\n", seal_tag, hex, size);
    FILE *f = fopen(path, "r+b");
    int bad = !f || fwrite(line, 1, sizeof line, f) != sizeof line;
    if (f && fclose(f) != 0) bad = 1;
    return bad ? err_set(e, EXIT_RUN_FAILED, "%s: cannot write its checksum: %s", path, strerror(errno)) : 0;
}

int results_seal_check(const char *path, err *e)
{
    char line[SEAL_BYTES + 1] = "";
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot read it: %s", path, strerror(errno));
    size_t got = fread(line, 1, SEAL_BYTES, f);
    fclose(f);
    char want[65] = "", hex[65];
    long long size = -1, have;
    if (got < SEAL_BYTES || strncmp(line, seal_tag, strlen(seal_tag)) != 0 ||
        sscanf(line + strlen(seal_tag), "%64[0-9a-f] size=%lld", want, &size) != 2 || strlen(want) != 64)
        return err_set(e, EXIT_BAD_INPUT, "%s: not a complete pawsorb checkpoint (no checksum in its first %d "
                       "bytes: truncated, overwritten or not written by pawsorb)", path, SEAL_BYTES);
    if (seal_digest(path, hex, &have, e)) return -1;
    if (have != size)
        return err_set(e, EXIT_BAD_INPUT, "%s: truncated or extended: %lld bytes of data where %lld were written",
                       path, have, size);
    if (strcmp(hex, want) != 0)
        return err_set(e, EXIT_BAD_INPUT, "%s: corrupted: its SHA-256 does not match the one written with it", path);
    return 0;
}

int results_publish(results *r, err *e)
{
    err local = {0};
    if (H5Fflush(r->file, H5F_SCOPE_GLOBAL) < 0)
        err_set(&local, EXIT_RUN_FAILED, "%s: flushing the results file failed (disk full?)", r->tmp);
    if (results_agree(r, &local, e)) return -1;
    if (r->rank == 0) {
        char snap[4300];
        snprintf(snap, sizeof snap, "%s.snap.%ld", r->path, (long)getpid());
        if (results_copy_file(r->tmp, snap, &local) == 0) {
            int fd = open(snap, O_RDONLY);
            if (fd >= 0) fsync(fd), close(fd);
            if (rename(snap, r->path) != 0)
                err_set(&local, EXIT_RUN_FAILED, "%s: cannot rename %s over it: %s", r->path, snap, strerror(errno));
        }
        if (local.status) unlink(snap);
    }
    return results_agree(r, &local, e);
}

/* Whether name is base + ".tmp.<pid>" or ".snap.<pid>" of a process that is gone. */
static int is_stale(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0) return 0;
    const char *rest = name + n;
    if (strncmp(rest, ".tmp.", 5) == 0) rest += 5;
    else if (strncmp(rest, ".snap.", 6) == 0) rest += 6;
    else return 0;
    char *end;
    long pid = strtol(rest, &end, 10);
    if (end == rest || *end || pid <= 0 || pid == (long)getpid()) return 0;
    return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

int results_remove_stale(MPI_Comm comm, const char *path)
{
    int rank, removed = 0;
    MPI_Comm_rank(comm, &rank);
    if (rank == 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        const char *base = slash ? slash + 1 : path;
        if (slash) *slash = '\0';
        DIR *d = opendir(slash ? (dir[0] ? dir : "/") : ".");
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (!is_stale(de->d_name, base)) continue;
            char full[8300];
            snprintf(full, sizeof full, "%s%s%s", slash ? (dir[0] ? dir : "") : "", slash ? "/" : "", de->d_name);
            removed += unlink(full) == 0;
        }
        if (d) closedir(d);
    }
    MPI_Bcast(&removed, 1, MPI_INT, 0, comm);
    return removed;
}


/* ---- merging a part's file into a group of another (results_merge) ---------------- */

/* Rank 0: copies the root's string attribute `name` of src onto dst (when present). */
static int copy_root_attr(hid_t src, hid_t dst, const char *name)
{
    if (H5Aexists(src, name) <= 0) return 0;
    hid_t a = H5Aopen(src, name, H5P_DEFAULT), t = H5Aget_type(a);
    char *s = NULL;
    int bad = a < 0 || H5Tis_variable_str(t) <= 0 || H5Aread(a, t, &s) < 0;
    H5Aclose(a);
    if (!bad) {
        if (H5Aexists(dst, name) > 0) H5Adelete(dst, name);
        hid_t sp = H5Screate(H5S_SCALAR), b = H5Acreate2(dst, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
        bad = b < 0 || H5Awrite(b, t, &s) < 0;
        if (b >= 0) H5Aclose(b);
        H5Sclose(sp);
    }
    if (s) H5free_memory(s);
    H5Tclose(t);
    return bad ? -1 : 0;
}

typedef struct {
    hid_t dst;
    const char *group, *skip;
    int bad;
} merge_ctx;

static herr_t merge_one(hid_t src_root, const char *name, const H5L_info_t *info, void *data)
{
    (void)info;
    merge_ctx *m = data;
    if (m->skip && strcmp(name, m->skip) == 0) return 0;
    char to[4200];
    snprintf(to, sizeof to, "%s/%s", m->group, name);
    if (H5Ocopy(src_root, name, m->dst, to, H5P_DEFAULT, H5P_DEFAULT) < 0) m->bad = 1;
    return m->bad ? -1 : 0;
}

/* Rank 0: the merge on a copy of target (or a new file when there is none). */
static int merge_rank0(const char *target, const char *src, const char *group, const char *skip, err *e)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", target, (long)getpid());
    if (access(target, F_OK) != 0)
        return err_set(e, EXIT_INTERNAL, "%s: no results file to merge %s into", target, src);
    if (results_copy_file(target, tmp, e)) return -1;
    hid_t fd = H5Fopen(tmp, H5F_ACC_RDWR, H5P_DEFAULT), fs = H5Fopen(src, H5F_ACC_RDONLY, H5P_DEFAULT);
    int bad = fd < 0 || fs < 0;
    if (!bad && H5Lexists(fd, group, H5P_DEFAULT) > 0) bad = H5Ldelete(fd, group, H5P_DEFAULT) < 0;
    hid_t g = -1, root = -1;
    if (!bad) {
        hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        g = H5Gcreate2(fd, group, lcpl, H5P_DEFAULT, H5P_DEFAULT);
        H5Pclose(lcpl);
        root = H5Gopen2(fs, "/", H5P_DEFAULT);
        bad = g < 0 || root < 0;
    }
    merge_ctx m = {fd, group, skip, 0};
    if (!bad) bad = H5Literate(root, H5_INDEX_NAME, H5_ITER_INC, NULL, merge_one, &m) < 0 || m.bad;
    if (!bad) bad = copy_root_attr(root, g, "status");
    if (root >= 0) H5Gclose(root);
    if (g >= 0) H5Gclose(g);
    if (fs >= 0) H5Fclose(fs);
    if (fd >= 0 && H5Fclose(fd) < 0) bad = 1;
    if (bad) {
        unlink(tmp);
        return err_set(e, EXIT_RUN_FAILED, "%s: cannot copy %s into its group %s (HDF5)", target, src, group);
    }
    int f = open(tmp, O_RDONLY);
    if (f >= 0) fsync(f), close(f);
    if (rename(tmp, target) != 0) {
        int errsv = errno;
        unlink(tmp);
        return err_set(e, EXIT_RUN_FAILED, "%s: cannot rename %s over it: %s", target, tmp, strerror(errsv));
    }
    return 0;
}

int results_merge(MPI_Comm comm, const char *target, const char *src, const char *group, const char *skip, err *e)
{
    int rank;
    MPI_Comm_rank(comm, &rank);
    err local = {0};
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    if (rank == 0) merge_rank0(target, src, group, skip, &local);
    int st = local.status;
    MPI_Bcast(&st, 1, MPI_INT, 0, comm);
    MPI_Bcast(local.msg, sizeof local.msg, MPI_CHAR, 0, comm);
    if (!st) return 0;
    local.status = st;
    if (e) *e = local;
    return -1;
}
