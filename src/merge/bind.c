/* Binding a template's blocks and inline content: sections with Chinese
 * numbering, paragraphs and bound values, lists, tables with repeated rows
 * and totals, the control elements (if, for-each, let) and includes.
 * docs/internals/binding.md explains the rules. */
#include <glib.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xml-private.h"
#include "../base/decimal-private.h"
#include "format.h"
#include "jibao/fonts.h"
#include "merge-private.h"
#include "narrate.h"
#include "summary.h"

/* ---- variables with scopes ----
 * libxml2 keeps one flat table of XPath variables. A let or a for-each's
 * `as` saves the variable's previous value on m->vars; leaving the scope
 * restores it. */

typedef struct {
    char *name;
    xmlXPathObjectPtr previous; /* NULL: the variable did not exist */
} saved_var_t;

static void
push_var(merge_t *m, const char *name, xmlXPathObjectPtr value)
{
    saved_var_t saved = {g_strdup(name), xmlXPathVariableLookup(m->xpath, (const xmlChar *)name)};
    g_array_append_val(m->vars, saved);
    xmlXPathRegisterVariable(m->xpath, (const xmlChar *)name, value);
}

static void
pop_vars(merge_t *m, guint mark)
{
    while (m->vars->len > mark) {
        saved_var_t *saved = &g_array_index(m->vars, saved_var_t, m->vars->len - 1);
        xmlXPathRegisterVariable(m->xpath, (const xmlChar *)saved->name, saved->previous);
        g_free(saved->name);
        g_array_set_size(m->vars, m->vars->len - 1);
    }
}

/* ---- numbers ---- */

/* 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger as digits. */
static char *
chinese_numeral(int n)
{
    static const char *const digits[] = {"〇", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100)
        return g_strdup_printf("%d", n);
    GString *s = g_string_new(NULL);
    if (n >= 10) {
        if (n >= 20)
            g_string_append(s, digits[n / 10]);
        g_string_append(s, "十");
    }
    if (n % 10)
        g_string_append(s, digits[n % 10]);
    return g_string_free(s, FALSE);
}

/* The number of a section heading at level 1..4: 一、 （一） 1. （1） */
static char *
section_number(int level, int n)
{
    char *cn = chinese_numeral(n);
    char *out = level == 1   ? g_strdup_printf("%s、", cn)
                : level == 2 ? g_strdup_printf("（%s）", cn)
                : level == 3 ? g_strdup_printf("%d. ", n)
                             : g_strdup_printf("（%d）", n);
    g_free(cn);
    return out;
}

/* ---- number formats ---- */

static void
read_number_format(xmlNodePtr node, jb_number_format_t *nf, int *unit_out, char **words)
{
    if (!node)
        return;
    char *v;
    if ((v = jb_merge_get_attr(node, "format"))) {
        const char *dot = strchr(v, '.');
        nf->decimals = dot ? (int)strlen(dot + 1) : 0;
        nf->thousands = strchr(v, ',') != NULL;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "scale"))) {
        nf->scale = strcmp(v, "auto") == 0     ? JB_SCALE_AUTO
                    : strcmp(v, "万") == 0     ? JB_SCALE_WAN
                    : strcmp(v, "亿") == 0     ? JB_SCALE_YI
                    : strcmp(v, "万亿") == 0   ? JB_SCALE_WANYI
                                               : JB_SCALE_NONE;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "style"))) {
        nf->style = strcmp(v, "growth") == 0    ? JB_NUMSTYLE_GROWTH
                    : strcmp(v, "points") == 0  ? JB_NUMSTYLE_POINTS
                    : strcmp(v, "percent") == 0 ? JB_NUMSTYLE_PERCENT
                    : strcmp(v, "signed") == 0  ? JB_NUMSTYLE_SIGNED
                                                : JB_NUMSTYLE_PLAIN;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "unit"))) {
        *unit_out = strcmp(v, "true") == 0;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "words"))) {
        g_free(*words);
        *words = v;
    }
}

static int
has_number_format(xmlNodePtr node)
{
    static const char *const attrs[] = {"format", "scale", "style", "unit", "words"};
    for (size_t i = 0; node && i < G_N_ELEMENTS(attrs); i++)
        if (xmlHasProp(node, (const xmlChar *)attrs[i]))
            return 1;
    return 0;
}

/* ---- bound values ---- */

/* What a <value> selected: its text, and for facts the fact's id and unit. */
typedef struct {
    char *text;
    char *fact_id;
    char *unit;
} bound_t;

static void
bound_clear(bound_t *b)
{
    g_free(b->text);
    g_free(b->fact_id);
    g_free(b->unit);
}

static int
is_fact(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)"fact");
}

/* A fact element stands for its value; an attribute of a fact for itself,
 * with the fact's provenance. FALSE when nothing was selected. */
static gboolean
bound_from_object(xmlXPathObjectPtr obj, bound_t *b)
{
    memset(b, 0, sizeof *b);
    switch (obj->type) {
    case XPATH_NODESET: {
        if (!obj->nodesetval || obj->nodesetval->nodeNr == 0)
            return FALSE;
        xmlNodePtr n = obj->nodesetval->nodeTab[0];
        xmlNodePtr fact = n->type == XML_ATTRIBUTE_NODE ? n->parent : n;
        xmlChar *s = is_fact(n) ? xmlGetProp(n, (const xmlChar *)"value") : xmlNodeGetContent(n);
        b->text = g_strdup(s ? (const char *)s : "");
        xmlFree(s);
        /* the fact's value (the element or its @value) carries its unit and
           provenance; other attributes (@entity, @period) are not statistics */
        if (is_fact(fact) && (n == fact || xmlStrEqual(n->name, (const xmlChar *)"value"))) {
            b->fact_id = jb_merge_get_attr(fact, "id");
            b->unit = jb_merge_get_attr(fact, "unit");
        }
        return TRUE;
    }
    case XPATH_NUMBER: {
        if (isnan(obj->floatval) || isinf(obj->floatval))
            return FALSE;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        b->text = g_strdup(g_ascii_formatd(buf, sizeof buf, "%.15g", obj->floatval));
        return TRUE;
    }
    case XPATH_STRING:
        b->text = g_strdup(obj->stringval ? (const char *)obj->stringval : "");
        return TRUE;
    case XPATH_BOOLEAN:
        b->text = g_strdup(obj->boolval ? "是" : "否");
        return TRUE;
    default:
        return FALSE;
    }
}

