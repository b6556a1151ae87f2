/* Templates: safe loading and schema validation, then merging with a dataset
 * by evaluating each binding's XPath against it. Produces the document tree
 * that layout consumes; knows nothing of pages. docs/internals/binding.md
 * explains how values are bound. */
#include "jibao/template.h"

#include <glib.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <string.h>

#include "../base/xml-private.h"
#include "../dataset/dataset-private.h"
#include "jibao/fonts.h"
#include "merge-private.h"

/* Most XPath steps one expression may take: protects renders from
 * pathological expressions over large datasets. */
#define JB_XPATH_OP_LIMIT 50000000UL


struct jb_params {
    GPtrArray *names;
    GPtrArray *values;
};

struct jb_template {
    char *path;
    xmlDocPtr doc;
};

jb_params_t *
jb_params_new(void)
{
    jb_params_t *p = g_new0(jb_params_t, 1);
    p->names = g_ptr_array_new_with_free_func(g_free);
    p->values = g_ptr_array_new_with_free_func(g_free);
    return p;
}

void
jb_params_free(jb_params_t *params)
{
    if (!params)
        return;
    g_ptr_array_free(params->names, TRUE);
    g_ptr_array_free(params->values, TRUE);
    g_free(params);
}

static const char *
params_lookup(const jb_params_t *params, const char *name)
{
    if (!params)
        return NULL;
    for (guint i = params->names->len; i-- > 0;)
        if (strcmp(g_ptr_array_index(params->names, i), name) == 0)
            return g_ptr_array_index(params->values, i);
    return NULL;
}

jb_status_t
jb_params_parse(jb_params_t *params, const char *assignment, jb_error_t *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return jb_error_set(err, JB_ERR_PARAM, NULL, 0, 0, -1,
                            "parameter '%s' is not of the form NAME=VALUE", assignment);
    char *name = g_strndup(assignment, (gsize)(eq - assignment));
    if (xmlValidateNCName((const xmlChar *)name, 0) != 0) {
        jb_error_set(err, JB_ERR_PARAM, NULL, 0, 0, -1, "parameter name '%s' is not an XML name",
                     name);
        g_free(name);
        return JB_ERR_PARAM;
    }
    g_ptr_array_add(params->names, name);
    g_ptr_array_add(params->values, g_strdup(eq + 1));
    return JB_OK;
}

