/* Unit tests of extractive summaries: the budget is respected,
 * near-duplicates across articles are dropped, the choice is deterministic
 * and independent of input order, dense sentences win, reading order. */
#include <glib.h>

#include "../../src/merge/summary.h"
#include "tap.h"

static const jb_summary_sentence_t corpus[] = {
    {"前三季度，全市实现地区生产总值9508.2亿元，同比增长5.7%。", "a", 0, 2},
    {"其中，第三产业增加值6021.4亿元，同比增长6.3%。", "a", 80, 2},
    {"全市经济运行总体平稳、稳中有进。", "a", 160, 0},
    {"前三季度全市地区生产总值达9508.2亿元，同比增长5.7%。", "b", 0, 2},
    {"进出口总额1564.9亿元，同比增长9.8%，增速居全省前列。", "b", 60, 2},
    {"会议强调，要坚定信心，真抓实干。", "b", 140, 0},
    {"历城区地区生产总值969.8亿元，同比增长5.2%。", "c", 10, 2},
    {"历城区重点项目完成投资101.8亿元。", "c", 90, 1},
};
#define N G_N_ELEMENTS(corpus)

/* The chosen sentences joined with '|'. */
static char *
summarise(const jb_summary_sentence_t *s, size_t n, size_t budget, size_t *chars)
{
    size_t chosen[16];
    size_t k = jb_summary_select(s, n, budget, chosen);
    GString *out = g_string_new(NULL);
    *chars = 0;
    for (size_t i = 0; i < k; i++) {
        g_string_append_printf(out, "%s%s", i ? "|" : "", s[chosen[i]].text);
        *chars += g_utf8_strlen(s[chosen[i]].text, -1);
    }
    return g_string_free(out, FALSE);
}

static void
test_budget(void)
{
    int over = 0, empty_small = 1;
    for (size_t budget = 0; budget <= 300; budget += 5) {
        size_t chars;
        char *got = summarise(corpus, N, budget, &chars);
        over += chars > budget;
        if (budget < 17)
            empty_small &= *got == '\0';
        g_free(got);
    }
    is_int(over, 0, "no summary exceeds its budget (budgets 0 to 300)");
    ok(empty_small, "a budget below the shortest sentence gives nothing");
    size_t chars;
    char *got = summarise(corpus, N, 300, &chars);
    ok(chars > 100, "a generous budget is used (%zu characters)", chars);
    g_free(got);
}

static void
test_duplicates(void)
{
    size_t chars;
    char *got = summarise(corpus, N, 1000, &chars);
    int a = strstr(got, "全市实现地区生产总值9508.2亿元") != NULL;
    int b = strstr(got, "全市地区生产总值达9508.2亿元") != NULL;
    ok(a + b == 1, "of two articles saying the same, one sentence is kept");
    jb_summary_sentence_t twice[] = {corpus[0], corpus[0], corpus[1]};
    twice[1].source = "a";
    size_t chosen[4];
    is_int(jb_summary_select(twice, 3, 1000, chosen), 2, "an exact repeat counts once");
    g_free(got);
}

static void
test_deterministic(void)
{
    size_t c1, c2;
    char *one = summarise(corpus, N, 120, &c1);
    char *two = summarise(corpus, N, 120, &c2);
    is_str(two, one, "the same input gives the same summary");
    /* reversed and rotated input: the same sentences in the same order */
    jb_summary_sentence_t rev[N], rot[N];
    for (size_t i = 0; i < N; i++) {
        rev[i] = corpus[N - 1 - i];
        rot[i] = corpus[(i + 3) % N];
    }
    /* sources ranked by first appearance: keep a, b, c first in each */
    char *r = summarise(rev, N, 120, &c2);
    char *t = summarise(rot, N, 120, &c2);
    GStrv a = g_strsplit(one, "|", -1), b = g_strsplit(r, "|", -1), c = g_strsplit(t, "|", -1);
    int same = g_strv_length(a) == g_strv_length(b) && g_strv_length(a) == g_strv_length(c);
    for (guint i = 0; same && a[i]; i++)
        same = g_strv_contains((const char *const *)b, a[i]) &&
               g_strv_contains((const char *const *)c, a[i]);
    ok(same, "input order does not change which sentences are chosen");
    tap_diag("chosen", one);
    g_strfreev(a);
    g_strfreev(b);
    g_strfreev(c);
    g_free(r);
    g_free(t);
    g_free(one);
    g_free(two);
}

static void
test_informative(void)
{
    size_t chars;
    char *got = summarise(corpus, N, 120, &chars);
    ok(strstr(got, "会议强调") == NULL && strstr(got, "坚定信心") == NULL,
       "a sentence without statistics loses to those with");
    ok(strstr(got, "9508.2") != NULL, "the central, dense lead sentence is chosen");
    g_free(got);
    size_t chosen[N];
    size_t k = jb_summary_select(corpus, N, 1000, chosen);
    int ordered = k >= 3;
    for (size_t i = 1; i < k; i++) {
        const jb_summary_sentence_t *a = &corpus[chosen[i - 1]], *b = &corpus[chosen[i]];
        int c = strcmp(a->source, b->source); /* a, b, c: first appearance is alphabetical */
        ordered &= c < 0 || (c == 0 && a->offset < b->offset);
    }
    ok(ordered, "reading order: sources in order of appearance, then offsets (%zu chosen)", k);
}

int
main(void)
{
    test_budget();
    test_duplicates();
    test_deterministic();
    test_informative();
    return done_testing();
}