/* Bind a <value>; returns the raw decimal text if the value is numeric (for
 * table totals; g_free it), else NULL. */
static char *
merge_value(merge_t *m, jb_text_t *text, xmlNodePtr node, unsigned flags)
{
    char *raw = NULL;
    xmlXPathObjectPtr obj = jb_merge_eval_attr(m, node, "select", m->ctx_node);
    if (!obj)
        return NULL;
    bound_t b;
    gboolean found = bound_from_object(obj, &b);
    /* numbers never lie: NaN (0 div 0, a number() of text) and infinities
       are never printed, and the message says which it was */
    const char *why = obj->type != XPATH_NUMBER ? "selects nothing"
                      : isnan(obj->floatval)    ? "is not a number (NaN)"
                      : isinf(obj->floatval)    ? "is infinite"
                                                : "selects nothing";
    xmlXPathFreeObject(obj);

    char *optional = jb_merge_get_attr(node, "optional");
    int is_optional = optional && strcmp(optional, "true") == 0;
    g_free(optional);
    if (!found) {
        char *expr = jb_merge_get_attr(node, "select");
        char *placeholder = jb_merge_get_attr(node, "placeholder");
        if (is_optional) {
            jb_merge_warn(m, node, "select=\"%s\" %s: printed as %s", expr, why,
                          placeholder ? placeholder : m->missing);
            jb_text_add(text, placeholder ? placeholder : m->missing, NULL, flags);
        } else {
            jb_merge_report(m, JB_ERR_DATA, node,
                            "select=\"%s\" %s (mark the value optional=\"true\" to "
                            "print %s instead)",
                            expr, why, m->missing);
        }
        g_free(placeholder);
        g_free(expr);
        return NULL;
    }

    /* numbers get the column's format, then the value's own */
    jb_number_format_t nf = {-1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, NULL, NULL, NULL};
    int unit_out = 0;
    char *words = NULL;
    read_number_format(m->column, &nf, &unit_out, &words);
    read_number_format(node, &nf, &unit_out, &words);
    char **w = words ? g_strsplit(words, ",", 3) : NULL;
    if (w && g_strv_length(w) == 3) {
        nf.up = w[0];
        nf.down = w[1];
        nf.flat = w[2];
    }
    char *formatted = jb_format_number(b.text, b.unit, unit_out, &nf);
    if (formatted) {
        raw = g_strdup(b.text);
    } else if (has_number_format(node)) {
        char *expr = jb_merge_get_attr(node, "select");
        jb_merge_report(m, JB_ERR_DATA, node, "select=\"%s\" gives '%s', not a number to format",
                        expr, b.text);
        g_free(expr);
    }
    jb_text_add(text, formatted ? formatted : b.text, b.fact_id, flags);
    g_free(formatted);
    g_strfreev(w);
    g_free(words);
    bound_clear(&b);
    return raw;
}

/* ---- inline content ---- */

static int
is_cjk(gunichar c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* XML source text is wrapped at will. A whitespace run that holds a line
 * break disappears next to a CJK character (Chinese has no spaces between
 * words) and is one space elsewhere; any other run is one space. */
static char *
normalise_space(const char *text)
{
    GString *s = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        if (!g_ascii_isspace(*p)) {
            const char *next = g_utf8_next_char(p);
            g_string_append_len(s, p, next - p);
            p = next;
            continue;
        }
        int has_newline = 0;
        while (*p && g_ascii_isspace(*p))
            has_newline |= (*p++ == '\n');
        gunichar before = s->len ? g_utf8_get_char(g_utf8_prev_char(s->str + s->len)) : 0;
        gunichar after = *p ? g_utf8_get_char(p) : 0;
        if (has_newline && (is_cjk(before) || is_cjk(after)))
            continue;
        g_string_append_c(s, ' ');
    }
    return g_string_free(s, FALSE);
}

/* Evaluate a test attribute as an XPath boolean. -1 on error. */
static int
eval_test(merge_t *m, xmlNodePtr node)
{
    xmlXPathObjectPtr obj = jb_merge_eval_attr(m, node, "test", m->ctx_node);
    if (!obj)
        return -1;
    int result = xmlXPathCastToBoolean(obj);
    xmlXPathFreeObject(obj);
    return result;
}

typedef void (*per_item_fn)(merge_t *m, xmlNodePtr element, void *user);
static void for_each_item(merge_t *m, xmlNodePtr element, per_item_fn fn, void *user);

static void merge_inline_children(merge_t *m, jb_text_t *text, xmlNodePtr parent, unsigned flags,
                                  char **raw, int *n_values);
static gboolean narrate_into(merge_t *m, xmlNodePtr node, jb_text_t *out);

/* An inline for-each: its content once per item, into the same text. */
typedef struct {
    jb_text_t *text;
    unsigned flags;
    int *n_values;
} inline_loop_t;

static void
inline_item(merge_t *m, xmlNodePtr element, void *user)
{
    inline_loop_t *loop = user;
    merge_inline_children(m, loop->text, element, loop->flags, NULL, loop->n_values);
}

/* Inline content; the first text of a block and the last are trimmed by the
 * caller (text_trim). Returns the raw number of a lone value (tables). */
