/* The sources appendix (<sources/>) and provenance links: after the whole
 * template is merged, every fact whose value the document prints gets an
 * entry (article, byte offset, sentence, corrections, conflicting values)
 * and every printed value a link to it. docs/internals/provenance.md. */
#include <glib.h>
#include <string.h>

#include "format.h"
#include "merge-private.h"

/* The destination name of a fact's entry: letters, digits and '-' only
 * (what output accepts); other characters of the id become '-'. */
static char *
fact_anchor(const char *id)
{
    char *a = g_strconcat("fact-", id, NULL);
    for (char *p = a + 5; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '-')
            *p = '-';
    return a;
}

static char *
prop(xmlNodePtr n, const char *name)
{
    return jb_merge_get_attr(n, name);
}

static gboolean
prop_equal(xmlNodePtr a, xmlNodePtr b, const char *name)
{
    char *x = prop(a, name), *y = prop(b, name);
    gboolean same = g_strcmp0(x ? x : "", y ? y : "") == 0;
    g_free(x);
    g_free(y);
    return same;
}

char *
jb_merge_statistic_key(xmlNodePtr f)
{
    char *e = prop(f, "entity"), *i = prop(f, "indicator"), *p = prop(f, "period"),
         *k = prop(f, "kind");
    char *key = g_strjoin("\x1f", e ? e : "", i ? i : "", p ? p : "", k ? k : "", NULL);
    g_free(e);
    g_free(i);
    g_free(p);
    g_free(k);
    return key;
}

GHashTable *
jb_merge_statistics_new(xmlNodePtr root)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (!jb_merge_is_element(n, "fact"))
            continue;
        char *key = jb_merge_statistic_key(n);
        GPtrArray *list = g_hash_table_lookup(h, key);
        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(h, g_strdup(key), list);
        }
        g_ptr_array_add(list, n);
        g_free(key);
    }
    return h;
}

/* ---- conflicts ---- */

typedef struct {
    xmlNodePtr fact, parent, prev; /* where it was */
} withheld_t;

static xmlNodePtr
find_sources(xmlNodePtr n)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (jb_merge_is_element(c, "sources"))
            return c;
        xmlNodePtr found = c->type == XML_ELEMENT_NODE ? find_sources(c) : NULL;
        if (found)
            return found;
    }
    return NULL;
}

/* Whether the facts of a statistic disagree. */
static gboolean
disagree(GPtrArray *same)
{
    for (guint k = 1; k < same->len; k++)
        if (!prop_equal(g_ptr_array_index(same, 0), g_ptr_array_index(same, k), "value"))
            return TRUE;
    return FALSE;
}

/* The fact a policy keeps among disagreeing ones, or NULL (none preferred).
 * latest: the fact of the source listed last in the dataset (sources are
 * listed in the order the articles were given), the last fact on a tie. */
static xmlNodePtr
winner(merge_t *m, GPtrArray *same, GHashTable *source_rank, char **prefer)
{
    xmlNodePtr best = NULL;
    if (m->conflict_policy == JB_CONFLICTS_LATEST) {
        int best_rank = -1;
        for (guint k = 0; k < same->len; k++) {
            xmlNodePtr f = g_ptr_array_index(same, k);
            char *src = prop(f, "source");
            int rank = src ? GPOINTER_TO_INT(g_hash_table_lookup(source_rank, src)) : 0;
            g_free(src);
            if (rank >= best_rank) {
                best_rank = rank;
                best = f;
            }
        }
        return best;
    }
    for (char **p = prefer; p && *p && !best; p++)
        for (guint k = 0; k < same->len && !best; k++) {
            char *src = prop(g_ptr_array_index(same, k), "source");
            if (g_strcmp0(src, g_strstrip(*p)) == 0)
                best = g_ptr_array_index(same, k);
            g_free(src);
        }
    return best;
}

