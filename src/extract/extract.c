/* Extract: sentences of an ingested article → facts. For each sentence:
 * time expressions (periods), subjects (entities), numbers with their units
 * and qualifiers; then each number gets its indicator, entity and period,
 * and 分别-lists are paired (docs/internals/extraction.md). State carried
 * from sentence to sentence: the article's region, the current subject, the
 * last period and year. */
#include "../base/decimal-private.h"
#include "extract-private.h"

#include <string.h>

#include "jibao/extract.h"
#include "jibao/fonts.h"

struct jb_extractor {
    jb_dict_t units;      /* data/units.tsv: unit → kind, base, power of ten */
    jb_dict_t indicators; /* data/indicators.tsv: term → indicator, class */
    jb_dict_t entities;   /* data/entities.tsv: the words a text is scanned for */
    jb_dict_t checks;     /* data/entities.tsv: words only checked at a place
                             name (not, stop2) or a number (term, category) */
    /* the characters find_mentions stops at past the head of a clause:
     * clause marks, the first characters of entity words, 的 */
    unsigned char mention_chars[0x10000 / 8]; /* one bit each */
};

static void init_char_classes(void);
static int is_clause_mark(uint32_t c);

jb_extractor_t *
jb_extractor_new(const char *data_dir, jb_error_t *err)
{
    init_char_classes();
    jb_extractor_t *ex = g_new0(jb_extractor_t, 1);
    char *dir = data_dir ? g_strdup(data_dir) : g_build_filename(jb_get_data_dir(), "data", NULL);
    char *units = g_build_filename(dir, "units.tsv", NULL);
    char *ind = g_build_filename(dir, "indicators.tsv", NULL);
    char *ent = g_build_filename(dir, "entities.tsv", NULL);
    if (jb_dict_load(&ex->units, units, 1, NULL, err) != JB_OK ||
        jb_dict_load(&ex->indicators, ind, 2, NULL, err) != JB_OK ||
        jb_dict_load(&ex->entities, ent, 1, "suffix refer project name org", err) != JB_OK ||
        jb_dict_load(&ex->checks, ent, 1, "not stop2 term category", err) != JB_OK) {
        jb_extractor_free(ex);
        ex = NULL;
    }
    for (uint32_t c = 0; ex && c < 0x10000; c++)
        if (is_clause_mark(c) || (ex->entities.starts[c >> 3] >> (c & 7) & 1) || c == 0x7684)
            ex->mention_chars[c >> 3] |= (unsigned char)(1u << (c & 7));
    g_free(units);
    g_free(ind);
    g_free(ent);
    g_free(dir);
    return ex;
}

void
jb_extractor_free(jb_extractor_t *ex)
{
    if (!ex)
        return;
    jb_dict_clear(&ex->units);
    jb_dict_clear(&ex->indicators);
    jb_dict_clear(&ex->entities);
    jb_dict_clear(&ex->checks);
    g_free(ex);
}

/* How far back from a number its name, qualifiers and clause start are
 * looked for, in bytes (about 100 characters). */
#define WINDOW 300

/* The longest sentence quoted whole with a fact, in bytes. */
#define MAX_QUOTE 1200

/* ---- characters ---------------------------------------------------- */

/* the character ending at i (i > 0) */
static inline uint32_t
cp_before(const char *s, size_t i, size_t *len)
{
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t l;
    uint32_t c = jb_cp_at(s, j, i, &l);
    *len = i - j;
    return c;
}

/* Copy len bytes of s (not NUL-terminated: s points into the article)
 * into dst of size n, cut to fit. g_strlcpy would measure the whole rest
 * of the article. */
static void
copy_span(char *dst, size_t n, const char *s, size_t len)
{
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, s, len);
    dst[len] = 0;
}

static int
is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

/* the first two bytes are compared before strlen: most positions differ
 * there (the second byte of a Han character varies most) */
static inline int
has_prefix(const char *s, size_t i, size_t n, const char *w)
{
    if (!w[0])
        return i <= n;
    if (i >= n || s[i] != w[0] || (w[1] && (i + 1 >= n || s[i + 1] != w[1])))
        return 0;
    size_t l = strlen(w);
    return i + l <= n && memcmp(s + i, w, l) == 0;
}

/* compared from the last byte: most words differ there (the last byte of
 * a Han character varies most) */
static inline int
has_suffix(const char *s, size_t lo, size_t end, const char *w)
{
    size_t l = 0;
    while (w[l])
        l++;
    if (end < lo + l)
        return 0;
    const char *t = s + end - l;
    for (size_t i = l; i-- > 0;)
        if (t[i] != w[i])
            return 0;
    return 1;
}

/* A word of a fixed list, with its length, so that a list is tried
 * without measuring its words: the last byte first (the last byte of a Han
 * character varies most), then the rest. */
typedef struct {
    const char *w;
    size_t len;
} lit_t;
#define LIT(x) {x, sizeof(x) - 1}

static inline int
lit_prefix(const char *s, size_t i, size_t n, const lit_t *w)
{
    return i <= n && n - i >= w->len && s[i + w->len - 1] == w->w[w->len - 1] &&
           memcmp(s + i, w->w, w->len - 1) == 0;
}

static inline int
lit_suffix(const char *s, size_t lo, size_t end, const lit_t *w)
{
    return end >= lo + w->len && s[end - 1] == w->w[w->len - 1] &&
           memcmp(s + end - w->len, w->w, w->len - 1) == 0;
}

/* What the scans of a sentence look for, one byte per character of the
 * BMP, so that a scan tests a character once instead of comparing it with
 * lists. */
enum {
    CH_CLAUSE = 1,  /* clause separators: ，；：, ; : and the sentence's end marks */
    CH_NUMERAL = 2, /* Chinese numerals 零〇一二两三四五六七八九十百千万亿 */
    CH_TIMEX = 4,   /* may start a time expression: digits, numerals, 今去前第上下全 */
    CH_HEAD = 8,    /* may be passed over at the head of a clause: the first
                     * character of a filler word, a space, a comma, quotes */
    CH_NAME_END = 16, /* ends a project name read at the head of a clause:
                       * clause separators, 、 and digits */
    CH_DIGIT = 32,    /* 0-9 */
    CH_QUOTE = 64,    /* “ ” */
};

static unsigned char char_class[0x10000];
/* one bit per character: has it a class at all? The scans read this 8 KB
 * bitmap for every character and the 64 KB table only for the few
 * characters that have a class, which keeps them in the cache. */
static unsigned char char_any[0x10000 / 8];

/* Words that may stand between the start of a clause and its subject. */
static const lit_t head_fillers[] = {LIT("其中"), LIT("目前"), LIT("同时"), LIT("此外"), LIT("另外"), LIT("今年以来"), LIT("今年"),
                                           LIT("去年"), LIT("近年来"), LIT("以来"), LIT("截至"), LIT("年底"), LIT("年末"), LIT("年初"),
                                           LIT("期间"), LIT("当前"), LIT("而"), LIT("在"), LIT("据悉"), LIT("届时"), LIT("未来")};

static void
mark_chars(const char *chars, unsigned char bit)
{
    for (const char *p = chars; *p; p = g_utf8_next_char(p))
        char_class[g_utf8_get_char(p)] |= bit;
}

static void
init_char_classes(void)
{
    static gsize ready;
    if (!g_once_init_enter(&ready))
        return;
    mark_chars("，；：,;:。！？!?", CH_CLAUSE);
    mark_chars("，；：,;:。！？!?、0123456789", CH_NAME_END);
    mark_chars("零〇一二两三四五六七八九十百千万亿", CH_NUMERAL);
    mark_chars("零〇一二两三四五六七八九十百千万亿0123456789今去前第上下全", CH_TIMEX);
    mark_chars(" ，,\u201C\u201D", CH_HEAD);
    mark_chars("0123456789", CH_DIGIT);
    mark_chars("\u201C\u201D", CH_QUOTE);
    for (size_t k = 0; k < G_N_ELEMENTS(head_fillers); k++)
        char_class[g_utf8_get_char(head_fillers[k].w)] |= CH_HEAD;
    for (uint32_t c = 0; c < 0x10000; c++)
        if (char_class[c])
            char_any[c >> 3] |= (unsigned char)(1u << (c & 7));
    g_once_init_leave(&ready, 1);
}

static inline unsigned
ch_class(uint32_t c)
{
    return c < 0x10000 && (char_any[c >> 3] >> (c & 7) & 1) ? char_class[c] : 0;
}

static inline int
is_clause_mark(uint32_t c)
{
    return ch_class(c) & CH_CLAUSE;
}

static inline int
is_cn_numeral(uint32_t c)
{
    return ch_class(c) & CH_NUMERAL;
}


/* The first w (UTF-8, wl >= 2 bytes) in s[0..n): found by its last byte
 * with memchr, which for the short words looked for here is several times
 * faster than memmem. */
static const char *
find_word(const char *s, size_t n, const char *w, size_t wl)
{
    const unsigned char last = (unsigned char)w[wl - 1];
    for (size_t i = wl - 1; i < n;) {
        const char *q = memchr(s + i, last, n - i);
        if (!q)
            return NULL;
        size_t e = (size_t)(q - s);
        if (memcmp(s + e + 1 - wl, w, wl - 1) == 0)
            return s + e + 1 - wl;
        i = e + 1;
    }
    return NULL;
}

/* ---- periods ------------------------------------------------------- */

typedef struct {
    size_t start, end;
    char period[32];
    int year; /* the year it names, or 0 */
    int carry; /* in force for later sentences */
} timex_t;

/* Read a small number (Arabic or Chinese, 1–99) at i. */
static int
small_number(const char *s, size_t i, size_t n, size_t *len)
{
    if (i < n && g_ascii_isdigit(s[i])) {
        int v = 0;
        size_t j = i;
        while (j < n && g_ascii_isdigit(s[j]) && v < 1000)
            v = v * 10 + (s[j++] - '0');
        *len = j - i;
        return v;
    }
    jb_number_t num;
    if (jb_number_read_chinese(s + i, n - i, &num) && !strchr(num.digits, '.')) {
        *len = num.len;
        return atoi(num.digits);
    }
    return -1;
}