static void
merge_inline_children(merge_t *m, jb_text_t *text, xmlNodePtr parent, unsigned flags,
                      char **raw, int *n_values)
{
    for (xmlNodePtr n = parent->children; n && !jb_merge_should_stop(m); n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            char *s = normalise_space((const char *)n->content);
            if (*s)
                jb_text_add(text, s, NULL, flags);
            g_free(s);
        } else if (jb_merge_is_element(n, "value")) {
            char *r = merge_value(m, text, n, flags);
            (*n_values)++;
            if (raw) {
                g_free(*raw);
                *raw = r;
            } else {
                g_free(r);
            }
        } else if (jb_merge_is_element(n, "b")) {
            merge_inline_children(m, text, n, flags | JB_INLINE_BOLD, raw, n_values);
        } else if (jb_merge_is_element(n, "em")) {
            merge_inline_children(m, text, n, flags | JB_INLINE_EMPHASIS, raw, n_values);
        } else if (jb_merge_is_element(n, "br")) {
            jb_text_add(text, "", NULL, JB_INLINE_LINE_BREAK);
        } else if (jb_merge_is_element(n, "narrate")) {
            narrate_into(m, n, text);
        } else if (jb_merge_is_element(n, "if")) {
            if (eval_test(m, n) > 0)
                merge_inline_children(m, text, n, flags, raw, n_values);
        } else if (jb_merge_is_element(n, "for-each")) {
            inline_loop_t loop = {text, flags, n_values};
            for_each_item(m, n, inline_item, &loop);
        }
    }
}

/* Drop leading and trailing whitespace of a text run (the XML around a
 * block's content), and empty pieces it leaves. */
static void
text_trim(jb_text_t *t)
{
    for (size_t i = 0; i < t->n_inlines; i++) {
        if (t->inlines[i].flags & JB_INLINE_LINE_BREAK || t->inlines[i].fact_id)
            break;
        g_strchug(t->inlines[i].text);
        if (*t->inlines[i].text)
            break;
    }
    for (size_t i = t->n_inlines; i-- > 0;) {
        if (t->inlines[i].flags & JB_INLINE_LINE_BREAK || t->inlines[i].fact_id)
            break;
        g_strchomp(t->inlines[i].text);
        if (*t->inlines[i].text)
            break;
    }
    /* remove pieces emptied by trimming (never bound values or breaks) */
    size_t k = 0;
    for (size_t i = 0; i < t->n_inlines; i++) {
        jb_inline_t *in = &t->inlines[i];
        if (!*in->text && !in->fact_id && !(in->flags & JB_INLINE_LINE_BREAK)) {
            g_free(in->text);
            continue;
        }
        t->inlines[k++] = *in;
    }
    t->n_inlines = k;
}

void
jb_merge_inlines(merge_t *m, jb_text_t *text, xmlNodePtr node, unsigned flags)
{
    int n_values = 0;
    merge_inline_children(m, text, node, flags, NULL, &n_values);
    text_trim(text);
}

/* ---- selections: for-each and table rows ---- */

typedef struct {
    xmlNodePtr node;
    char *key_text;
    double key_num;
    guint index;
} sort_item_t;

typedef struct {
    int numbers;
    int descending;
} sort_order_t;

static gint
compare_items(gconstpointer pa, gconstpointer pb, gpointer user)
{
    const sort_item_t *a = pa, *b = pb;
    const sort_order_t *order = user;
    int c = 0;
    if (order->numbers) {
        /* NaN keys (missing) sort last in either order */
        int na = isnan(a->key_num), nb = isnan(b->key_num);
        if (na || nb)
            return na != nb ? (na ? 1 : -1) : (a->index > b->index) - (a->index < b->index);
        c = (a->key_num > b->key_num) - (a->key_num < b->key_num);
    } else {
        c = strcmp(a->key_text ? a->key_text : "", b->key_text ? b->key_text : "");
    }
    if (order->descending)
        c = -c;
    return c ? c : (a->index > b->index) - (a->index < b->index); /* stable */
}

/* Evaluate a selection element's select, sort, order and limit. Returns the
 * nodes in order (an empty array when nothing is selected), or NULL after
 * an error. */
static GArray *
select_nodes(merge_t *m, xmlNodePtr node)
{
    xmlXPathObjectPtr set = jb_merge_eval_attr(m, node, "select", m->ctx_node);
    if (!set)
        return NULL;
    if (set->type != XPATH_NODESET) {
        char *expr = jb_merge_get_attr(node, "select");
        jb_merge_report(m, JB_ERR_XPATH, node, "select=\"%s\" must select nodes", expr);
        g_free(expr);
        xmlXPathFreeObject(set);
        return NULL;
    }
    GArray *items = g_array_new(FALSE, TRUE, sizeof(sort_item_t));
    int n = set->nodesetval ? set->nodesetval->nodeNr : 0;
    for (int i = 0; i < n; i++) {
        sort_item_t it = {set->nodesetval->nodeTab[i], NULL, NAN, (guint)i};
        g_array_append_val(items, it);
    }
    xmlXPathFreeObject(set);

    char *sort = jb_merge_get_attr(node, "sort");
    if (sort && items->len > 1) {
        char *type = jb_merge_get_attr(node, "sort-type");
        char *order = jb_merge_get_attr(node, "order");
        int numbers = !type || strcmp(type, "number") == 0;
        xmlNodePtr saved = m->ctx_node;
        char *as = jb_merge_get_attr(node, "as");
        for (guint i = 0; i < items->len && !jb_merge_should_stop(m); i++) {
            sort_item_t *it = &g_array_index(items, sort_item_t, i);
            /* the sort key sees the item as its `as` variable too */
            guint mark = m->vars->len;
            if (as)
                push_var(m, as, xmlXPathNewNodeSet(it->node));
            xmlXPathObjectPtr key = jb_merge_eval_attr(m, node, "sort", it->node);
            pop_vars(m, mark);
            if (!key)
                break;
            xmlChar *ks = xmlXPathCastToString(key);
            it->key_text = g_strdup((const char *)ks);
            it->key_num = xmlXPathCastToNumber(key);
            xmlFree(ks);
            xmlXPathFreeObject(key);
        }
        m->ctx_node = saved;
        g_free(as);
        sort_order_t so = {numbers, order && strcmp(order, "descending") == 0};
        g_array_sort_with_data(items, compare_items, &so);
        g_free(type);
        g_free(order);
    }
    for (guint i = 0; i < items->len; i++)
        g_free(g_array_index(items, sort_item_t, i).key_text);
    g_free(sort);

    char *limit = jb_merge_get_attr(node, "limit");
    if (limit) {
        long l = strtol(limit, NULL, 10);
        if (l > 0 && (guint)l < items->len)
            g_array_set_size(items, (guint)l);
        g_free(limit);
    }
    return items;
}

