/* Unit tests of narration: the golden cases of tests/data/narrate/cases.txt
 * (a table of comparisons and the exact sentences they give), determinism,
 * and that every printed number of a fact carries the fact's id. */
#include <glib.h>

#include "../../src/merge/narrate.h"
#include "tap.h"

/* A text run as the golden file writes it: a fact's value as [text|id]. */
static char *
show(const jb_text_t *t)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < t->n_inlines; i++) {
        if (t->inlines[i].fact_id)
            g_string_append_printf(s, "[%s|%s]", t->inlines[i].text, t->inlines[i].fact_id);
        else
            g_string_append(s, t->inlines[i].text);
    }
    return g_string_free(s, FALSE);
}

static void
text_clear(jb_text_t *t)
{
    for (size_t i = 0; i < t->n_inlines; i++) {
        g_free(t->inlines[i].text);
        g_free(t->inlines[i].fact_id);
    }
    g_free(t->inlines);
    t->inlines = NULL;
    t->n_inlines = 0;
}

/* Narrate facts: the golden form of the text, or "ERROR: why". */
static char *
narrate(const jb_narrate_fact_t *facts, size_t n, const char *noun)
{
    jb_text_t t = {0, NULL};
    char *problem = NULL;
    char *out;
    if (jb_narrate(facts, n, noun, &t, &problem) != 0) {
        out = g_strdup_printf("ERROR: %s", problem);
        ok(t.n_inlines == 0, "a refused narration leaves the text alone");
    } else {
        out = show(&t);
    }
    g_free(problem);
    text_clear(&t);
    return out;
}

/* A fact line: id entity indicator kind value unit [q=…] [basis=…];
 * value or unit "-" for none. */
static void
parse_fact(char **tok, jb_narrate_fact_t *f)
{
    memset(f, 0, sizeof *f);
    f->id = tok[0];
    f->entity = tok[1];
    f->indicator = tok[2];
    f->kind = tok[3];
    f->value = strcmp(tok[4], "-") ? tok[4] : NULL;
    f->unit = strcmp(tok[5], "-") ? tok[5] : NULL;
    for (int i = 6; tok[i]; i++) {
        if (g_str_has_prefix(tok[i], "q="))
            f->qualifier = tok[i] + 2;
        else if (g_str_has_prefix(tok[i], "basis="))
            f->basis = tok[i] + 6;
    }
}

static void
test_golden(void)
{
    char *path = g_build_filename(g_getenv("SRCDIR") ? g_getenv("SRCDIR") : ".", "tests", "data",
                                  "narrate", "cases.txt", NULL);
    char *contents = NULL;
    ok(g_file_get_contents(path, &contents, NULL, NULL), "read %s", path);
    if (!contents)
        return;
    char **lines = g_strsplit(contents, "\n", -1);
    GString *update = g_string_new(NULL);
    for (size_t i = 0; lines[i];) {
        if (!g_str_has_prefix(lines[i], "## ")) {
            g_string_append_printf(update, "%s\n", lines[i]);
            i++;
            continue;
        }
        const char *name = lines[i] + 3;
        g_string_append_printf(update, "%s\n", lines[i++]);
        char *noun = NULL;
        GPtrArray *toks = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        for (; lines[i] && strcmp(lines[i], ">>>") != 0; i++) {
            g_string_append_printf(update, "%s\n", lines[i]);
            if (g_str_has_prefix(lines[i], "noun="))
                noun = lines[i] + 5;
            else if (*lines[i])
                g_ptr_array_add(toks, g_strsplit_set(lines[i], " ", -1));
        }
        if (lines[i])
            g_string_append(update, ">>>\n");
        i += lines[i] != NULL;
        GString *want = g_string_new(NULL);
        for (; lines[i] && *lines[i] && !g_str_has_prefix(lines[i], "## "); i++)
            g_string_append_printf(want, "%s%s", want->len ? "\n" : "", lines[i]);
        jb_narrate_fact_t *facts = g_new0(jb_narrate_fact_t, toks->len + 1);
        for (guint k = 0; k < toks->len; k++)
            parse_fact(g_ptr_array_index(toks, k), &facts[k]);
        char *got = narrate(facts, toks->len, noun);
        is_str(got, want->str, "narration: %s", name);
        char *again = narrate(facts, toks->len, noun);
        is_str(again, got, "narration: %s, a second time the same", name);
        g_string_append_printf(update, "%s\n", got);
        g_free(again);
        g_free(got);
        g_free(facts);
        g_string_free(want, TRUE);
        g_ptr_array_free(toks, TRUE);
    }
    /* JIBAO_UPDATE_GOLDEN=1 rewrites the expectations (review the diff) */
    if (g_getenv("JIBAO_UPDATE_GOLDEN"))
        g_file_set_contents(path, update->str, (gssize)update->len - 1, NULL);
    g_string_free(update, TRUE);
    g_strfreev(lines);
    g_free(contents);
    g_free(path);
}

/* Every digit printed outside a fact's inline is derived (shares, gaps,
 * ratios, counts); the facts' own values appear only inside their ids. */
static void
test_values_carry_ids(void)
{
    jb_narrate_fact_t f[] = {
        {"a1", "甲区", "地区生产总值", "amount", "1702.3", "亿元", NULL, NULL},
        {"a2", "乙区", "地区生产总值", "amount", "969.8", "亿元", NULL, NULL},
        {"a3", "丙区", "地区生产总值", "amount", "1215.6", "亿元", NULL, NULL},
    };
    jb_text_t t = {0, NULL};
    char *problem = NULL;
    is_int(jb_narrate(f, 3, NULL, &t, &problem), 0, "three amounts narrate");
    int with_id = 0;
    for (size_t i = 0; i < t.n_inlines; i++)
        if (t.inlines[i].fact_id) {
            with_id++;
            const char *id = t.inlines[i].fact_id;
            const char *v = strcmp(id, "a1") == 0 ? "1702.3" : strcmp(id, "a2") == 0 ? "969.8"
                                                                                     : "1215.6";
            ok(strstr(t.inlines[i].text, v) != NULL, "inline of %s shows %s", id, v);
        } else {
            ok(strstr(t.inlines[i].text, "1702.3") == NULL &&
                   strstr(t.inlines[i].text, "969.8") == NULL,
               "literal text holds no fact value");
        }
    is_int(with_id, 3, "each fact printed once, with its id");
    text_clear(&t);
    g_free(problem);
}

int
main(void)
{
    test_golden();
    test_values_carry_ids();
    return done_testing();
}