void
jb_merge_conflicts_begin(merge_t *m, xmlNodePtr report_el)
{
    xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);
    m->stats = jb_merge_statistics_new(root);
    m->withheld = g_array_new(FALSE, FALSE, sizeof(withheld_t));
    xmlNodePtr node = find_sources(report_el);
    char *policy = node ? jb_merge_get_attr(node, "conflicts") : NULL;
    m->policy_node = node;
    m->conflict_policy = !policy                          ? JB_CONFLICTS_MARK
                         : strcmp(policy, "latest") == 0  ? JB_CONFLICTS_LATEST
                         : strcmp(policy, "prefer") == 0  ? JB_CONFLICTS_PREFER
                         : strcmp(policy, "error") == 0   ? JB_CONFLICTS_ERROR
                                                          : JB_CONFLICTS_MARK;
    g_free(policy);
    if (m->conflict_policy != JB_CONFLICTS_LATEST && m->conflict_policy != JB_CONFLICTS_PREFER)
        return;

    char *prefer_attr = jb_merge_get_attr(node, "prefer");
    char **prefer = prefer_attr ? g_strsplit(prefer_attr, ",", -1) : NULL;
    if (m->conflict_policy == JB_CONFLICTS_PREFER && !prefer)
        jb_merge_report(m, JB_ERR_SCHEMA, node,
                        "conflicts=\"prefer\" needs prefer=\"source id, …\"");
    GHashTable *source_rank = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rank = 0;
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        char *id = jb_merge_is_element(n, "source") ? prop(n, "id") : NULL;
        if (id)
            g_hash_table_insert(source_rank, id, GINT_TO_POINTER(++rank));
    }
    /* withhold the losers, in document order so they go back in order */
    GHashTable *losers = g_hash_table_new(NULL, NULL);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, m->stats);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        GPtrArray *same = value;
        if (same->len < 2 || !disagree(same))
            continue;
        xmlNodePtr keep = winner(m, same, source_rank, prefer);
        for (guint k = 0; keep && k < same->len; k++)
            if (g_ptr_array_index(same, k) != keep)
                g_hash_table_add(losers, g_ptr_array_index(same, k));
    }
    for (xmlNodePtr n = root ? root->children : NULL, next; n; n = next) {
        next = n->next;
        if (!g_hash_table_contains(losers, n))
            continue;
        withheld_t w = {n, n->parent, n->prev};
        g_array_append_val(m->withheld, w);
        xmlUnlinkNode(n);
    }
    g_hash_table_destroy(losers);
    g_hash_table_destroy(source_rank);
    g_strfreev(prefer);
    g_free(prefer_attr);
}

void
jb_merge_conflicts_end(merge_t *m)
{
    /* back in reverse order: each one's previous sibling is in place */
    for (guint i = m->withheld ? m->withheld->len : 0; i-- > 0;) {
        withheld_t *w = &g_array_index(m->withheld, withheld_t, i);
        if (w->prev)
            xmlAddNextSibling(w->prev, w->fact);
        else if (w->parent->children)
            xmlAddPrevSibling(w->parent->children, w->fact);
        else
            xmlAddChild(w->parent, w->fact);
    }
    if (m->withheld)
        g_array_free(m->withheld, TRUE);
    m->withheld = NULL;
    if (m->stats)
        g_hash_table_destroy(m->stats);
    m->stats = NULL;
}

void
jb_merge_sources(merge_t *m, xmlNodePtr node, unsigned line)
{
    if (m->sources_block) {
        jb_merge_report(m, JB_ERR_SCHEMA, node, "a report has one sources appendix");
        return;
    }
    jb_block_t *b = jb_document_add_block(m->doc, JB_BLOCK_TABLE, line);
    b->style = jb_merge_get_attr(node, "style");
    m->sources_block = m->doc->n_blocks; /* 1 + its index */
    m->sources_node = node;
}

/* Every fact id printed by the document, in reading order, once. */
static void
collect_text(const jb_text_t *t, GPtrArray *ids, GHashTable *seen)
{
    for (size_t i = 0; i < t->n_inlines; i++) {
        const char *id = t->inlines[i].fact_id;
        if (id && !g_hash_table_contains(seen, id)) {
            g_hash_table_add(seen, (gpointer)id);
            g_ptr_array_add(ids, (gpointer)id);
        }
    }
}

/* Mark the values of facts to review (in the set) with JB_INLINE_HIGHLIGHT. */
static void
review_cb(jb_text_t *t, void *user)
{
    GHashTable *review = user;
    for (size_t i = 0; i < t->n_inlines; i++)
        if (t->inlines[i].fact_id && g_hash_table_contains(review, t->inlines[i].fact_id))
            t->inlines[i].flags |= JB_INLINE_HIGHLIGHT;
}

static void
link_text(jb_text_t *t, GHashTable *anchors)
{
    for (size_t i = 0; i < t->n_inlines; i++) {
        const char *a = t->inlines[i].fact_id ? g_hash_table_lookup(anchors, t->inlines[i].fact_id)
                                              : NULL;
        if (a && !t->inlines[i].link)
            t->inlines[i].link = g_strdup(a);
    }
}