/* Run body for every selected node, with it as context node and, when the
 * element has `as`, bound to that variable. */
static void
for_each_item(merge_t *m, xmlNodePtr element, per_item_fn fn, void *user)
{
    GArray *items = select_nodes(m, element);
    if (!items)
        return;
    char *as = jb_merge_get_attr(element, "as");
    xmlNodePtr saved = m->ctx_node;
    int saved_pos = m->xpath->proximityPosition, saved_size = m->xpath->contextSize;
    for (guint i = 0; i < items->len && !jb_merge_should_stop(m); i++) {
        xmlNodePtr item = g_array_index(items, sort_item_t, i).node;
        guint mark = m->vars->len;
        if (as)
            push_var(m, as, xmlXPathNewNodeSet(item));
        m->ctx_node = item;
        /* position() and last() count the items in their sorted order */
        m->xpath->proximityPosition = (int)i + 1;
        m->xpath->contextSize = (int)items->len;
        fn(m, element, user);
        m->ctx_node = saved;
        pop_vars(m, mark);
    }
    m->xpath->proximityPosition = saved_pos;
    m->xpath->contextSize = saved_size;
    g_free(as);
    g_array_free(items, TRUE);
}

/* ---- tables ---- */

typedef struct {
    jb_table_t *table;
    xmlNodePtr *columns; /* the <column> elements */
    double *sums;
    int *summed;         /* how many numeric cells each column summed */
    size_t body_rows;
} table_state_t;

static void
merge_cells(merge_t *m, table_state_t *ts, xmlNodePtr parent, jb_row_kind_t kind)
{
    size_t n_cells = 0;
    for (xmlNodePtr c = parent->children; c; c = c->next)
        n_cells += jb_merge_is_element(c, "cell");
    if (n_cells != ts->table->n_cols) {
        jb_merge_report(m, JB_ERR_SCHEMA, parent, "%zu cells in a table of %zu columns", n_cells,
                        ts->table->n_cols);
        return;
    }
    if (kind == JB_ROW_BODY && m->limits->table_rows > 0 &&
        (double)ts->body_rows++ >= m->limits->table_rows) {
        jb_merge_report(m, JB_ERR_LIMIT, parent,
                        "the table has more than %g rows (limit table-rows; --limit table-rows=N)",
                        m->limits->table_rows);
        return;
    }
    jb_row_t *row = jb_table_add_row(ts->table, kind);
    size_t col = 0;
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (!jb_merge_is_element(c, "cell"))
            continue;
        char *raw = NULL;
        int n_values = 0;
        m->column = ts->columns[col];
        merge_inline_children(m, &row->cells[col].text, c, 0, &raw, &n_values);
        m->column = NULL;
        text_trim(&row->cells[col].text);
        if (raw && n_values == 1 && kind == JB_ROW_BODY) {
            ts->sums[col] += g_ascii_strtod(raw, NULL);
            ts->summed[col]++;
        }
        g_free(raw);
        col++;
    }
}

static void
rows_item(merge_t *m, xmlNodePtr element, void *user)
{
    merge_cells(m, user, element, JB_ROW_BODY);
}

static jb_align_t
parse_align(const char *s, jb_align_t fallback)
{
    if (!s)
        return fallback;
    return strcmp(s, "justify") == 0  ? JB_ALIGN_JUSTIFY
           : strcmp(s, "center") == 0 ? JB_ALIGN_CENTER
           : strcmp(s, "right") == 0  ? JB_ALIGN_RIGHT
                                      : JB_ALIGN_LEFT;
}

/* The totals row: label in the label column (the first unless a column says
 * total="label"), sums in total="sum" columns formatted as the column. */
static void
merge_total(merge_t *m, table_state_t *ts, xmlNodePtr node)
{
    jb_row_t *row = jb_table_add_row(ts->table, JB_ROW_TOTAL);
    char *label = jb_merge_get_attr(node, "label");
    size_t label_col = 0;
    for (size_t c = 0; c < ts->table->n_cols; c++) {
        char *t = jb_merge_get_attr(ts->columns[c], "total");
        if (t && strcmp(t, "label") == 0)
            label_col = c;
        g_free(t);
    }
    for (size_t c = 0; c < ts->table->n_cols; c++) {
        char *t = jb_merge_get_attr(ts->columns[c], "total");
        if (t && strcmp(t, "sum") == 0) {
            if (ts->summed[c] == 0) {
                jb_text_add(&row->cells[c].text, m->missing, NULL, 0);
            } else {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                jb_number_format_t nf = {-1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, NULL, NULL,
                                         NULL};
                int unit_out = 0;
                char *words = NULL;
                read_number_format(ts->columns[c], &nf, &unit_out, &words);
                if (nf.decimals < 0)
                    nf.decimals = 2; /* sums of decimals: do not print binary noise */
                char *sum = jb_format_number(g_ascii_formatd(buf, sizeof buf, "%.10f", ts->sums[c]),
                                             NULL, 0, &nf);
                jb_text_add(&row->cells[c].text, sum ? sum : m->missing, NULL, 0);
                g_free(sum);
                g_free(words);
            }
        } else if (c == label_col) {
            jb_text_add(&row->cells[c].text, label ? label : "合计", NULL, 0);
        }
        g_free(t);
    }
    (void)m;
    g_free(label);
}

