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
};

jb_dataset_t *
jb_dataset_new(void)
{
    jb_dataset_t *ds = g_new0(jb_dataset_t, 1);
    ds->doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(ds->doc, NULL, (const xmlChar *)"dataset", NULL);
    xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
    xmlDocSetRootElement(ds->doc, root);
    return ds;
}

void
jb_dataset_free(jb_dataset_t *ds)
{
    if (!ds)
        return;
    xmlFreeDoc(ds->doc);
    g_free(ds);
}

jb_status_t
jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err)
{
    xmlDocPtr doc = jb_xml_read_file(path, err);
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

    /* move the sources and facts under the combined root */
    xmlNodePtr root = xmlDocGetRootElement(ds->doc);
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlNodePtr copy = xmlDocCopyNode(n, ds->doc, 1);
        xmlAddChild(root, copy);
        if (xmlStrEqual(n->name, (const xmlChar *)"fact"))
            ds->n_facts++;
        else if (xmlStrEqual(n->name, (const xmlChar *)"source"))
            ds->n_sources++;
    }
out:
    xmlFreeDoc(doc);
    return status;
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

void
jb_dataset_count_added(jb_dataset_t *ds, size_t sources, size_t facts)
{
    ds->n_sources += sources;
    ds->n_facts += facts;
}
