/* The extraction spec runner: reads tests/spec/extract.md, where each
 * example is an indented block of article text followed by a table of the
 * facts expected from it (the table's columns are the fields compared), runs
 * ingest and extract on the text and reports one TAP line per example.
 * With --generate, prints every example with the facts found instead. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "jibao/extract.h"
#include "jibao/ingest.h"

typedef struct {
    GPtrArray *rows; /* of char** (the fields of each fact, in column order) */
} found_t;

static const char *const columns_all[] = {"entity", "indicator", "period", "kind", "value",
                                          "unit", "base", "qualifier", "basis"};

static const char *
field(const jb_fact_t *f, const char *name)
{
    if (!strcmp(name, "entity")) return f->entity;
    if (!strcmp(name, "indicator")) return f->indicator;
    if (!strcmp(name, "period")) return f->period;
    if (!strcmp(name, "kind")) return f->kind;
    if (!strcmp(name, "value")) return f->upper ? NULL : f->value;
    if (!strcmp(name, "unit")) return f->unit;
    if (!strcmp(name, "base")) return f->value_base;
    if (!strcmp(name, "qualifier")) return f->qualifier ? f->qualifier : "";
    if (!strcmp(name, "basis")) return f->basis ? f->basis : "";
    return "";
}

static void
on_fact(const jb_fact_t *f, void *user)
{
    found_t *fd = user;
    char **row = g_new0(char *, G_N_ELEMENTS(columns_all) + 1);
    for (size_t i = 0; i < G_N_ELEMENTS(columns_all); i++) {
        const char *v = field(f, columns_all[i]);
        if (!strcmp(columns_all[i], "value") && f->upper)
            row[i] = g_strdup_printf("%s-%s", f->value, f->upper);
        else
            row[i] = g_strdup(v ? v : "");
    }
    g_ptr_array_add(fd->rows, row);
}

static int
column_index(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(columns_all); i++)
        if (!strcmp(columns_all[i], name))
            return (int)i;
    return -1;
}

/* split "| a | b |" into trimmed cells */
static char **
cells(const char *line)
{
    char *t = g_strstrip(g_strdup(line));
    if (*t == '|')
        memmove(t, t + 1, strlen(t));
    size_t l = strlen(t);
    if (l && t[l - 1] == '|')
        t[l - 1] = 0;
    char **c = g_strsplit(t, "|", -1);
    for (char **p = c; *p; p++)
        g_strstrip(*p);
    g_free(t);
    return c;
}

int
main(int argc, char **argv)
{
    int generate = argc > 1 && !strcmp(argv[1], "--generate");
    const char *srcdir = g_getenv("SRCDIR") ? g_getenv("SRCDIR") : ".";
    char *path = g_build_filename(srcdir, "tests", "spec", "extract.md", NULL);
    char *data_dir = g_build_filename(srcdir, "data", NULL);
    char *buf = NULL;
    if (!g_file_get_contents(path, &buf, NULL, NULL)) {
        printf("Bail out! cannot read %s\n", path);
        return 1;
    }
    jb_error_t err;
    jb_extractor_t *ex = jb_extractor_new(data_dir, &err);
    if (!ex) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    char **lines = g_strsplit(buf, "\n", -1);
    int n = 0, failed = 0;
    const char *heading = "";
    for (size_t i = 0; lines[i];) {
        if (g_str_has_prefix(lines[i], "#")) {
            heading = lines[i];
            if (generate)
                printf("%s\n", lines[i]);
            i++;
            continue;
        }
        if (!g_str_has_prefix(lines[i], "    ")) {
            if (generate && !g_str_has_prefix(lines[i], "|") && strcmp(lines[i], "_no facts_"))
                printf("%s\n", lines[i]);
            i++;
            continue;
        }
        /* an example: the indented text ... */
        GString *text = g_string_new(NULL);
        size_t first_line = i + 1;
        while (lines[i] && g_str_has_prefix(lines[i], "    "))
            g_string_append_printf(text, "%s\n", lines[i++] + 4);
        while (lines[i] && !*lines[i])
            i++;
        /* ... and the expected facts */
        char **header = NULL;
        GPtrArray *expected = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        if (lines[i] && g_str_has_prefix(lines[i], "|")) {
            header = cells(lines[i++]);
            if (lines[i] && g_str_has_prefix(lines[i], "|"))
                i++; /* the |---| line */
            while (lines[i] && g_str_has_prefix(lines[i], "|"))
                g_ptr_array_add(expected, cells(lines[i++]));
        } else if (lines[i] && g_str_has_prefix(lines[i], "_no facts_")) {
            i++;
        }
        found_t fd = {g_ptr_array_new()};
        jb_article_t *a = jb_ingest_parse("example.txt", text->str, text->len, NULL, &err);
        if (a)
            jb_extract_article(ex, a, on_fact, &fd);
        jb_article_free(a);
        n++;
        if (generate) {
            GString *indented = g_string_new(NULL);
            char **tl = g_strsplit(text->str, "\n", -1);
            for (char **p = tl; *p; p++)
                if (**p)
                    g_string_append_printf(indented, "    %s\n", *p);
            g_strfreev(tl);
            printf("%s\n", indented->str);
            g_string_free(indented, TRUE);
            if (!fd.rows->len) {
                printf("_no facts_\n\n");
            } else {
                printf("| entity | indicator | period | kind | value | unit | qualifier |\n|---|---|---|---|---|---|---|\n");
                for (guint r = 0; r < fd.rows->len; r++) {
                    char **row = g_ptr_array_index(fd.rows, r);
                    printf("| %s | %s | %s | %s | %s | %s | %s |\n", row[0], row[1], row[2], row[3], row[4], row[5], row[7]);
                }
                printf("\n");
            }
        } else {
            GString *why = g_string_new(NULL);
            if (expected->len != fd.rows->len)
                g_string_append_printf(why, "#   %u facts found, %u expected\n", fd.rows->len, expected->len);
            for (guint r = 0; r < expected->len && r < fd.rows->len; r++) {
                char **want = g_ptr_array_index(expected, r);
                char **got = g_ptr_array_index(fd.rows, r);
                for (int c = 0; header && header[c] && want[c]; c++) {
                    int col = column_index(header[c]);
                    if (col < 0)
                        continue;
                    if (strcmp(want[c], got[col]))
                        g_string_append_printf(why, "#   fact %u %s: got \"%s\", expected \"%s\"\n",
                                               r + 1, header[c], got[col], want[c]);
                }
            }
            for (guint r = expected->len; r < fd.rows->len; r++) {
                char **got = g_ptr_array_index(fd.rows, r);
                g_string_append_printf(why, "#   extra fact: %s %s %s %s%s\n", got[0], got[1], got[2], got[4], got[5]);
            }
            printf("%sok %d - line %zu %s\n%s", why->len ? "not " : "", n, first_line, heading + 2,
                   why->str);
            if (why->len)
                failed++;
            g_string_free(why, TRUE);
        }
        for (guint r = 0; r < fd.rows->len; r++)
            g_strfreev(g_ptr_array_index(fd.rows, r));
        g_ptr_array_free(fd.rows, TRUE);
        g_ptr_array_free(expected, TRUE);
        g_strfreev(header);
        g_string_free(text, TRUE);
    }
    if (!generate)
        printf("1..%d\n# %d examples, %d failed\n", n, n, failed);
    g_strfreev(lines);
    g_free(buf);
    g_free(path);
    g_free(data_dir);
    jb_extractor_free(ex);
    return failed ? 1 : 0;
}
