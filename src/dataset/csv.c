/* Facts in CSV (the columns of `jibao extract --format csv`, DESIGN.md
 * contract 1) read into the dataset: an RFC 4180 reader that keeps line and
 * column for its errors, and the checks the dataset schema makes of XML. */
#include <glib.h>
#include <string.h>

#include "../base/util-private.h"
#include "dataset-private.h"

/* Columns jibao knows; the first four are required. */
static const char *const known_columns[] = {
    "entity", "indicator", "kind",      "value",      "doc",   "period",     "unit",
    "value_base", "offset", "sentence", "qualifier", "basis", "confidence",
};
enum { N_REQUIRED = 4 };

static const char *const kinds[] = {"amount", "count", "growth", "share",
                                    "ratio",  "points", "rank"};

typedef struct {
    const char *path;
    const char *p, *end;
    unsigned line, col;
} csv_reader_t;

/* One field: its text, and where it started. */
typedef struct {
    GString *text;
    unsigned line, col;
} field_t;

static void
advance(csv_reader_t *r, const char *to)
{
    while (r->p < to) {
        if (*r->p == '\n') {
            r->line++;
            r->col = 1;
        } else if (((unsigned char)*r->p & 0xC0) != 0x80) {
            r->col++;
        }
        r->p++;
    }
}

/* Read one record into fields. Returns 1 for a record, 0 at the end, -1 on
 * a quoting error (err filled). */
static int
read_record(csv_reader_t *r, GArray *fields, jb_error_t *err)
{
    for (guint i = 0; i < fields->len; i++)
        g_string_free(g_array_index(fields, field_t, i).text, TRUE);
    g_array_set_size(fields, 0);
    if (r->p >= r->end)
        return 0;
    for (;;) {
        field_t f = {g_string_new(NULL), r->line, r->col};
        if (r->p < r->end && *r->p == '"') {
            unsigned qline = r->line, qcol = r->col;
            advance(r, r->p + 1);
            for (;;) {
                if (r->p >= r->end) {
                    jb_error_set(err, JB_ERR_SYNTAX, r->path, qline, qcol, -1,
                                 "quoted field is not closed");
                    g_string_free(f.text, TRUE);
                    return -1;
                }
                if (*r->p == '"' && r->p + 1 < r->end && r->p[1] == '"') {
                    g_string_append_c(f.text, '"');
                    advance(r, r->p + 2);
                } else if (*r->p == '"') {
                    advance(r, r->p + 1);
                    break;
                } else {
                    g_string_append_c(f.text, *r->p);
                    advance(r, r->p + 1);
                }
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                jb_error_set(err, JB_ERR_SYNTAX, r->path, r->line, r->col, -1,
                             "text after a closing quote (a quote inside a field is written "
                             "\"\")");
                g_string_free(f.text, TRUE);
                return -1;
            }
        } else {
            const char *q = r->p;
            while (q < r->end && *q != ',' && *q != '\n' && *q != '\r')
                q++;
            g_string_append_len(f.text, r->p, q - r->p);
            advance(r, q);
        }
        g_array_append_val(fields, f);
        if (r->p < r->end && *r->p == ',') {
            advance(r, r->p + 1);
            continue;
        }
        if (r->p < r->end && *r->p == '\r')
            advance(r, r->p + 1);
        if (r->p < r->end && *r->p == '\n')
            advance(r, r->p + 1);
        return 1;
    }
}

static gboolean
is_decimal(const char *s, gboolean allow_sign)
{
    if (allow_sign && *s == '-')
        s++;
    if (!g_ascii_isdigit(*s))
        return FALSE;
    while (g_ascii_isdigit(*s))
        s++;
    if (*s == '.') {
        s++;
        if (!g_ascii_isdigit(*s))
            return FALSE;
        while (g_ascii_isdigit(*s))
            s++;
    }
    return *s == '\0';
}

/* Check one field against what the dataset schema allows. */
static gboolean
check_field(const char *column, const field_t *f, const char *path, jb_error_t *err)
{
    const char *v = f->text->str;
    const char *why = NULL;
    if (strcmp(column, "kind") == 0) {
        gboolean ok = FALSE;
        for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
            ok |= strcmp(v, kinds[i]) == 0;
        if (!ok)
            why = "kind must be amount, count, growth, share, ratio, points or rank";
    } else if (strcmp(column, "value") == 0 && !is_decimal(v, TRUE)) {
        why = "value must be a decimal number such as 969.8 or -3.5";
    } else if ((strcmp(column, "value_base") == 0 || strcmp(column, "confidence") == 0) && *v &&
               !is_decimal(v, TRUE)) {
        why = "must be a decimal number or empty";
    } else if (strcmp(column, "offset") == 0 && *v && !is_decimal(v, FALSE)) {
        why = "offset must be a byte offset (a whole number) or empty";
    } else if ((strcmp(column, "entity") == 0 || strcmp(column, "indicator") == 0) && !*v) {
        why = "must not be empty";
    }
    if (why)
        jb_error_set(err, JB_ERR_DATA, path, f->line, f->col, -1, "%s: '%s': %s", column, v, why);
    return why == NULL;
}

/* The XML attribute a CSV column becomes. */
static const char *
attr_of(const char *column)
{
    if (strcmp(column, "value_base") == 0)
        return "base";
    return column;
}