static void
merge_table(merge_t *m, xmlNodePtr node, unsigned line)
{
    size_t n_cols = 0;
    for (xmlNodePtr c = node->children; c; c = c->next)
        n_cols += jb_merge_is_element(c, "column");
    jb_block_t *block = jb_document_add_block(m->doc, JB_BLOCK_TABLE, line);
    block->style = jb_merge_get_attr(node, "style");
    jb_table_t *table = block->table = jb_table_new(n_cols);
    table->caption = jb_merge_get_attr(node, "caption");
    table->note = jb_merge_get_attr(node, "note");
    table_state_t ts = {table, g_new0(xmlNodePtr, n_cols), g_new0(double, n_cols),
                        g_new0(int, n_cols), 0};

    /* columns: widths, alignment, and a header row from their titles */
    int has_titles = 0;
    size_t c = 0;
    for (xmlNodePtr col = node->children; col; col = col->next) {
        if (!jb_merge_is_element(col, "column"))
            continue;
        ts.columns[c] = col;
        char *width = jb_merge_get_attr(col, "width");
        table->col_widths[c] = width ? g_ascii_strtod(width, NULL) : 0;
        g_free(width);
        char *align = jb_merge_get_attr(col, "align");
        /* numbers read best right-aligned; the first column holds names */
        table->col_align[c] = parse_align(align, c == 0 ? JB_ALIGN_LEFT : JB_ALIGN_RIGHT);
        g_free(align);
        has_titles |= xmlHasProp(col, (const xmlChar *)"title") != NULL;
        c++;
    }
    if (has_titles) {
        jb_row_t *header = jb_table_add_row(table, JB_ROW_HEADER);
        for (size_t i = 0; i < n_cols; i++) {
            char *title = jb_merge_get_attr(ts.columns[i], "title");
            jb_text_add(&header->cells[i].text, title ? title : "", NULL, 0);
            header->cells[i].align = JB_ALIGN_CENTER;
            g_free(title);
        }
    }
    /* rows in template order */
    for (xmlNodePtr r = node->children; r && !jb_merge_should_stop(m); r = r->next) {
        if (jb_merge_is_element(r, "row"))
            merge_cells(m, &ts, r, JB_ROW_BODY);
        else if (jb_merge_is_element(r, "rows"))
            for_each_item(m, r, rows_item, &ts);
        else if (jb_merge_is_element(r, "total"))
            merge_total(m, &ts, r);
    }
    g_free(ts.columns);
    g_free(ts.sums);
    g_free(ts.summed);
}

/* ---- includes ---- */

/* Resolve src against the including file's folder; it must lie under the
 * root. Returns the real path (g_free) or NULL with the problem reported. */
static char *
resolve_include(merge_t *m, xmlNodePtr node, const char *src)
{
    const char *from = node->doc && node->doc->URL ? (const char *)node->doc->URL : ".";
    char *dir = g_path_get_dirname(from);
    char *joined = g_path_is_absolute(src) ? g_strdup(src) : g_build_filename(dir, src, NULL);
    char *real = realpath(joined, NULL);
    char *out = NULL;
    if (!real) {
        jb_merge_report(m, JB_ERR_IO, node, "include src=\"%s\": cannot find %s", src, joined);
    } else if (!m->root || !g_str_has_prefix(real, m->root) ||
               (real[strlen(m->root)] != '/' && strcmp(m->root, "/") != 0)) {
        jb_merge_report(m, JB_ERR_USAGE, node,
                        "include src=\"%s\" is outside the template root %s (use --root to "
                        "allow another folder)",
                        src, m->root ? m->root : "(none)");
    } else {
        out = g_strdup(real);
    }
    free(real);
    g_free(joined);
    g_free(dir);
    return out;
}

static void
merge_include(merge_t *m, xmlNodePtr node, int level)
{
    /* the deepest chain of includes (a includes b includes c …) */
    if (m->limits->include_depth > 0 && m->include_depth >= m->limits->include_depth) {
        jb_merge_report(m, JB_ERR_LIMIT, node,
                        "includes nested more than %g deep (limit include-depth; "
                        "--limit include-depth=N)",
                        m->limits->include_depth);
        return;
    }
    char *src = jb_merge_get_attr(node, "src");
    char *path = resolve_include(m, node, src);
    g_free(src);
    if (!path)
        return;
    jb_error_t e;
    jb_error_clear(&e);
    xmlDocPtr frag = jb_xml_read_file(path, &e);
    if (frag) {
        char *schema = g_build_filename(jb_get_data_dir(), "templates", "jibao.rng", NULL);
        jb_xml_validate(frag, path, schema, m->diag, m->user, &e);
        g_free(schema);
    }
    xmlNodePtr root = frag ? xmlDocGetRootElement(frag) : NULL;
    if (e.status != JB_OK) {
        if (e.status == JB_ERR_SCHEMA)
            m->n_errors++; /* already passed to diag by the validator */
        else
            jb_merge_report(m, e.status, node, "include: %s:%u:%u: %s", e.file, e.line, e.col,
                            e.message);
        if (m->n_errors == 1 && m->err)
            *m->err = e;
    } else if (!jb_merge_is_element(root, "fragment")) {
        jb_merge_report(m, JB_ERR_SCHEMA, node, "include: %s is a <%s>, not a <fragment>", path,
                        (const char *)root->name);
    } else {
        m->include_depth++;
        jb_merge_blocks(m, root, level);
        m->include_depth--;
    }
    xmlFreeDoc(frag);
    g_free(path);
}

/* ---- blocks ---- */

static void
for_each_blocks(merge_t *m, xmlNodePtr element, void *user)
{
    jb_merge_blocks(m, element, *(int *)user);
}

static void
for_each_list_items(merge_t *m, xmlNodePtr element, void *user);

typedef struct {
    int ordered;
    int count;
    const char *style;
} list_state_t;

static void
merge_list_item(merge_t *m, list_state_t *ls, xmlNodePtr item)
{
    jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_LIST_ITEM, (unsigned)xmlGetLineNo(item));
    b->style = g_strdup(ls->style);
    ls->count++;
    b->number = ls->ordered ? g_strdup_printf("%d. ", ls->count) : g_strdup("• ");
    jb_merge_inlines(m, &b->text, item, 0);
}

static void
for_each_list_items(merge_t *m, xmlNodePtr element, void *user)
{
    for (xmlNodePtr n = element->children; n; n = n->next)
        if (jb_merge_is_element(n, "item"))
            merge_list_item(m, user, n);
}

