/* The dataset built and written: sources and facts added by extract, then
 * written as the dataset XML (contract 1), CSV (RFC 4180) or JSON. */
#include "dataset-private.h"

#include <glib.h>
#include <libxml/xmlsave.h>
#include <stdint.h>
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

/* A row of output gathered in a buffer on the stack and handed to stdio in
 * one fwrite, instead of a stdio call per field or per byte. A row longer
 * than the buffer (a very long sentence) is written in several pieces; the
 * bytes and their order are the same. */
typedef struct {
    FILE *out;
    size_t len;
    char buf[2048];
} row_t;

static void
row_flush(row_t *r)
{
    if (r->len)
        fwrite(r->buf, 1, r->len, r->out);
    r->len = 0;
}

static void
row_put(row_t *r, const char *s, size_t n)
{
    if (n > sizeof r->buf - r->len) {
        row_flush(r);
        if (n > sizeof r->buf) {
            fwrite(s, 1, n, r->out);
            return;
        }
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
}

static void
row_putc(row_t *r, char c)
{
    if (r->len == sizeof r->buf)
        row_flush(r);
    r->buf[r->len++] = c;
}

/* A signed integer in decimal, as printf's %lld writes it. */
static void
row_put_int(row_t *r, int64_t v)
{
    char digits[24];
    char *p = digits + sizeof digits;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    row_put(r, p, (size_t)(digits + sizeof digits - p));
}

/* RFC 4180: quote a field holding a comma, quote, CR or LF; double quotes.
 * One scan (strcspn) finds whether the field needs quoting and its length;
 * the usual field is then copied whole. */
static void
csv_field(row_t *r, const char *s, int last)
{
    s = s ? s : "";
    size_t n = strcspn(s, ",\"\r\n");
    if (!s[n]) {
        row_put(r, s, n);
    } else {
        row_putc(r, '"');
        for (const char *q; (q = strchr(s, '"')); s = q + 1) {
            row_put(r, s, (size_t)(q - s) + 1);
            row_putc(r, '"');
        }
        row_put(r, s, strlen(s));
        row_putc(r, '"');
    }
    if (last)
        row_put(r, "\r\n", 2);
    else
        row_putc(r, ',');
}

void
jb_fact_write_csv_header(FILE *out)
{
    fputs("doc,entity,indicator,period,kind,value,unit,value_base,offset,sentence\r\n", out);
}

void
jb_fact_write_csv(FILE *out, const jb_fact_t *f)
{
    row_t r;
    r.out = out;
    r.len = 0;
    csv_field(&r, f->doc, 0);
    csv_field(&r, f->entity, 0);
    csv_field(&r, f->indicator, 0);
    csv_field(&r, f->period, 0);
    csv_field(&r, f->kind, 0);
    csv_field(&r, f->value, 0);
    csv_field(&r, f->unit, 0);
    csv_field(&r, f->value_base, 0);
    row_put_int(&r, f->offset); /* digits and '-' never need quoting */
    row_putc(&r, ',');
    csv_field(&r, f->sentence, 1);
    row_flush(&r);
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