/* One time expression at i, or 0. year is the year in force (0 unknown). */
static int
read_timex(const char *s, size_t i, size_t n, int year, int article_year, timex_t *t)
{
    size_t j = i, l;
    int y = 0;
    t->start = i;
    t->year = 0;
    t->period[0] = 0;
    /* 今年, 去年: relative to the article's own year, when it has one */
    if (has_prefix(s, i, n, "今年") || has_prefix(s, i, n, "去年")) {
        if (has_prefix(s, i, n, "今年以来") && !article_year) {
            t->end = i + strlen("今年以来");
            return 1;
        }
        j = i + strlen("今年");
        if (article_year) {
            y = year = article_year - (s[i + 1] == "去"[1] && s[i + 2] == "去"[2] ? 1 : 0);
            t->year = y;
            snprintf(t->period, sizeof t->period, "%d", y);
        }
        if (has_prefix(s, j, n, "全年"))
            j += strlen("全年");
        else if (has_prefix(s, j, n, "以来"))
            j += strlen("以来");
    }
    /* 2023年 */
    if (!y && i + 4 < n && g_ascii_isdigit(s[i]) && g_ascii_isdigit(s[i + 1]) &&
        g_ascii_isdigit(s[i + 2]) && g_ascii_isdigit(s[i + 3]) && has_prefix(s, i + 4, n, "年") &&
        (i == 0 || !g_ascii_isdigit(s[i - 1]))) {
        y = atoi(s + i) / 1; /* atoi stops at 年 */
        if (y < 1900 || y > 2100)
            return 0;
        j = i + 4 + strlen("年");
        year = y;
        t->year = y;
        snprintf(t->period, sizeof t->period, "%d", y);
        if (has_prefix(s, j, n, "度"))
            j += strlen("度");
    }
    /* 二〇二三年: a year in Chinese digits */
    jb_number_t cy;
    if (!y && (unsigned char)s[i] >= 0x80 && jb_number_read_chinese(s + i, n - i, &cy) &&
        strlen(cy.digits) == 4 && cy.len >= 12 && has_prefix(s, i + cy.len, n, "年")) {
        y = atoi(cy.digits);
        if (y < 1900 || y > 2100)
            return 0;
        j = i + cy.len + strlen("年");
        year = y;
        t->year = y;
        snprintf(t->period, sizeof t->period, "%d", y);
    }
    /* what follows a year, or stands alone */
    size_t k = j;
    if (has_prefix(s, k, n, "第"))
        k += strlen("第");
    int q;
    if (has_prefix(s, k, n, "前三季度")) {
        k += strlen("前三季度");
        if (year)
            snprintf(t->period, sizeof t->period, "%dQ1-Q3", year);
        j = k;
    } else if ((q = small_number(s, k, n, &l)) >= 1 && q <= 4 && has_prefix(s, k + l, n, "季度")) {
        k += l + strlen("季度");
        if (year)
            snprintf(t->period, sizeof t->period, "%dQ%d", year, q);
        j = k;
    } else if (has_prefix(s, j, n, "上半年") || has_prefix(s, j, n, "下半年")) {
        if (year)
            snprintf(t->period, sizeof t->period, "%dH%d", year, s[j + 1] == "上"[1] && s[j + 2] == "上"[2] ? 1 : 2);
        j += strlen("上半年");
    } else if (has_prefix(s, j, n, "前") && (q = small_number(s, j + 3, n, &l)) >= 1 && q <= 12 &&
               has_prefix(s, j + 3 + l, n, "个月")) {
        if (year)
            snprintf(t->period, sizeof t->period, "%dM01-M%02d", year, q);
        j += 3 + l + strlen("个月");
    } else if ((q = small_number(s, j, n, &l)) >= 1 && q <= 12) {
        /* 1-10月, 1—10月份, 1至10月; M月D日 is a date */
        size_t m = j + l, sl;
        uint32_t sep = jb_cp_at(s, m, n, &sl);
        int q2;
        size_t l2;
        if ((sep == '-' || sep == 0x2014 || sep == 0x2013 || sep == '~' || sep == 0x81F3 ||
             sep == 0xFF5E) &&
            (q2 = small_number(s, m + sl, n, &l2)) > q && q2 <= 12 &&
            has_prefix(s, m + sl + l2, n, "月")) {
            if (year)
                snprintf(t->period, sizeof t->period, "%dM%02d-M%02d", year, q, q2);
            j = m + sl + l2 + strlen("月");
            if (has_prefix(s, j, n, "份"))
                j += strlen("份");
        } else if (has_prefix(s, m, n, "月") && !has_prefix(s, m, n, "月份") && y) {
            /* 2023年12月28日: a date; its period is the year */
            j = m + strlen("月");
            size_t l3;
            if (small_number(s, j, n, &l3) > 0 && (has_prefix(s, j + l3, n, "日") || has_prefix(s, j + l3, n, "号")))
                j += l3 + 3;
        } else if (has_prefix(s, m, n, "月份") && y) {
            /* 2024年4月份投产: a date; its period is the year */
            j = m + strlen("月份");
        } else if (has_prefix(s, m, n, "月") && !y) {
            /* 9月, 1月2日 without a year: a date, no period */
            j = m + strlen("月");
            size_t l3;
            if (small_number(s, j, n, &l3) > 0 && (has_prefix(s, j + l3, n, "日") || has_prefix(s, j + l3, n, "号")))
                j += l3 + 3;
            t->end = j;
            return 1;
        }
    } else if (has_prefix(s, j, n, "全年") && year) {
        snprintf(t->period, sizeof t->period, "%d", year);
        j += strlen("全年");
    }
    if (j == i)
        return 0;
    t->end = j;
    return 1;
}

/* Can a time expression start at p, with character c? A look at what
 * follows, before read_timex does the work: a number must be followed by
 * 年, 季(度), 月 or a range sign (four digits by 年), 前 and 第 by a number,
 * 今 去 全 by 年, 上 下 by 半年. Never false where read_timex would read one. */
static int
timex_possible(const char *s, size_t p, size_t b, uint32_t c)
{
    size_t q = p, l;
    if (c < 0x80) {
        if (has_prefix(s, p + 4, b, "年"))
            return 1;
        int v = 0; /* as small_number reads it */
        while (q < b && g_ascii_isdigit(s[q]) && v < 1000)
            v = v * 10 + (s[q++] - '0');
        if (v < 1 || v > 12)
            return 0;
    } else if (is_cn_numeral(c)) {
        /* the numeral run, 点 included: a number read in it ends where it
         * ends, or is followed by another numeral */
        uint32_t d;
        while (q < b && (is_cn_numeral(d = jb_cp_at(s, q, b, &l)) || d == 0x70B9))
            q += l;
    } else if (c == 0x524D || c == 0x7B2C) { /* 前, 第 */
        uint32_t d = jb_cp_at(s, p + 3, b, &l);
        return is_cn_numeral(d) || (d < 0x80 && g_ascii_isdigit((int)d)) || d == 0x524D;
    } else if (c == 0x4E0A || c == 0x4E0B) { /* 上, 下 */
        return has_prefix(s, p + 3, b, "半年");
    } else { /* 今, 去, 全 */
        return has_prefix(s, p + 3, b, "年");
    }
    uint32_t d = jb_cp_at(s, q, b, &l);
    return d == 0x5E74 || d == 0x5B63 || d == 0x6708 || d == '-' || d == 0x2014 || d == 0x2013 ||
           d == '~' || d == 0x81F3 || d == 0xFF5E; /* 年 季 月 - — – ~ 至 ～ */
}

static int at_clause_head(const char *s, size_t a, size_t b, const GArray *timex);

/* replace the g_malloc'ed string p by p + suffix */
#define SWAP_IN_CONCAT(p, suffix)                                                                  \
    do {                                                                                           \
        char *old_ = (p);                                                                          \
        (p) = g_strconcat(old_, (suffix), NULL);                                                   \
        g_free(old_);                                                                              \
    } while (0)

/* ---- facts under construction ---------------------------------------- */

typedef struct {
    size_t num_start, num_end; /* the number (after 百分之 when written so) */
    size_t unit_start, end;    /* the unit; end is after trailing qualifiers */
    char value[JB_NUMBER_MAX + 8];
    char upper[64];
    char unit[64];
    char base[JB_NUMBER_MAX + 40];
    const char *kind;
    GString *qualifier;
    const char *basis;
    char *indicator;
    const char *entity;
    char period[32];
    int unit_is_count;
    double confidence;
} rawfact_t;

typedef struct {
    const jb_extractor_t *ex;
    const char *text;
    size_t len;
    /* carried state */
    char region[128];
    char subject[128];
    char project[128];
    char period[32];
    int year;
    int skipping; /* inside page furniture (advertisement, footer) */
    int dominant_done;
    int region_pending; /* a fact came with no region known: dominant_region
                         * is due before the region or subject is next read */
    int article_year;
    int article_year_done;
    long para;         /* paragraphs read */
    long project_para; /* the paragraph that last named the project */
    /* the sentence being read */
    GArray *mentions;
    GArray *timex;
    GArray *timex_buf, *mention_buf, *fact_buf; /* owned, reused */
    GArray *marks; /* where the number scan stops (size_t): the clause marks,
                    * numerals, digits and quotes outside time expressions,
                    * noted by the time scan */
} state_t;

static void
rawfact_clear(rawfact_t *f)
{
    if (f->qualifier)
        g_string_free(f->qualifier, TRUE);
    g_free(f->indicator);
}

static void
add_qualifier(rawfact_t *f, const char *q)
{
    if (!f->qualifier)
        f->qualifier = g_string_new(NULL);
    if (f->qualifier->len)
        g_string_append_c(f->qualifier, ' ');
    g_string_append(f->qualifier, q);
}

/* Words before a number that qualify it, nearest first. */
static const lit_t before_qualifiers[] = {LIT("超过"), LIT("突破"), LIT("将近"), LIT("接近"), LIT("不足"), LIT("不到"),
                                               LIT("约"), LIT("近"), LIT("超"), LIT("逾"), LIT("达")};
static const lit_t after_qualifiers[] = {LIT("以上"), LIT("以下"), LIT("以内"), LIT("左右"), LIT("多"), LIT("余")};

/* Read the unit at i: an optional magnitude and a unit of the data file.
 * Sets f->unit, f->kind and the power of ten; returns the end of the unit
 * or i when there is none. */
static size_t
read_unit(const state_t *st, size_t i, size_t n, rawfact_t *f, int *power, const char **base)
{
    const char *s = st->text;
    const jb_dict_t *u = &st->ex->units;
    size_t l1 = 0, l2 = 0;
    const jb_word_t *w = jb_dict_match_at(u, s + i, n - i, NULL, &l1);
    const jb_word_t *mag = jb_dict_match_at(u, s + i, n - i, "magnitude", &l2);
    const jb_word_t *after = NULL;
    size_t l3 = 0;
    if (mag) {
        /* 1.68万户: magnitude then unit; "多"/"余" may come between */
        size_t p = i + l2;
        if (has_prefix(s, p, n, "多") || has_prefix(s, p, n, "余")) {
            add_qualifier(f, has_prefix(s, p, n, "多") ? "多" : "余");
            p += 3;
            l2 += 3;
        }
        after = jb_dict_match_at(u, s + p, n - p, NULL, &l3);
        if (after && !strcmp(after->a, "magnitude"))
            after = NULL;
    }
    *power = 0;
    *base = NULL;
    size_t end = i;
    if (mag && (!w || !strcmp(w->a, "magnitude") || l2 + l3 > l1)) {
        *power = mag->n;
        if (after) {
            *power += after->n;
            f->kind = after->a;
            *base = after->b;
            end = i + l2 + l3;
        } else {
            f->kind = "amount";
            *base = NULL;
            end = i + l2;
        }
    } else if (w && strcmp(w->a, "magnitude") != 0) {
        *power = w->n;
        f->kind = w->a;
        *base = w->b;
        end = i + l1;
    }
    if (end > i) {
        size_t ul = end - i < sizeof f->unit - 1 ? end - i : sizeof f->unit - 1;
        memcpy(f->unit, s + i, ul);
        f->unit[ul] = 0;
        /* the unit keeps no 多/余 */
        char *q;
        while ((q = strstr(f->unit, "多")) || (q = strstr(f->unit, "余")))
            memmove(q, q + 3, strlen(q + 3) + 1);
    }
    return end;
}

