/* The dataset: facts and sources gathered from one or more dataset XML
 * files into one <dataset> document, which merge queries with XPath. */
#include "dataset-private.h"

#include <glib.h>
#include <string.h>

#include "../base/xml-private.h"
#include "jibao/fonts.h"

struct jb_dataset {
    xmlDocPtr doc;
    size_t n_facts;
    size_t n_sources;
    GHashTable *ids; /* every id in doc, to keep them unique across files */
};

jb_dataset_t *
jb_dataset_new(void)
{
    jb_dataset_t *ds = g_new0(jb_dataset_t, 1);
    ds->doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(ds->doc, NULL, (const xmlChar *)"dataset", NULL);
    xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
    xmlDocSetRootElement(ds->doc, root);
    ds->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return ds;
}

void
jb_dataset_free(jb_dataset_t *ds)
{
    if (!ds)
        return;
    xmlFreeDoc(ds->doc);
    g_hash_table_destroy(ds->ids);
    g_free(ds);
}

/* Give an element an id no other element of the dataset has: the one it
 * came with if free, else that id with a -2, -3, … suffix. Records the
 * rename so facts can follow their source. */
static void
unique_id(jb_dataset_t *ds, xmlNodePtr n, GHashTable *renames)
{
    xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
    if (!id)
        return;
    char *fresh = g_strdup((const char *)id);
    for (int k = 2; g_hash_table_contains(ds->ids, fresh); k++) {
        g_free(fresh);
        fresh = g_strdup_printf("%s-%d", (const char *)id, k);
    }
    if (strcmp(fresh, (const char *)id) != 0) {
        xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)fresh);
        if (renames)
            g_hash_table_insert(renames, g_strdup((const char *)id), g_strdup(fresh));
    }
    g_hash_table_add(ds->ids, fresh);
    xmlFree(id);
}

void
jb_dataset_adopt(jb_dataset_t *ds, xmlNodePtr n, GHashTable *renames)
{
    xmlNodePtr root = xmlDocGetRootElement(ds->doc);
    unique_id(ds, n, renames);
    if (xmlStrEqual(n->name, (const xmlChar *)"fact")) {
        xmlChar *src = xmlGetProp(n, (const xmlChar *)"source");
        const char *renamed = src && renames ? g_hash_table_lookup(renames, src) : NULL;
        if (renamed)
            xmlSetProp(n, (const xmlChar *)"source", (const xmlChar *)renamed);
        xmlFree(src);
        ds->n_facts++;
    } else if (xmlStrEqual(n->name, (const xmlChar *)"source")) {
        ds->n_sources++;
    }
    xmlAddChild(root, n);
}

/* Check a parsed dataset document against the schema and adopt its sources
 * and facts; doc is freed. */
static jb_status_t
add_document(jb_dataset_t *ds, xmlDocPtr doc, const char *path, jb_error_t *err)
{
    if (!doc)
        return err ? err->status : JB_ERR_SYNTAX;

    jb_status_t status = JB_OK;
    char *schema = g_build_filename(jb_get_data_dir(), "data", "dataset.rng", NULL);
    status = jb_xml_validate(doc, path, schema, NULL, NULL, err);
    g_free(schema);
    if (status == JB_ERR_SCHEMA) {
        if (err)
            err->status = status = JB_ERR_DATA;
        goto out;
    }
    if (status != JB_OK)
        goto out;

    /* sources first, so that facts can follow renamed source ids */
    GHashTable *renames = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    static const char *const order[] = {"source", "fact"};
    for (size_t pass = 0; pass < 2; pass++)
        for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
            if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)order[pass]))
                jb_dataset_adopt(ds, xmlDocCopyNode(n, ds->doc, 1), renames);
    g_hash_table_destroy(renames);
out:
    xmlFreeDoc(doc);
    return status;
}


jb_status_t
jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err)
{
    if (g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".CSV"))
        return jb_dataset_load_csv(ds, path, err);

    return add_document(ds, jb_xml_read_file(path, err), path, err);
}

jb_status_t
jb_dataset_load_memory(jb_dataset_t *ds, const char *buf, size_t len, const char *name,
                       jb_error_t *err)
{
    return add_document(ds, jb_xml_read_memory(buf, len, name, err), name, err);
}

size_t
jb_dataset_get_fact_count(const jb_dataset_t *ds)
{
    return ds->n_facts;
}

size_t
jb_dataset_get_source_count(const jb_dataset_t *ds)
{
    return ds->n_sources;
}

xmlDocPtr
jb_dataset_get_xml(jb_dataset_t *ds)
{
    return ds->doc;
}