jb_status_t
jb_dataset_load_csv(jb_dataset_t *ds, const char *path, jb_error_t *err)
{
    char *buf = NULL;
    size_t len = 0;
    GError *gerr = NULL;
    if (!jb_read_file(path, &buf, &len, &gerr)) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot read: %s", gerr->message);
        g_error_free(gerr);
        return JB_ERR_IO;
    }
    if (!g_utf8_validate(buf, (gssize)len, NULL)) {
        g_free(buf);
        return jb_error_set(err, JB_ERR_INPUT, path, 0, 0, -1, "the CSV is not valid UTF-8");
    }
    const char *start = buf;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        start += 3; /* a BOM, as spreadsheet programs write */

    jb_status_t status = JB_OK;
    csv_reader_t r = {path, start, buf + len, 1, 1};
    GArray *fields = g_array_new(FALSE, TRUE, sizeof(field_t));
    GPtrArray *header = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *nodes = g_ptr_array_new(); /* built, adopted only if all is well */
    GHashTable *sources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    xmlDocPtr doc = jb_dataset_get_xml(ds);
    char *base = g_path_get_basename(path);

    /* the header row: known column names, each once, the required ones all */
    int rc = read_record(&r, fields, err);
    if (rc <= 0) {
        status = rc < 0 ? JB_ERR_SYNTAX
                        : jb_error_set(err, JB_ERR_DATA, path, 1, 1, -1, "the CSV is empty");
        goto out;
    }
    for (guint i = 0; i < fields->len; i++) {
        field_t *f = &g_array_index(fields, field_t, i);
        const char *name = f->text->str;
        gboolean known = FALSE;
        for (size_t k = 0; k < G_N_ELEMENTS(known_columns); k++)
            known |= strcmp(name, known_columns[k]) == 0;
        for (guint j = 0; known && j < header->len; j++)
            if (strcmp(name, g_ptr_array_index(header, j)) == 0) {
                status = jb_error_set(err, JB_ERR_DATA, path, f->line, f->col, -1,
                                      "column '%s' appears twice", name);
                goto out;
            }
        if (!known) {
            status = jb_error_set(err, JB_ERR_DATA, path, f->line, f->col, -1,
                                  "unknown column '%s' (columns: doc, entity, indicator, period, "
                                  "kind, value, unit, value_base, offset, sentence)",
                                  name);
            goto out;
        }
        g_ptr_array_add(header, g_strdup(name));
    }
    for (size_t k = 0; k < N_REQUIRED; k++) {
        gboolean found = FALSE;
        for (guint j = 0; j < header->len; j++)
            found |= strcmp(known_columns[k], g_ptr_array_index(header, j)) == 0;
        if (!found) {
            status = jb_error_set(err, JB_ERR_DATA, path, 1, 1, -1,
                                  "the header has no '%s' column", known_columns[k]);
            goto out;
        }
    }

    /* the facts */
    unsigned row = 0;
    while ((rc = read_record(&r, fields, err)) > 0) {
        if (fields->len == 1 && g_array_index(fields, field_t, 0).text->len == 0)
            continue; /* a blank line */
        field_t *first = &g_array_index(fields, field_t, 0);
        if (fields->len != header->len) {
            status = jb_error_set(err, JB_ERR_DATA, path, first->line, first->col, -1,
                                  "%u fields where the header has %u", fields->len, header->len);
            goto out;
        }
        row++;
        xmlNodePtr fact = xmlNewDocNode(doc, NULL, (const xmlChar *)"fact", NULL);
        g_ptr_array_add(nodes, fact);
        char *id = g_strdup_printf("c%u", row);
        xmlSetProp(fact, (const xmlChar *)"id", (const xmlChar *)id);
        g_free(id);
        for (guint i = 0; i < fields->len; i++) {
            const char *column = g_ptr_array_index(header, i);
            field_t *f = &g_array_index(fields, field_t, i);
            if (!check_field(column, f, path, err)) {
                status = JB_ERR_DATA;
                goto out;
            }
            if (strcmp(column, "sentence") == 0) {
                if (f->text->len)
                    xmlNewTextChild(fact, NULL, (const xmlChar *)"sentence",
                                    (const xmlChar *)f->text->str);
            } else if (strcmp(column, "doc") == 0) {
                /* one source per document named in the doc column */
                const char *name = f->text->len ? f->text->str : base;
                char *sid = g_hash_table_lookup(sources, name);
                if (!sid) {
                    sid = g_strdup_printf("csv%u", g_hash_table_size(sources) + 1);
                    xmlNodePtr src = xmlNewDocNode(doc, NULL, (const xmlChar *)"source", NULL);
                    xmlSetProp(src, (const xmlChar *)"id", (const xmlChar *)sid);
                    xmlSetProp(src, (const xmlChar *)"file", (const xmlChar *)name);
                    g_ptr_array_insert(nodes, 0, src);
                    g_hash_table_insert(sources, g_strdup(name), sid);
                }
                xmlSetProp(fact, (const xmlChar *)"source", (const xmlChar *)sid);
            } else if (f->text->len || strcmp(column, "period") == 0) {
                xmlSetProp(fact, (const xmlChar *)attr_of(column), (const xmlChar *)f->text->str);
            }
        }
    }
    if (rc < 0)
        status = JB_ERR_SYNTAX;

out:
    if (status == JB_OK) {
        GHashTable *renames = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        for (guint i = 0; i < nodes->len; i++)
            jb_dataset_adopt(ds, g_ptr_array_index(nodes, i), renames);
        g_hash_table_destroy(renames);
    } else {
        for (guint i = 0; i < nodes->len; i++)
            xmlFreeNode(g_ptr_array_index(nodes, i));
    }
    /* source ids were strdup'd as hash values */
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, sources);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_free(v);
    g_hash_table_destroy(sources);
    g_ptr_array_free(nodes, TRUE);
    for (guint i = 0; i < fields->len; i++)
        g_string_free(g_array_index(fields, field_t, i).text, TRUE);
    g_array_free(fields, TRUE);
    g_ptr_array_free(header, TRUE);
    g_free(base);
    g_free(buf);
    return status;
}
