/* Extractive summaries: the most informative sentences of the source
 * articles within a budget of characters. Scores weigh statistic density,
 * centrality (TextRank over character-bigram Jaccard similarity) and
 * position; a greedy pick penalises similarity to what is already chosen
 * (novelty) and drops near-duplicates. Deterministic: candidates are put
 * in a canonical order first, and nothing depends on hashing or time. */
#include "summary.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DUPLICATE_SIMILARITY 0.5
#define DAMPING 0.85
#define ITERATIONS 40

typedef struct {
    size_t index; /* into the caller's array */
    const jb_summary_sentence_t *s;
    GArray *bigrams; /* sorted, unique, of guint64 */
    size_t length;   /* characters */
    double score;
    int source_rank; /* order of first appearance of its source */
    int position;    /* 0 = first sentence of its source */
} cand_t;

static gint
cmp_u64(gconstpointer a, gconstpointer b)
{
    guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
    return (x > y) - (x < y);
}

/* The character bigrams of a sentence, punctuation and spaces left out
 * (so 增长4.6% and 增长4.6％ compare alike in what matters). */
static GArray *
bigrams_of(const char *text, size_t *length)
{
    GArray *b = g_array_new(FALSE, FALSE, sizeof(guint64));
    gunichar prev = 0;
    *length = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        (*length)++;
        if (g_unichar_ispunct(c) || g_unichar_isspace(c)) {
            prev = 0;
            continue;
        }
        if (prev) {
            guint64 k = ((guint64)prev << 32) | c;
            g_array_append_val(b, k);
        }
        prev = c;
    }
    g_array_sort(b, cmp_u64);
    guint k = 0;
    for (guint i = 0; i < b->len; i++)
        if (k == 0 || g_array_index(b, guint64, i) != g_array_index(b, guint64, k - 1))
            g_array_index(b, guint64, k++) = g_array_index(b, guint64, i);
    g_array_set_size(b, k);
    return b;
}

static double
jaccard(const GArray *a, const GArray *b)
{
    guint i = 0, j = 0, both = 0;
    while (i < a->len && j < b->len) {
        guint64 x = g_array_index(a, guint64, i), y = g_array_index(b, guint64, j);
        if (x == y)
            both++, i++, j++;
        else if (x < y)
            i++;
        else
            j++;
    }
    guint either = a->len + b->len - both;
    return either ? (double)both / either : 0;
}

