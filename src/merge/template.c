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


struct jb_params {
    GPtrArray *names;
    GPtrArray *values;
};

struct jb_template {
    char *path;
    xmlDocPtr doc;
    char *root;        /* folder includes must lie in */
    jb_limits_t limits; /* xpath-ops, xpath-time, include-depth, chart-points, table-rows */
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

/* Validate a parsed template and wrap it; doc is taken over. */
static jb_template_t *
template_from_doc(xmlDocPtr doc, const char *path, jb_diag_fn diag, void *user, jb_error_t *err)
{
    if (!doc)
        return NULL;
    char *schema = g_build_filename(jb_get_data_dir(), "templates", "jibao.rng", NULL);
    jb_status_t status = jb_xml_validate(doc, path, schema, diag, user, err);
    g_free(schema);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (status == JB_OK && !jb_merge_is_element(root, "report"))
        status = jb_error_set(err, JB_ERR_SCHEMA, path, (unsigned)xmlGetLineNo(root), 1, -1,
                              "a <%s> is not a template: a template's root is <report>",
                              (const char *)root->name);
    if (status != JB_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    jb_template_t *tpl = g_new0(jb_template_t, 1);
    tpl->path = g_strdup(path);
    tpl->doc = doc;
    tpl->root = strcmp(path, "-") == 0 ? g_get_current_dir() : g_path_get_dirname(path);
    jb_limits_init(&tpl->limits);
    return tpl;
}

jb_template_t *
jb_template_load_file(const char *path, jb_diag_fn diag, void *user, jb_error_t *err)
{
    return template_from_doc(jb_xml_read_file(path, err), path, diag, user, err);
}

jb_template_t *
jb_template_load_memory(const char *buf, size_t len, const char *name, jb_diag_fn diag,
                        void *user, jb_error_t *err)
{
    return template_from_doc(jb_xml_read_memory(buf, len, name, err), name, diag, user, err);
}

void
jb_template_free(jb_template_t *tpl)
{
    if (!tpl)
        return;
    xmlFreeDoc(tpl->doc);
    g_free(tpl->path);
    g_free(tpl->root);
    g_free(tpl);
}

const char *
jb_template_get_path(const jb_template_t *tpl)
{
    return tpl->path;
}

void
jb_template_set_root(jb_template_t *tpl, const char *dir)
{
    g_free(tpl->root);
    tpl->root = g_strdup(dir);
}

void
jb_template_set_time_limit(jb_template_t *tpl, double seconds)
{
    tpl->limits.xpath_time = seconds;
}

void
jb_template_set_limits(jb_template_t *tpl, const jb_limits_t *limits)
{
    tpl->limits = *limits;
}

/* Report a problem at a template node. Returns the status so callers can
 * `return jb_merge_report(…)`. */
/* Fill a diagnostic for a template node: the file is the node's own
 * document (an included fragment or the template). */
static void
diag_at(merge_t *m, jb_error_t *d, jb_status_t status, xmlNodePtr node, const char *fmt,
        va_list ap)
{
    jb_error_clear(d);
    d->status = status;
    const char *file = node && node->doc && node->doc->URL ? (const char *)node->doc->URL
                                                           : m->tpl->path;
    snprintf(d->file, sizeof d->file, "%s", file);
    if (node) {
        d->line = (unsigned)xmlGetLineNo(node);
        d->col = jb_xml_get_node_col(node, file);
    }
    vsnprintf(d->message, sizeof d->message, fmt, ap);
}

jb_status_t
jb_merge_report(merge_t *m, jb_status_t status, xmlNodePtr node, const char *fmt, ...)
{
    jb_error_t d;
    va_list ap;
    va_start(ap, fmt);
    diag_at(m, &d, status, node, fmt, ap);
    va_end(ap);
    if (m->n_errors == 0 && m->err)
        *m->err = d;
    m->n_errors++;
    if (status == JB_ERR_LIMIT)
        m->stopped = 1;
    if (m->diag)
        m->diag(&d, m->user);
    return status;
}

void
jb_merge_warn(merge_t *m, xmlNodePtr node, const char *fmt, ...)
{
    if (!m->diag)
        return;
    jb_error_t d;
    va_list ap;
    va_start(ap, fmt);
    diag_at(m, &d, JB_OK, node, fmt, ap);
    va_end(ap);
    d.is_warning = 1;
    m->diag(&d, m->user);
}

int
jb_merge_should_stop(const merge_t *m)
{
    return m->stopped || (m->n_errors && !m->collect);
}

char *
jb_merge_get_attr(xmlNodePtr node, const char *name)
{
    return jb_xml_get_prop(node, name);
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
/* An expression as quoted in a message: long ones (a 1 MB attribute) are
 * cut at a character boundary and their length given, so that the message
 * stays one readable line and its reason is not cut off. */
static const char *
quote_expr(const char *expr, char *buf, size_t size)
{
    size_t len = strlen(expr);
    if (len <= 120)
        return expr;
    const char *cut = g_utf8_find_prev_char(expr, expr + 100);
    while (cut && cut > expr && (*cut & 0xC0) == 0x80)
        cut--;
    int keep = cut ? (int)(cut - expr) : 0;
    snprintf(buf, size, "%.*s… (%zu bytes)", keep, expr, len);
    return buf;
}

xmlXPathObjectPtr
jb_merge_eval_attr(merge_t *m, xmlNodePtr node, const char *attr, xmlNodePtr ctx_node)
{
    char *full = jb_merge_get_attr(node, attr);
    if (!full)
        return NULL;
    char quoted[160];
    const char *expr = quote_expr(full, quoted, sizeof quoted);
    xmlXPathObjectPtr obj = NULL;
    xmlResetError(&m->xpath->lastError);
    xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(m->xpath, (const xmlChar *)full);
    if (!comp) {
        jb_merge_report(m, JB_ERR_XPATH, node, "%s=\"%s\": XPath error at character %d: %s", attr, expr,
               m->xpath->lastError.int1 + 1, xpath_error_text(m->xpath->lastError.code));
        goto out;
    }
    m->xpath->node = ctx_node;
    m->xpath->opCount = 0;
    obj = xmlXPathCompiledEval(comp, m->xpath);
    xmlXPathFreeCompExpr(comp);
    if (obj && m->deadline && g_get_monotonic_time() > m->deadline) {
        jb_merge_report(m, JB_ERR_LIMIT, node,
                        "%s=\"%s\": XPath evaluation passed the render's time limit of %g s "
                        "(limit xpath-time; --limit xpath-time=SECONDS)",
                        attr, expr, m->time_limit);
        xmlXPathFreeObject(obj);
        obj = NULL;
        goto out;
    }
    if (!obj) {
        const xmlError *e = &m->xpath->lastError;
        if (m->xpath->opLimit && m->xpath->opCount >= m->xpath->opLimit)
            jb_merge_report(m, JB_ERR_LIMIT, node,
                            "%s=\"%s\": XPath stopped after %lu operations (limit xpath-ops; "
                            "--limit xpath-ops=N)",
                            attr, expr, m->xpath->opLimit);
        else
            jb_merge_report(m, JB_ERR_XPATH, node, "%s=\"%s\": %s", attr, expr,
                   xpath_error_text(e->code));
    }
out:
    g_free(full);
    return obj;
}

/* Meta elements may bind values: <period><value select="$period"/></period>. */
static void
merge_meta(merge_t *m, xmlNodePtr meta)
{
    jb_document_t *doc = m->doc;
    for (xmlNodePtr n = meta->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        jb_text_t text = {0};
        jb_merge_inlines(m, &text, n, 0);
        char *s = jb_text_get_string(&text);
        for (size_t i = 0; i < text.n_inlines; i++) {
            g_free(text.inlines[i].text);
            g_free(text.inlines[i].fact_id);
        }
        g_free(text.inlines);
        char **slot = jb_merge_is_element(n, "title")          ? &doc->title
                      : jb_merge_is_element(n, "subtitle")     ? &doc->subtitle
                      : jb_merge_is_element(n, "organisation") ? &doc->organisation
                      : jb_merge_is_element(n, "author")       ? &doc->author
                      : jb_merge_is_element(n, "period")       ? &doc->period
                      : jb_merge_is_element(n, "date")         ? &doc->date
                      : jb_merge_is_element(n, "subject")      ? &doc->subject
                      : jb_merge_is_element(n, "keywords")     ? &doc->keywords
                                                               : NULL;
        if (slot) {
            g_free(*slot);
            *slot = g_strdup(s);
        }
        free(s);
    }
}

static void
merge_page(jb_document_t *doc, xmlNodePtr page)
{
    char *size = jb_merge_get_attr(page, "size");
    char *orientation = jb_merge_get_attr(page, "orientation");
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
    char *margin = jb_merge_get_attr(page, "margin");
    double mg = jb_merge_parse_length(margin, 25 * MM);
    static const char *const sides[] = {"margin-top", "margin-right", "margin-bottom",
                                        "margin-left"};
    double *slots[] = {&doc->margin_top, &doc->margin_right, &doc->margin_bottom,
                       &doc->margin_left};
    for (size_t i = 0; i < 4; i++) {
        char *v = jb_merge_get_attr(page, sides[i]);
        *slots[i] = jb_merge_parse_length(v, mg);
        g_free(v);
    }
    g_free(size);
    g_free(orientation);
    g_free(margin);
}

/* <style name=…> changes a style: an existing one keeps what is not said;
 * a new one starts from body. */
static void
merge_style(merge_t *m, xmlNodePtr node)
{
    char *name = jb_merge_get_attr(node, "name");
    const jb_style_t *base = jb_document_get_style(m->doc, name);
    if (!base)
        base = jb_document_get_style(m->doc, "body");
    jb_style_t st = *base;
    st.name = name;
    char *font = jb_merge_get_attr(node, "font");
    if (font)
        st.family = font;
    char *v;
    if ((v = jb_merge_get_attr(node, "size"))) {
        st.size = jb_merge_parse_length(v, st.size);
        /* a new size without a new pitch keeps the proportion */
        if (!xmlHasProp(node, (const xmlChar *)"pitch"))
            st.line_pitch = base->line_pitch * st.size / base->size;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "weight"))) {
        st.bold = strcmp(v, "bold") == 0;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "colour"))) {
        st.colour = (uint32_t)strtoul(v + 1, NULL, 16);
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "pitch"))) {
        st.line_pitch = jb_merge_parse_length(v, st.line_pitch);
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "indent"))) {
        st.first_indent = g_ascii_strtod(v, NULL);
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "align"))) {
        st.align = strcmp(v, "left") == 0     ? JB_ALIGN_LEFT
                   : strcmp(v, "center") == 0 ? JB_ALIGN_CENTER
                   : strcmp(v, "right") == 0  ? JB_ALIGN_RIGHT
                                              : JB_ALIGN_JUSTIFY;
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "space-before"))) {
        st.space_before = jb_merge_parse_length(v, st.space_before);
        g_free(v);
    }
    if ((v = jb_merge_get_attr(node, "space-after"))) {
        st.space_after = jb_merge_parse_length(v, st.space_after);
        g_free(v);
    }
    jb_document_set_style(m->doc, &st);
    g_free(name);
    g_free(font);
}