void
jb_merge_vars_begin(merge_t *m)
{
    m->vars = g_array_new(FALSE, TRUE, sizeof(saved_var_t));
}

void
jb_merge_vars_end(merge_t *m)
{
    pop_vars(m, 0);
    g_array_free(m->vars, TRUE);
    m->vars = NULL;
}

void
jb_merge_let(merge_t *m, xmlNodePtr node)
{
    xmlXPathObjectPtr value = jb_merge_eval_attr(m, node, "select", m->ctx_node);
    if (!value)
        return;
    char *name = jb_merge_get_attr(node, "name");
    push_var(m, name, value);
    g_free(name);
}

static void
merge_section(merge_t *m, xmlNodePtr node, int level)
{
    if (level >= 4) {
        jb_merge_report(m, JB_ERR_SCHEMA, node, "sections nest at most 4 deep");
        return;
    }
    unsigned line = (unsigned)xmlGetLineNo(node);
    int lv = level + 1;
    m->section_count[lv]++;
    for (int i = lv + 1; i < 5; i++)
        m->section_count[i] = 0;

    jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_HEADING, line);
    b->level = lv;
    b->style = jb_merge_get_attr(node, "style");
    char *numbered = jb_merge_get_attr(node, "numbered");
    if (m->numbering && !(numbered && strcmp(numbered, "false") == 0))
        b->number = section_number(lv, m->section_count[lv]);
    g_free(numbered);
    GString *anchor = g_string_new("sec");
    for (int i = 1; i <= lv; i++)
        g_string_append_printf(anchor, "-%d", m->section_count[i]);
    b->anchor = g_string_free(anchor, FALSE);
    char *title = jb_merge_get_attr(node, "title");
    char *clean = normalise_space(title);
    g_strstrip(clean);
    jb_text_add(&b->text, clean, NULL, 0);
    g_free(clean);
    g_free(title);

    jb_merge_blocks(m, node, lv);
}

/* ---- summaries ---- */

/* One sentence of the articles: the facts stated in it. */
typedef struct {
    char *text, *source, *fact_id;
    long offset;
    int n_stats;
} summary_item_t;

static void
summary_add_fact(GArray *items, GHashTable *index, xmlNodePtr f)
{
    xmlNodePtr sn = NULL;
    for (xmlNodePtr c = f->children; c && !sn; c = c->next)
        if (jb_merge_is_element(c, "sentence"))
            sn = c;
    if (!sn)
        return;
    xmlChar *text = xmlNodeGetContent(sn);
    char *source = jb_merge_get_attr(f, "source");
    char *key = g_strconcat(source ? source : "", "\x1f", (const char *)text, NULL);
    gpointer at;
    if (g_hash_table_lookup_extended(index, key, NULL, &at)) {
        g_array_index(items, summary_item_t, GPOINTER_TO_UINT(at)).n_stats++;
        g_free(key);
        g_free(source);
    } else {
        char *offset = jb_merge_get_attr(f, "offset");
        summary_item_t it = {g_strdup((const char *)text), source, jb_merge_get_attr(f, "id"),
                             offset ? atol(offset) : 0, 1};
        g_free(offset);
        g_hash_table_insert(index, key, GUINT_TO_POINTER(items->len));
        g_array_append_val(items, it);
    }
    xmlFree(text);
}

/* A <summary>: the most informative sentences of the selected facts'
 * articles (or of the selected sources) within budget characters, each
 * followed by its source, linked to the appendix (summary.c). */
static void
merge_summary(merge_t *m, xmlNodePtr node, unsigned line)
{
    xmlXPathObjectPtr obj = NULL;
    if (xmlHasProp(node, (const xmlChar *)"select")) {
        if (!(obj = jb_merge_eval_attr(m, node, "select", m->ctx_node)))
            return;
    } else {
        obj = xmlXPathEval((const xmlChar *)"/dataset/fact", m->xpath);
    }
    char *budget_attr = jb_merge_get_attr(node, "budget");
    size_t budget = budget_attr ? (size_t)g_ascii_strtoull(budget_attr, NULL, 10) : 300;
    g_free(budget_attr);

    /* the sentences, once each, with the number of facts they state */
    GArray *items = g_array_new(FALSE, FALSE, sizeof(summary_item_t));
    GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    xmlNodeSetPtr set = obj && obj->type == XPATH_NODESET ? obj->nodesetval : NULL;
    xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);
    for (int i = 0; set && i < set->nodeNr; i++) {
        xmlNodePtr n = set->nodeTab[i];
        if (is_fact(n)) {
            summary_add_fact(items, index, n);
        } else if (jb_merge_is_element(n, "source")) {
            char *id = jb_merge_get_attr(n, "id");
            for (xmlNodePtr f = root ? root->children : NULL; f; f = f->next) {
                char *src = is_fact(f) ? jb_merge_get_attr(f, "source") : NULL;
                if (src && g_strcmp0(src, id) == 0)
                    summary_add_fact(items, index, f);
                g_free(src);
            }
            g_free(id);
        }
    }
    jb_summary_sentence_t *cands = g_new0(jb_summary_sentence_t, items->len + 1);
    for (guint i = 0; i < items->len; i++) {
        summary_item_t *it = &g_array_index(items, summary_item_t, i);
        cands[i] = (jb_summary_sentence_t){it->text, it->source, it->offset, it->n_stats};
    }
    size_t *chosen = g_new(size_t, items->len + 1);
    size_t k = jb_summary_select(cands, items->len, budget, chosen);
    if (items->len == 0) {
        jb_merge_warn(m, node, "summary: the selection has no source sentences (facts with a "
                               "<sentence>, or sources): nothing to summarise");
    } else if (k == 0) {
        jb_merge_warn(m, node, "summary: no sentence of the selection fits in %zu characters",
                      budget);
    } else {
        jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_PARAGRAPH, line);
        b->style = jb_merge_get_attr(node, "style");
        for (size_t i = 0; i < k; i++) {
            summary_item_t *it = &g_array_index(items, summary_item_t, chosen[i]);
            jb_text_add(&b->text, it->text, NULL, 0);
            /* the citation, once after the sentences of one article: its
               file, linked to the appendix entry of a fact of the sentence */
            if (i + 1 < k && g_strcmp0(g_array_index(items, summary_item_t, chosen[i + 1]).source,
                                       it->source) == 0)
                continue;
            xmlNodePtr src = NULL;
            for (xmlNodePtr n = root ? root->children : NULL; n && !src && it->source; n = n->next)
                if (jb_merge_is_element(n, "source")) {
                    char *id = jb_merge_get_attr(n, "id");
                    if (g_strcmp0(id, it->source) == 0)
                        src = n;
                    g_free(id);
                }
            /* the article's title (Chinese: lines break well), else its file */
            char *title = src ? jb_merge_get_attr(src, "title") : NULL;
            char *file = src ? jb_merge_get_attr(src, "file") : NULL;
            char *cite = title && *title ? g_strdup_printf("（《%s》）", title)
                         : g_strdup_printf("（%s）", file       ? file
                                                     : it->source ? it->source
                                                                  : "来源未注明");
            g_free(title);
            jb_text_add(&b->text, cite, it->fact_id, 0);
            g_free(cite);
            g_free(file);
        }
    }
    for (guint i = 0; i < items->len; i++) {
        summary_item_t *it = &g_array_index(items, summary_item_t, i);
        g_free(it->text);
        g_free(it->source);
        g_free(it->fact_id);
    }
    g_array_free(items, TRUE);
    g_hash_table_destroy(index);
    g_free(cands);
    g_free(chosen);
    xmlXPathFreeObject(obj);
}