/* Apply fn to every text run of the document but the appendix. */
static void
for_each_text(jb_document_t *doc, size_t skip, void (*fn)(jb_text_t *, void *), void *user)
{
    for (size_t b = 0; b < doc->n_blocks; b++) {
        if (b + 1 == skip)
            continue;
        jb_block_t *blk = &doc->blocks[b];
        fn(&blk->text, user);
        if (blk->table)
            for (size_t r = 0; r < blk->table->n_rows; r++)
                for (size_t c = 0; c < blk->table->rows[r].n_cells; c++)
                    fn(&blk->table->rows[r].cells[c].text, user);
    }
}

typedef struct {
    GPtrArray *ids;
    GHashTable *seen;
} collect_t;

static void
collect_cb(jb_text_t *t, void *user)
{
    collect_t *c = user;
    collect_text(t, c->ids, c->seen);
}

static void
link_cb(jb_text_t *t, void *user)
{
    link_text(t, user);
}

/* "1702.3亿元", "1400余个": a fact's value as stated. */
static char *
stated_value(xmlNodePtr f, const char *attr_name)
{
    char *v = prop(f, attr_name), *unit = prop(f, "unit"), *q = prop(f, "qualifier");
    char *num = v ? jb_format_number(v, NULL, 0, NULL) : NULL;
    const char *n = num ? num : v ? v : "";
    gboolean after = q && (strcmp(q, "余") == 0 || strcmp(q, "多") == 0);
    char *out = after ? g_strconcat(n, q, unit ? unit : "", NULL)
                      : g_strconcat(q ? q : "", n, unit ? unit : "", NULL);
    g_free(num);
    g_free(v);
    g_free(unit);
    g_free(q);
    return out;
}

/* "sample.txt，第40字节" (or the source id when the dataset has no
 * <source> for it). */
static char *
where(xmlNodePtr f, GHashTable *sources)
{
    char *src = prop(f, "source"), *offset = prop(f, "offset");
    xmlNodePtr s = src ? g_hash_table_lookup(sources, src) : NULL;
    char *file = s ? prop(s, "file") : NULL;
    GString *out = g_string_new(file ? file : src ? src : "（未注明来源）");
    if (offset)
        g_string_append_printf(out, "，第%s字节", offset);
    g_free(file);
    g_free(src);
    g_free(offset);
    return g_string_free(out, FALSE);
}

static char *
sentence_of(xmlNodePtr f)
{
    for (xmlNodePtr c = f->children; c; c = c->next)
        if (jb_merge_is_element(c, "sentence")) {
            xmlChar *s = xmlNodeGetContent(c);
            char *out = g_strdup(s ? (const char *)s : "");
            xmlFree(s);
            return out;
        }
    return g_strdup("");
}

/* Report the conflicts among printed facts: warnings (jibao check shows
 * them), or errors under conflicts="error". */
static void
report_conflicts(merge_t *m, GPtrArray *ids, GHashTable *facts, GHashTable *sources)
{
    /* jibao check (collect mode) reports every conflict of the dataset;
       render those of the facts it prints */
    GPtrArray *todo = g_ptr_array_new();
    if (m->collect) {
        xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);
        for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
            if (jb_merge_is_element(n, "fact"))
                g_ptr_array_add(todo, n);
    } else {
        for (guint i = 0; i < ids->len; i++) {
            xmlNodePtr f = g_hash_table_lookup(facts, g_ptr_array_index(ids, i));
            if (f)
                g_ptr_array_add(todo, f);
        }
    }
    GHashTable *done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < todo->len; i++) {
        xmlNodePtr f = g_ptr_array_index(todo, i);
        char *key = jb_merge_statistic_key(f);
        GPtrArray *same = g_hash_table_lookup(m->stats, key);
        if (!same || !disagree(same) || g_hash_table_contains(done, key)) {
            g_free(key);
            continue;
        }
        g_hash_table_add(done, key);
        GString *msg = g_string_new(NULL);
        char *e = prop(f, "entity"), *ind = prop(f, "indicator"), *per = prop(f, "period");
        g_string_printf(msg, "conflicting sources for %s %s %s:", e ? e : "", ind ? ind : "",
                        per ? per : "");
        for (guint k = 0; k < same->len; k++) {
            xmlNodePtr o = g_ptr_array_index(same, k);
            char *v = stated_value(o, "value"), *w = where(o, sources), *id = prop(o, "id");
            g_string_append_printf(msg, "%s %s (%s, %s)", k ? ";" : "", v, id ? id : "", w);
            g_free(v);
            g_free(w);
            g_free(id);
        }
        const char *how = m->conflict_policy == JB_CONFLICTS_LATEST   ? "; the latest source's value is printed"
                          : m->conflict_policy == JB_CONFLICTS_PREFER ? "; the preferred source's value is printed"
                                                                      : "";
        if (m->conflict_policy == JB_CONFLICTS_ERROR)
            jb_merge_report(m, JB_ERR_DATA, m->policy_node, "%s (conflicts=\"error\")", msg->str);
        else
            jb_merge_warn(m, m->policy_node, "%s%s", msg->str, how);
        g_string_free(msg, TRUE);
        g_free(e);
        g_free(ind);
        g_free(per);
    }
    g_hash_table_destroy(done);
    g_ptr_array_free(todo, TRUE);
}

