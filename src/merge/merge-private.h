/* What the files of the merge stage share: the merge state and the helpers
 * that evaluate bindings and report problems at template elements. Not
 * installed. */
#ifndef JIBAO_MERGE_PRIVATE_H
#define JIBAO_MERGE_PRIVATE_H

#include <libxml/tree.h>
#include <glib.h>
#include <libxml/xpath.h>

#include "jibao/template.h"

#define MM (72.0 / 25.4)

/* Merge state: the document being built, the XPath context and the node
 * bindings are evaluated against, and where problems go. */
typedef struct {
    const jb_template_t *tpl;
    xmlXPathContextPtr xpath;
    xmlNodePtr ctx_node;  /* <dataset>, or the current for-each item */
    xmlNodePtr column;    /* the <column> of the table cell being bound */
    jb_document_t *doc;
    jb_diag_fn diag;
    void *user;
    jb_error_t *err;
    int n_errors;
    int collect;          /* keep going after an error (check) */
    int stopped;          /* a limit was hit: stop even when collecting */
    gint64 deadline;      /* g_get_monotonic_time() bound, 0 = none */
    double time_limit;    /* seconds, for the message */
    const jb_limits_t *limits; /* the template's */
    char *root;           /* real path of the folder includes must lie in */
    int include_depth;
    const char *missing;  /* placeholder for optional values */
    int numbering;        /* number section headings (一、 （一） 1. （1）) */
    int section_count[5]; /* per level, for numbers and anchors */
    GArray *vars;         /* saved variables for scoping, see bind.c */
    size_t sources_block; /* 1 + index of the sources appendix block, 0 = none */
    xmlNodePtr sources_node;
    /* conflicts (sources.c): the template's policy, the dataset's facts by
       statistic, and the facts a policy set aside for this merge */
    int conflict_policy;  /* JB_CONFLICTS_* */
    xmlNodePtr policy_node; /* the <sources> that chose it, or NULL */
    GHashTable *stats;
    GArray *withheld;
} merge_t;

enum { JB_CONFLICTS_MARK, JB_CONFLICTS_LATEST, JB_CONFLICTS_PREFER, JB_CONFLICTS_ERROR };

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

/* Report a warning (does not fail the merge). */
void jb_merge_warn(merge_t *m, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Whether the merge must stop now: an error outside check mode, or a limit. */
int jb_merge_should_stop(const merge_t *m);

/* Merge the blocks under parent into m->doc (bind.c). level is the
 * section depth. */
void jb_merge_blocks(merge_t *m, xmlNodePtr parent, int level);

/* Bind a <let>: the variable holds until its parent's scope ends (bind.c). */
void jb_merge_let(merge_t *m, xmlNodePtr node);

/* Set up and tear down the variable scopes of a merge (bind.c). */
void jb_merge_vars_begin(merge_t *m);
void jb_merge_vars_end(merge_t *m);

/* Merge inline content of node into text (bind.c). */
void jb_merge_inlines(merge_t *m, jb_text_t *text, xmlNodePtr node, unsigned flags);

/* Bind a <chart> element into block->chart (bind-chart.c). */
void jb_merge_chart(merge_t *m, jb_block_t *block, xmlNodePtr node);

/* A <sources/>: the appendix block, filled by jb_merge_sources_finish
 * once every block is merged (sources.c). */
void jb_merge_sources(merge_t *m, xmlNodePtr node, unsigned line);

/* Fill the sources appendix with the facts the document prints and link
 * every printed value to its entry. No-op without <sources/>. */
void jb_merge_sources_finish(merge_t *m);

/* Before the blocks are merged: read the conflict policy of the template's
 * <sources> and, for latest or prefer, withhold from the dataset the facts
 * that lose (so every selection sees one value per statistic). */
void jb_merge_conflicts_begin(merge_t *m, xmlNodePtr report_el);

/* After the merge: put withheld facts back where they were. */
void jb_merge_conflicts_end(merge_t *m);

/* The key of the statistic a fact states: entity, indicator, period and
 * kind (g_free it). Two facts of one key with different values conflict. */
char *jb_merge_statistic_key(xmlNodePtr fact);

/* The facts under root grouped by statistic key (key → GPtrArray of
 * xmlNodePtr, in document order); g_hash_table_destroy frees it. */
GHashTable *jb_merge_statistics_new(xmlNodePtr root);

#endif