/* Canonical order: source id, offset, text. */
static gint
cmp_cand(gconstpointer pa, gconstpointer pb)
{
    const cand_t *a = pa, *b = pb;
    int c = g_strcmp0(a->s->source, b->s->source);
    if (c)
        return c;
    if (a->s->offset != b->s->offset)
        return a->s->offset < b->s->offset ? -1 : 1;
    c = g_strcmp0(a->s->text, b->s->text);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Reading order: sources as first met in the input, then offsets. */
static gint
cmp_reading(gconstpointer pa, gconstpointer pb)
{
    const cand_t *a = *(cand_t *const *)pa, *b = *(cand_t *const *)pb;
    if (a->source_rank != b->source_rank)
        return a->source_rank - b->source_rank;
    return cmp_cand(a, b);
}

size_t
jb_summary_select(const jb_summary_sentence_t *s, size_t n, size_t budget, size_t *chosen)
{
    if (n == 0 || budget == 0)
        return 0;
    cand_t *c = g_new0(cand_t, n);
    for (size_t i = 0; i < n; i++) {
        c[i].index = i;
        c[i].s = &s[i];
    }
    qsort(c, n, sizeof *c, cmp_cand);

    /* exact repeats (the same sentence quoted by several facts) are one */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && g_strcmp0(c[m - 1].s->text, c[i].s->text) == 0 &&
            g_strcmp0(c[m - 1].s->source, c[i].s->source) == 0)
            continue;
        c[m++] = c[i];
    }
    /* ranks: sources by first appearance in the input, positions by offset */
    GHashTable *rank = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
        if (s[i].source && !g_hash_table_contains(rank, s[i].source))
            g_hash_table_insert(rank, (gpointer)s[i].source,
                                GINT_TO_POINTER(g_hash_table_size(rank) + 1));
    for (size_t i = 0; i < m; i++) {
        c[i].bigrams = bigrams_of(c[i].s->text, &c[i].length);
        c[i].source_rank = c[i].s->source
                               ? GPOINTER_TO_INT(g_hash_table_lookup(rank, c[i].s->source))
                               : 0;
        c[i].position = i > 0 && g_strcmp0(c[i - 1].s->source, c[i].s->source) == 0
                            ? c[i - 1].position + 1
                            : 0;
    }
    g_hash_table_destroy(rank);

    /* centrality: TextRank over the similarity graph */
    double *sim = g_new0(double, m * m), *out_w = g_new0(double, m);
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++) {
            sim[i * m + j] = sim[j * m + i] = jaccard(c[i].bigrams, c[j].bigrams);
            out_w[i] += sim[i * m + j];
            out_w[j] += sim[i * m + j];
        }
    double *tr = g_new(double, m), *next = g_new(double, m);
    for (size_t i = 0; i < m; i++)
        tr[i] = 1.0;
    for (int it = 0; it < ITERATIONS; it++) {
        for (size_t i = 0; i < m; i++) {
            double sum = 0;
            for (size_t j = 0; j < m; j++)
                if (j != i && out_w[j] > 0)
                    sum += sim[j * m + i] / out_w[j] * tr[j];
            next[i] = (1 - DAMPING) + DAMPING * sum;
        }
        memcpy(tr, next, m * sizeof *tr);
    }
    double tr_max = 0, density_max = 0;
    for (size_t i = 0; i < m; i++) {
        tr_max = fmax(tr_max, tr[i]);
        density_max = fmax(density_max, c[i].length ? (double)c[i].s->n_stats / c[i].length : 0);
    }
    for (size_t i = 0; i < m; i++) {
        double density = c[i].length ? (double)c[i].s->n_stats / c[i].length : 0;
        c[i].score = 0.4 * (tr_max > 0 ? tr[i] / tr_max : 0) +
                     0.4 * (density_max > 0 ? density / density_max : 0) +
                     0.2 / (1 + c[i].position);
    }

    /* greedy pick: best score less a novelty penalty, within the budget;
       near-duplicates of a chosen sentence are out */
    gboolean *taken = g_new0(gboolean, m), *out = g_new0(gboolean, m);
    size_t used = 0, k = 0;
    cand_t **pick = g_new(cand_t *, m);
    for (;;) {
        size_t best = m;
        double best_value = -1e9;
        for (size_t i = 0; i < m; i++) {
            if (taken[i] || out[i] || used + c[i].length > budget)
                continue;
            double closest = 0;
            for (size_t j = 0; j < k; j++)
                closest = fmax(closest, sim[i * m + (size_t)(pick[j] - c)]);
            double value = c[i].score - 0.5 * closest;
            if (value > best_value + 1e-12) {
                best_value = value;
                best = i;
            }
        }
        if (best == m)
            break;
        taken[best] = TRUE;
        used += c[best].length;
        pick[k++] = &c[best];
        for (size_t i = 0; i < m; i++)
            if (!taken[i] && sim[best * m + i] >= DUPLICATE_SIMILARITY)
                out[i] = TRUE;
    }
    qsort(pick, k, sizeof *pick, cmp_reading);
    for (size_t i = 0; i < k; i++)
        chosen[i] = pick[i]->index;

    for (size_t i = 0; i < m; i++)
        g_array_free(c[i].bigrams, TRUE);
    g_free(pick);
    g_free(taken);
    g_free(out);
    g_free(tr);
    g_free(next);
    g_free(sim);
    g_free(out_w);
    g_free(c);
    return k;
}
