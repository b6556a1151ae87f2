/* Narration: Chinese sentences that describe a comparison of facts (merge
 * stage). docs/narration.md gives the rules; not installed. */
#ifndef JIBAO_MERGE_NARRATE_H
#define JIBAO_MERGE_NARRATE_H

#include <stddef.h>

#include "jibao/document.h"

/* One fact to compare, as plain strings (borrowed; NULL where absent). A
 * NULL or empty value is a missing value: named as 未公布, never guessed. */
typedef struct {
    const char *id;
    const char *entity;
    const char *indicator;
    const char *kind;      /* amount, count, growth, share, ratio, points, rank */
    const char *value;     /* a decimal as stated */
    const char *unit;
    const char *qualifier; /* 余, 多, 约, 近, 超过, 突破 … */
    const char *basis;     /* 同比, 环比 */
} jb_narrate_fact_t;

/* Append sentences comparing facts[0..n) to text. Every number printed is
 * a fact's value (its inline carries the fact's id) or is computed from
 * them exactly (differences, shares, ratios; no id). noun names the things
 * compared in counts (城区; NULL: 地区). The same facts in the same order
 * always give the same text.
 *
 * Returns 0, or -1 when the facts cannot be compared (mixed units, kinds
 * or indicators; two different values for one entity); *problem then says
 * why (g_free it) and text is unchanged. n == 0 appends nothing. */
int jb_narrate(const jb_narrate_fact_t *facts, size_t n, const char *noun, jb_text_t *text,
               char **problem);

#endif
