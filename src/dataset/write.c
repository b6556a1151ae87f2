/* The dataset built and written: sources and facts added by extract, then
 * written as the dataset XML (contract 1), CSV (RFC 4180) or JSON. */
#include "dataset-private.h"

#include <glib.h>
#include <libxml/xmlsave.h>
#include <string.h>

const char *
jb_dataset_add_source(jb_dataset_t *ds, const char *file, const char *title, const char *encoding)
{
    xmlDocPtr doc = jb_dataset_get_xml(ds);
    size_t n = jb_dataset_get_source_count(ds) + 1;
    char id[32];
    snprintf(id, sizeof id, "s%zu", n);
    xmlNodePtr src = xmlNewDocNode(doc, NULL, (const xmlChar *)"source", NULL);
    xmlSetProp(src, (const xmlChar *)"id", (const xmlChar *)id);
    xmlSetProp(src, (const xmlChar *)"file", (const xmlChar *)file);
    if (title && *title)
        xmlSetProp(src, (const xmlChar *)"title", (const xmlChar *)title);
    if (encoding && *encoding)
        xmlSetProp(src, (const xmlChar *)"encoding", (const xmlChar *)encoding);
    jb_dataset_adopt(ds, src, NULL); /* keeps ids unique across loaded files */
    return (const char *)xmlHasProp(src, (const xmlChar *)"id")->children->content;
}

static void
set(xmlNodePtr n, const char *name, const char *value)
{
    if (value && *value)
        xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void
jb_dataset_add_fact(jb_dataset_t *ds, const char *source_id, const jb_fact_t *f)
{
    char buf[64];
    snprintf(buf, sizeof buf, "f%zu", jb_dataset_get_fact_count(ds) + 1);
    xmlNodePtr n = xmlNewDocNode(jb_dataset_get_xml(ds), NULL, (const xmlChar *)"fact", NULL);
    xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)buf);
    set(n, "source", source_id);
    snprintf(buf, sizeof buf, "%lld", (long long)f->offset);
    set(n, "offset", buf);
    xmlSetProp(n, (const xmlChar *)"entity", (const xmlChar *)f->entity);
    xmlSetProp(n, (const xmlChar *)"indicator", (const xmlChar *)f->indicator);
    set(n, "period", f->period);
    set(n, "kind", f->kind);
    set(n, "value", f->value);
    set(n, "unit", f->unit);
    set(n, "base", f->value_base);
    set(n, "qualifier", f->qualifier);
    set(n, "basis", f->basis);
    set(n, "upper", f->upper);
    g_ascii_formatd(buf, sizeof buf, "%.2f", f->confidence); /* never 0,85 */
    set(n, "confidence", buf);
    xmlNewTextChild(n, NULL, (const xmlChar *)"sentence", (const xmlChar *)f->sentence);
    jb_dataset_adopt(ds, n, NULL);
}

jb_status_t
jb_dataset_write_xml(jb_dataset_t *ds, FILE *out, jb_error_t *err)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT);
    jb_status_t status = JB_OK;
    if (!save || xmlSaveDoc(save, jb_dataset_get_xml(ds)) < 0) {
        if (save)
            xmlSaveClose(save);
        status = jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "cannot serialise the dataset");
        goto out;
    }
    xmlSaveClose(save);
    if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) !=
        (size_t)xmlBufferLength(buf))
        status = jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "write failed");
out:
    xmlBufferFree(buf);
    return status;
}

/* RFC 4180: quote a field holding a comma, quote, CR or LF; double quotes */
static void
csv_field(FILE *out, const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

void
jb_fact_write_csv_header(FILE *out)
{
    fputs("doc,entity,indicator,period,kind,value,unit,value_base,offset,sentence\r\n", out);
}

void
jb_fact_write_csv(FILE *out, const jb_fact_t *f)
{
    char off[32];
    snprintf(off, sizeof off, "%lld", (long long)f->offset);
    csv_field(out, f->doc, 0);
    csv_field(out, f->entity, 0);
    csv_field(out, f->indicator, 0);
    csv_field(out, f->period, 0);
    csv_field(out, f->kind, 0);
    csv_field(out, f->value, 0);
    csv_field(out, f->unit, 0);
    csv_field(out, f->value_base, 0);
    csv_field(out, off, 0);
    csv_field(out, f->sentence, 1);
}

static void
json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void
jb_fact_write_json_begin(FILE *out)
{
    fputs("[", out);
}

void
jb_fact_write_json(FILE *out, const jb_fact_t *f, int first)
{
    const char *keys[] = {"doc", "entity", "indicator", "period", "kind", "unit", "value_base",
                          "qualifier", "basis", "sentence"};
    const char *vals[] = {f->doc, f->entity, f->indicator, f->period, f->kind, f->unit,
                          f->value_base, f->qualifier, f->basis, f->sentence};
    fputs(first ? "\n  {" : ",\n  {", out);
    /* values are strings: a 400-digit number stays exact */
    fputs("\"value\": ", out);
    json_string(out, f->value);
    if (f->upper) {
        fputs(", \"upper\": ", out);
        json_string(out, f->upper);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        if (!vals[i] || (!*vals[i] && i >= 5))
            continue;
        fprintf(out, ", \"%s\": ", keys[i]);
        json_string(out, vals[i]);
    }
    fprintf(out, ", \"offset\": %lld, \"confidence\": %.2f}", (long long)f->offset, f->confidence);
}

void
jb_fact_write_json_end(FILE *out)
{
    fputs("\n]\n", out);
}
