/* Locating PAW datasets on disk (setup_find in paw_setup.h): the directories of
 * $PAWSORB_SETUP_PATH in order, then Debian's gpaw-data directory, with GPAW's file
 * names "<Sym>.<family>.gz" and "<Sym>.<family>". */
#include "setup/paw_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SETUP_DEFAULT_DIR "/usr/share/gpaw-setups"

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Tries both names in one directory; returns 1 when found (path filled). */
static int try_dir(const char *dir, size_t dlen, const char *symbol, const char *family, char *path,
                   size_t n)
{
    static const char *const suffix[2] = {".gz", ""};
    for (int k = 0; k < 2; k++) {
        int w = snprintf(path, n, "%.*s/%s.%s%s", (int)dlen, dir, symbol, family, suffix[k]);
        if (w > 0 && (size_t)w < n && is_file(path)) return 1;
    }
    return 0;
}

/* Appends "dir" to the searched-directories list of the error message. */
static void note_dir(char *list, size_t cap, const char *dir, size_t dlen)
{
    size_t used = strlen(list);
    if (used + dlen + 4 < cap) snprintf(list + used, cap - used, "%s%.*s", used ? ", " : "", (int)dlen, dir);
}

int setup_find(const char *symbol, const char *family, char *path, size_t n, err *e)
{
    char searched[1536] = "";
    const char *env = getenv("PAWSORB_SETUP_PATH");
    if (env) {
        for (const char *p = env; *p;) {
            size_t len = strcspn(p, ":");
            if (len) {
                if (try_dir(p, len, symbol, family, path, n)) return 0;
                note_dir(searched, sizeof searched, p, len);
            }
            p += len;
            if (*p == ':') p++;
        }
    }
    if (try_dir(SETUP_DEFAULT_DIR, strlen(SETUP_DEFAULT_DIR), symbol, family, path, n)) return 0;
    note_dir(searched, sizeof searched, SETUP_DEFAULT_DIR, strlen(SETUP_DEFAULT_DIR));
    if (n) path[0] = 0;
    return err_set(e, EXIT_BAD_INPUT,
                   "no PAW dataset for element %s, family %s: tried %s.%s.gz and %s.%s in %s "
                   "(set PAWSORB_SETUP_PATH to a directory holding GPAW datasets)",
                   symbol, family, symbol, family, symbol, family, searched);
}
