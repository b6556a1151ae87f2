/* Whole-file reading and atomic output: the two ways jibao touches files
 * outside libxml2 and cairo. */
#include "util-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
jb_read_file(const char *path, char **buf, size_t *len, GError **gerr)
{
    if (strcmp(path, "-") != 0)
        return g_file_get_contents(path, buf, len, gerr);

    GString *s = g_string_new(NULL);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len(s, chunk, (gssize)n);
    if (ferror(stdin)) {
        g_set_error(gerr, G_FILE_ERROR, g_file_error_from_errno(errno), "%s", g_strerror(errno));
        g_string_free(s, TRUE);
        return FALSE;
    }
    *len = s->len;
    *buf = g_string_free(s, FALSE);
    return TRUE;
}

struct jb_atomic_file {
    char *path;
    char *tmp_path; /* mkstemp's name; NULL for an unnamed O_TMPFILE file */
    char *dir;      /* the target's folder, for an unnamed file */
    int unnamed;
    FILE *stream;
};

/* A target that exists and is not a regular file (/dev/stdout, a FIFO,
 * /dev/full) is written in place: renaming over it would replace the device
 * or pipe itself. */
static jb_atomic_file_t *
open_in_place(const char *path, jb_error_t *err)
{
    FILE *stream = fopen(path, "wb");
    if (!stream) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot open the output: %s",
                     g_strerror(errno));
        return NULL;
    }
    jb_atomic_file_t *af = g_new0(jb_atomic_file_t, 1);
    af->path = g_strdup(path);
    af->stream = stream;
    return af;
}

jb_atomic_file_t *
jb_atomic_file_open(const char *path, jb_error_t *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "the output is a folder");
            return NULL;
        }
        return open_in_place(path, err);
    }
    char *dir = g_path_get_dirname(path);

    /* Linux: an unnamed file in the target's folder (O_TMPFILE) vanishes by
       itself when the process is killed, so even kill -9 leaves nothing. */
#ifdef O_TMPFILE
    /* naming it later goes through /proc/self/fd */
    int ufd = access("/proc/self/fd", X_OK) == 0
                  ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)
                  : -1;
    if (ufd >= 0) {
        FILE *stream = fdopen(ufd, "wb");
        if (stream) {
            jb_atomic_file_t *af = g_new0(jb_atomic_file_t, 1);
            af->path = g_strdup(path);
            af->dir = dir;
            af->unnamed = 1;
            af->stream = stream;
            return af;
        }
        close(ufd);
    }
#endif
    char *base = g_path_get_basename(path);
    char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    g_free(dir);
    g_free(base);

    int fd = mkstemp(tmpl);
    if (fd < 0) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot create the output file: %s",
                     g_strerror(errno));
        g_free(tmpl);
        return NULL;
    }
    FILE *stream = fdopen(fd, "wb");
    if (!stream) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot open the output file: %s",
                     g_strerror(errno));
        close(fd);
        unlink(tmpl);
        g_free(tmpl);
        return NULL;
    }
    jb_atomic_file_t *af = g_new0(jb_atomic_file_t, 1);
    af->path = g_strdup(path);
    af->tmp_path = tmpl;
    af->stream = stream;
    return af;
}

/* Give an unnamed file a hidden name beside the target, so that it can be
   renamed over it (linkat cannot replace a file). The name exists only
   between here and the rename. */
static int
link_unnamed(jb_atomic_file_t *af, int fd)
{
    char *base = g_path_get_basename(af->path);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    for (int attempt = 0; attempt < 100; attempt++) {
        char *name = g_strdup_printf("%s/.%s.%08x", af->dir, base, g_random_int());
        if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0) {
            af->tmp_path = name;
            g_free(base);
            return 0;
        }
        int e = errno;
        g_free(name);
        if (e != EEXIST) {
            errno = e;
            break;
        }
    }
    g_free(base);
    return -1;
}

void
jb_atomic_file_sweep(const char *path)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *prefix = g_strdup_printf(".%s.", base);
    size_t plen = strlen(prefix);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (strncmp(name, prefix, plen) != 0)
            continue;
        /* mkstemp's 6 characters or link_unnamed's 8 hex digits, nothing else */
        const char *tail = name + plen;
        size_t n = strlen(tail);
        if (n != 6 && n != 8)
            continue;
        gboolean ours = TRUE;
        for (size_t i = 0; i < n; i++)
            ours &= g_ascii_isalnum(tail[i]);
        if (!ours)
            continue;
        char *full = g_build_filename(dir, name, NULL);
        unlink(full);
        g_free(full);
    }
    if (d)
        g_dir_close(d);
    g_free(prefix);
    g_free(base);
    g_free(dir);
}

FILE *
jb_atomic_file_get_stream(jb_atomic_file_t *af)
{
    return af->stream;
}

static void
atomic_file_free(jb_atomic_file_t *af)
{
    g_free(af->path);
    g_free(af->tmp_path);
    g_free(af->dir);
    g_free(af);
}

void
jb_atomic_file_abort(jb_atomic_file_t *af)
{
    if (!af)
        return;
    if (af->stream)
        fclose(af->stream);
    if (af->tmp_path)
        unlink(af->tmp_path);
    atomic_file_free(af);
}

jb_status_t
jb_atomic_file_commit(jb_atomic_file_t *af, jb_error_t *err)
{
    const char *step = NULL;
    int fd = fileno(af->stream);

    /* mkstemp made the file 0600; give it what a new file would get */
    mode_t mask = umask(0);
    umask(mask);

    int temporary = af->tmp_path || af->unnamed;
    if (fflush(af->stream) != 0 || ferror(af->stream))
        step = "write";
    else if (temporary && fsync(fd) != 0)
        step = "fsync";
    else if (temporary && fchmod(fd, 0666 & ~mask) != 0)
        step = "chmod";
    else if (af->unnamed && link_unnamed(af, fd) != 0)
        step = "link";
    int saved = errno;
    if (fclose(af->stream) != 0 && !step) {
        step = "close";
        saved = errno;
    }
    af->stream = NULL;
    if (!af->tmp_path && !af->unnamed) {
        /* written in place: nothing to rename */
        if (step)
            jb_error_set(err, JB_ERR_IO, af->path, 0, 0, -1, "cannot write the output (%s): %s",
                         step, g_strerror(saved));
        atomic_file_free(af);
        return step ? JB_ERR_IO : JB_OK;
    }
    if (!step && rename(af->tmp_path, af->path) != 0) {
        step = "rename";
        saved = errno;
    }
    if (step) {
        jb_error_set(err, JB_ERR_IO, af->path, 0, 0, -1, "cannot write the output file (%s): %s",
                     step, g_strerror(saved));
        if (af->tmp_path)
            unlink(af->tmp_path);
        atomic_file_free(af);
        return JB_ERR_IO;
    }

    /* make the rename itself durable */
    char *dir = g_path_get_dirname(af->path);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    g_free(dir);
    atomic_file_free(af);
    return JB_OK;
}