jb_template_t *
jb_template_load_file(const char *path, jb_diag_fn diag, void *user, jb_error_t *err)
{
    xmlDocPtr doc = jb_xml_read_file(path, err);
    if (!doc)
        return NULL;
    char *schema = g_build_filename(jb_get_data_dir(), "templates", "jibao.rng", NULL);
    jb_status_t status = jb_xml_validate(doc, path, schema, diag, user, err);
    g_free(schema);
    if (status != JB_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    jb_template_t *tpl = g_new0(jb_template_t, 1);
    tpl->path = g_strdup(path);
    tpl->doc = doc;
    return tpl;
}

void
jb_template_free(jb_template_t *tpl)
{
    if (!tpl)
        return;
    xmlFreeDoc(tpl->doc);
    g_free(tpl->path);
    g_free(tpl);
}

const char *
jb_template_get_path(const jb_template_t *tpl)
{
    return tpl->path;
}

/* Report a problem at a template node. Returns the status so callers can
 * `return jb_merge_report(…)`. */
jb_status_t
jb_merge_report(merge_t *m, jb_status_t status, xmlNodePtr node, const char *fmt, ...)
{
    jb_error_t d;
    jb_error_clear(&d);
    d.status = status;
    snprintf(d.file, sizeof d.file, "%s", m->tpl->path);
    if (node) {
        d.line = (unsigned)xmlGetLineNo(node);
        d.col = jb_xml_get_node_col(node, m->tpl->path);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d.message, sizeof d.message, fmt, ap);
    va_end(ap);
    if (m->n_errors == 0 && m->err)
        *m->err = d;
    m->n_errors++;
    if (m->diag)
        m->diag(&d, m->user);
    return status;
}

char *
jb_merge_get_attr(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *out = g_strdup((const char *)v);
    xmlFree(v);
    return out;
}

int
jb_merge_is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Parse a schema-checked length (25mm, 2.5cm, 72pt, 1in) into points. */
double
jb_merge_parse_length(const char *s, double fallback)
{
    if (!s)
        return fallback;
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    if (!end || end == s)
        return fallback;
    if (strcmp(end, "mm") == 0)
        return v * MM;
    if (strcmp(end, "cm") == 0)
        return v * 10 * MM;
    if (strcmp(end, "in") == 0)
        return v * 72;
    return v;
}

/* What an XPath error code means; libxml2 leaves the message empty when the
 * context has its own error handler. */
static const char *
xpath_error_text(int code)
{
    static const char *const texts[] = {
        [XPATH_EXPRESSION_OK] = "no error",
        [XPATH_NUMBER_ERROR] = "number expected",
        [XPATH_UNFINISHED_LITERAL_ERROR] = "unfinished string literal",
        [XPATH_START_LITERAL_ERROR] = "string literal expected",
        [XPATH_VARIABLE_REF_ERROR] = "bad variable reference",
        [XPATH_UNDEF_VARIABLE_ERROR] = "undefined variable (declare it with <param>)",
        [XPATH_INVALID_PREDICATE_ERROR] = "invalid predicate",
        [XPATH_EXPR_ERROR] = "invalid expression",
        [XPATH_UNCLOSED_ERROR] = "missing ] or )",
        [XPATH_UNKNOWN_FUNC_ERROR] = "unknown function",
        [XPATH_INVALID_OPERAND] = "invalid operand",
        [XPATH_INVALID_TYPE] = "wrong type of argument",
        [XPATH_INVALID_ARITY] = "wrong number of arguments",
        [XPATH_INVALID_CTXT_SIZE] = "invalid context size",
        [XPATH_INVALID_CTXT_POSITION] = "invalid context position",
        [XPATH_MEMORY_ERROR] = "out of memory",
        [XPATH_UNDEF_PREFIX_ERROR] = "undefined namespace prefix",
        [XPATH_ENCODING_ERROR] = "encoding error",
        [XPATH_INVALID_CHAR_ERROR] = "invalid character",
        [XPATH_STACK_ERROR] = "expression too deeply nested",
        [XPATH_OP_LIMIT_EXCEEDED] = "operation limit exceeded",
        [XPATH_RECURSION_LIMIT_EXCEEDED] = "expression too deeply nested",
    };
    int i = code - XML_XPATH_EXPRESSION_OK;
    if (i >= 0 && i < (int)G_N_ELEMENTS(texts) && texts[i])
        return texts[i];
    return "invalid expression";
}

/* Evaluate an XPath expression held in attribute attr of node, with the
 * dataset node ctx_node as context. NULL (and an error reported) when it
 * does not compile or evaluate. */
xmlXPathObjectPtr
jb_merge_eval_attr(merge_t *m, xmlNodePtr node, const char *attr, xmlNodePtr ctx_node)
{
    char *expr = jb_merge_get_attr(node, attr);
    if (!expr)
        return NULL;
    xmlXPathObjectPtr obj = NULL;
    xmlResetError(&m->xpath->lastError);
    xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(m->xpath, (const xmlChar *)expr);
    if (!comp) {
        jb_merge_report(m, JB_ERR_XPATH, node, "%s=\"%s\": XPath error at character %d: %s", attr, expr,
               m->xpath->lastError.int1 + 1, xpath_error_text(m->xpath->lastError.code));
        goto out;
    }
    m->xpath->node = ctx_node;
    m->xpath->opCount = 0;
    obj = xmlXPathCompiledEval(comp, m->xpath);
    xmlXPathFreeCompExpr(comp);
    if (!obj) {
        const xmlError *e = &m->xpath->lastError;
        if (m->xpath->opCount >= JB_XPATH_OP_LIMIT)
            jb_merge_report(m, JB_ERR_LIMIT, node,
                   "%s=\"%s\": XPath stopped after %lu operations (limit xpath-ops)", attr, expr,
                   JB_XPATH_OP_LIMIT);
        else
            jb_merge_report(m, JB_ERR_XPATH, node, "%s=\"%s\": %s", attr, expr,
                   xpath_error_text(e->code));
    }
out:
    g_free(expr);
    return obj;
}

/* The text and fact of a bound value. A fact element stands for its value;
 * an attribute of a fact for itself. Returns NULL when nothing is selected. */
static char *
object_get_text(xmlXPathObjectPtr obj, char **fact_id)
{
    *fact_id = NULL;
    switch (obj->type) {
    case XPATH_NODESET: {
        if (!obj->nodesetval || obj->nodesetval->nodeNr == 0)
            return NULL;
        xmlNodePtr n = obj->nodesetval->nodeTab[0];
        xmlNodePtr fact = n->type == XML_ATTRIBUTE_NODE ? n->parent : n;
        xmlChar *s = NULL;
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)"fact"))
            s = xmlGetProp(n, (const xmlChar *)"value");
        else
            s = xmlNodeGetContent(n);
        if (fact && fact->type == XML_ELEMENT_NODE &&
            xmlStrEqual(fact->name, (const xmlChar *)"fact"))
            *fact_id = jb_merge_get_attr(fact, "id");
        char *out = g_strdup(s ? (const char *)s : "");
        xmlFree(s);
        return out;
    }
    case XPATH_NUMBER:
        if (isnan(obj->floatval))
            return NULL;
        return g_strdup_printf("%.15g", obj->floatval);
    case XPATH_STRING:
        return g_strdup(obj->stringval ? (const char *)obj->stringval : "");
    case XPATH_BOOLEAN:
        return g_strdup(obj->boolval ? "true" : "false");
    default:
        return NULL;
    }
}