/* ---- narration ---- */

/* A <narrate>: the selected facts compared in sentences (narrate.c),
 * appended to text; their numbers keep their facts' ids. FALSE when
 * nothing was narrated (the problem reported). */
/* The <series> a <narrate chart="previous" series="n"> stands for: the
 * n-th series (default 1) of the nearest <chart> before it. */
static xmlNodePtr
previous_chart_series(merge_t *m, xmlNodePtr node)
{
    xmlNodePtr chart = node->prev;
    while (chart && !jb_merge_is_element(chart, "chart"))
        chart = chart->prev;
    char *n_attr = jb_merge_get_attr(node, "series");
    int want = n_attr ? atoi(n_attr) : 1, k = 0;
    g_free(n_attr);
    for (xmlNodePtr s = chart ? chart->children : NULL; s; s = s->next)
        if (jb_merge_is_element(s, "series") && ++k == want)
            return s;
    jb_merge_report(m, JB_ERR_SCHEMA, node,
                    chart ? "narrate chart=\"previous\": the chart has no series %d"
                          : "narrate chart=\"previous\": no <chart> before it (series %d)",
                    want);
    return NULL;
}

static gboolean
narrate_into(merge_t *m, xmlNodePtr node, jb_text_t *out)
{
    gboolean done = FALSE;
    xmlNodePtr from = node; /* the element whose select gives the facts */
    if (!xmlHasProp(node, (const xmlChar *)"select") && !(from = previous_chart_series(m, node)))
        return FALSE;
    xmlXPathObjectPtr obj = jb_merge_eval_attr(m, from, "select", m->ctx_node);
    if (!obj)
        return FALSE;
    xmlNodeSetPtr set = obj->type == XPATH_NODESET ? obj->nodesetval : NULL;
    int n = set ? set->nodeNr : 0;
    jb_narrate_fact_t *facts = g_new0(jb_narrate_fact_t, n ? n : 1);
    GPtrArray *strings = g_ptr_array_new_with_free_func(g_free);
    int k = 0;
    /* a chart series: each point's label and value as the chart sees them
       ($point the selected node); a value that is not a fact's own is
       compared as computed, without a fact id */
    gboolean series = from != node;
    char *value_expr = series ? jb_merge_get_attr(from, "value") : NULL;
    gboolean computed = value_expr && strcmp(value_expr, "@value") != 0 &&
                        strcmp(value_expr, ".") != 0;
    g_free(value_expr);
    xmlXPathObjectPtr saved_point =
        computed ? xmlXPathVariableLookup(m->xpath, (const xmlChar *)"point") : NULL;
    for (int i = 0; i < n; i++) {
        xmlNodePtr f = set->nodeTab[i];
        if (f->type == XML_ATTRIBUTE_NODE)
            f = f->parent;
        if (computed) {
            xmlXPathRegisterVariable(m->xpath, (const xmlChar *)"point", xmlXPathNewNodeSet(f));
            xmlXPathObjectPtr label = jb_merge_eval_attr(m, from, "label", f);
            xmlXPathObjectPtr value = jb_merge_eval_attr(m, from, "value", f);
            double v = value ? xmlXPathCastToNumber(value) : NAN;
            xmlChar *ls = label ? xmlXPathCastToString(label) : NULL;
            if (ls && isfinite(v)) {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                char *vs = jb_decimal_round(g_ascii_formatd(buf, sizeof buf, "%.6f", v), -1);
                /* trailing zeros of the binary-to-decimal step go */
                if (vs && strchr(vs, '.')) {
                    size_t len = strlen(vs);
                    while (vs[len - 1] == '0')
                        vs[--len] = '\0';
                    if (vs[len - 1] == '.')
                        vs[--len] = '\0';
                }
                char *entity = g_strdup((const char *)ls);
                char *indicator = jb_merge_get_attr(from, "name");
                char *unit = jb_merge_get_attr(from, "unit");
                if (!unit)
                    unit = jb_merge_get_attr(from->parent, "unit");
                g_ptr_array_add(strings, vs);
                g_ptr_array_add(strings, entity);
                g_ptr_array_add(strings, indicator);
                g_ptr_array_add(strings, unit);
                facts[k++] = (jb_narrate_fact_t){NULL, entity, indicator, "amount", vs, unit,
                                                 NULL, NULL};
            }
            xmlFree(ls);
            xmlXPathFreeObject(label);
            xmlXPathFreeObject(value);
            continue;
        }
        if (!is_fact(f))
            continue;
        const char *names[] = {"id",    "entity",    "indicator", "kind",
                               "value", "unit",      "qualifier", "basis"};
        const char **fields[] = {&facts[k].id,    &facts[k].entity,   &facts[k].indicator,
                                 &facts[k].kind,  &facts[k].value,    &facts[k].unit,
                                 &facts[k].qualifier, &facts[k].basis};
        for (size_t a = 0; a < G_N_ELEMENTS(names); a++) {
            char *v = jb_merge_get_attr(f, names[a]);
            if (v)
                g_ptr_array_add(strings, v);
            *fields[a] = v;
        }
        if (!facts[k].kind)
            facts[k].kind = "amount";
        k++;
    }
    if (computed)
        xmlXPathRegisterVariable(m->xpath, (const xmlChar *)"point", saved_point);
    char *expr = jb_merge_get_attr(from, "select");
    char *noun = jb_merge_get_attr(node, "noun");
    if (k == 0) {
        jb_merge_warn(m, node, "narrate select=\"%s\" selects no facts: nothing to narrate",
                      expr);
    } else {
        jb_text_t text = {0, NULL};
        char *problem = NULL;
        if (jb_narrate(facts, (size_t)k, noun, &text, &problem) != 0) {
            jb_merge_report(m, JB_ERR_DATA, node, "narrate select=\"%s\": %s", expr, problem);
        } else {
            for (size_t i = 0; i < text.n_inlines; i++)
                jb_text_add(out, text.inlines[i].text, text.inlines[i].fact_id, 0);
            done = TRUE;
        }
        for (size_t i = 0; i < text.n_inlines; i++) {
            g_free(text.inlines[i].text);
            g_free(text.inlines[i].fact_id);
        }
        g_free(text.inlines);
        g_free(problem);
    }
    g_free(noun);
    g_free(expr);
    g_ptr_array_free(strings, TRUE);
    g_free(facts);
    xmlXPathFreeObject(obj);
    return done;
}

