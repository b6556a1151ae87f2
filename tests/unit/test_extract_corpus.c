/* Extraction measured on the real articles of ../shared/corpus against the
 * hand annotation in tests/corpus/expected.tsv: value recall and precision,
 * and how often entity, indicator and period are right. Skips when the
 * corpus is not beside the source tree. */
#include <glib.h>
#include <string.h>

#include "jibao/extract.h"
#include "tap.h"

typedef struct {
    GHashTable *found; /* "doc\toffset" → char** fields */
    const char *doc;
} found_t;

static void
on_fact(const jb_fact_t *f, void *user)
{
    found_t *fd = user;
    char **row = g_new0(char *, 6);
    row[0] = g_strdup(f->value);
    row[1] = g_strdup(f->unit);
    row[2] = g_strdup(f->entity);
    row[3] = g_strdup(f->indicator);
    row[4] = g_strdup(f->period);
    g_hash_table_insert(fd->found, g_strdup_printf("%s\t%lld", fd->doc, (long long)f->offset), row);
}

/* is got one of the |-separated answers? */
static int
matches(const char *gold, const char *got)
{
    char **alts = g_strsplit(gold, "|", -1);
    int ok = 0;
    for (char **a = alts; *a; a++)
        if (!strcmp(*a, got))
            ok = 1;
    if (!alts[0] && !*got)
        ok = 1;
    g_strfreev(alts);
    return ok;
}

int
main(void)
{
    const char *srcdir = g_getenv("SRCDIR") ? g_getenv("SRCDIR") : ".";
    char *corpus = g_build_filename(srcdir, "..", "shared", "corpus", NULL);
    if (!g_file_test(corpus, G_FILE_TEST_IS_DIR)) {
        printf("1..0 # SKIP %s is not present\n", corpus);
        g_free(corpus);
        return 0;
    }
    char *gold_path = g_build_filename(srcdir, "tests", "corpus", "expected.tsv", NULL);
    char *data_dir = g_build_filename(srcdir, "data", NULL);
    char *buf = NULL;
    ok(g_file_get_contents(gold_path, &buf, NULL, NULL), "read %s", gold_path);
    jb_error_t err;
    jb_extractor_t *ex = jb_extractor_new(data_dir, &err);
    ok(ex != NULL, "extractor loads its data");

    found_t fd = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev), NULL};
    GHashTable *docs = g_hash_table_new(g_str_hash, g_str_equal);
    char **lines = g_strsplit(buf ? buf : "", "\n", -1);
    size_t gold = 0, hit = 0, ent = 0, ind = 0, per = 0;
    for (char **l = lines; *l; l++) {
        if (!**l || **l == '#')
            continue;
        char **c = g_strsplit(*l, "\t", 8);
        if (g_strv_length(c) < 8) {
            g_strfreev(c);
            continue;
        }
        if (!g_hash_table_contains(docs, c[0])) {
            char *path = g_build_filename(corpus, c[0], NULL);
            jb_article_t *a = jb_ingest_load_file(path, NULL, &err);
            ok(a != NULL, "ingest %s", c[0]);
            fd.doc = g_intern_string(c[0]);
            if (a)
                jb_extract_article(ex, a, on_fact, &fd);
            jb_article_free(a);
            g_free(path);
            g_hash_table_add(docs, (gpointer)g_intern_string(c[0]));
        }
        gold++;
        char *key = g_strdup_printf("%s\t%s", c[0], c[1]);
        char **got = g_hash_table_lookup(fd.found, key);
        if (got && !strcmp(got[0], c[2]) && !strcmp(got[1], c[3])) {
            hit++;
            ent += matches(c[5], got[2]);
            ind += matches(c[6], got[3]);
            per += matches(c[7], got[4]);
            if (!matches(c[5], got[2]) || !matches(c[6], got[3]) || !matches(c[7], got[4]))
                printf("# %s@%s %s%s: entity %s, indicator %s, period %s (expected %s / %s / %s)\n",
                       c[0], c[1], c[2], c[3], got[2], got[3], got[4], c[5], c[6], c[7]);
        } else {
            printf("# missed %s@%s %s%s\n", c[0], c[1], c[2], c[3]);
        }
        g_free(key);
        g_strfreev(c);
    }
    size_t found = g_hash_table_size(fd.found);
    double recall = gold ? (double)hit / gold : 0, precision = found ? (double)hit / found : 0;
    printf("# %zu facts annotated, %zu found, %zu right in value and unit\n", gold, found, hit);
    printf("# value recall %.3f, precision %.3f\n", recall, precision);
    printf("# entity %.3f, indicator %.3f, period %.3f of the facts found\n",
           hit ? (double)ent / hit : 0, hit ? (double)ind / hit : 0, hit ? (double)per / hit : 0);
    ok(gold >= 100, "the annotation holds %zu facts", gold);
    ok(recall >= 0.95, "value recall %.3f >= 0.95", recall);
    ok(precision >= 0.95, "value precision %.3f >= 0.95", precision);
    ok(hit && (double)ent / hit >= 0.90, "entity right for %.3f of the facts (>= 0.90)", hit ? (double)ent / hit : 0);
    ok(hit && (double)ind / hit >= 0.90, "indicator right for %.3f of the facts (>= 0.90)", hit ? (double)ind / hit : 0);
    ok(hit && (double)per / hit >= 0.90, "period right for %.3f of the facts (>= 0.90)", hit ? (double)per / hit : 0);

    g_strfreev(lines);
    g_hash_table_destroy(docs);
    g_hash_table_destroy(fd.found);
    jb_extractor_free(ex);
    g_free(buf);
    g_free(gold_path);
    g_free(data_dir);
    g_free(corpus);
    return done_testing();
}