/* Apply a format pattern ("0", "0.0", "0.00") to a decimal string. Text that
 * is not a number is returned unchanged. Locale-independent. */
static char *
format_number(const char *text, const char *format)
{
    if (!format)
        return g_strdup(text);
    char *end = NULL;
    double v = g_ascii_strtod(text, &end);
    if (!end || end == text || *end)
        return g_strdup(text);
    const char *dot = strchr(format, '.');
    int decimals = dot ? (int)strlen(dot + 1) : 0;
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 64];
    char fmt[16];
    snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    return g_strdup(g_ascii_formatd(buf, sizeof buf, fmt, v));
}

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

static void
merge_value(merge_t *m, jb_block_t *block, xmlNodePtr node)
{
    xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);
    xmlXPathObjectPtr obj = jb_merge_eval_attr(m, node, "select", root);
    if (!obj)
        return;
    char *fact_id = NULL;
    char *text = object_get_text(obj, &fact_id);
    xmlXPathFreeObject(obj);
    char *optional = jb_merge_get_attr(node, "optional");
    if (!text) {
        if (optional && strcmp(optional, "true") == 0) {
            jb_text_add(&block->text, "—", NULL, 0);
        } else {
            char *expr = jb_merge_get_attr(node, "select");
            jb_merge_report(m, JB_ERR_DATA, node,
                   "select=\"%s\" selects nothing (mark the value optional=\"true\" to print — "
                   "instead)",
                   expr);
            g_free(expr);
        }
    } else {
        char *format = jb_merge_get_attr(node, "format");
        char *formatted = format_number(text, format);
        jb_text_add(&block->text, formatted, fact_id, 0);
        g_free(formatted);
        g_free(format);
    }
    g_free(optional);
    g_free(text);
    g_free(fact_id);
}

static void
merge_inlines(merge_t *m, jb_block_t *block, xmlNodePtr parent)
{
    for (xmlNodePtr n = parent->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            char *text = normalise_space((const char *)n->content);
            /* trim at the block's edges */
            if (!n->prev)
                g_strchug(text);
            if (!n->next)
                g_strchomp(text);
            if (*text)
                jb_text_add(&block->text, text, NULL, 0);
            g_free(text);
        } else if (jb_merge_is_element(n, "value")) {
            merge_value(m, block, n);
        }
    }
}

static void
merge_meta(jb_document_t *doc, xmlNodePtr meta)
{
    for (xmlNodePtr n = meta->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *content = xmlNodeGetContent(n);
        char *text = normalise_space((const char *)content);
        g_strstrip(text);
        xmlFree(content);
        char **slot = jb_merge_is_element(n, "title")      ? &doc->title
                      : jb_merge_is_element(n, "subtitle") ? &doc->subtitle
                      : jb_merge_is_element(n, "author")   ? &doc->author
                      : jb_merge_is_element(n, "subject")  ? &doc->subject
                      : jb_merge_is_element(n, "keywords") ? &doc->keywords
                                                  : NULL;
        if (slot) {
            g_free(*slot);
            *slot = text;
        } else {
            g_free(text);
        }
    }
}

static void
merge_page(jb_document_t *doc, xmlNodePtr page)
{
    char *size = jb_merge_get_attr(page, "size");
    char *orientation = jb_merge_get_attr(page, "orientation");
    char *margin = jb_merge_get_attr(page, "margin");
    double w = 210 * MM, h = 297 * MM;
    if (size && strcmp(size, "A3") == 0)
        w = 297 * MM, h = 420 * MM;
    else if (size && strcmp(size, "Letter") == 0)
        w = 612, h = 792;
    if (orientation && strcmp(orientation, "landscape") == 0) {
        double t = w;
        w = h;
        h = t;
    }
    doc->page_width = w;
    doc->page_height = h;
    double mg = jb_merge_parse_length(margin, 25 * MM);
    doc->margin_top = doc->margin_right = doc->margin_bottom = doc->margin_left = mg;
    g_free(size);
    g_free(orientation);
    g_free(margin);
}