/* Read one number at i and what goes with it; 0 if i starts no statistic. */
static int
read_fact(state_t *st, size_t lo, size_t i, size_t n, rawfact_t *f)
{
    const char *s = st->text;
    jb_number_t num;
    size_t l;
    uint32_t prev = i > lo ? cp_before(s, i, &l) : 0;
    int percent_words = 0;
    size_t start = i;
    memset(f, 0, sizeof *f);

    /* 第N: a rank after 居/排名/位列 (居全市第一位), else an ordinal */
    if (prev == 0x7B2C) {
        int rank = 0;
        for (size_t q = lo; q < start; q++)
            if (has_prefix(s, q, start, "居") || has_prefix(s, q, start, "排名") ||
                has_prefix(s, q, start, "位列") || has_prefix(s, q, start, "排在"))
                rank = 1;
        if (!rank || !(g_ascii_isdigit(s[i]) ? jb_number_read_arabic(s + i, n - i, &num)
                                              : jb_number_read_chinese(s + i, n - i, &num)))
            return 0;
        f->num_start = start;
        f->num_end = f->unit_start = f->end = i + num.len;
        g_strlcpy(f->value, num.digits, sizeof f->value);
        f->kind = "rank";
        if (has_prefix(s, f->end, n, "位") || has_prefix(s, f->end, n, "名")) {
            copy_span(f->unit, sizeof f->unit, s + f->end, 3);
            f->end += 3;
        }
        return 1;
    }
    if (has_prefix(s, i, n, "百分之")) {
        percent_words = 1;
        i += strlen("百分之");
        if (!jb_number_read_chinese(s + i, n - i, &num) &&
            !jb_number_read_arabic(s + i, n - i, &num))
            return 0;
    } else if (g_ascii_isdigit(s[i])) {
        if (prev < 0x80 && (g_ascii_isalpha((int)prev) || prev == '-' || prev == '+' ||
                            prev == '.' || prev == '/' || prev == '&' || g_ascii_isdigit((int)prev)))
            return 0;
        if (!jb_number_read_arabic(s + i, n - i, &num))
            return 0;
    } else {
        if (is_cn_numeral(prev))
            return 0;
        if (!jb_number_read_chinese(s + i, n - i, &num) || num.bare_magnitude)
            return 0;
    }
    /* 三次产业, 十四五: fixed terms written with numerals */
    size_t tl;
    if (jb_dict_match_at(&st->ex->checks, s + start, n - start, "term", &tl))
        return 0;
    /* 上述3个项目, 以上3项指标: counts that point back, not statistics */
    if (has_suffix(s, lo, start, "上述") || has_suffix(s, lo, start, "以上") ||
        has_suffix(s, lo, start, "这") || has_suffix(s, lo, start, "这些"))
        return 0;
    size_t p = i + num.len;
    f->num_start = start;
    f->num_end = p;
    g_strlcpy(f->value, num.digits, sizeof f->value);
    uint32_t next = jb_cp_at(s, p, n, &l);
    if (next < 0x80 && (g_ascii_isalpha((int)next) || next == '+'))
        return 0; /* 5G, 2GWH, 3+1 */
    if (percent_words) {
        g_strlcpy(f->unit, "%", sizeof f->unit);
        f->kind = "share";
        f->unit_start = f->end = p;
        return 1;
    }
    /* a range: 3-5个, 3至5个 */
    size_t sl;
    uint32_t sep = jb_cp_at(s, p, n, &sl);
    if (sep == '-' || sep == '~' || sep == 0x81F3 || sep == 0x2014 || sep == 0xFF5E || sep == 0x5230) {
        jb_number_t hi;
        int ok = num.chinese ? jb_number_read_chinese(s + p + sl, n - p - sl, &hi)
                             : (g_ascii_isdigit(s[p + sl]) && jb_number_read_arabic(s + p + sl, n - p - sl, &hi));
        if (ok && strlen(hi.digits) < sizeof f->upper) {
            size_t q = p + sl + hi.len;
            int power;
            const char *base;
            rawfact_t probe;
            memset(&probe, 0, sizeof probe);
            if (read_unit(st, q, n, &probe, &power, &base) > q) {
                g_strlcpy(f->upper, hi.digits, sizeof f->upper);
                add_qualifier(f, "range");
                p = q;
            }
            rawfact_clear(&probe);
        }
    }
    /* 30余项, 90多名 */
    if (has_prefix(s, p, n, "余") || (has_prefix(s, p, n, "多") && !has_prefix(s, p, n, "多万"))) {
        add_qualifier(f, has_prefix(s, p, n, "余") ? "余" : "多");
        p += 3;
    }
    int power = 0;
    const char *base = NULL;
    f->unit_start = p;
    size_t end = read_unit(st, p, n, f, &power, &base);
    if (end == p) {
        /* a bare number after a ratio's name: 投入产出比48 */
        size_t wl;
        const jb_word_t *w = jb_dict_match_before(&st->ex->indicators, s, lo, start, "stat", &wl);
        if (!num.chinese && w && has_suffix(s, lo, start, "比")) {
            f->kind = "ratio";
            f->unit[0] = 0;
            f->end = p;
            return 1;
        }
        return 0;
    }
    /* 年 is a unit of duration only after a small whole number that is not
     * a year (5年时间, 连续三年) */
    if (!strcmp(f->unit, "年") &&
        (strchr(f->value, '.') || strlen(f->value) > 2 || has_prefix(s, end, n, "月") ||
         has_prefix(s, end, n, "度") || has_prefix(s, end, n, "代") || has_prefix(s, end, n, "前") ||
         has_prefix(s, end, n, "行动") || has_prefix(s, end, n, "规划") || has_prefix(s, end, n, "计划")))
        return 0;
    /* 百吨级, 10万吨级, 千亿元级: a class, not a statistic */
    if (has_prefix(s, end, n, "级"))
        return 0;
    /* 一个, 一项, 一年: a determiner; 三年 in running text: rhetoric */
    if (num.chinese && (!strcmp(f->value, "1") || !strcmp(f->unit, "年")))
        return 0;
    /* 两位数: a count unit that is part of a word */
    if (!strcmp(f->kind, "count") && has_prefix(s, end, n, "数"))
        return 0;
    /* 五十亿元以上项目, 10亿元以上项目9个: a size class, not a statistic */
    if ((num.chinese && has_prefix(s, end, n, "项目")) || has_prefix(s, end, n, "以上项目") ||
        has_prefix(s, end, n, "以上的项目") || has_prefix(s, end, n, "以上企业") ||
        has_prefix(s, end, n, "以上的企业") || has_prefix(s, end, n, "级以上"))
        return 0;
    /* 5个环节, 3个方面: parts of a plan, not statistics */
    size_t al2;
    if (!strcmp(f->kind, "count") &&
        jb_dict_match_at(&st->ex->indicators, s + end, n - end, "abstract", &al2))
        return 0;
    f->unit_is_count = !strcmp(f->kind, "count");
    if (!strcmp(f->kind, "count") || !strcmp(f->kind, "amount")) {
        /* value_base stays empty when it cannot be represented */
        char *shifted = base && strcmp(base, "-") != 0 ? jb_decimal_shift(f->value, power) : NULL;
        if (shifted && strlen(shifted) < sizeof f->base)
            memcpy(f->base, shifted, strlen(shifted) + 1);
        else
            f->base[0] = 0;
        g_free(shifted);
    }
    /* 以上, 左右 … after the unit */
    for (size_t k = 0; k < G_N_ELEMENTS(after_qualifiers); k++)
        if (lit_prefix(s, end, n, &after_qualifiers[k]) && strcmp(after_qualifiers[k].w, "多") &&
            strcmp(after_qualifiers[k].w, "余")) {
            add_qualifier(f, after_qualifiers[k].w);
            end += after_qualifiers[k].len;
            break;
        }
    f->end = end;
    /* 约, 超过, 突破 … right before the number */
    for (size_t k = 0; k < G_N_ELEMENTS(before_qualifiers); k++)
        if (lit_suffix(s, lo, start, &before_qualifiers[k]) && strcmp(before_qualifiers[k].w, "达")) {
            add_qualifier(f, before_qualifiers[k].w);
            break;
        }
    return 1;
}

/* ---- indicators ---------------------------------------------------- */

/* Strip predicate words and fillers at the ends of a phrase before a number. */
static char *
tidy_phrase(const char *s, size_t a, size_t b)
{
    static const lit_t tail[] = {LIT("比上年末"), LIT("比上年"), LIT("较上年末"), LIT("较上年"), LIT("比去年"), LIT("较去年"), LIT("较年初"),
                                       LIT("比年初"), LIT("较上月"), LIT("比上月"), LIT("同比"), LIT("环比"),
                                       LIT("已达到"), LIT("达到"), LIT("已达"), LIT("分别为"), LIT("分别是"), LIT("分别"), LIT("均为"), LIT("均"),
                                       LIT("共计"), LIT("总计"), LIT("合计"), LIT("累计"), LIT("共有"), LIT("共"), LIT("约为"), LIT("约"), LIT("为"),
                                       LIT("是"), LIT("达"), LIT("有"), LIT("已"), LIT("仅"), LIT("可"), LIT("将"), LIT("实现"), LIT("的"), LIT("超过"),
                                       LIT("突破"), LIT("近"), LIT("超"), LIT("逾"), LIT("占")};
    static const lit_t head[] = {LIT("其中"), LIT("全区"), LIT("全市"), LIT("全县"), LIT("目前"), LIT("同时"), LIT("去年全年"), LIT("今年"),
                                       LIT("预计"), LIT("实现"), LIT("力争"),
                                       LIT("去年"), LIT("全年"), LIT("已"), LIT("共"), LIT("有"), LIT("的"), LIT("并"), LIT("和"), LIT("及")};
    int changed = 1;
    while (changed && b > a) {
        changed = 0;
        for (size_t k = 0; k < G_N_ELEMENTS(tail); k++)
            if (lit_suffix(s, a, b, &tail[k])) {
                b -= tail[k].len;
                changed = 1;
                break;
            }
        for (size_t k = 0; k < G_N_ELEMENTS(head); k++)
            if (b - a > head[k].len && lit_prefix(s, a, b, &head[k])) {
                a += head[k].len;
                changed = 1;
                break;
            }
    }
    /* a list before the number (千问大模型、智普大模型等通用大模型): the
     * words after the last 等 or 、 */
    for (size_t p = b; p > a;) {
        size_t l;
        uint32_t c = cp_before(s, p, &l);
        if (c == 0x7B49 /* 等 */ || c == 0x3001 || !(is_han(c) || c < 0x80 || c == 0x201C || c == 0x201D)) {
            a = p;
            break;
        }
        p -= l;
    }
    /* at most 10 characters, taken from the end */
    size_t chars = 0, p = b;
    while (p > a && chars < 10) {
        size_t l;
        cp_before(s, p, &l);
        p -= l;
        chars++;
    }
    return g_strndup(s + p, b - p);
}

/* Han text from a (forward) up to a stop: a mark, a digit, 分别, a
 * statistic's name; at most max characters. */
static size_t
han_run(const state_t *st, size_t a, size_t n, int max)
{
    size_t p = a, l;
    int chars = 0;
    while (p < n && chars < max) {
        uint32_t c = jb_cp_at(st->text, p, n, &l);
        if (!is_han(c) || has_prefix(st->text, p, n, "分别") || has_prefix(st->text, p, n, "均"))
            break;
        size_t wl;
        if (p > a && jb_dict_match_at(&st->ex->indicators, st->text + p, n - p, "stat", &wl))
            break;
        p += l;
        chars++;
    }
    return p;
}

/* The thing counted by a count fact: the noun after the unit (28个项目 →
 * 项目; 174个…重大项目 → 重大项目) or, failing that, the phrase before the
 * number (建设项目113个, 通用大模型7个). */
