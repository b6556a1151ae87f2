/* Extractive summaries of source sentences (merge stage); docs/summaries.md
 * gives the scoring. Not installed. */
#ifndef JIBAO_MERGE_SUMMARY_H
#define JIBAO_MERGE_SUMMARY_H

#include <stddef.h>

/* A candidate sentence (strings borrowed). */
typedef struct {
    const char *text;
    const char *source; /* source id: near-duplicates across sources drop */
    long offset;        /* where it stands in its article (earlier: more central) */
    int n_stats;        /* statistics it states (facts extracted from it) */
} jb_summary_sentence_t;

/* Choose sentences for a summary of at most budget characters: scored by
 * statistic density, centrality (TextRank over character-bigram
 * similarity) and position, picked greedily with a novelty penalty,
 * near-duplicates (bigram Jaccard >= 0.5) and exact repeats dropped. The
 * result does not depend on the order of the input. Writes the indices of
 * the chosen sentences to chosen (room for n) in reading order (sources in
 * order of first appearance, then offsets) and returns how many. */
size_t jb_summary_select(const jb_summary_sentence_t *s, size_t n, size_t budget, size_t *chosen);

#endif
