/* Safe XML reading and RELAX NG validation, shared by every stage that
 * reads XML. Templates and job files may come from strangers, so nothing
 * here fetches, expands or includes anything. */
#include "xml-private.h"
#include "util-private.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <limits.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

/* Refuse every external entity, DTD and schema include that libxml2 would
 * otherwise try to load on the document's behalf. */
static xmlParserInputPtr
deny_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

/* The library never prints: libxml2's messages that no context handler
 * catches are dropped here; the ones that matter reach jb_error_t. */
static void
drop_generic_error(void *user, const char *fmt, ...)
{
    (void)user;
    (void)fmt;
}

void
jb_xml_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_entity_loader);
    xmlSetGenericErrorFunc(NULL, drop_generic_error);
}

/* A DOCTYPE could declare entities (billion laughs, XXE): stop at once. */
static void
refuse_internal_subset(void *user, const xmlChar *name, const xmlChar *ext_id,
                       const xmlChar *sys_id)
{
    (void)name;
    (void)ext_id;
    (void)sys_id;
    xmlParserCtxtPtr ctxt = user;
    jb_error_t *err = ctxt->_private;
    if (err && err->status == JB_OK)
        jb_error_set(err, JB_ERR_SYNTAX, NULL, (unsigned)xmlSAX2GetLineNumber(ctxt),
                     (unsigned)xmlSAX2GetColumnNumber(ctxt), -1,
                     "DOCTYPE declarations are not allowed");
    xmlStopParser(ctxt);
}

static void copy_message(char *dst, size_t n, const char *msg);

/* libxml2 reports an error, then often more caused by the first: keep the
 * first, which points at the real mistake. */
static void
keep_first_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = user;
    jb_error_t *err = ctxt->_private;
    if (!err || err->status != JB_OK || e->level < XML_ERR_ERROR)
        return;
    jb_error_set(err, e->domain == XML_FROM_IO ? JB_ERR_IO : JB_ERR_SYNTAX, NULL,
                 (unsigned)e->line, (unsigned)e->int2, -1, "%s", "");
    copy_message(err->message, sizeof err->message, e->message);
}

/* libxml2 messages end with a newline; keep one line. */
static void
copy_message(char *dst, size_t n, const char *msg)
{
    snprintf(dst, n, "%s", msg ? msg : "malformed XML");
    size_t len = strlen(dst);
    while (len && (dst[len - 1] == '\n' || dst[len - 1] == ' '))
        dst[--len] = '\0';
    for (char *p = dst; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

xmlDocPtr
jb_xml_read_memory(const char *buf, size_t len, const char *url, jb_error_t *err)
{
    jb_xml_init();
    jb_error_t local;
    jb_error_clear(&local);
    if (len > INT_MAX) {
        jb_error_set(err, JB_ERR_LIMIT, url, 0, 0, -1, "XML file larger than 2 GiB");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        jb_error_set(err, JB_ERR_IO, url, 0, 0, -1, "cannot create an XML parser");
        return NULL;
    }
    ctxt->_private = &local;
    ctxt->sax->internalSubset = refuse_internal_subset;
    ctxt->sax->serror = keep_first_error;
    ctxt->sax->initialized = XML_SAX2_MAGIC;

    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, url, NULL, options);
    if (local.status != JB_OK) {
        snprintf(local.file, sizeof local.file, "%s", url);
        if (err)
            *err = local;
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc || !ctxt->wellFormed) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        if (e && e->domain != XML_FROM_IO) {
            jb_error_set(err, JB_ERR_SYNTAX, url, (unsigned)e->line, (unsigned)e->int2, -1, "%s",
                         "");
            if (err)
                copy_message(err->message, sizeof err->message, e->message);
        } else {
            jb_error_set(err, JB_ERR_SYNTAX, url, 0, 0, -1, "not an XML document");
        }
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* The file is read here, not by libxml2, so that libxml2's entity loader
 * (which refuses everything) is never asked for it. */
xmlDocPtr
jb_xml_read_file(const char *path, jb_error_t *err)
{
    const char *url = strcmp(path, "-") == 0 ? "<stdin>" : path;
    GError *gerr = NULL;
    char *buf = NULL;
    size_t len = 0;
    if (!jb_read_file(path, &buf, &len, &gerr)) {
        jb_error_set(err, JB_ERR_IO, url, 0, 0, -1, "cannot read: %s", gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    xmlDocPtr doc = jb_xml_read_memory(buf, len, url, err);
    g_free(buf);
    return doc;
}

char *
jb_xml_get_prop(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* How many elements named like node, on the same line, come before it in
 * document order. */
static int
same_line_before(xmlNodePtr node, long line)
{
    int count = 0;
    xmlNodePtr n = xmlDocGetRootElement(node->doc);
    while (n && n != node) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, node->name) &&
            xmlGetLineNo(n) == line)
            count++;
        /* next in document order */
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
        } else {
            while (n && !n->next && n != (xmlNodePtr)node->doc)
                n = n->parent;
            n = n ? n->next : NULL;
        }
    }
    return count;
}

unsigned
jb_xml_get_node_col(xmlNodePtr node, const char *path)
{
    long target = xmlGetLineNo(node);
    if (target <= 0 || !node->name || !path || strcmp(path, "-") == 0)
        return 1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    char line[8192];
    long lineno = 0;
    unsigned col = 1;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            lineno++;
        else if (!feof(f))
            continue; /* a very long line: keep reading it */
        else
            lineno++;
        if (lineno < target)
            continue;
        /* the k-th start tag of this name on the line, k counting the
           elements of that name and line before it in document order */
        char pat[256];
        snprintf(pat, sizeof pat, "<%s", (const char *)node->name);
        int want = same_line_before(node, target);
        const char *hit = NULL, *last = NULL;
        int k = 0;
        for (const char *p = strstr(line, pat); p; p = strstr(p + 1, pat)) {
            char next = p[strlen(pat)];
            if (next == ' ' || next == '>' || next == '/' || next == '\t' || next == '\n' ||
                next == '\r' || next == '\0') {
                last = p;
                if (k++ == want)
                    hit = p;
            }
        }
        if (!hit)
            hit = last; /* the tag starts on an earlier line: best guess */
        if (hit) {
            /* columns count characters, not bytes */
            col = 1;
            for (const char *p = line; p < hit; p++)
                if (((unsigned char)*p & 0xC0) != 0x80)
                    col++;
        }
        break;
    }
    fclose(f);
    return col;
}