static char *
count_thing(const state_t *st, size_t window_start, const rawfact_t *f, size_t n)
{
    const char *s = st->text;
    size_t run_end = han_run(st, f->end, n, 30);
    /* the first counted word in the run */
    for (size_t p = f->end; p < run_end;) {
        size_t wl, l;
        const jb_word_t *w = jb_dict_match_at(&st->ex->indicators, s + p, run_end - p, "count", &wl);
        if (w) {
            if (g_utf8_strlen(s + f->end, (gssize)(p + wl - f->end)) <= 8)
                return g_strndup(s + f->end, p + wl - f->end);
            return g_strdup(w->a);
        }
        jb_cp_at(s, p, n, &l);
        p += l;
    }
    glong chars = g_utf8_strlen(s + f->end, (gssize)(run_end - f->end));
    if (chars >= 2 && chars <= 8) {
        /* 20家商超实现销售额: the verb before the next statistic goes */
        static const char *const verbs[] = {"实现", "完成", "达到", "累计", "共计", "共", "新增"};
        size_t e = run_end;
        for (size_t v = 0; v < G_N_ELEMENTS(verbs); v++)
            if (e - f->end > strlen(verbs[v]) && has_suffix(s, f->end, e, verbs[v]))
                e -= strlen(verbs[v]);
        return g_strndup(s + f->end, e - f->end);
    }
    if (chars > 8) /* 5项经济指标总量居…: the head of the run */
        return g_strndup(s + f->end, (size_t)(g_utf8_offset_to_pointer(s + f->end, 4) - (s + f->end)));
    return tidy_phrase(s, window_start, f->num_start);
}

/* ---- entities ------------------------------------------------------ */

/* A name does not contain these characters (function words, numerals,
 * measure words). */
static int
is_stop_char(uint32_t c)
{
    static const char stops[] = "的在于和与及是对将为由全该从向到以让使把被我各本其这那一二三四五六七八九十个年月日等级内外了也都已很更最共有占居比较约近达并且或即就还又所之每个项家";
    static unsigned char set[0x10000 / 8];
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        for (const char *p = stops; *p; p = g_utf8_next_char(p)) {
            gunichar sc = g_utf8_get_char(p);
            set[sc >> 3] |= (unsigned char)(1u << (sc & 7));
        }
        g_once_init_leave(&ready, 1);
    }
    if (!is_han(c))
        return 1;
    return c < 0x10000 && (set[c >> 3] >> (c & 7) & 1);
}

typedef struct {
    size_t start, end;
    char name[128];
    int subject; /* at the head of its clause */
    int refer;   /* 全区: the article's region */
    int project;
    int org; /* a company or institute: a subject, never the region */
} mention_t;

/* Is the text from clause start a to b only time words and fillers? */
static int
at_clause_head(const char *s, size_t a, size_t b, const GArray *timex)
{
    size_t p = a;
    if (b - a > 90) /* heads are short: time words and fillers */
        return 0;
    while (p < b) {
        int moved = 0;
        for (guint k = 0; k < timex->len; k++) {
            const timex_t *t = &g_array_index(timex, timex_t, k);
            if (t->start == p && t->end <= b) {
                p = t->end;
                moved = 1;
            }
        }
        if (moved)
            continue;
        size_t l;
        uint32_t c = jb_cp_at(s, p, b, &l);
        if (!(ch_class(c) & CH_HEAD)) /* most characters: neither filler nor space */
            return 0;
        for (size_t k = 0; !moved && k < G_N_ELEMENTS(head_fillers); k++)
            if (lit_prefix(s, p, b, &head_fillers[k])) {
                p += head_fillers[k].len;
                moved = 1;
            }
        if (!moved) {
            if (c == ' ' || c == 0xFF0C || c == ',' || c == 0x201C || c == 0x201D)
                p += l;
            else
                return 0;
        }
    }
    return 1;
}

#define NO_PLACE ((size_t)-1)

/* Where the place named with the suffix word s[p, p + wl) (区, 高新区 …) in
 * [a, b) starts: the two characters before the suffix make the name,
 * unless one of them is a stop character or the suffix belongs to a longer
 * word. NO_PLACE when it names none. */
static size_t
place_start(const state_t *st, size_t a, size_t b, size_t p, size_t wl)
{
    const char *s = st->text;
    size_t l1, l2, nl;
    if (p < a + 6)
        return NO_PLACE;
    uint32_t c1 = cp_before(s, p, &l1);
    if (p - l1 <= a || is_stop_char(c1))
        return NO_PLACE;
    uint32_t c2 = cp_before(s, p - l1, &l2);
    if (!c2 || is_stop_char(c2))
        return NO_PLACE;
    size_t ns = p - l1 - l2;
    /* 社区, 园区 …: a word that ends like a name but is longer than the
     * suffix; 市场: a word that starts at the suffix; 实施片区: a verb
     * before the suffix; 区级, 市委 */
    if (jb_dict_match_before(&st->ex->checks, s, ns, p + wl, "not", &nl) && nl > wl)
        return NO_PLACE;
    if (jb_dict_match_at(&st->ex->checks, s + p, b - p, "not", &nl) && nl > wl)
        return NO_PLACE;
    if (jb_dict_match_at(&st->ex->checks, s + ns, p - ns, "stop2", &nl) && nl == p - ns)
        return NO_PLACE;
    if (has_prefix(s, p + wl, b, "级") || has_prefix(s, p + wl, b, "委"))
        return NO_PLACE;
    return ns;
}

/* Find the region, zone and project mentions of sentence [a, b). */
static void
find_mentions(const state_t *st, size_t a, size_t b, const GArray *timex, GArray *out)
{
    const char *s = st->text;
    const jb_dict_t *e = &st->ex->entities;
    size_t clause = a;
    int head_passed = 0;
    /* the next 项目 at or after the position, found with find_word: most
     * clause heads have none within the 20 characters a project name may
     * take, and need no closer look */
    const size_t xm_len = strlen("项目");
    const char *x0 = b - a >= xm_len ? find_word(s + a, b - a, "项目", xm_len) : NULL;
    size_t next_xm = x0 ? (size_t)(x0 - s) : b;
    const unsigned char *mc = st->ex->mention_chars;
    for (size_t p = a; p < b;) {
        size_t l, wl;
        uint32_t c = jb_cp_at(s, p, b, &l);
        if (head_passed && c < 0x10000 && !(mc[c >> 3] >> (c & 7) & 1)) {
            /* past the head of the clause, a run of characters that start
             * nothing is passed over at once */
            do
                p += l;
            while (p < b && (c = jb_cp_at(s, p, b, &l)) < 0x10000 && !(mc[c >> 3] >> (c & 7) & 1));
            if (p >= b)
                break;
        }
        if (is_clause_mark(c)) {
            p += l;
            clause = p;
            head_passed = 0;
            continue;
        }
        /* most characters start no entity word (the first-character set
         * says so without a lookup), are not 的, and are past the head of
         * their clause: nothing to do */
        int starts_word = c >= 0x10000 || (e->starts[c >> 3] >> (c & 7) & 1);
        if (head_passed && !starts_word && c != 0x7684) {
            p += l;
            continue;
        }
        mention_t m;
        m.start = m.end = 0;
        m.subject = m.refer = m.project = m.org = 0;
        m.name[0] = 0;
        /* one lookup per position: the longest entity word starting here */
        const jb_word_t *w = starts_word ? jb_dict_match_at(e, s + p, b - p, NULL, &wl) : NULL;
        const char *cls = w ? w->a : "";
        if (w && (!strcmp(cls, "refer") || !strcmp(cls, "project"))) {
            m.start = p;
            m.end = p + wl;
            m.refer = !strcmp(w->a, "refer");
            m.project = !m.refer;
            g_strlcpy(m.name, w->word, sizeof m.name);
            m.subject = at_clause_head(s, clause, p, timex);
            if (m.project && !strcmp(w->word, "项目") && !m.subject) {
                p += l;
                continue;
            }
            g_array_append_val(out, m);
            p += wl;
            continue;
        }
        if (w && !strcmp(cls, "name")) {
            m.start = p;
            m.end = p + wl;
            g_strlcpy(m.name, w->word, sizeof m.name);
            m.subject = at_clause_head(s, clause, p, timex);
            g_array_append_val(out, m);
            p += wl;
            continue;
        }
        if (w && !strcmp(cls, "org")) {
            /* 齐鲁制药集团: the Han characters before the suffix, back to a
             * stop character, at the head of a clause */
            size_t ns = p, chars = 0, l1;
            while (ns > clause && chars < 10) {
                uint32_t c1 = cp_before(s, ns, &l1);
                if (!is_han(c1) || c1 == 0x7684 || is_clause_mark(c1))
                    break;
                ns -= l1;
                chars++;
            }
            if (chars >= 2 && at_clause_head(s, clause, ns, timex)) {
                m.start = ns;
                m.end = p + wl;
                m.subject = 1;
                m.org = 1;
                copy_span(m.name, sizeof m.name, s + m.start, m.end - m.start);
                g_array_append_val(out, m);
                p += wl;
                continue;
            }
        }
        size_t ns;
        if (w && !strcmp(cls, "suffix") && (ns = place_start(st, a, b, p, wl)) != NO_PLACE) {
            m.start = ns;
            m.end = p + wl;
            m.subject = at_clause_head(s, clause, ns, timex);
            /* 湖南自贸区郴州片区: one name of two adjacent ones */
            if (out->len) {
                mention_t *last = &g_array_index(out, mention_t, out->len - 1);
                if (last->end == ns && !last->refer && !last->project) {
                    m.start = last->start;
                    m.subject = last->subject;
                    g_array_set_size(out, out->len - 1);
                }
            }
            copy_span(m.name, sizeof m.name, s + m.start, m.end - m.start);
            g_array_append_val(out, m);
            p += wl;
            continue;
        }
        /* a project named after 的 (位于齐鲁光谷的邦德激光全球总部基地):
         * remembered for 该项目, not a subject */
        if (c == 0x7684 /* 的 */) {
            static const char *const ends[] = {"基地", "产业园", "工场", "研究院", "园区", "工厂", "中心"};
            size_t q = p + l, chars = 0, ql;
            while (q < b && chars < 20 && is_han(jb_cp_at(s, q, b, &ql))) {
                q += ql;
                chars++;
            }
            uint32_t after = jb_cp_at(s, q, b, &ql);
            for (size_t k = 0; chars >= 4 && chars < 20 && is_clause_mark(after) && k < G_N_ELEMENTS(ends); k++)
                if (has_suffix(s, p + l, q, ends[k])) {
                    m.start = p + l;
                    m.end = q;
                    m.project = 1;
                    copy_span(m.name, sizeof m.name, s + m.start, m.end - m.start + 1 - 1);
                    g_array_append_val(out, m);
                    break;
                }
            if (m.end) {
                p = m.end;
                continue;
            }
        }
        /* a project named at the head of a clause: 华润雪花啤酒项目位于 … */
        /* once past the head of the clause, no later position is at it */
        if (!head_passed && !(p == clause || at_clause_head(s, clause, p, timex)))
            head_passed = 1;
        if (!head_passed && next_xm < p) {
            const char *x = p + xm_len <= b ? find_word(s + p, b - p, "项目", xm_len) : NULL;
            next_xm = x ? (size_t)(x - s) : b;
        }
        if (!head_passed && next_xm < p + 20 * 4) {
            size_t q = p, chars = 0;
            while (q < b && chars < 20) {
                size_t ql;
                uint32_t qc = jb_cp_at(s, q, b, &ql);
                if (ch_class(qc) & CH_NAME_END) /* clause marks, 、, digits */
                    break;
                if (qc == 0x9879 /* 项 */ && chars >= 2 && has_prefix(s, q, b, "项目")) {
                    m.start = p;
                    m.end = q + strlen("项目");
                    m.project = 1;
                    m.subject = 1;
                    copy_span(m.name, sizeof m.name, s + p, m.end - p + 1 - 1);
                    break;
                }
                q += ql;
                chars++;
            }
            /* what follows the name must be a predicate of a project */
            static const char *const follows[] = {"位于", "在", "于", "总", "计划", "主要",
                                                  "占地", "投资", "建成"};
            int follows_ok = 0;
            size_t fl2;
            for (size_t k = 0; m.end && k < G_N_ELEMENTS(follows); k++)
                if (has_prefix(s, m.end, b, follows[k]))
                    follows_ok = 1;
            if (m.end && jb_dict_match_at(&st->ex->indicators, s + m.end, b - m.end, "stat", &fl2))
                follows_ok = 1;
            if (m.end && (is_stop_char(jb_cp_at(s, m.start, b, &fl2)) || !follows_ok || strstr(m.name, "\xe2\x80\x9c") ||
                          m.end - m.start < 4 * 3))
                m.end = 0;
            size_t cl;
            if (m.end && jb_dict_match_before(&st->ex->checks, s, m.start, m.end, "category", &cl))
                m.end = 0;
            if (m.end && !g_str_has_prefix(m.name, "该") && !g_str_has_prefix(m.name, "其") &&
                !g_str_has_prefix(m.name, "上述") && !strstr(m.name, "重点项目") &&
                !strstr(m.name, "重大项目") && !strstr(m.name, "等")) {
                g_array_append_val(out, m);
                p = m.end;
                continue;
            }
        }
        p += l;
    }
}

