/* Binding a <chart> element — inside a template, or the root of a
 * standalone chart spec file (jibao chart) — into a jb_chart_spec_t: its
 * attributes (kind, titles, order, top-N, theme) and, for each <series>,
 * the points written inline as <point label=".." value=".."/> or selected
 * from the dataset with XPath. The chart stage draws the result. */
#include <glib.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xml-private.h"
#include "../dataset/dataset-private.h"
#include "jibao/chart-spec.h"
#include "jibao/chart.h"
#include "jibao/fonts.h"
#include "merge-private.h"


/* Where binding problems go: the template's merge state, or (standalone
 * spec) the spec file's own path and error. */
typedef struct {
    merge_t *m;
    const char *path;
    jb_error_t *err;
    xmlXPathContextPtr xpath;
    int n_errors;
} binder_t;

static void __attribute__((format(printf, 4, 5)))
report(binder_t *b, jb_status_t status, xmlNodePtr node, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    b->n_errors++;
    if (b->m) {
        jb_merge_report(b->m, status, node, "%s", msg);
        return;
    }
    if (b->n_errors > 1 || !b->err)
        return;
    jb_error_set(b->err, status, b->path, node ? (unsigned)xmlGetLineNo(node) : 0,
                 node ? jb_xml_get_node_col(node, b->path) : 0, -1, "%s", msg);
}

static xmlXPathObjectPtr
eval(binder_t *b, xmlNodePtr node, const char *attr, xmlNodePtr ctx_node)
{
    if (b->m)
        return jb_merge_eval_attr(b->m, node, attr, ctx_node);
    char *expr = jb_merge_get_attr(node, attr);
    xmlXPathObjectPtr obj = NULL;
    if (!b->xpath) {
        report(b, JB_ERR_USAGE, node, "%s=\"%s\" selects from a dataset: give one with --data",
               attr, expr);
    } else {
        b->xpath->node = ctx_node;
        obj = xmlXPathEvalExpression((const xmlChar *)expr, b->xpath);
        if (!obj)
            report(b, JB_ERR_XPATH, node, "%s=\"%s\" does not compile or evaluate", attr, expr);
    }
    g_free(expr);
    return obj;
}

static int
attr_is(xmlNodePtr node, const char *name, const char *value)
{
    char *v = jb_merge_get_attr(node, name);
    int yes = v && strcmp(v, value) == 0;
    g_free(v);
    return yes;
}

/* Points written in the spec itself. */
static void
bind_inline(binder_t *b, jb_series_t *series, xmlNodePtr s)
{
    for (xmlNodePtr pt = s->children; pt; pt = pt->next) {
        if (!jb_merge_is_element(pt, "point"))
            continue;
        char *label = jb_merge_get_attr(pt, "label");
        char *value = jb_merge_get_attr(pt, "value");
        char *end = NULL;
        double v = value ? g_ascii_strtod(value, &end) : NAN;
        if (!value || end == value || *end || !isfinite(v))
            report(b, JB_ERR_DATA, pt, "value=\"%s\" of point '%s' in series '%s' is not a "
                   "finite number", value ? value : "", label ? label : "", series->name);
        else
            jb_series_add_point(series, label, v);
        g_free(label);
        g_free(value);
    }
}