/* A block <narrate>: a paragraph of its own. */
static void
merge_narrate(merge_t *m, xmlNodePtr node, unsigned line)
{
    jb_text_t text = {0, NULL};
    if (!narrate_into(m, node, &text))
        return;
    jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_PARAGRAPH, line);
    b->style = jb_merge_get_attr(node, "style");
    b->text = text;
}

void
jb_merge_blocks(merge_t *m, xmlNodePtr parent, int level)
{
    guint mark = m->vars->len; /* lets are scoped to their parent */
    for (xmlNodePtr n = parent->children; n && !jb_merge_should_stop(m); n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        unsigned line = (unsigned)xmlGetLineNo(n);
        if (jb_merge_is_element(n, "title") || jb_merge_is_element(n, "subtitle")) {
            int is_title = jb_merge_is_element(n, "title");
            jb_block_t *b = jb_document_add_block(m->doc, is_title ? JB_BLOCK_TITLE
                                                                   : JB_BLOCK_PARAGRAPH, line);
            b->style = jb_merge_get_attr(n, "style");
            if (!b->style && !is_title)
                b->style = g_strdup("subtitle");
            const char *s = is_title ? m->doc->title : m->doc->subtitle;
            jb_text_add(&b->text, s ? s : "", NULL, 0);
        } else if (jb_merge_is_element(n, "heading")) {
            jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_HEADING, line);
            char *lv = jb_merge_get_attr(n, "level");
            b->level = lv ? atoi(lv) : 1;
            g_free(lv);
            b->style = jb_merge_get_attr(n, "style");
            b->anchor = g_strdup_printf("h-%zu", m->doc->n_blocks);
            jb_merge_inlines(m, &b->text, n, 0);
        } else if (jb_merge_is_element(n, "section")) {
            merge_section(m, n, level);
        } else if (jb_merge_is_element(n, "p")) {
            jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_PARAGRAPH, line);
            b->style = jb_merge_get_attr(n, "style");
            jb_merge_inlines(m, &b->text, n, 0);
        } else if (jb_merge_is_element(n, "list")) {
            char *ordered = jb_merge_get_attr(n, "ordered");
            char *style = jb_merge_get_attr(n, "style");
            list_state_t ls = {ordered && strcmp(ordered, "true") == 0, 0, style};
            for (xmlNodePtr it = n->children; it; it = it->next) {
                if (jb_merge_is_element(it, "item"))
                    merge_list_item(m, &ls, it);
                else if (jb_merge_is_element(it, "for-each"))
                    for_each_item(m, it, for_each_list_items, &ls);
            }
            g_free(ordered);
            g_free(style);
        } else if (jb_merge_is_element(n, "table")) {
            merge_table(m, n, line);
        } else if (jb_merge_is_element(n, "chart")) {
            jb_merge_chart(m, jb_document_add_block(m->doc, JB_BLOCK_CHART, line), n);
        } else if (jb_merge_is_element(n, "toc")) {
            jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_TOC, line);
            char *depth = jb_merge_get_attr(n, "depth");
            char *title = jb_merge_get_attr(n, "title");
            b->level = depth ? atoi(depth) : 2;
            jb_text_add(&b->text, title ? title : "目录", NULL, 0);
            g_free(depth);
            g_free(title);
        } else if (jb_merge_is_element(n, "pagebreak")) {
            jb_document_add_block(m->doc, JB_BLOCK_PAGE_BREAK, line);
        } else if (jb_merge_is_element(n, "if")) {
            if (eval_test(m, n) > 0)
                jb_merge_blocks(m, n, level);
        } else if (jb_merge_is_element(n, "for-each")) {
            for_each_item(m, n, for_each_blocks, &level);
        } else if (jb_merge_is_element(n, "let")) {
            jb_merge_let(m, n);
        } else if (jb_merge_is_element(n, "include")) {
            merge_include(m, n, level);
        } else if (jb_merge_is_element(n, "narrate")) {
            merge_narrate(m, n, line);
        } else if (jb_merge_is_element(n, "sources")) {
            jb_merge_sources(m, n, line);
        } else if (jb_merge_is_element(n, "summary")) {
            merge_summary(m, n, line);
        }
    }
    pop_vars(m, mark);
}