/* Where the first word of the future (预计, 将, 力争 …) in [a, b) ends, or
 * SIZE_MAX. */
static size_t
future_end(const char *s, size_t a, size_t b)
{
    static const char *const words[] = {"预计", "力争", "计划", "将", "目标", "有望"};
    size_t end = SIZE_MAX;
    for (size_t k = 0; k < G_N_ELEMENTS(words); k++) {
        size_t wl = strlen(words[k]);
        const char *q = find_word(s + a, b - a, words[k], wl);
        if (q && (size_t)(q - s) + wl < end)
            end = (size_t)(q - s) + wl;
    }
    return end;
}

/* Does the sentence from a to p speak of the future (预计, 将, 力争 …)? */
static int
is_future(const char *s, size_t a, size_t p)
{
    return future_end(s, a, p) <= p;
}

/* The article's own year, for 今年 and for 前三季度 before any year is
 * named: the latest year it names outside sentences about the future (a
 * report speaks of its year and the ones before). 0 when it names none.
 * Looked up once, only when needed: 年 (E5 B9 B4) is found by its last
 * byte, rare in Chinese text, and the sentences are read on only as far as
 * the candidates go. */
static int
article_year(state_t *st)
{
    if (st->article_year_done)
        return st->article_year;
    st->article_year_done = 1;
    const char *s = st->text;
    /* the sentence [a, b) holding the candidate, read on as candidates come */
    size_t pos = 0, a = 0, b = 0;
    for (const char *q = s; (q = memchr(q, 0xB4, st->len - (size_t)(q - s))); q++) {
        size_t at = (size_t)(q - s);
        if (at < 6 || s[at - 1] != '\xB9' || s[at - 2] != '\xE5')
            continue;
        while (b <= at - 2 && jb_ingest_next_sentence(s, st->len, &pos, &a, &b))
            ;
        if (b <= at || at - 2 < a + 4)
            continue; /* 年 and four digits before it, all in the sentence */
        size_t p = at - 6;
        if (!g_ascii_isdigit(s[p]) || (p > a && g_ascii_isdigit(s[p - 1])) || !g_ascii_isdigit(s[p + 1]) ||
            !g_ascii_isdigit(s[p + 2]) || !g_ascii_isdigit(s[p + 3]))
            continue;
        int y = (s[p] - '0') * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
        if (y >= 1900 && y <= 2100 && y > st->article_year && !is_future(s, a, p))
            st->article_year = y;
    }
    return st->article_year;
}

/* Counting the places an article names, for dominant_region. */
typedef struct {
    GHashTable *counts; /* name → times named */
    unsigned best;
    char *region;       /* the most named, first to get there */
    size_t region_size;
} place_count_t;

static void
count_place(place_count_t *pc, const char *name)
{
    unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(pc->counts, name)) + 1;
    g_hash_table_insert(pc->counts, g_strdup(name), GUINT_TO_POINTER(n));
    if (n > pc->best) {
        pc->best = n;
        g_strlcpy(pc->region, name, pc->region_size);
    }
}

/* The region an article is about when no sentence names it as a subject:
 * the region or zone it names most often (章丘区 in an article that says
 * 走进章丘区 and 位于章丘区…). Looked up once, only when needed (see
 * settle_region), in one light pass over the entity words of each sentence:
 * fixed names and places with a suffix, found as find_mentions finds them,
 * except that a place inside a project's or company's name at the head of
 * a clause (历城区某某项目位于…) counts too — it is named there. */
static void
dominant_region(state_t *st)
{
    if (st->region[0] || st->dominant_done)
        return;
    st->dominant_done = 1;
    const char *s = st->text;
    const jb_dict_t *e = &st->ex->entities;
    place_count_t pc = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0, st->region,
                        sizeof st->region};
    /* a name is counted once the next word shows it is not the first half
     * of a longer one (湖南自贸区郴州片区: a place with a suffix right after
     * a name joins it) */
    char pending[128];
    size_t pending_start = 0, pending_end = NO_PLACE, pos = 0, sa, sb;
    while (jb_ingest_next_sentence(s, st->len, &pos, &sa, &sb)) {
        for (size_t p = sa; p < sb;) {
            size_t l, wl;
            uint32_t c = jb_cp_at(s, p, sb, &l);
            const jb_word_t *w = c < 0x10000 && !(e->starts[c >> 3] >> (c & 7) & 1)
                                     ? NULL : jb_dict_match_at(e, s + p, sb - p, NULL, &wl);
            size_t start = NO_PLACE;
            int joined = 0;
            if (w && !strcmp(w->a, "name")) {
                start = p;
            } else if (w && !strcmp(w->a, "suffix")) {
                start = place_start(st, sa, sb, p, wl);
                if (start != NO_PLACE && start == pending_end) {
                    start = pending_start;
                    joined = 1;
                }
            } else if (w && (!strcmp(w->a, "refer") || !strcmp(w->a, "project")) && strcmp(w->word, "项目")) {
                /* 全区, 该项目: not a place, and nothing joins across it */
                if (pending_end != NO_PLACE)
                    count_place(&pc, pending);
                pending_end = NO_PLACE;
                p += wl;
                continue;
            }
            if (start == NO_PLACE) {
                p += l;
                continue;
            }
            if (pending_end != NO_PLACE && !joined)
                count_place(&pc, pending);
            pending_start = start;
            pending_end = p + wl;
            copy_span(pending, sizeof pending, s + start, pending_end - start);
            p += wl;
        }
        if (pending_end != NO_PLACE)
            count_place(&pc, pending);
        pending_end = NO_PLACE;
    }
    if (!st->subject[0])
        g_strlcpy(st->subject, st->region, sizeof st->subject);
    g_hash_table_destroy(pc.counts);
}

/* Before the region or subject in force is read: the region a fact with
 * no region known called for. The looking up waits till then, because the
 * sentence that holds the article's first fact usually names the region as
 * its subject, which makes the look-up moot (dominant_region's result does
 * not depend on when it is made). */
static void
settle_region(state_t *st)
{
    if (st->region_pending) {
        st->region_pending = 0;
        dominant_region(st);
    }
}

/* Where a phrase ending at limit starts: after the last subject or time
 * expression named between ws and limit. */
static size_t
phrase_start(const GArray *mentions, const GArray *timex, size_t ws, size_t limit)
{
    size_t p = ws;
    for (guint m = 0; m < mentions->len; m++) {
        const mention_t *mm = &g_array_index(mentions, mention_t, m);
        if (mm->end <= limit && mm->end > p)
            p = mm->end;
    }
    for (guint t = 0; t < timex->len; t++) {
        const timex_t *tt = &g_array_index(timex, timex_t, t);
        if (tt->end <= limit && tt->end > p)
            p = tt->end;
    }
    return p;
}

/* ---- one sentence ---------------------------------------------------- */

static void
pair_lists(const state_t *st, rawfact_t *f, size_t nf, size_t a, size_t b);

/* Quotation marks are not part of an indicator's name (“新增”企业 → 新增企业). */
static void
strip_quotes(char *s)
{
    /* “ ” ‘ ’ (E2 80 9C/9D/98/99), 「 」 (E3 80 8C/8D) and " */
    char *o = s;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == '"') {
            p++;
        } else if (p[0] == 0xE2 && p[1] == 0x80 &&
                   (p[2] == 0x9C || p[2] == 0x9D || p[2] == 0x98 || p[2] == 0x99)) {
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && (p[2] == 0x8C || p[2] == 0x8D)) {
            p += 3;
        } else {
            *o++ = (char)*p++;
        }
    }
    *o = 0;
}

static size_t
emit(const state_t *st, const jb_article_t *article, rawfact_t *f, size_t a, size_t b,
     jb_fact_fn fn, void *user)
{
    if (f->indicator)
        strip_quotes(f->indicator);
    /* a sentence too long to quote whole (a text without end marks) is
     * quoted around the number, marked with … */
    char *sentence;
    if (b - a <= MAX_QUOTE) {
        sentence = g_strndup(st->text + a, b - a);
    } else {
        size_t qa = f->num_start > a + MAX_QUOTE / 2 ? f->num_start - MAX_QUOTE / 2 : a;
        size_t qb = qa + MAX_QUOTE < b ? qa + MAX_QUOTE : b;
        while (qa > a && ((unsigned char)st->text[qa] & 0xC0) == 0x80)
            qa--;
        while (qb < b && ((unsigned char)st->text[qb] & 0xC0) == 0x80)
            qb++;
        char *mid = g_strndup(st->text + qa, qb - qa);
        sentence = g_strconcat(qa > a ? "…" : "", mid, qb < b ? "…" : "", NULL);
        g_free(mid);
    }
    jb_fact_t out = {
        .doc = jb_article_get_name(article),
        .entity = f->entity ? f->entity : "",
        .indicator = f->indicator ? f->indicator : "",
        .period = f->period,
        .kind = f->kind,
        .value = f->value,
        .unit = f->unit,
        .value_base = f->base,
        .offset = jb_article_get_offset(article, f->num_start),
        .sentence = sentence,
        .qualifier = f->qualifier && f->qualifier->len ? f->qualifier->str : NULL,
        .basis = f->basis,
        .upper = f->upper[0] ? f->upper : NULL,
        .confidence = f->confidence,
    };
    fn(&out, user);
    g_free(sentence);
    return 1;
}