void
jb_merge_sources_finish(merge_t *m)
{
    if (m->n_errors)
        return;
    jb_document_t *doc = m->doc;
    xmlNodePtr root = xmlDocGetRootElement(m->xpath->doc);

    /* the dataset's facts and sources by id */
    GHashTable *facts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *sources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        char *id = jb_merge_is_element(n, "fact") || jb_merge_is_element(n, "source")
                       ? prop(n, "id")
                       : NULL;
        if (id)
            g_hash_table_insert(jb_merge_is_element(n, "fact") ? facts : sources, id, n);
    }

    GHashTable *stats = m->stats;

    /* the facts the document prints, in reading order */
    collect_t c = {g_ptr_array_new(), g_hash_table_new(g_str_hash, g_str_equal)};
    for_each_text(doc, m->sources_block, collect_cb, &c);
    report_conflicts(m, c.ids, facts, sources);
    if (!m->sources_block)
        goto out;

    xmlNodePtr node = m->sources_node;
    jb_block_t *b = &doc->blocks[m->sources_block - 1];
    jb_table_t *t = b->table = jb_table_new(5);
    t->caption = jb_merge_get_attr(node, "caption");
    t->note = jb_merge_get_attr(node, "note");
    if (!t->note)
        t->note = g_strdup("字节位置从 0 起算，指数字在原始文件中的位置。正文中的数值可点击跳转至此处对应条目。");
    static const char *const titles[] = {"序号", "数据", "数值", "出处", "原句"};
    static const double widths[] = {0.6, 1.5, 1.2, 2.0, 4.0};
    jb_row_t *head = jb_table_add_row(t, JB_ROW_HEADER);
    for (size_t k = 0; k < 5; k++) {
        t->col_widths[k] = widths[k];
        t->col_align[k] = k == 0 ? JB_ALIGN_CENTER : k == 1 ? JB_ALIGN_LEFT : k == 2 ? JB_ALIGN_RIGHT : JB_ALIGN_JUSTIFY;
        jb_text_add(&head->cells[k].text, titles[k], NULL, 0);
        head->cells[k].align = JB_ALIGN_CENTER;
    }

    /* a review build: values below a confidence are marked */
    char *review_attr = jb_merge_get_attr(node, "review-below");
    double review_below = review_attr ? g_ascii_strtod(review_attr, NULL) : -1;
    g_free(review_attr);
    GHashTable *review = g_hash_table_new(g_str_hash, g_str_equal);

    GHashTable *anchors = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    size_t number = 0;
    for (guint i = 0; i < c.ids->len; i++) {
        const char *id = g_ptr_array_index(c.ids, i);
        xmlNodePtr f = g_hash_table_lookup(facts, id);
        if (!f)
            continue;
        jb_row_t *row = jb_table_add_row(t, JB_ROW_BODY);
        row->anchor = fact_anchor(id);
        g_hash_table_insert(anchors, (gpointer)id, g_strdup(row->anchor));
        for (size_t k = 0; k < 5; k++)
            row->cells[k].align = t->col_align[k];

        char *num = g_strdup_printf("%zu", ++number);
        jb_text_add(&row->cells[0].text, num, NULL, 0);
        g_free(num);

        char *entity = prop(f, "entity"), *indicator = prop(f, "indicator");
        char *period = prop(f, "period"), *kind = prop(f, "kind"), *basis = prop(f, "basis");
        gboolean growth = g_strcmp0(kind, "growth") == 0;
        char *what = g_strdup_printf("%s%s%s%s%s", entity ? entity : "", indicator ? indicator : "",
                                     growth ? "（" : "", growth ? (basis ? basis : "增速") : "",
                                     growth ? "）" : "");
        jb_text_add(&row->cells[1].text, what, NULL, 0);
        if (period) { /* on a line of its own: a code breaks badly */
            jb_text_add(&row->cells[1].text, "", NULL, JB_INLINE_LINE_BREAK);
            jb_text_add(&row->cells[1].text, period, NULL, 0);
        }
        g_free(what);

        char *value = stated_value(f, "value");
        jb_text_add(&row->cells[2].text, value, NULL, 0);
        g_free(value);
        char *confidence = prop(f, "confidence");
        if (confidence && g_ascii_strtod(confidence, NULL) < review_below) {
            g_hash_table_add(review, (gpointer)id);
            char *mark = g_strdup_printf("（待核：置信度%s）", confidence);
            jb_text_add(&row->cells[2].text, mark, NULL, JB_INLINE_BOLD | JB_INLINE_HIGHLIGHT);
            g_free(mark);
        }
        g_free(confidence);

        char *w = where(f, sources);
        jb_text_add(&row->cells[3].text, w, NULL, 0);
        g_free(w);

        /* the sentence, then what the analyst changed and what other
         * sources say about the same statistic */
        char *sentence = sentence_of(f);
        jb_text_add(&row->cells[4].text, sentence, NULL, 0);
        g_free(sentence);
        if (xmlHasProp(f, (const xmlChar *)"original-value")) {
            char *orig = stated_value(f, "original-value");
            char *by = prop(f, "corrected-by"), *note = prop(f, "correction-note");
            char *mark = g_strdup_printf("〔分析员更正：原文为%s%s%s%s%s〕", orig,
                                         by ? "，更正人" : "", by ? by : "", note ? "，" : "",
                                         note ? note : "");
            jb_text_add(&row->cells[4].text, mark, NULL, JB_INLINE_BOLD);
            jb_text_add(&row->cells[2].text, "（更正）", NULL, JB_INLINE_BOLD);
            g_free(mark);
            g_free(orig);
            g_free(by);
            g_free(note);
        }
        char *key = jb_merge_statistic_key(f);
        GPtrArray *same = g_hash_table_lookup(stats, key);
        g_free(key);
        for (guint k = 0; same && k < same->len; k++) {
            xmlNodePtr o = g_ptr_array_index(same, k);
            if (o == f || prop_equal(o, f, "value"))
                continue;
            char *ov = stated_value(o, "value"), *ow = where(o, sources);
            const char *kept = m->conflict_policy == JB_CONFLICTS_LATEST   ? "，按最新来源采用本值"
                               : m->conflict_policy == JB_CONFLICTS_PREFER ? "，按优先来源采用本值"
                                                                           : "";
            char *mark = g_strdup_printf("〔冲突：%s为%s%s〕", ow, ov, kept);
            jb_text_add(&row->cells[4].text, mark, NULL, JB_INLINE_BOLD);
            if (!strstr(row->cells[2].text.inlines[row->cells[2].text.n_inlines - 1].text, "冲突"))
                jb_text_add(&row->cells[2].text, "（冲突）", NULL, JB_INLINE_BOLD);
            g_free(mark);
            g_free(ov);
            g_free(ow);
        }
        g_free(entity);
        g_free(indicator);
        g_free(period);
        g_free(kind);
        g_free(basis);
    }
    if (number == 0)
        jb_merge_warn(m, node, "the sources appendix is empty: the report prints no value "
                               "from the dataset");

    /* every printed value links to its entry */
    for_each_text(doc, m->sources_block, link_cb, anchors);
    for_each_text(doc, m->sources_block, review_cb, review);
    if (g_hash_table_size(review))
        jb_merge_warn(m, node, "review build: %u value(s) with a confidence below %g are marked",
                      g_hash_table_size(review), review_below);
    g_hash_table_destroy(review);
    g_hash_table_destroy(anchors);
out:
    g_hash_table_destroy(c.seen);
    g_ptr_array_free(c.ids, TRUE);
    g_hash_table_destroy(facts);
    g_hash_table_destroy(sources);
}
