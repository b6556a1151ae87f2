/* Up-to-date checks of batch reports: a SHA-256 over everything that
 * decides a report's bytes, recorded beside the output in a small sidecar
 * file with the SHA-256 of the output itself. Also the stable shard hash. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/util-private.h"
#include "jibao/batch.h"
#include "jibao/version.h"

#define SIDECAR_SUFFIX ".jibao-digest"
#define SIDECAR_MAGIC "jibao-digest 1"

unsigned
jb_batch_get_shard(const char *id, unsigned count)
{
    if (count <= 1)
        return 0;
    guint8 sum[32];
    gsize len = sizeof sum;
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(c, (const guchar *)id, (gssize)strlen(id));
    g_checksum_get_digest(c, sum, &len);
    g_checksum_free(c);
    guint64 h = 0;
    for (int i = 0; i < 8; i++)
        h = h << 8 | sum[i];
    return (unsigned)(h % count);
}

/* A field of the digest: its length, then its bytes, so that no two
 * different sequences of fields hash alike. */
static void
add_field(GChecksum *c, const char *s, size_t len)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "%zu:", len);
    g_checksum_update(c, (const guchar *)prefix, n);
    g_checksum_update(c, (const guchar *)s, (gssize)len);
}

static void
add_string(GChecksum *c, const char *s)
{
    add_field(c, s, strlen(s));
}

/* Add a file's size and contents; JB_ERR_IO naming path when it cannot be
 * read. */
static jb_status_t
add_file(GChecksum *c, const char *path, jb_error_t *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot read: %s", g_strerror(e));
    }
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "file:%lld:", (long long)st.st_size);
    g_checksum_update(c, (const guchar *)prefix, n);
    char buf[65536];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        g_checksum_update(c, (const guchar *)buf, got);
    int e = errno;
    close(fd);
    if (got < 0)
        return jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot read: %s", g_strerror(e));
    return JB_OK;
}

/* SHA-256 of a whole file, hex, or NULL when it cannot be read. */
static char *
file_sha256(const char *path)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char *hex = NULL;
    if (add_file(c, path, NULL) == JB_OK)
        hex = strdup(g_checksum_get_string(c));
    g_checksum_free(c);
    return hex;
}