static size_t
do_sentence(state_t *st, const jb_article_t *article, size_t a, size_t b, jb_fact_fn fn,
            void *user)
{
    const char *s = st->text;
    /* the sentence's arrays are reused from sentence to sentence */
    GArray *timex = st->timex_buf;
    GArray *mentions = st->mention_buf;
    GArray *facts = st->fact_buf;
    g_array_set_size(timex, 0);
    g_array_set_size(mentions, 0);
    g_array_set_size(facts, 0);
    size_t emitted = 0;

    /* 1. time expressions; a year carries on to later sentences only when
     * it heads a clause (2023年，…) or comes with a part of the year
     * (2023年前11个月), not when it dates an event mid-clause */
    int year = st->year;
    size_t tclause = a;
    unsigned seen = 0; /* the classes of the characters outside time expressions */
    size_t fut_end = 0; /* future_end of the sentence, once needed */
    const unsigned scanned = CH_CLAUSE | CH_NUMERAL | CH_DIGIT | CH_QUOTE; /* by step 3 */
    GArray *marks = st->marks;
    g_array_set_size(marks, b - a); /* room for every byte; the count is nmk */
    size_t *mk = (size_t *)(void *)marks->data, nmk = 0;
    for (size_t p = a; p < b;) {
        timex_t t;
        size_t l;
        uint32_t c = jb_cp_at(s, p, b, &l);
        unsigned k = ch_class(c);
        while (!(k & (CH_CLAUSE | CH_TIMEX | CH_QUOTE)) && p + l < b) { /* most characters */
            p += l;
            c = jb_cp_at(s, p, b, &l);
            k = ch_class(c);
        }
        seen |= k;
        if (k & scanned)
            mk[nmk++] = p;
        if (k & CH_CLAUSE)
            tclause = p + l;
        if (!(k & CH_TIMEX) || !timex_possible(s, p, b, c)) { /* most characters */
            p += l;
            continue;
        }
        /* 比去年同期, 比一季度, 较年初: a basis of comparison, not a period */
        int compared = has_suffix(s, a, p, "比") || has_suffix(s, a, p, "较");
        if (compared && c == 0x53BB) {
            p += l;
            continue;
        }
        if (read_timex(s, p, b, year, st->article_year, &t)) {
            if (compared) {
                /* not a period: the number scan reads it */
                for (p += l; p < t.end; p += l) {
                    unsigned kk = ch_class(jb_cp_at(s, p, b, &l));
                    seen |= kk;
                    if (kk & scanned)
                        mk[nmk++] = p;
                }
                continue;
            }
            /* a part of a year before any year is named: the article's year */
            if (!t.period[0] && !t.year && !year && article_year(st)) {
                read_timex(s, p, b, st->article_year, st->article_year, &t);
            } else if ((has_prefix(s, p, b, "今年") || has_prefix(s, p, b, "去年")) &&
                       !st->article_year_done && article_year(st)) {
                read_timex(s, p, b, year, st->article_year, &t);
            }
            if (t.year)
                year = t.year;
            if (fut_end == 0)
                fut_end = future_end(s, a, b);
            int future = fut_end <= p; /* is_future(s, a, p) */
            t.carry = !future && t.period[0] && (at_clause_head(s, tclause, p, timex) ||
                                      (t.year && strlen(t.period) > 4) ||
                                      (!t.year && t.period[0]));
            if (t.carry && t.year)
                st->year = t.year;
            g_array_append_val(timex, t);
            p = t.end;
            continue;
        }
        p += l;
    }
    /* 2. subjects. A clause that names another place first and the region
     * in force later (郴州市…仪式郴州高新区分会场) keeps the region. */
    find_mentions(st, a, b, timex, mentions);
    settle_region(st);
    for (guint m = 0; st->region[0] && m < mentions->len; m++) {
        mention_t *mm = &g_array_index(mentions, mention_t, m);
        if (!mm->subject || mm->refer || mm->project || mm->org || !strcmp(mm->name, st->region))
            continue;
        for (guint m2 = m + 1; m2 < mentions->len; m2++) {
            mention_t *other = &g_array_index(mentions, mention_t, m2);
            size_t q = mm->end, l;
            int same_clause = 1;
            while (q < other->start) {
                if (is_clause_mark(jb_cp_at(s, q, b, &l)))
                    same_clause = 0;
                q += l ? l : 1;
            }
            if (same_clause && !strcmp(other->name, st->region)) {
                mm->subject = 0;
                other->subject = 1;
            }
        }
    }

    /* 3. numbers: skipping time expressions and text in “quotes” written
     * with Chinese numerals (“三年行动计划”) */
    size_t clause = a;
    guint ti = 0;
    int quoted = 0;
    /* only the characters the time scan noted need a look */
    for (size_t p = a, k = 0; (seen & (CH_DIGIT | CH_NUMERAL)) && k < nmk; k++) { /* not in prose */
        if (mk[k] < p)
            continue; /* read with a number before */
        p = mk[k];
        size_t l;
        uint32_t c = jb_cp_at(s, p, b, &l);
        while (ti < timex->len && g_array_index(timex, timex_t, ti).end <= p)
            ti++;
        if (ti < timex->len && g_array_index(timex, timex_t, ti).start <= p) {
            p = g_array_index(timex, timex_t, ti).end;
            continue;
        }
        if (c == 0x201C)
            quoted = 1;
        else if (c == 0x201D)
            quoted = 0;
        if (is_clause_mark(c))
            clause = p + l;
        int cn = !g_ascii_isdigit((int)(c & 0x7F)) || c >= 0x80;
        if ((g_ascii_isdigit((int)c) && c < 0x80) || (is_cn_numeral(c) && !quoted)) {
            /* read in place at the end of facts (a fact is 1.2 KB) */
            size_t from = facts->len ? g_array_index(facts, rawfact_t, facts->len - 1).end : a;
            if (from < clause)
                from = clause;
            g_array_set_size(facts, facts->len + 1);
            rawfact_t *f = &g_array_index(facts, rawfact_t, facts->len - 1);
            if (read_fact(st, from > clause ? clause : from, p, b, f)) {
                f->confidence = 0.9;
                p = f->end > p ? f->end : p + l;
                continue;
            }
            rawfact_clear(f);
            g_array_set_size(facts, facts->len - 1);
            /* skip the rest of the numeral run */
            p += l;
            while (p < b) {
                uint32_t c2 = jb_cp_at(s, p, b, &l);
                if (!(g_ascii_isdigit((int)(c2 & 0x7F)) && c2 < 0x80) && !(cn && is_cn_numeral(c2)) && c2 != '.')
                    break;
                p += l;
            }
            continue;
        }
    }

    /* 4. each fact's indicator, kind, entity and period */
    rawfact_t *fs = (rawfact_t *)(void *)facts->data;
    const char *sentence_subject = NULL;
    for (guint k = 0; k < facts->len; k++) {
        rawfact_t *f = &fs[k];
        /* the clause of the fact, and the window since the previous fact;
         * both reach back at most WINDOW bytes, so that a text without
         * punctuation stays linear */
        size_t lim = f->num_start > a + WINDOW ? f->num_start - WINDOW : a;
        while (lim > a && ((unsigned char)s[lim] & 0xC0) == 0x80)
            lim++;
        size_t cs = lim;
        for (size_t q = f->num_start; q > lim;) { /* after the last clause mark */
            size_t l;
            if (is_clause_mark(cp_before(s, q, &l))) {
                cs = q;
                break;
            }
            q -= l;
        }
        size_t ws = k && fs[k - 1].end > cs ? fs[k - 1].end : cs;
        int listed = k && fs[k - 1].end <= f->num_start && f->num_start - fs[k - 1].end <= 3 &&
                     (has_prefix(s, fs[k - 1].end, b, "、") || has_prefix(s, fs[k - 1].end, b, "和") ||
                      has_prefix(s, fs[k - 1].end, b, "及") || has_prefix(s, fs[k - 1].end, b, "与") ||
                      fs[k - 1].end == f->num_start);

        /* growth words and 同比/环比 between the window start and the number */
        const jb_word_t *growth = NULL;
        size_t growth_at = 0;
        static const char *const passed[] = {"stat", "head", "growth"};
        const jb_dict_t *ind = &st->ex->indicators;
        for (size_t p = ws; p < f->num_start;) {
            size_t wl[3], l;
            const jb_word_t *w[3];
            uint32_t ch = jb_cp_at(s, p, b, &l);
            if (jb_dict_may_start(ind, ch) &&
                jb_dict_match_classes(ind, s + p, f->num_start - p, passed, 3, w, wl)) {
                /* a statistic's name or a head word, else a growth word */
                int c = w[0] ? 0 : w[1] ? 1 : 2;
                if (c == 2) {
                    growth = w[2];
                    growth_at = p;
                }
                p += wl[c];
                continue;
            }
            p += l;
        }
        /* one pass over the clause for 同比/环比 (basis) and 预计/力争/计划
         * (a forecast or target), decoding each character once */
        const char *plan = NULL;
        for (size_t p = cs; p < f->num_start;) {
            size_t l;
            uint32_t c = jb_cp_at(s, p, f->num_start, &l);
            if (c == 0x540C && has_prefix(s, p, f->num_start, "同比"))
                f->basis = "同比";
            else if ((c == 0x6BD4 || c == 0x8F83) &&
                     (has_prefix(s, p, f->num_start, "比上年") || has_prefix(s, p, f->num_start, "较上年") ||
                      has_prefix(s, p, f->num_start, "比去年") || has_prefix(s, p, f->num_start, "较去年")))
                f->basis = "同比";
            else if (c == 0x73AF && has_prefix(s, p, f->num_start, "环比"))
                f->basis = "环比";
            else if (!plan && c == 0x9884 && has_prefix(s, p, f->num_start, "预计"))
                plan = "预计";
            else if (!plan && c == 0x529B && has_prefix(s, p, f->num_start, "力争"))
                plan = "力争";
            else if (!plan && c == 0x8BA1 && has_prefix(s, p, f->num_start, "计划"))
                plan = "计划";
            p += l ? l : 1;
        }
        if (listed && !growth && fs[k - 1].qualifier && strstr(fs[k - 1].qualifier->str, "预计"))
            add_qualifier(f, "预计");
        if (plan)
            add_qualifier(f, plan);
        if (listed && k && fs[k - 1].kind && !strcmp(fs[k - 1].kind, "growth") && !strcmp(f->kind, "share"))
            growth = (const jb_word_t *)(void *)&fs[k - 1]; /* marker: same as the previous */
        int negative = 0;
        if (!strcmp(f->kind, "ratio") && growth && growth != (const jb_word_t *)(void *)&fs[k - 1] &&
            !strcmp(growth->a, "+")) {
            f->kind = "growth"; /* 增长1.5倍: a rise of 150 %, written as a multiple */
        } else if (!strcmp(f->kind, "share") && growth) {
            f->kind = "growth";
            if (growth != (const jb_word_t *)(void *)&fs[k - 1])
                negative = !strcmp(growth->a, "-");
            else
                negative = fs[k - 1].value[0] == '-';
        } else if (!strcmp(f->kind, "share") && !strcmp(f->unit, "%") && f->basis) {
            f->kind = "growth";
        }
        if (negative && f->value[0] != '-') {
            memmove(f->value + 1, f->value, strlen(f->value) + 1);
            f->value[0] = '-';
        }

        /* the indicator: a listed value takes its list's; else the nearest
         * statistic named in the window; else the thing counted; else the
         * phrase before the number */
        size_t wl = 0;
        const jb_word_t *stat = NULL;
        size_t stat_at = 0;
        int head = 0;
        static const char *const named[] = {"stat", "head"};
        for (size_t e = f->num_start; e > ws && !stat;) {
            const jb_word_t *nw[2];
            size_t nl[2], l;
            uint32_t c = cp_before(s, e, &l);
            if (jb_dict_may_end(ind, c) && jb_dict_match_classes_before(ind, s, ws, e, named, 2, nw, nl)) {
                head = !nw[0]; /* a statistic's name first, else a head word */
                stat = nw[head];
                wl = nl[head];
                stat_at = e - wl;
                break;
            }
            e -= l;
        }
        /* the phrase window starts after the last subject or time named */
        size_t pws = phrase_start(mentions, timex, ws, f->num_start);
        size_t al;
        uint32_t after_unit = jb_cp_at(s, f->end, b, &al);
        int noun_after = f->unit_is_count && is_han(after_unit) &&
                         !jb_dict_match_at(&st->ex->indicators, s + f->end, b - f->end, "stat", &al) &&
                         !has_prefix(s, f->end, b, "分别") && !has_prefix(s, f->end, b, "以上");
        if (listed && fs[k - 1].indicator && (!stat || stat_at < fs[k - 1].num_start)) {
            f->indicator = g_strdup(fs[k - 1].indicator);
        } else if (growth && !stat && k && fs[k - 1].indicator && strcmp(f->kind, "growth") == 0) {
            f->indicator = g_strdup(fs[k - 1].indicator);
        } else if (!strcmp(f->kind, "rank")) {
            size_t ju = f->num_start;
            for (size_t q = ws; q < f->num_start; q++)
                if (has_prefix(s, q, f->num_start, "居") || has_prefix(s, q, f->num_start, "排名") ||
                    has_prefix(s, q, f->num_start, "位列") || has_prefix(s, q, f->num_start, "排在")) {
                    ju = q;
                    break;
                }
            char *what = tidy_phrase(s, phrase_start(mentions, timex, ws, ju), ju);
            if ((!*what || !strcmp(what, "增速")) && k && fs[k - 1].indicator) {
                char *w2 = g_strconcat(fs[k - 1].indicator, what, NULL);
                g_free(what);
                what = w2;
            }
            f->indicator = g_strconcat(*what ? what : (k ? fs[k - 1].indicator : ""), "排名", NULL);
            g_free(what);
        } else if (noun_after || (f->unit_is_count && !stat)) {
            char *thing = count_thing(st, pws, f, b);
            /* 项目 → 项目数; 保有量, 数量 stay as they are */
            f->indicator = *thing ? g_strconcat(thing, g_str_has_suffix(thing, "数") ||
                                                           g_str_has_suffix(thing, "量") ? "" : "数", NULL)
                                  : g_strdup("");
            g_free(thing);
            f->confidence -= 0.1;
        } else if (stat && head) {
            /* 第一产业增加值, 建筑业产值: the words before a head noun */
            size_t hs = phrase_start(mentions, timex, ws, stat_at);
            size_t q = stat_at;
            int chars = 0;
            while (q > hs && chars < 6) {
                size_t l;
                uint32_t c = cp_before(s, q, &l);
                if (!is_han(c) || c == 0x7684 /* 的 */ || c == 0x3001)
                    break;
                q -= l;
                chars++;
            }
            size_t pl;
            const jb_word_t *prev_stat = jb_dict_match_before(&st->ex->indicators, s, hs, stat_at, "stat", &pl);
            char *mod = prev_stat ? g_strdup(prev_stat->a) : tidy_phrase(s, q, stat_at);
            static const char *const verbs[] = {"实现", "预计", "完成", "力争", "达到", "预计实现", "全年", "可实现"};
            for (size_t v = 0; v < G_N_ELEMENTS(verbs); v++)
                if (!strcmp(mod, verbs[v]) || g_str_has_suffix(mod, verbs[v]))
                    mod[strlen(mod) - strlen(verbs[v])] = 0;
            if (!*mod && k && fs[k - 1].indicator && !strcmp(stat->a, "增速")) {
                g_free(mod);
                mod = g_strdup(fs[k - 1].indicator);
            }
            f->indicator = g_strconcat(mod, stat->a, NULL);
            g_free(mod);
        } else if (stat) {
            f->indicator = g_strdup(stat->a);

            /* 占济南市规模以上工业营业收入的2.6%: a share of something */
        } else if (growth && k && fs[k - 1].indicator) {
            f->indicator = g_strdup(fs[k - 1].indicator);
        } else {
            f->indicator = tidy_phrase(s, pws, growth && growth_at >= pws ? growth_at : f->num_start);
            f->confidence -= 0.2;
        }
        /* a percentage of a growth rate's name (投资增速保持在10%) is growth */
        if (!strcmp(f->kind, "share") && !strcmp(f->unit, "%") && f->indicator &&
            (g_str_has_suffix(f->indicator, "增速") || g_str_has_suffix(f->indicator, "增幅")))
            f->kind = "growth";
        /* 占X的N%: the share of X */
        if (!strcmp(f->kind, "share")) {
            for (size_t p = ws; p < f->num_start; p++)
                if ((unsigned char)s[p] == 0xE5 && has_prefix(s, p, f->num_start, "占")) {
                    size_t e = f->num_start;
                    if (has_suffix(s, p, e, "的"))
                        e -= 3;
                    while (has_suffix(s, p, e, "达到") || has_suffix(s, p, e, "达") || has_suffix(s, p, e, "为") ||
                           has_suffix(s, p, e, "超过") || has_suffix(s, p, e, "突破") || has_suffix(s, p, e, "约") ||
                           has_suffix(s, p, e, "近"))
                        e -= has_suffix(s, p, e, "达到") || has_suffix(s, p, e, "超过") || has_suffix(s, p, e, "突破") ? 6 : 3;
                    if (has_suffix(s, p, e, "的"))
                        e -= 3;
                    /* the thing whose share it is, when named right before 占 */
                    size_t ps = p;
                    size_t wl2;
                    const jb_word_t *owner = jb_dict_match_before(&st->ex->indicators, s, ws, p, "stat", &wl2);
                    if (owner)
                        ps = p - wl2;
                    if (e > p + 3) {
                        char *x = g_strndup(s + ps, e - ps);
                        g_free(f->indicator);
                        f->indicator = g_str_has_suffix(x, "比重") || g_str_has_suffix(x, "比例") ||
                                               g_str_has_suffix(x, "比") || g_str_has_suffix(x, "率")
                                           ? g_strdup(x) : g_strconcat(x, "比重", NULL);
                        g_free(x);
                    }
                    break;
                }
        }
        /* an amount or count after 增加/减少 is a change */
        /* 高于全市平均水平2.3个百分点: the previous rate compared */
        if (!strcmp(f->kind, "points") && k && fs[k - 1].indicator && !stat) {
            for (size_t p = ws; p + 6 <= f->num_start; p++)
                if (has_prefix(s, p, f->num_start, "高于") || has_prefix(s, p, f->num_start, "快于") ||
                    has_prefix(s, p, f->num_start, "低于") || has_prefix(s, p, f->num_start, "慢于")) {
                    int below = has_prefix(s, p, f->num_start, "低于") || has_prefix(s, p, f->num_start, "慢于");
                    g_free(f->indicator);
                    /* 增速差: how far the rate is above (below) what it is compared with */
                    f->indicator = g_strconcat(fs[k - 1].indicator,
                                               g_str_has_suffix(fs[k - 1].indicator, "增速") ? "差" : "增速差", NULL);
                    if (below && f->value[0] != '-') {
                        memmove(f->value + 1, f->value, strlen(f->value) + 1);
                        f->value[0] = '-';
                    }
                    break;
                }
        }
        if (growth && !strcmp(f->kind, "points") && growth != (const jb_word_t *)(void *)&fs[k - 1]) {
            if (!strcmp(growth->a, "-") && f->value[0] != '-') {
                memmove(f->value + 1, f->value, strlen(f->value) + 1);
                f->value[0] = '-';
            }
            if (g_str_has_suffix(f->indicator, growth->word))
                f->indicator[strlen(f->indicator) - strlen(growth->word)] = 0;
        } else if (growth && strcmp(f->kind, "growth") && strcmp(f->kind, "rank") &&
                   growth != (const jb_word_t *)(void *)&fs[k - 1] && f->num_start >= ws + 6) {
            char *old = f->indicator;
            if (!stat || stat_at > growth_at) {
                old = tidy_phrase(s, pws, growth_at);
                g_free(f->indicator);
            }
            if (!*old && k && fs[k - 1].indicator) {
                g_free(old);
                old = g_strdup(fs[k - 1].indicator);
            }
            f->indicator = g_strconcat(old, "增量", NULL);
            g_free(old);
            if (!strcmp(growth->a, "-") && f->value[0] != '-') {
                memmove(f->value + 1, f->value, strlen(f->value) + 1);
                f->value[0] = '-';
            }
        }

        if (!strcmp(f->kind, "ratio") && !stat) {
            for (size_t p = ws; p + 3 <= f->num_start; p++)
                if (has_prefix(s, p, f->num_start, "是") || has_prefix(s, p, f->num_start, "为")) {
                    char *before = tidy_phrase(s, phrase_start(mentions, timex, ws, p), p);
                    g_free(f->indicator);
                    f->indicator = *before || !k ? before : (g_free(before), g_strdup(fs[k - 1].indicator));
                    break;
                }
        }
        if (!f->indicator[0]) {
            size_t sl2;
            for (size_t e = ws; e > a; ) {
                const jb_word_t *w2 = jb_dict_match_before(&st->ex->indicators, s, a, e, "stat", &sl2);
                if (w2) {
                    g_free(f->indicator);
                    f->indicator = g_strdup(w2->a);
                    break;
                }
                size_t l;
                cp_before(s, e, &l);
                e -= l;
            }
        }
        /* the entity: the last subject named before the number in this
         * sentence, else the carried subject */
        if (!st->region[0] && !st->dominant_done)
            st->region_pending = 1;
        const mention_t *best = NULL;
        for (guint m = 0; m < mentions->len; m++) {
            const mention_t *mm = &g_array_index(mentions, mention_t, m);
            if (mm->start < f->num_start && mm->subject)
                best = mm;
        }
        if (!best || best->refer || best->project)
            settle_region(st); /* the region or subject is read */
        if (best) {
            if (best->refer) {
                f->entity = st->region[0] ? st->region : NULL;
            } else if (best->project && !strcmp(best->name, "该项目")) {
                f->entity = st->project[0] ? st->project : st->subject;
            } else if (best->project && !strcmp(best->name, "项目")) {
                /* a bare 项目 continues a project named in this paragraph or
                 * the one before */
                f->entity = st->project[0] && st->para - st->project_para <= 1 ? st->project : st->subject;
            } else {
                f->entity = best->name;
            }
            sentence_subject = f->entity;
        } else {
            f->entity = sentence_subject ? sentence_subject : st->subject;
            f->confidence -= 0.1;
        }
        /* the period: the last time expression before the number in the
         * sentence, else the first after it, else the carried one */
        const char *period = NULL;
        for (guint t = 0; t < timex->len; t++) {
            const timex_t *tt = &g_array_index(timex, timex_t, t);
            if (tt->period[0] && tt->start < f->num_start)
                period = tt->period;
        }
        for (guint t = 0; !period && t < timex->len; t++)
            if (g_array_index(timex, timex_t, t).period[0])
                period = g_array_index(timex, timex_t, t).period;
        g_strlcpy(f->period, period ? period : st->period, sizeof f->period);
    }
    st->mentions = mentions;
    st->timex = timex;
    pair_lists(st, fs, facts->len, a, b);

    /* carried state: the subject and period in force after this sentence */
    for (guint m = 0; m < mentions->len; m++) {
        const mention_t *mm = &g_array_index(mentions, mention_t, m);
        if (mm->project && !mm->subject && strcmp(mm->name, "该项目") && strcmp(mm->name, "项目")) {
            g_strlcpy(st->project, mm->name, sizeof st->project);
            st->project_para = st->para;
        }
        if (!mm->subject)
            continue;
        if (mm->refer) {
            settle_region(st);
            g_strlcpy(st->subject, st->region, sizeof st->subject);
        } else if (mm->project) {
            if (strcmp(mm->name, "该项目") && strcmp(mm->name, "项目"))
                g_strlcpy(st->project, mm->name, sizeof st->project);
            if (st->project[0] && strcmp(mm->name, "项目")) {
                g_strlcpy(st->subject, st->project, sizeof st->subject);
                st->project_para = st->para;
            }
        } else if (mm->org) {
            g_strlcpy(st->subject, mm->name, sizeof st->subject);
            g_strlcpy(st->project, mm->name, sizeof st->project);
            st->project_para = st->para;
        } else {
            g_strlcpy(st->subject, mm->name, sizeof st->subject);
            g_strlcpy(st->region, mm->name, sizeof st->region);
            st->region_pending = 0; /* both overwritten */
        }
    }
    settle_region(st);
    if (!st->region[0])
        for (guint m = 0; m < mentions->len; m++) {
            const mention_t *mm = &g_array_index(mentions, mention_t, m);
            if (!mm->refer && !mm->project && !mm->org && mm->subject) {
                g_strlcpy(st->region, mm->name, sizeof st->region);
                if (!st->subject[0])
                    g_strlcpy(st->subject, mm->name, sizeof st->subject);
                break;
            }
        }
    for (guint t = 0; t < timex->len; t++)
        if (g_array_index(timex, timex_t, t).carry)
            g_strlcpy(st->period, g_array_index(timex, timex_t, t).period, sizeof st->period);

    for (guint k = 0; k < facts->len; k++) {
        if (fs[k].entity && !fs[k].entity[0])
            fs[k].entity = NULL;
        emitted += emit(st, article, &fs[k], a, b, fn, user);
        rawfact_clear(&fs[k]);
    }
    return emitted;
}