typedef struct {
    const char *path;
    jb_diag_fn diag;
    void *user;
    jb_error_t *err;
    int count;
} validate_state_t;

static void
on_schema_error(void *user, xmlErrorPtr e)
{
    validate_state_t *st = user;
    jb_error_t d;
    jb_error_clear(&d);
    xmlNodePtr node = e->node;
    unsigned col = node ? jb_xml_get_node_col(node, st->path) : 1;
    unsigned line = (unsigned)e->line;
    if (!line && node)
        line = (unsigned)xmlGetLineNo(node);
    if (!line)
        return; /* a summary of errors reported with their place */
    jb_error_set(&d, JB_ERR_SCHEMA, st->path, line, col, -1, "%s", "");
    copy_message(d.message, sizeof d.message, e->message);
    if (st->count == 0 && st->err)
        *st->err = d;
    st->count++;
    if (st->diag)
        st->diag(&d, st->user);
}

jb_status_t
jb_xml_validate(xmlDocPtr doc, const char *path, const char *schema_path, jb_diag_fn diag,
                void *user, jb_error_t *err)
{
    jb_xml_init();
    jb_status_t status = JB_OK;
    xmlRelaxNGParserCtxtPtr pctxt = NULL;
    xmlRelaxNGPtr schema = NULL;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    char *buf = NULL;
    size_t len = 0;

    if (jb_read_file(schema_path, &buf, &len, NULL) && len < INT_MAX)
        pctxt = xmlRelaxNGNewMemParserCtxt(buf, (int)len);
    if (!pctxt || !(schema = xmlRelaxNGParse(pctxt))) {
        status = jb_error_set(err, JB_ERR_IO, schema_path, 0, 0, -1,
                              "cannot load the RELAX NG schema");
        goto out;
    }
    vctxt = xmlRelaxNGNewValidCtxt(schema);
    validate_state_t st = {path, diag, user, err, 0};
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &st);
    int rc = xmlRelaxNGValidateDoc(vctxt, doc);
    if (rc != 0) {
        status = JB_ERR_SCHEMA;
        if (st.count == 0)
            jb_error_set(err, JB_ERR_SCHEMA, path, 0, 0, -1, "does not follow the schema");
    }
out:
    xmlRelaxNGFreeValidCtxt(vctxt);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pctxt);
    g_free(buf);
    return status;
}
