/* The 禁则 (kinsoku) table as data: data/kinsoku.txt maps characters to
 * classes (no-start, no-end, closing, opening, …) that the paragraph engine
 * (paragraph.c) uses to tailor pango's break opportunities. */
#include "kinsoku-private.h"

#include <string.h>

#include "jibao/fonts.h"

struct jb_kinsoku {
    GHashTable *classes; /* gunichar -> unsigned, both as pointers */
};

static const struct {
    const char *name;
    unsigned flag;
} class_names[] = {
    {"no-start", JB_KINSOKU_NO_START},       {"no-end", JB_KINSOKU_NO_END},
    {"closing", JB_KINSOKU_CLOSING},         {"opening", JB_KINSOKU_OPENING},
    {"centred", JB_KINSOKU_CENTRED},         {"number-suffix", JB_KINSOKU_NUMBER_SUFFIX},
    {"inseparable", JB_KINSOKU_INSEPARABLE},
};

void
jb_kinsoku_free(jb_kinsoku_t *k)
{
    if (!k)
        return;
    g_hash_table_destroy(k->classes);
    g_free(k);
}

jb_kinsoku_t *
jb_kinsoku_parse(const char *text, const char *path, jb_error_t *err)
{
    jb_kinsoku_t *k = g_new0(jb_kinsoku_t, 1);
    k->classes = g_hash_table_new(NULL, NULL);
    char **lines = g_strsplit(text, "\n", -1);
    for (int n = 0; lines[n]; n++) {
        char *line = g_strstrip(lines[n]);
        if (!*line || *line == '#')
            continue;
        char *colon = strchr(line, ':');
        unsigned flag = 0;
        if (colon) {
            *colon = '\0';
            for (size_t i = 0; i < G_N_ELEMENTS(class_names); i++)
                if (strcmp(g_strstrip(line), class_names[i].name) == 0)
                    flag = class_names[i].flag;
        }
        if (!flag || !g_utf8_validate(colon + 1, -1, NULL)) {
            jb_error_set(err, JB_ERR_DATA, path, (unsigned)n + 1, 1, -1,
                         "not a kinsoku class line: '%s'", line);
            g_strfreev(lines);
            jb_kinsoku_free(k);
            return NULL;
        }
        for (const char *p = colon + 1; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c == ' ' || c == '\t')
                continue;
            unsigned old = GPOINTER_TO_UINT(g_hash_table_lookup(k->classes, GUINT_TO_POINTER(c)));
            g_hash_table_insert(k->classes, GUINT_TO_POINTER(c), GUINT_TO_POINTER(old | flag));
        }
    }
    g_strfreev(lines);
    return k;
}

const jb_kinsoku_t *
jb_kinsoku_get_default(jb_error_t *err)
{
    static GMutex lock;
    static jb_kinsoku_t *table;
    g_mutex_lock(&lock);
    if (!table) {
        char *path = g_build_filename(jb_get_data_dir(), "data", "kinsoku.txt", NULL);
        char *text = NULL;
        if (!g_file_get_contents(path, &text, NULL, NULL))
            jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot read the kinsoku (禁则) table");
        else
            table = jb_kinsoku_parse(text, path, err);
        g_free(text);
        g_free(path);
    }
    g_mutex_unlock(&lock);
    return table;
}

unsigned
jb_kinsoku_get_class(const jb_kinsoku_t *k, gunichar c)
{
    return GPOINTER_TO_UINT(g_hash_table_lookup(k->classes, GUINT_TO_POINTER(c)));
}