/* Declared parameters become XPath variables: the --param value, else the
 * default; a parameter with neither, or a --param nobody declared, is an
 * error. */
static void
bind_params(merge_t *m, xmlNodePtr report_el, const jb_params_t *params)
{
    GHashTable *declared = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (xmlNodePtr n = report_el->children; n; n = n->next) {
        if (!jb_merge_is_element(n, "param"))
            continue;
        char *name = jb_merge_get_attr(n, "name");
        char *def = jb_merge_get_attr(n, "default");
        const char *value = params_lookup(params, name);
        if (!value)
            value = def;
        if (!value)
            jb_merge_report(m, JB_ERR_PARAM, n,
                   "parameter '%s' is required: set it with --param %s=VALUE", name, name);
        else
            xmlXPathRegisterVariable(m->xpath, (const xmlChar *)name,
                                     xmlXPathNewCString(value));
        g_hash_table_add(declared, name);
        g_free(def);
    }
    for (guint i = 0; params && i < params->names->len; i++) {
        const char *name = g_ptr_array_index(params->names, i);
        if (!g_hash_table_contains(declared, name))
            jb_merge_report(m, JB_ERR_PARAM, NULL, "--param %s: the template declares no such parameter",
                   name);
    }
    g_hash_table_destroy(declared);
}

static void
silence_xpath_errors(void *user, xmlErrorPtr e)
{
    (void)user;
    (void)e;
}

/* The merge itself; with m->collect it goes on after errors. */
static jb_document_t *
merge_run(merge_t *m, jb_dataset_t *ds, const jb_params_t *params)
{
    jb_xml_init();
    jb_document_t *doc = jb_document_new();
    m->xpath = xmlXPathNewContext(jb_dataset_get_xml(ds));
    m->xpath->opLimit = JB_XPATH_OP_LIMIT;
    m->xpath->error = silence_xpath_errors;

    xmlNodePtr report_el = xmlDocGetRootElement(m->tpl->doc);
    bind_params(m, report_el, params);
    if (m->n_errors && !m->collect)
        goto out;

    for (xmlNodePtr n = report_el->children; n; n = n->next) {
        if (jb_merge_is_element(n, "meta"))
            merge_meta(doc, n);
        else if (jb_merge_is_element(n, "page"))
            merge_page(doc, n);
    }
    for (xmlNodePtr body = report_el->children; body; body = body->next) {
        if (!jb_merge_is_element(body, "body"))
            continue;
        for (xmlNodePtr n = body->children; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            unsigned line = (unsigned)xmlGetLineNo(n);
            if (jb_merge_is_element(n, "title")) {
                jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_TITLE, line);
                jb_text_add(&b->text, doc->title ? doc->title : "", NULL, 0);
            } else if (jb_merge_is_element(n, "heading")) {
                jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_HEADING, line);
                char *level = jb_merge_get_attr(n, "level");
                b->level = level ? atoi(level) : 1;
                g_free(level);
                merge_inlines(m, b, n);
            } else if (jb_merge_is_element(n, "p")) {
                merge_inlines(m, jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, line), n);
            } else if (jb_merge_is_element(n, "chart")) {
                jb_merge_chart(m, jb_document_add_block(doc, JB_BLOCK_CHART, line), n);
            }
            if (m->n_errors && !m->collect)
                goto out;
        }
    }
out:
    xmlResetError(&m->xpath->lastError);
    xmlXPathFreeContext(m->xpath);
    m->xpath = NULL;
    if (m->n_errors) {
        jb_document_free(doc);
        return NULL;
    }
    return doc;
}

jb_document_t *
jb_template_merge(const jb_template_t *tpl, jb_dataset_t *ds, const jb_params_t *params,
                  jb_error_t *err)
{
    merge_t m = {.tpl = tpl, .err = err};
    return merge_run(&m, ds, params);
}

jb_status_t
jb_template_check(const jb_template_t *tpl, jb_dataset_t *ds, const jb_params_t *params,
                  jb_diag_fn diag, void *user, jb_error_t *err)
{
    merge_t m = {.tpl = tpl, .err = err, .diag = diag, .user = user, .collect = 1};
    jb_document_t *doc = merge_run(&m, ds, params);
    jb_document_free(doc);
    return m.n_errors ? (err ? err->status : JB_ERR_XPATH) : JB_OK;
}