/* Header and footer slots; only the fields layout knows are allowed. */
static void
merge_running(merge_t *m, jb_running_t *r, xmlNodePtr node)
{
    static const char *const fields[] = {"page", "pages", "title", "subtitle", "period",
                                         "date", "section", "organisation"};
    static const char *const slots[] = {"left", "center", "right"};
    char **dst[] = {&r->left, &r->center, &r->right};
    for (size_t i = 0; i < 3; i++) {
        char *v = jb_merge_get_attr(node, slots[i]);
        for (const char *p = v ? strchr(v, '{') : NULL; p; p = strchr(p + 1, '{')) {
            const char *end = strchr(p, '}');
            size_t len = end ? (size_t)(end - p - 1) : 0;
            int known = 0;
            for (size_t f = 0; end && f < G_N_ELEMENTS(fields); f++)
                known |= strlen(fields[f]) == len && strncmp(p + 1, fields[f], len) == 0;
            if (!known)
                jb_merge_report(m, JB_ERR_SCHEMA, node,
                                "%s=\"%s\": unknown field at '%.20s' (fields: {page} {pages} "
                                "{title} {subtitle} {period} {date} {section} {organisation})",
                                slots[i], v, p);
        }
        g_free(*dst[i]);
        *dst[i] = v;
    }
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
    m->doc = jb_document_new();
    m->xpath = xmlXPathNewContext(jb_dataset_get_xml(ds));
    m->limits = &m->tpl->limits;
    m->xpath->opLimit = (unsigned long)m->limits->xpath_ops;
    m->xpath->error = silence_xpath_errors;
    m->ctx_node = xmlDocGetRootElement(jb_dataset_get_xml(ds));
    jb_merge_vars_begin(m);
    m->time_limit = m->limits->xpath_time;
    if (m->time_limit > 0)
        m->deadline = g_get_monotonic_time() + (gint64)(m->time_limit * G_USEC_PER_SEC);
    m->root = realpath(m->tpl->root, NULL);
    m->missing = "—";
    m->numbering = 1;

    xmlNodePtr report_el = xmlDocGetRootElement(m->tpl->doc);
    char *missing = jb_merge_get_attr(report_el, "missing");
    if (missing)
        m->missing = missing;
    char *numbering = jb_merge_get_attr(report_el, "numbering");
    m->numbering = !(numbering && strcmp(numbering, "none") == 0);
    g_free(numbering);

    bind_params(m, report_el, params);
    for (xmlNodePtr n = report_el->children; n && !jb_merge_should_stop(m); n = n->next) {
        if (jb_merge_is_element(n, "page"))
            merge_page(m->doc, n);
        else if (jb_merge_is_element(n, "style"))
            merge_style(m, n);
        else if (jb_merge_is_element(n, "let"))
            jb_merge_let(m, n);
    }
    for (xmlNodePtr n = report_el->children; n && !jb_merge_should_stop(m); n = n->next) {
        if (jb_merge_is_element(n, "meta"))
            merge_meta(m, n);
        else if (jb_merge_is_element(n, "header"))
            merge_running(m, &m->doc->header, n);
        else if (jb_merge_is_element(n, "footer"))
            merge_running(m, &m->doc->footer, n);
    }
    jb_merge_conflicts_begin(m, report_el);
    for (xmlNodePtr n = report_el->children; n && !jb_merge_should_stop(m); n = n->next) {
        if (jb_merge_is_element(n, "cover")) {
            jb_merge_blocks(m, n, 0);
            m->doc->n_cover_blocks = m->doc->n_blocks;
        } else if (jb_merge_is_element(n, "body")) {
            jb_merge_blocks(m, n, 0);
        }
    }
    jb_merge_sources_finish(m);
    jb_merge_conflicts_end(m);

    jb_merge_vars_end(m);
    xmlResetError(&m->xpath->lastError);
    xmlXPathFreeContext(m->xpath);
    m->xpath = NULL;
    free(m->root);
    g_free(missing);
    jb_document_t *doc = m->doc;
    m->doc = NULL;
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
    return jb_template_merge_full(tpl, ds, params, NULL, NULL, err);
}

jb_document_t *
jb_template_merge_full(const jb_template_t *tpl, jb_dataset_t *ds, const jb_params_t *params,
                       jb_diag_fn diag, void *user, jb_error_t *err)
{
    merge_t m = {.tpl = tpl, .err = err, .diag = diag, .user = user};
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
