/* Extract: the dictionaries of data/ (units.tsv, indicators.tsv,
 * entities.tsv) loaded into tries with longest-match lookups. The
 * tables live in the data files only (STYLE.md: no copies in C). */
#include "extract-private.h"

#include <stdint.h>
#include <string.h>

#include "../base/util-private.h"

static void
set_bit(unsigned char *set, uint32_t cp)
{
    if (cp < 0x10000)
        set[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Is word one of the space-separated words of list? */
static int
is_listed(const char *list, const char *word)
{
    size_t l = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += l)
        if ((p == list || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
            return 1;
    return 0;
}

#define NO_NODE UINT32_MAX

static inline uint64_t
edge_key(uint32_t parent, uint32_t cp)
{
    return ((uint64_t)parent << 21 | cp) + 1;
}

static inline size_t
edge_slot(const jb_trie_t *t, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - t->edge_bits));
}

/* The child of node parent by character cp, or NO_NODE. */
static inline uint32_t
trie_child(const jb_trie_t *t, uint32_t parent, uint32_t cp)
{
    uint64_t key = edge_key(parent, cp);
    size_t mask = ((size_t)1 << t->edge_bits) - 1;
    for (size_t i = edge_slot(t, key);; i = (i + 1) & mask) {
        const jb_trie_edge_t *e = &t->edges[i];
        if (e->key == key)
            return e->child;
        if (!e->key)
            return NO_NODE;
    }
}

static void
trie_init(jb_trie_t *t, size_t max_edges)
{
    t->nodes = g_array_new(FALSE, FALSE, sizeof(jb_trie_node_t));
    t->classes = g_array_new(FALSE, FALSE, sizeof(jb_trie_class_t));
    jb_trie_node_t root = {NULL, NO_NODE};
    g_array_append_val(t->nodes, root);
    t->edge_bits = 4; /* at most half full */
    while (((size_t)1 << t->edge_bits) < max_edges * 2 + 2)
        t->edge_bits++;
    t->edges = g_new0(jb_trie_edge_t, (size_t)1 << t->edge_bits);
}

static void
trie_clear(jb_trie_t *t)
{
    if (t->nodes)
        g_array_free(t->nodes, TRUE);
    if (t->classes)
        g_array_free(t->classes, TRUE);
    g_free(t->edges);
    memset(t, 0, sizeof *t);
}

/* Add the word w of class cls, its characters cps[0..n) in walking order.
 * A word listed twice keeps its first line, for lookups without a class
 * and for each class. */
static void
trie_add(jb_trie_t *t, const gunichar *cps, size_t n, const char *cls, const jb_word_t *w)
{
    uint32_t node = 0;
    size_t mask = ((size_t)1 << t->edge_bits) - 1;
    for (size_t k = 0; k < n; k++) {
        uint32_t child = trie_child(t, node, cps[k]);
        if (child == NO_NODE) {
            jb_trie_node_t fresh = {NULL, NO_NODE};
            child = t->nodes->len;
            g_array_append_val(t->nodes, fresh);
            uint64_t key = edge_key(node, cps[k]);
            size_t i = edge_slot(t, key);
            while (t->edges[i].key)
                i = (i + 1) & mask;
            t->edges[i] = (jb_trie_edge_t){key, child};
        }
        node = child;
    }
    jb_trie_node_t *nd = &g_array_index(t->nodes, jb_trie_node_t, node);
    if (!nd->any)
        nd->any = w;
    uint32_t *link = &nd->classes;
    while (*link != NO_NODE) {
        jb_trie_class_t *c = &g_array_index(t->classes, jb_trie_class_t, *link);
        if (!strcmp(c->cls, cls))
            return;
        link = &c->next;
    }
    jb_trie_class_t entry = {cls, w, NO_NODE};
    *link = t->classes->len; /* before the append: link may point into nodes */
    g_array_append_val(t->classes, entry);
}

/* The word ending at node, of class cls (NULL: any). */
static inline const jb_word_t *
node_word(const jb_trie_t *t, uint32_t node, const char *cls)
{
    const jb_trie_node_t *nd = &g_array_index(t->nodes, jb_trie_node_t, node);
    if (!nd->any || !cls)
        return nd->any;
    for (uint32_t k = nd->classes; k != NO_NODE;) {
        const jb_trie_class_t *c = &g_array_index(t->classes, jb_trie_class_t, k);
        if (c->cls[0] == cls[0] && !strcmp(c->cls, cls))
            return c->word;
        k = c->next;
    }
    return NULL;
}

static void
word_free(gpointer p)
{
    jb_word_t *w = p;
    g_free(w->word);
    g_free(w->a);
    g_free(w->b);
    g_free(w);
}

jb_status_t
jb_dict_load(jb_dict_t *d, const char *path, int class_col, const char *only, jb_error_t *err)
{
    char *buf = NULL;
    size_t len = 0;
    GError *gerr = NULL;
    memset(d, 0, sizeof *d);
    d->all = g_ptr_array_new_with_free_func(word_free);
    if (!jb_read_file(path, &buf, &len, &gerr)) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "%s", gerr ? gerr->message : "cannot read");
        g_clear_error(&gerr);
        return JB_ERR_IO;
    }
    jb_status_t status = JB_OK;
    char **lines = g_strsplit(buf, "\n", -1);
    for (unsigned i = 0; lines[i]; i++) {
        char *l = lines[i];
        if (!*l || *l == '#')
            continue;
        char **cols = g_strsplit(l, "\t", 5);
        if (!cols[0] || !*cols[0] || !cols[1]) {
            status = jb_error_set(err, JB_ERR_DATA, path, i + 1, 1, -1,
                                  "expected tab-separated columns");
            g_strfreev(cols);
            break;
        }
        /* only the classes asked for */
        const char *cls = class_col == 2 ? (cols[2] ? cols[2] : "") : cols[1];
        if (only && !is_listed(only, cls)) {
            g_strfreev(cols);
            continue;
        }
        jb_word_t *w = g_new0(jb_word_t, 1);
        w->word = g_strdup(cols[0]);
        w->a = g_strdup(cols[1]);
        w->b = g_strdup(cols[2] ? cols[2] : "");
        w->n = cols[2] && cols[3] ? atoi(cols[3]) : 0;
        g_strfreev(cols);
        if (!g_utf8_validate(w->word, -1, NULL)) {
            status = jb_error_set(err, JB_ERR_DATA, path, i + 1, 1, -1, "not UTF-8");
            word_free(w);
            break;
        }
        g_ptr_array_add(d->all, w);
    }
    g_strfreev(lines);
    g_free(buf);
    /* the tries, from the words in file order */
    size_t cps_total = 0;
    for (guint k = 0; k < d->all->len; k++)
        cps_total += (size_t)g_utf8_strlen(((jb_word_t *)g_ptr_array_index(d->all, k))->word, -1);
    trie_init(&d->forward, cps_total);
    trie_init(&d->backward, cps_total);
    for (guint k = 0; k < d->all->len; k++) {
        const jb_word_t *w = g_ptr_array_index(d->all, k);
        glong n;
        gunichar *cps = g_utf8_to_ucs4_fast(w->word, -1, &n);
        const char *cls = class_col == 2 ? w->b : w->a;
        set_bit(d->starts, cps[0]);
        set_bit(d->ends, cps[n - 1]);
        trie_add(&d->forward, cps, (size_t)n, cls, w);
        for (glong a = 0, b = n - 1; a < b; a++, b--) {
            gunichar tmp = cps[a];
            cps[a] = cps[b];
            cps[b] = tmp;
        }
        trie_add(&d->backward, cps, (size_t)n, cls, w);
        d->first[(unsigned char)w->word[0]] = 1;
        d->last[(unsigned char)w->word[strlen(w->word) - 1]] = 1;
        g_free(cps);
    }
    return status;
}

