/* Binding a <chart> element of a template: its attributes and, for each
 * <series>, the points selected from the dataset. The chart stage draws the
 * resulting jb_chart_spec_t. */
#include <glib.h>
#include <math.h>

#include "merge-private.h"

void
jb_merge_chart(merge_t *m, jb_block_t *block, xmlNodePtr node)
{
    char *type = jb_merge_get_attr(node, "type");
    jb_chart_spec_t *chart = block->chart = jb_chart_spec_new(type);
    g_free(type);
    chart->title = jb_merge_get_attr(node, "title");
    chart->unit = jb_merge_get_attr(node, "unit");
    chart->source = jb_merge_get_attr(node, "source");
    char *height = jb_merge_get_attr(node, "height");
    chart->height = jb_merge_parse_length(height, 0);
    g_free(height);

    xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);
    for (xmlNodePtr s = node->children; s; s = s->next) {
        if (!jb_merge_is_element(s, "series"))
            continue;
        char *name = jb_merge_get_attr(s, "name");
        jb_series_t *series = jb_chart_spec_add_series(chart, name);
        g_free(name);
        xmlXPathObjectPtr set = jb_merge_eval_attr(m, s, "select", root);
        if (!set)
            continue;
        if (set->type != XPATH_NODESET || !set->nodesetval || set->nodesetval->nodeNr == 0) {
            char *expr = jb_merge_get_attr(s, "select");
            jb_merge_report(m, set->type == XPATH_NODESET ? JB_ERR_DATA : JB_ERR_XPATH, s,
                   set->type == XPATH_NODESET ? "select=\"%s\" selects no facts"
                                              : "select=\"%s\" must select nodes",
                   expr);
            g_free(expr);
            xmlXPathFreeObject(set);
            continue;
        }
        for (int i = 0; i < set->nodesetval->nodeNr; i++) {
            xmlNodePtr point = set->nodesetval->nodeTab[i];
            xmlXPathObjectPtr label = jb_merge_eval_attr(m, s, "label", point);
            xmlXPathObjectPtr value = jb_merge_eval_attr(m, s, "value", point);
            if (label && value) {
                xmlChar *ls = xmlXPathCastToString(label);
                double v = xmlXPathCastToNumber(value);
                if (isnan(v) || isinf(v)) {
                    char *expr = jb_merge_get_attr(s, "value");
                    jb_merge_report(m, JB_ERR_DATA, s,
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
        xmlXPathFreeObject(set);
    }
}