char *
jb_batch_fonts_fingerprint(const jb_fonts_t *fonts)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char *conf = g_build_filename(jb_fonts_get_default_dir(), "fonts.conf", NULL);
    if (add_file(c, conf, NULL) != JB_OK)
        add_string(c, "no fonts.conf");
    g_free(conf);
    /* font files are large: their identity is path, face, size and time */
    for (size_t i = 0; fonts && i < jb_fonts_get_count(fonts); i++) {
        const jb_font_info_t *f = jb_fonts_get_info(fonts, i);
        struct stat st = {0};
        stat(f->file, &st);
        char *s = g_strdup_printf("%s|%s|%s|%s|%d|%lld|%lld.%09ld", f->request, f->family,
                                  f->style, f->file, f->index, (long long)st.st_size,
                                  (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        add_string(c, s);
        g_free(s);
    }
    char *hex = strdup(g_checksum_get_string(c));
    g_checksum_free(c);
    return hex;
}

/* Expand pattern (matches in glob(3)'s sorted order), add each match's
 * contents to c and its path to paths. */
static jb_status_t
add_glob(GChecksum *c, const char *pattern, GPtrArray *paths, jb_error_t *err)
{
    glob_t g;
    int rc = glob(pattern, GLOB_ERR, NULL, &g);
    if (rc != 0) {
        if (rc != GLOB_NOMATCH)
            globfree(&g);
        return jb_error_set(err, JB_ERR_IO, pattern, 0, 0, -1, "%s",
                            rc == GLOB_NOMATCH ? "no input file matches"
                                               : "cannot read the input folder");
    }
    jb_status_t status = JB_OK;
    for (size_t k = 0; k < g.gl_pathc && status == JB_OK; k++) {
        g_ptr_array_add(paths, g_strdup(g.gl_pathv[k]));
        status = add_file(c, g.gl_pathv[k], err);
    }
    globfree(&g);
    return status;
}

static char **
take_paths(GPtrArray *paths)
{
    g_ptr_array_add(paths, NULL);
    return (char **)g_ptr_array_free(paths, FALSE);
}

jb_status_t
jb_batch_digest_report(const jb_job_report_t *report, const char *fonts_fingerprint,
                       char ***inputs, char ***articles, char ***corrections, char **digest,
                       jb_error_t *err)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    GPtrArray *in = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *arts = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *corr = g_ptr_array_new_with_free_func(g_free);
    jb_status_t status = JB_OK;

    add_string(c, SIDECAR_MAGIC);
    add_string(c, JB_VERSION);
    add_string(c, fonts_fingerprint ? fonts_fingerprint : "");
    if ((status = add_file(c, report->template_path, err)) != JB_OK)
        goto out;
    for (size_t i = 0; i < report->n_params; i++)
        add_string(c, report->params[i]);
    for (size_t i = 0; i < report->n_globs && status == JB_OK; i++) {
        int article = report->glob_kinds[i] == JB_INPUT_ARTICLE;
        add_string(c, article ? "article" : "dataset");
        status = add_glob(c, report->globs[i], article ? arts : in, err);
    }
    for (size_t i = 0; i < report->n_corrections && status == JB_OK; i++) {
        add_string(c, "corrections");
        status = add_glob(c, report->corrections[i], corr, err);
    }
    if (status != JB_OK)
        goto out;
    if (inputs) {
        *inputs = take_paths(in);
        in = NULL;
    }
    if (articles) {
        *articles = take_paths(arts);
        arts = NULL;
    }
    if (corrections) {
        *corrections = take_paths(corr);
        corr = NULL;
    }
    if (digest)
        *digest = strdup(g_checksum_get_string(c));
out:
    if (arts)
        g_ptr_array_free(arts, TRUE);
    if (in)
        g_ptr_array_free(in, TRUE);
    if (corr)
        g_ptr_array_free(corr, TRUE);
    g_checksum_free(c);
    return status;
}

char *
jb_batch_digest_path(const char *output_path)
{
    size_t n = strlen(output_path) + sizeof SIDECAR_SUFFIX;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s%s", output_path, SIDECAR_SUFFIX);
    return p;
}

int
jb_batch_digest_is_current(const char *output_path, const char *digest)
{
    char *sidecar = jb_batch_digest_path(output_path);
    char *text = NULL, *out_sum = NULL;
    int current = 0;
    if (g_file_get_contents(sidecar, &text, NULL, NULL)) {
        char **lines = g_strsplit(text, "\n", 0);
        if (g_strv_length(lines) >= 3 && strcmp(lines[0], SIDECAR_MAGIC) == 0 &&
            g_str_has_prefix(lines[1], "report ") && strcmp(lines[1] + 7, digest) == 0 &&
            g_str_has_prefix(lines[2], "output ") && (out_sum = file_sha256(output_path)))
            current = strcmp(lines[2] + 7, out_sum) == 0;
        g_strfreev(lines);
    }
    free(out_sum);
    g_free(text);
    free(sidecar);
    return current;
}

jb_status_t
jb_batch_digest_write(const char *output_path, const char *digest, jb_error_t *err)
{
    char *sidecar = jb_batch_digest_path(output_path);
    char *out_sum = file_sha256(output_path);
    jb_status_t status = JB_OK;
    jb_atomic_file_t *af = NULL;
    if (!out_sum) {
        status = jb_error_set(err, JB_ERR_IO, output_path, 0, 0, -1,
                              "cannot read the output back to record its digest");
        goto out;
    }
    if (!(af = jb_atomic_file_open(sidecar, err))) {
        status = JB_ERR_IO;
        goto out;
    }
    fprintf(jb_atomic_file_get_stream(af), "%s\nreport %s\noutput %s\n", SIDECAR_MAGIC, digest,
            out_sum);
    status = jb_atomic_file_commit(af, err);
out:
    free(out_sum);
    free(sidecar);
    return status;
}
