/* Golden tests of merging: each template in tests/data/templates/ is merged
 * with tests/data/templates/data.xml and its document tree dump (plus any
 * warnings) compared with NAME.doc beside it. JIBAO_UPDATE_GOLDEN=1 rewrites
 * the golden files (then read the diff). */
#include <glib.h>
#include <stdlib.h>

#include "jibao/dataset.h"
#include "jibao/template.h"
#include "tap.h"

static void
collect(const jb_error_t *d, void *user)
{
    GString *s = user;
    g_string_append_printf(s, "%s %u:%u: %s\n", d->is_warning ? "warning" : "error", d->line,
                           d->col, d->message);
}

int
main(void)
{
    static const char *const names[] = {"sections", "formats", "control", "tables", "furniture"};
    const char *srcdir = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
    char *dir = g_build_filename(srcdir, "tests", "data", "templates", NULL);
    char *data = g_build_filename(dir, "data.xml", NULL);

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *file = g_strdup_printf("%s.xml", names[i]);
        char *path = g_build_filename(dir, file, NULL);
        char *golden_path = g_strdup_printf("%s/%s.doc", dir, names[i]);
        jb_error_t err;
        jb_error_clear(&err);
        GString *out = g_string_new(NULL);

        jb_template_t *tpl = jb_template_load_file(path, collect, out, &err);
        jb_dataset_t *ds = jb_dataset_new();
        jb_dataset_load_file(ds, data, &err);
        jb_document_t *doc = tpl ? jb_template_merge_full(tpl, ds, NULL, collect, out, &err) : NULL;
        if (doc) {
            char *dump = jb_document_dump(doc);
            g_string_prepend(out, dump);
            free(dump);
        }
        char *golden = tap_slurp(golden_path);
        is_str(out->str, golden ? golden : "(missing golden file)", "%s merges to %s.doc",
               file, names[i]);
        if (getenv("JIBAO_UPDATE_GOLDEN"))
            g_file_set_contents(golden_path, out->str, -1, NULL);
        free(golden);
        jb_document_free(doc);
        jb_dataset_free(ds);
        jb_template_free(tpl);
        g_string_free(out, TRUE);
        g_free(golden_path);
        g_free(path);
        g_free(file);
    }
    g_free(data);
    g_free(dir);
    return done_testing();
}
