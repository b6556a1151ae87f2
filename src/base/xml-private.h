/* Safe XML reading for every XML jibao is handed (templates, datasets,
 * chart specs, job files): no network, no DTD, no entity substitution, no
 * XInclude, a deny-all external entity loader, DOCTYPE refused. Not
 * installed. */
#ifndef JIBAO_XML_PRIVATE_H
#define JIBAO_XML_PRIVATE_H

#include <libxml/tree.h>

#include "jibao/error.h"

/* Set libxml2 up for jibao: deny-all entity loader, no messages printed.
 * Called by every function here; call it before any other libxml2 use. */
void jb_xml_init(void);

/* Parse path (or "-" for standard input) into a document. On a syntax error
 * or a DOCTYPE, returns NULL and fills err with the file, line and column
 * (status JB_ERR_SYNTAX), or JB_ERR_IO when the file cannot be read. The
 * caller frees the result with xmlFreeDoc. */
xmlDocPtr jb_xml_read_file(const char *path, jb_error_t *err);

/* Parse len bytes of XML; url names them in errors (and becomes the
 * document's URL). Same rules and errors as jb_xml_read_file. */
xmlDocPtr jb_xml_read_memory(const char *buf, size_t len, const char *url, jb_error_t *err);

/* Validate doc against the RELAX NG schema at schema_path. Every violation
 * goes to diag (may be NULL) with the file, line and column of the element;
 * returns JB_OK or JB_ERR_SCHEMA (err holds the first violation). */
jb_status_t jb_xml_validate(xmlDocPtr doc, const char *path, const char *schema_path,
                            jb_diag_fn diag, void *user, jb_error_t *err);

/* The value of attribute name of node as a new string (g_free), or NULL. */
char *jb_xml_get_prop(xmlNodePtr node, const char *name);

/* Column (1-based) of the start tag of node in the file it came from, found
 * by reading the source line; 1 when it cannot be found. */
unsigned jb_xml_get_node_col(xmlNodePtr node, const char *path);

#endif
