/* An analyst's corrections: values that override extracted facts, each
 * keeping the original value and who corrected it, so provenance survives
 * into the briefing's sources appendix. */
#include <glib.h>
#include <string.h>

#include "../base/xml-private.h"
#include "dataset-private.h"
#include "jibao/fonts.h"

static gboolean
attr_equal(xmlNodePtr n, const char *name, const char *want)
{
    char *v = jb_xml_get_prop(n, name);
    gboolean same = g_strcmp0(v ? v : "", want ? want : "") == 0;
    g_free(v);
    return same;
}

/* The facts a <correct> element names. */
static GPtrArray *
find_facts(xmlNodePtr root, xmlNodePtr c)
{
    GPtrArray *found = g_ptr_array_new();
    char *id = jb_xml_get_prop(c, "fact");
    char *entity = jb_xml_get_prop(c, "entity"), *indicator = jb_xml_get_prop(c, "indicator");
    char *period = jb_xml_get_prop(c, "period"), *kind = jb_xml_get_prop(c, "kind");
    for (xmlNodePtr f = root->children; f; f = f->next) {
        if (f->type != XML_ELEMENT_NODE || !xmlStrEqual(f->name, (const xmlChar *)"fact"))
            continue;
        gboolean match = id ? attr_equal(f, "id", id)
                            : attr_equal(f, "entity", entity) &&
                                  attr_equal(f, "indicator", indicator) &&
                                  attr_equal(f, "period", period) && attr_equal(f, "kind", kind);
        if (match)
            g_ptr_array_add(found, f);
    }
    g_free(id);
    g_free(entity);
    g_free(indicator);
    g_free(period);
    g_free(kind);
    return found;
}

static void
mark_corrected(xmlNodePtr fact, const char *value, const char *by, const char *note)
{
    char *old = jb_xml_get_prop(fact, "value");
    /* a second correction keeps the first original value */
    if (old && !xmlHasProp(fact, (const xmlChar *)"original-value"))
        xmlSetProp(fact, (const xmlChar *)"original-value", (const xmlChar *)old);
    g_free(old);
    xmlSetProp(fact, (const xmlChar *)"value", (const xmlChar *)value);
    /* value_base no longer matches the value: drop it rather than lie */
    xmlUnsetProp(fact, (const xmlChar *)"base");
    xmlSetProp(fact, (const xmlChar *)"corrected-by", (const xmlChar *)(by ? by : "analyst"));
    if (note)
        xmlSetProp(fact, (const xmlChar *)"correction-note", (const xmlChar *)note);
}

jb_status_t
jb_dataset_load_corrections(jb_dataset_t *ds, const char *path, size_t *n_applied,
                            jb_error_t *err)
{
    if (n_applied)
        *n_applied = 0;
    xmlDocPtr doc = jb_xml_read_file(path, err);
    if (!doc)
        return err ? err->status : JB_ERR_SYNTAX;
    char *schema = g_build_filename(jb_get_data_dir(), "data", "corrections.rng", NULL);
    jb_status_t status = jb_xml_validate(doc, path, schema, NULL, NULL, err);
    g_free(schema);
    if (status == JB_ERR_SCHEMA && err)
        err->status = status = JB_ERR_DATA;
    if (status != JB_OK) {
        xmlFreeDoc(doc);
        return status;
    }

    /* check every correction before changing anything */
    xmlNodePtr root = xmlDocGetRootElement(jb_dataset_get_xml(ds));
    xmlNodePtr corrections = xmlDocGetRootElement(doc);
    char *default_by = jb_xml_get_prop(corrections, "by");
    for (xmlNodePtr c = corrections->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlHasProp(c, (const xmlChar *)"fact"))
            continue;
        GPtrArray *found = find_facts(root, c);
        if (found->len == 0) {
            char *id = jb_xml_get_prop(c, "fact");
            status = jb_error_set(err, JB_ERR_DATA, path, (unsigned)xmlGetLineNo(c),
                                  jb_xml_get_node_col(c, path), -1,
                                  "correction for fact '%s': no such fact in the datasets", id);
            g_free(id);
        }
        g_ptr_array_free(found, TRUE);
        if (status != JB_OK)
            goto out;
    }

    size_t applied = 0;
    for (xmlNodePtr c = corrections->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *value = jb_xml_get_prop(c, "value"), *by = jb_xml_get_prop(c, "by"), *note = jb_xml_get_prop(c, "note");
        const char *who = by ? by : default_by;
        GPtrArray *found = find_facts(root, c);
        for (guint i = 0; i < found->len; i++)
            mark_corrected(g_ptr_array_index(found, i), value, who, note);
        applied += found->len;
        if (found->len == 0) {
            /* a value the articles do not state: a fact of the analyst's own */
            xmlNodePtr fact = xmlNewDocNode(jb_dataset_get_xml(ds), NULL,
                                            (const xmlChar *)"fact", NULL);
            char *id = g_strdup_printf("k%zu", applied + 1);
            xmlSetProp(fact, (const xmlChar *)"id", (const xmlChar *)id);
            g_free(id);
            static const char *const copied[] = {"entity", "indicator", "period", "kind", "unit"};
            for (size_t k = 0; k < G_N_ELEMENTS(copied); k++) {
                char *v = jb_xml_get_prop(c, copied[k]);
                if (v)
                    xmlSetProp(fact, (const xmlChar *)copied[k], (const xmlChar *)v);
                g_free(v);
            }
            xmlSetProp(fact, (const xmlChar *)"value", (const xmlChar *)value);
            xmlSetProp(fact, (const xmlChar *)"corrected-by",
                       (const xmlChar *)(who ? who : "analyst"));
            if (note)
                xmlSetProp(fact, (const xmlChar *)"correction-note", (const xmlChar *)note);
            jb_dataset_adopt(ds, fact, NULL);
            applied++;
        }
        g_ptr_array_free(found, TRUE);
        g_free(value);
        g_free(by);
        g_free(note);
    }
    if (n_applied)
        *n_applied = applied;
out:
    g_free(default_by);
    xmlFreeDoc(doc);
    return status;
}