/* ---- 分别-lists ------------------------------------------------------- */

/* Sub-groups named by a list of counts (14个省级、39个市级重点项目) pair
 * with later lists of the same length in the sentence; so do the items of a
 * list of nouns before 分别 (出口、进口分别增长 …). */
static void
pair_lists(const state_t *st, rawfact_t *f, size_t nf, size_t a, size_t b)
{
    const char *s = st->text;
    char *names[16] = {0};
    int replace[16] = {0};
    size_t nn = 0, list_end = 0, first = 0;

    /* a list of counts: c_i, text, 、, c_i+1 */
    for (size_t i = 0; i + 1 < nf && !nn; i++) {
        if (!f[i].unit_is_count)
            continue;
        size_t j = i;
        while (j + 1 < nf && f[j + 1].unit_is_count && j - i < 15) {
            size_t ge = f[j + 1].num_start;
            if (!has_suffix(s, f[j].end, ge, "、") && !has_suffix(s, f[j].end, ge, "和"))
                break;
            size_t p = f[j].end, l;
            int ok = 1;
            while (p < ge - 3) {
                uint32_t c = jb_cp_at(s, p, b, &l);
                if (!is_han(c))
                    ok = 0;
                p += l;
            }
            if (!ok || ge - f[j].end > 3 * 12 || ge - f[j].end <= 3)
                break;
            j++;
        }
        if (j == i)
            continue;
        /* the names: the text after each count; the last runs to 分别 or
         * a statistic's name */
        size_t last_end = han_run(st, f[j].end, b, 16);
        char *last = g_strndup(s + f[j].end, last_end - f[j].end);
        /* the shared tail: the last name without its leading scope word */
        const char *tail = last;
        for (const char *q = last; *q; q = g_utf8_next_char(q)) {
            gunichar c = g_utf8_get_char(q);
            if (c == 0x7EA7 /* 级 */ || c == 0x7701 || c == 0x5E02 || c == 0x533A || c == 0x53BF) {
                tail = g_utf8_next_char(q);
                break;
            }
            if (q - last > 12)
                break;
        }
        for (size_t k = i; k <= j && nn < 16; k++) {
            char *own = k < j ? g_strndup(s + f[k].end, f[k + 1].num_start - 3 - f[k].end) : g_strdup(last);
            if (k < j && *tail) {
                /* overlap: 山东省重点 + 重点项目 → 山东省重点项目 */
                size_t ol = strlen(tail);
                while (ol > 0 && !(strlen(own) >= ol && !memcmp(own + strlen(own) - ol, tail, ol)))
                    ol--;
                char *full = g_strconcat(own, tail + ol, NULL);
                g_free(own);
                own = full;
            }
            names[nn++] = own;
            g_free(f[k].indicator);
            f[k].indicator = g_strconcat(own, "数", NULL);
        }
        g_free(last);
        list_end = j + 1;
        first = i;
    }
    (void)first;
    /* or a list of nouns before 分别 */
    if (!nn) {
        const char *fb = NULL;
        if (b - a >= strlen("分别"))
            fb = find_word(s + a, b - a, "分别", strlen("分别"));
        if (fb) {
            size_t e = (size_t)(fb - s), st0 = e, l;
            while (st0 > a) {
                uint32_t c = cp_before(s, st0, &l);
                if (is_clause_mark(c) || !(is_han(c) || c == 0x3001))
                    break;
                st0 -= l;
            }
            for (guint m = 0; m < st->mentions->len; m++) {
                const mention_t *mm = &g_array_index(st->mentions, mention_t, m);
                if (mm->end <= e && mm->end > st0)
                    st0 = mm->end;
            }
            for (guint t = 0; t < st->timex->len; t++) {
                const timex_t *tt = &g_array_index(st->timex, timex_t, t);
                if (tt->end <= e && tt->end > st0)
                    st0 = tt->end;
            }
            size_t swl;
            const jb_word_t *shared = jb_dict_match_before(&st->ex->indicators, s, st0, e, "stat", &swl);
            if (!shared)
                shared = jb_dict_match_before(&st->ex->indicators, s, st0, e, "head", &swl);
            if (shared && swl < e - st0 && !has_suffix(s, st0, e - swl, "、") && !has_suffix(s, st0, e - swl, "和"))
                e -= swl;
            else
                shared = NULL;
            char *seg = g_strndup(s + st0, e - st0);
            GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
            char *q = seg, *sepp;
            while ((sepp = strstr(q, "、")) || (sepp = strstr(q, "和"))) {
                g_ptr_array_add(items, g_strndup(q, (size_t)(sepp - q)));
                q = sepp + 3;
            }
            g_ptr_array_add(items, g_strdup(q));
            /* when one item is a statistic, every item is one
             * (工业投资和服务业投资分别增长…) */
            int any_stat = 0;
            for (guint k = 0; k < items->len; k++) {
                const char *it = g_ptr_array_index(items, k);
                size_t il;
                if (jb_dict_match_at(&st->ex->indicators, it, strlen(it), "stat", &il) && il == strlen(it))
                    any_stat = 1;
            }
            /* 第一、二、三产业: the items before the last are bare numerals
             * that share the last one's tail (and the first one's 第) */
            if (items->len >= 2) {
                const char *last = g_ptr_array_index(items, items->len - 1);
                const char *first_item = g_ptr_array_index(items, 0);
                int ordinal = g_str_has_prefix(first_item, "第");
                gunichar lc = g_utf8_get_char(last);
                const char *tail = g_utf8_next_char(last);
                int bare = is_cn_numeral(lc) && *tail;
                for (guint k = 0; bare && k + 1 < items->len; k++) {
                    const char *it = g_ptr_array_index(items, k);
                    if (g_str_has_prefix(it, "第"))
                        it += strlen("第");
                    if (!is_cn_numeral(g_utf8_get_char(it)) || *g_utf8_next_char(it))
                        bare = 0;
                }
                for (guint k = 0; bare && k < items->len; k++) {
                    char *it = g_ptr_array_index(items, k);
                    const char *core = g_str_has_prefix(it, "第") ? it + strlen("第") : it;
                    char *full = g_strdup_printf("%s%.*s%s", ordinal ? "第" : "",
                                                 (int)(g_utf8_next_char(core) - core), core, tail);
                    g_ptr_array_index(items, k) = full;
                    g_free(it);
                }
            }
            if (items->len >= 2)
                for (guint k = 0; k < items->len && nn < 16; k++) {
                    const char *it = g_ptr_array_index(items, k);
                    size_t il;
                    const jb_word_t *iw = jb_dict_match_at(&st->ex->indicators, it, strlen(it), "stat", &il);
                    if (iw && il == strlen(it) && !shared) {
                        names[nn] = g_strdup(iw->a);
                        replace[nn++] = 1;
                    } else if (any_stat && !shared) {
                        names[nn] = g_strdup(it);
                        replace[nn++] = 1;
                    } else if (shared) {
                        /* 第一产业、第二产业增加值 → 第一产业增加值, 第二产业增加值 */
                        names[nn] = g_strconcat(it, shared->a, NULL);
                        replace[nn++] = 1;
                    } else {
                        names[nn++] = g_strdup(it);
                    }
                }
            g_ptr_array_free(items, TRUE);
            g_free(seg);
            list_end = 0;
            while (list_end < nf && f[list_end].num_start < e)
                list_end++;
        }
    }
    if (nn >= 2) {
        /* later lists of nn values take the names in order */
        for (size_t i = list_end; i + nn <= nf;) {
            size_t j = i;
            while (j + 1 < nf && j + 1 - i < nn) {
                size_t ge = f[j + 1].num_start;
                if (ge - f[j].end > 3 || (!has_prefix(s, f[j].end, b, "、") && !has_prefix(s, f[j].end, b, "和")))
                    break;
                j++;
            }
            if (j + 1 - i == nn) {
                for (size_t k = 0; k < nn; k++) {
                    char *old = f[i + k].indicator ? f[i + k].indicator : g_strdup("");
                    if (replace[k])
                        f[i + k].indicator = g_strdup(names[k]);
                    else
                        f[i + k].indicator = g_str_has_prefix(old, names[k]) ? g_strdup(old) : g_strconcat(names[k], old, NULL);
                    g_free(old);
                }
                i = j + 1;
            } else {
                i++;
            }
        }
    }
    for (size_t k = 0; k < nn; k++)
        g_free(names[k]);
}