/* Points selected from the dataset. */
static void
bind_select(binder_t *b, jb_series_t *series, xmlNodePtr s, xmlNodePtr root)
{
    xmlXPathObjectPtr set = eval(b, s, "select", root);
    if (!set)
        return;
    if (set->type != XPATH_NODESET || !set->nodesetval || set->nodesetval->nodeNr == 0) {
        char *expr = jb_merge_get_attr(s, "select");
        report(b, set->type == XPATH_NODESET ? JB_ERR_DATA : JB_ERR_XPATH, s,
               set->type == XPATH_NODESET ? "select=\"%s\" selects no facts"
                                          : "select=\"%s\" must select nodes",
               expr);
        g_free(expr);
        xmlXPathFreeObject(set);
        return;
    }
    /* $point is the selected node while its label and value are evaluated,
       so a value can aggregate over other facts of the same entity:
       value="sum(../fact[@entity=$point/@entity]/@value)" */
    xmlXPathContextPtr ctx = b->m ? b->m->xpath : b->xpath;
    xmlXPathObjectPtr saved = ctx ? xmlXPathVariableLookup(ctx, (const xmlChar *)"point") : NULL;
    for (int i = 0; i < set->nodesetval->nodeNr; i++) {
        xmlNodePtr point = set->nodesetval->nodeTab[i];
        if (ctx)
            xmlXPathRegisterVariable(ctx, (const xmlChar *)"point", xmlXPathNewNodeSet(point));
        xmlXPathObjectPtr label = eval(b, s, "label", point);
        xmlXPathObjectPtr value = eval(b, s, "value", point);
        if (label && value) {
            xmlChar *ls = xmlXPathCastToString(label);
            double v = xmlXPathCastToNumber(value);
            if (isnan(v) || isinf(v)) {
                char *expr = jb_merge_get_attr(s, "value");
                report(b, JB_ERR_DATA, s,
                       "value=\"%s\" is not a number for point %d (label '%s') of series '%s'",
                       expr, i + 1, (const char *)ls, series->name);
                g_free(expr);
            } else {
                jb_series_add_point(series, (const char *)ls, v);
            }
            xmlFree(ls);
        }
        xmlXPathFreeObject(label);
        xmlXPathFreeObject(value);
        if (!label || !value)
            break; /* the same expression fails for every point: say it once */
    }
    if (ctx)
        xmlXPathRegisterVariable(ctx, (const xmlChar *)"point", saved);
    xmlXPathFreeObject(set);
}

static jb_chart_spec_t *
bind(binder_t *b, xmlNodePtr node, xmlNodePtr root)
{
    char *type = jb_merge_get_attr(node, "type");
    jb_chart_spec_t *chart = jb_chart_spec_new(type);
    g_free(type);
    chart->title = jb_merge_get_attr(node, "title");
    chart->unit = jb_merge_get_attr(node, "unit");
    chart->source = jb_merge_get_attr(node, "source");
    chart->sort = jb_merge_get_attr(node, "sort");
    chart->periods = jb_merge_get_attr(node, "periods");
    chart->colors = jb_merge_get_attr(node, "colors");
    chart->font = jb_merge_get_attr(node, "font");
    char *s = jb_merge_get_attr(node, "height");
    chart->height = jb_merge_parse_length(s, 0);
    g_free(s);
    s = jb_merge_get_attr(node, "font-size");
    chart->font_size = jb_merge_parse_length(s, 0);
    g_free(s);
    s = jb_merge_get_attr(node, "top");
    chart->top = s ? atoi(s) : 0;
    g_free(s);
    if (attr_is(node, "value-labels", "off"))
        chart->value_labels = -1;

    for (xmlNodePtr sn = node->children; sn; sn = sn->next) {
        if (!jb_merge_is_element(sn, "series"))
            continue;
        char *name = jb_merge_get_attr(sn, "name");
        jb_series_t *series = jb_chart_spec_add_series(chart, name);
        g_free(name);
        series->kind = jb_merge_get_attr(sn, "kind");
        series->unit = jb_merge_get_attr(sn, "unit");
        series->right_axis = attr_is(sn, "axis", "right");
        if (xmlHasProp(sn, (const xmlChar *)"select"))
            bind_select(b, series, sn, root);
        else
            bind_inline(b, series, sn);
    }
    /* what the chart stage would refuse, said at the element */
    if (b->n_errors == 0) {
        jb_error_t e;
        jb_error_clear(&e);
        if (jb_chart_check(chart, &e) != JB_OK)
            report(b, e.status, node, "%s", e.message);
    }
    return chart;
}

/* The chart-points limit: all series of a chart together. Reported at the
 * chart element, through the merge (m) or into err for a chart spec file. */
