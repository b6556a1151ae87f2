/* What the files of the merge stage share: the merge state and the helpers
 * that evaluate bindings and report problems at template elements. Not
 * installed. */
#ifndef JIBAO_MERGE_PRIVATE_H
#define JIBAO_MERGE_PRIVATE_H

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "jibao/template.h"

#define MM (72.0 / 25.4)

/* Merge state: the first error, and where every later one goes. */
typedef struct {
    const jb_template_t *tpl;
    xmlXPathContextPtr xpath;
    jb_diag_fn diag;
    void *user;
    jb_error_t *err;
    int n_errors;
    int collect; /* keep going after an error (check) */
} merge_t;

/* Report a problem at a template node (NULL: the template as a whole): the
 * first goes to m->err, every one to m->diag. Returns status. */
jb_status_t jb_merge_report(merge_t *m, jb_status_t status, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* An attribute's value (g_free it), or NULL. */
char *jb_merge_get_attr(xmlNodePtr node, const char *name);

/* Whether n is an element of that name. */
int jb_merge_is_element(xmlNodePtr n, const char *name);

/* A schema-checked length (25mm, 2.5cm, 72pt, 1in) in points; fallback
 * when s is NULL. */
double jb_merge_parse_length(const char *s, double fallback);

/* Evaluate the XPath in attribute attr of node with ctx_node as context.
 * NULL (and the problem reported) when it does not compile or evaluate. */
xmlXPathObjectPtr jb_merge_eval_attr(merge_t *m, xmlNodePtr node, const char *attr,
                                     xmlNodePtr ctx_node);

/* Bind a <chart> element into block->chart (bind-chart.c). */
void jb_merge_chart(merge_t *m, jb_block_t *block, xmlNodePtr node);

#endif