/* ---- the article ------------------------------------------------------ */

/* Page furniture: a line that starts one ends the article's own text. */
static int
is_furniture(const char *s, size_t a, size_t b)
{
    static const lit_t marks[] = {LIT("广告"), LIT("特别声明"), LIT("免责声明"), LIT("相关阅读"), LIT("热点推荐"),
                                        LIT("相关新闻"), LIT("推荐阅读"), LIT("责任编辑"), LIT("编辑："), LIT("编辑:"),
                                        LIT("原标题"), LIT("联系电话"), LIT("Notice:"), LIT("- 热点推荐"), LIT("- 相关阅读")};
    for (size_t k = 0; k < G_N_ELEMENTS(marks); k++)
        if (lit_prefix(s, a, b, &marks[k]))
            return 1;
    return 0;
}

size_t
jb_extract_article(const jb_extractor_t *ex, const jb_article_t *article, jb_fact_fn fn, void *user)
{
    state_t st;
    memset(&st, 0, sizeof st);
    st.ex = ex;
    st.text = jb_article_get_text(article, &st.len);
    st.timex_buf = g_array_new(FALSE, FALSE, sizeof(timex_t));
    st.mention_buf = g_array_new(FALSE, FALSE, sizeof(mention_t));
    st.fact_buf = g_array_new(FALSE, FALSE, sizeof(rawfact_t)); /* read_fact clears */
    st.marks = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t pos = 0, a, b, count = 0, para = (size_t)-1, ps = 0, seen = 0;
    while (jb_ingest_next_sentence(st.text, st.len, &pos, &a, &b)) {
        /* the paragraph the sentence starts: the last line end before it,
         * looked for only in the text since the previous sentence (a long
         * line of many sentences stays linear) */
        const char *nl = seen < a ? memrchr(st.text + seen, '\n', a - seen) : NULL;
        if (nl)
            ps = (size_t)(nl - st.text) + 1;
        seen = a;
        if (ps != para) {
            para = ps;
            st.para++;
            if (is_furniture(st.text, a, b))
                st.skipping = 1;
            /* 本报讯: a new article on the same page */
            if (has_prefix(st.text, a, b, "本报讯")) {
                st.skipping = 0;
                st.project[0] = st.period[0] = 0;
            }
            /* a new paragraph returns from a project to the region */
            if (st.project[0])
                settle_region(&st);
            if (st.project[0] && !strcmp(st.subject, st.project))
                g_strlcpy(st.subject, st.region, sizeof st.subject);
        }
        if (st.skipping)
            continue;
        count += do_sentence(&st, article, a, b, fn, user);
    }
    g_array_free(st.fact_buf, TRUE);
    g_array_free(st.marks, TRUE);
    g_array_free(st.mention_buf, TRUE);
    g_array_free(st.timex_buf, TRUE);
    return count;
}