static jb_status_t
check_points(const jb_chart_spec_t *chart, double limit, merge_t *m, xmlNodePtr node,
             const char *path, jb_error_t *err)
{
    if (!chart || limit <= 0)
        return JB_OK;
    size_t n = 0;
    for (size_t s = 0; s < chart->n_series; s++)
        n += chart->series[s].n;
    if ((double)n <= limit)
        return JB_OK;
    static const char fmt[] = "chart '%s': %zu points are more than the limit of %g "
                              "(limit chart-points; --limit chart-points=N)";
    const char *title = chart->title ? chart->title : "";
    if (m)
        return jb_merge_report(m, JB_ERR_LIMIT, node, fmt, title, n, limit);
    return jb_error_set(err, JB_ERR_LIMIT, path, (unsigned)xmlGetLineNo(node), 1, -1, fmt, title,
                        n, limit);
}

void
jb_merge_chart(merge_t *m, jb_block_t *block, xmlNodePtr node)
{
    binder_t b = {.m = m};
    /* inside for-each the current item is the context, as for values */
    block->chart = bind(&b, node, m->ctx_node);
    check_points(block->chart, m->limits->chart_points, m, node, NULL, NULL);
    char *fl = jb_merge_get_attr(node, "float");
    block->may_float = fl && strcmp(fl, "true") == 0;
    g_free(fl);
}

static void
silence(void *user, xmlErrorPtr e)
{
    (void)user;
    (void)e;
}

/* A chart spec follows the template schema, whose start pattern allows a
 * <chart> root; anything else (a report, a fragment) is refused here. */
static jb_status_t
validate_spec(xmlDocPtr doc, const char *path, jb_error_t *err)
{
    char *rng_path = g_build_filename(jb_get_data_dir(), "templates", "jibao.rng", NULL);
    jb_status_t st = jb_xml_validate(doc, path, rng_path, NULL, NULL, err);
    g_free(rng_path);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (st == JB_OK && !xmlStrEqual(root->name, (const xmlChar *)"chart"))
        st = jb_error_set(err, JB_ERR_SCHEMA, path, (unsigned)xmlGetLineNo(root), 1, -1,
                          "a chart spec has the root element <chart>, not <%s>",
                          (const char *)root->name);
    return st;
}

/* Validate and bind a parsed chart spec; frees doc. */
static jb_chart_spec_t *
load_doc(xmlDocPtr doc, const char *path, jb_dataset_t *ds, jb_error_t *err)
{
    binder_t b = {.path = path, .err = err};
    jb_chart_spec_t *chart = NULL;
    if (!doc)
        return NULL;
    if (validate_spec(doc, path, err) != JB_OK)
        goto out;
    xmlNodePtr root = NULL;
    jb_limits_t limits;
    jb_limits_init(&limits);
    if (ds) {
        b.xpath = xmlXPathNewContext(jb_dataset_get_xml(ds));
        b.xpath->opLimit = (unsigned long)limits.xpath_ops;
        b.xpath->error = silence;
        root = xmlDocGetRootElement(jb_dataset_get_xml(ds));
    }
    chart = bind(&b, xmlDocGetRootElement(doc), root);
    if (b.n_errors ||
        check_points(chart, limits.chart_points, NULL, xmlDocGetRootElement(doc), path, err)) {
        jb_chart_spec_free(chart);
        chart = NULL;
    }
out:
    if (b.xpath) {
        xmlResetError(&b.xpath->lastError);
        xmlXPathFreeContext(b.xpath);
    }
    xmlFreeDoc(doc);
    return chart;
}

jb_chart_spec_t *
jb_chart_spec_load_file(const char *path, jb_dataset_t *ds, jb_error_t *err)
{
    return load_doc(jb_xml_read_file(path, err), path, ds, err);
}

jb_chart_spec_t *
jb_chart_spec_load_memory(const char *buf, size_t len, const char *name, jb_dataset_t *ds,
                          jb_error_t *err)
{
    return load_doc(jb_xml_read_memory(buf, len, name, err), name, ds, err);
}