void
jb_dict_clear(jb_dict_t *d)
{
    if (d->all)
        g_ptr_array_free(d->all, TRUE);
    trie_clear(&d->forward);
    trie_clear(&d->backward);
    memset(d, 0, sizeof *d);
}

/* The walks of the tries, inlined into each lookup so that the one-class
 * lookups are compiled for one class. */
G_ALWAYS_INLINE static inline int
walk_forward(const jb_dict_t *d, const char *s, size_t n, const char *const *cls, int k,
             const jb_word_t **found, size_t *lens)
{
    int count = 0;
    for (int c = 0; c < k; c++)
        found[c] = NULL;
    if (!n || !d->first[(unsigned char)s[0]] || !d->forward.edges)
        return 0;
    uint32_t node = 0;
    for (size_t i = 0, l; i < n;) {
        uint32_t cp = jb_cp_at(s, i, n, &l);
        if (!l || (node = trie_child(&d->forward, node, cp)) == NO_NODE)
            break;
        i += l;
        if (!g_array_index(d->forward.nodes, jb_trie_node_t, node).any)
            continue;
        for (int c = 0; c < k; c++) {
            const jb_word_t *w = node_word(&d->forward, node, cls[c]);
            if (w) {
                count += !found[c];
                found[c] = w;
                lens[c] = i;
            }
        }
    }
    return count;
}

G_ALWAYS_INLINE static inline int
walk_backward(const jb_dict_t *d, const char *s, size_t lo, size_t end, const char *const *cls, int k,
              const jb_word_t **found, size_t *lens)
{
    int count = 0;
    for (int c = 0; c < k; c++)
        found[c] = NULL;
    if (end <= lo || !d->last[(unsigned char)s[end - 1]] || !d->backward.edges)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    uint32_t node = 0;
    for (size_t i = end; i > lo;) {
        size_t b = i - 1, l;
        while (b > lo && (u[b] & 0xC0) == 0x80)
            b--;
        uint32_t cp = jb_cp_at(s, b, i, &l);
        if (!l || b + l != i || (node = trie_child(&d->backward, node, cp)) == NO_NODE)
            break;
        i = b;
        if (!g_array_index(d->backward.nodes, jb_trie_node_t, node).any)
            continue;
        for (int c = 0; c < k; c++) {
            const jb_word_t *w = node_word(&d->backward, node, cls[c]);
            if (w) {
                count += !found[c];
                found[c] = w;
                lens[c] = end - i;
            }
        }
    }
    return count;
}

int
jb_dict_match_classes(const jb_dict_t *d, const char *s, size_t n, const char *const *cls, int k,
                      const jb_word_t **found, size_t *lens)
{
    return walk_forward(d, s, n, cls, k, found, lens);
}

int
jb_dict_match_classes_before(const jb_dict_t *d, const char *s, size_t lo, size_t end,
                             const char *const *cls, int k, const jb_word_t **found, size_t *lens)
{
    return walk_backward(d, s, lo, end, cls, k, found, lens);
}

const jb_word_t *
jb_dict_match_at(const jb_dict_t *d, const char *s, size_t n, const char *cls, size_t *len)
{
    const jb_word_t *w;
    walk_forward(d, s, n, &cls, 1, &w, len);
    return w;
}

const jb_word_t *
jb_dict_match_before(const jb_dict_t *d, const char *s, size_t lo, size_t end, const char *cls,
                     size_t *len)
{
    const jb_word_t *w;
    walk_backward(d, s, lo, end, &cls, 1, &w, len);
    return w;
}
