/* Narration: the sentences a statistician writes around a comparison —
 * leader and laggard, ties, ranking, share of the total, ratios in 倍,
 * differences of growth rates in 百分点, 增长/下降/持平. Called by bind.c
 * for <narrate>; numbers come from the facts and from exact decimal
 * arithmetic on them, wording from format.c. docs/narration.md. */
#include "narrate.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../base/decimal-private.h"
#include "format.h"

/* A fact with a value, as a scaled integer for exact comparisons. */
typedef struct {
    const jb_narrate_fact_t *f;
    size_t index;      /* input order: ties keep it */
    int64_t scaled;    /* value * 10^decimals of the comparison */
    int decimals;      /* as stated */
} item_t;

/* Decimals of a decimal text, or -1 when it is not one. */
static int
decimals_of(const char *v)
{
    const char *p = v;
    if (*p == '-' || *p == '+')
        p++;
    if (!g_ascii_isdigit(*p))
        return -1;
    while (g_ascii_isdigit(*p))
        p++;
    if (!*p)
        return 0;
    if (*p != '.' || !g_ascii_isdigit(p[1]))
        return -1;
    const char *d = ++p;
    while (g_ascii_isdigit(*p))
        p++;
    return *p ? -1 : (int)(p - d);
}

/* v * 10^d as an integer (d >= decimals of v); FALSE on overflow. */
static gboolean
scale_decimal(const char *v, int d, int64_t *out)
{
    int neg = *v == '-';
    const char *p = v + (*v == '-' || *v == '+');
    int64_t x = 0;
    int frac = -1;
    for (; *p; p++) {
        if (*p == '.') {
            frac = 0;
            continue;
        }
        if (frac >= 0)
            frac++;
        if (__builtin_mul_overflow(x, 10, &x) || __builtin_add_overflow(x, *p - '0', &x))
            return FALSE;
    }
    for (int k = frac < 0 ? 0 : frac; k < d; k++)
        if (__builtin_mul_overflow(x, 10, &x))
            return FALSE;
    *out = neg ? -x : x;
    return TRUE;
}

/* An integer scaled by 10^d back to decimal text. */
static char *
unscale(int64_t x, int d)
{
    char digits[32];
    uint64_t a = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    g_snprintf(digits, sizeof digits, "%0*" G_GUINT64_FORMAT, d + 1, a);
    size_t len = strlen(digits);
    GString *s = g_string_new(x < 0 ? "-" : "");
    g_string_append_len(s, digits, (gssize)(len - (size_t)d));
    if (d > 0) {
        g_string_append_c(s, '.');
        g_string_append(s, digits + len - (size_t)d);
    }
    return g_string_free(s, FALSE);
}

/* A double rounded half away from zero to `decimals`, as text. */
static char *
round_double(double x, int decimals)
{
    char buf[64];
    g_ascii_formatd(buf, sizeof buf, "%.9f", x);
    return jb_decimal_round(buf, decimals);
}

/* ---- wording ---- */

static gboolean
qualifier_after(const char *q)
{
    return q && (strcmp(q, "余") == 0 || strcmp(q, "多") == 0);
}

/* "1400余个", "约969.8亿元": the value as stated with its qualifier and
 * unit. */
static char *
amount_text(const jb_narrate_fact_t *f)
{
    char *num = jb_format_number(f->value, NULL, 0, NULL);
    const char *q = f->qualifier ? f->qualifier : "";
    char *s = qualifier_after(q) ? g_strconcat(num, q, f->unit ? f->unit : "", NULL)
                                 : g_strconcat(q, num, f->unit ? f->unit : "", NULL);
    g_free(num);
    return s;
}

/* "同比增长4.6%", "下降3.5%", "持平": a growth rate, never 增长-3.5%. */
static char *
growth_text(const jb_narrate_fact_t *f, gboolean with_basis)
{
    jb_number_format_t nf = {-1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, NULL, NULL, NULL};
    char *w = jb_format_number(f->value, NULL, 0, &nf);
    const char *basis = with_basis && f->basis ? f->basis : "";
    char *s;
    if (f->qualifier && *f->qualifier && strcmp(w, "持平") != 0) /* 增长 + 近 + 5% */
        s = g_strdup_printf("%s%.6s%s%s", basis, w, f->qualifier, w + 6);
    else
        s = g_strconcat(basis, w, NULL);
    g_free(w);
    return s;
}

/* A fact's value as the sentence prints it. */
static char *
value_text(const jb_narrate_fact_t *f, gboolean with_basis)
{
    return strcmp(f->kind, "growth") == 0 ? growth_text(f, with_basis) : amount_text(f);
}

/* ---- the sentence being built ---- */

typedef struct {
    jb_text_t *text;
    guint32 hash; /* of the data: picks among equivalent phrasings */
} out_t;

static void
put(out_t *o, const char *s)
{
    /* literal text joins the previous literal piece */
    jb_text_t *t = o->text;
    if (t->n_inlines && !t->inlines[t->n_inlines - 1].fact_id) {
        char *joined = g_strconcat(t->inlines[t->n_inlines - 1].text, s, NULL);
        g_free(t->inlines[t->n_inlines - 1].text);
        t->inlines[t->n_inlines - 1].text = joined;
    } else {
        jb_text_add(t, s, NULL, 0);
    }
}

static void
put_value(out_t *o, const jb_narrate_fact_t *f, gboolean with_basis)
{
    char *s = value_text(f, with_basis);
    /* the basis (同比) is wording, the rest the fact's value */
    const char *basis = with_basis && f->basis && strcmp(f->kind, "growth") == 0 ? f->basis : "";
    if (*basis)
        put(o, basis);
    jb_text_add(o->text, s + strlen(basis), f->id, 0);
    g_free(s);
}

/* Choose one of n phrasings from the data; slot varies it per sentence. */
static int
pick(const out_t *o, int slot, int n)
{
    guint32 h = o->hash ^ (guint32)slot * 0x9E3779B9u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return (int)(h % (guint32)n);
}

/* "甲区、乙区和丙区" */
static void
put_entities(out_t *o, item_t *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            put(o, i + 1 == n ? "和" : "、");
        put(o, items[i]->f->entity);
    }
}

/* ---- comparison ---- */

static gint
by_value_desc(gconstpointer pa, gconstpointer pb)
{
    const item_t *a = *(item_t *const *)pa, *b = *(item_t *const *)pb;
    if (a->scaled != b->scaled)
        return a->scaled > b->scaled ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

static gboolean
any_qualified(item_t *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (items[i]->f->qualifier && *items[i]->f->qualifier)
            return TRUE;
    return FALSE;
}

/* Levels: amounts, counts, shares, ratios, ranks. */
static void
narrate_levels(out_t *o, item_t **s, size_t n, int decimals, const char *noun)
{
    const jb_narrate_fact_t *top = s[0]->f;
    const char *ind = top->indicator;
    gboolean additive = strcmp(top->kind, "amount") == 0 || strcmp(top->kind, "count") == 0;
    gboolean approx = any_qualified(s, n);
    size_t n_top = 1, n_bottom = 1;
    while (n_top < n && s[n_top]->scaled == s[0]->scaled)
        n_top++;
    while (n_bottom < n && s[n - 1 - n_bottom]->scaled == s[n - 1]->scaled)
        n_bottom++;

    if (n == 1) {
        put(o, top->entity);
        put(o, ind);
        put(o, pick(o, 1, 2) ? "为" : "");
        put_value(o, top, FALSE);
        put(o, "。");
        return;
    }
    if (n_top == n) { /* all equal */
        put_entities(o, s, n);
        put(o, ind);
        put(o, "相同，均为");
        put_value(o, top, FALSE);
        put(o, "。");
        return;
    }

    /* the leader (or those tied first), and its share of the total */
    if (n_top > 1) {
        put_entities(o, s, n_top);
        put(o, ind);
        put(o, "并列最高，均为");
        put_value(o, top, FALSE);
    } else {
        switch (pick(o, 2, 3)) {
        case 0:
            put(o, top->entity);
            put(o, ind);
            put(o, "最高，为");
            break;
        case 1:
            put(o, ind);
            put(o, "以");
            put(o, top->entity);
            put(o, "居首，为");
            break;
        default:
            put(o, top->entity);
            put(o, ind);
            put(o, "位居第一，达到");
            break;
        }
        put_value(o, top, FALSE);
    }
    int64_t total = 0;
    gboolean summable = additive && s[n - 1]->scaled >= 0;
    for (size_t i = 0; i < n && summable; i++)
        summable = !__builtin_add_overflow(total, s[i]->scaled, &total);
    if (summable && total > 0) {
        char *share =
            round_double((double)s[0]->scaled * (double)n_top / (double)total * 100.0, 1);
        put(o, n_top > 1 ? "，共" : "，");
        put(o, approx ? "约占" : "占");
        char *cnt = g_strdup_printf("%zu个%s合计的", n, noun);
        put(o, cnt);
        g_free(cnt);
        put(o, share);
        put(o, "%");
        g_free(share);
    }
    put(o, "。");

    /* those in between: the ranking */
    if (n > n_top + n_bottom) {
        size_t a = n_top, b = n - n_bottom; /* [a, b) */
        if (b - a == 1) {
            put(o, s[a]->f->entity);
            put(o, "居中，为");
            put_value(o, s[a]->f, FALSE);
        } else {
            put(o, pick(o, 3, 2) ? "其后依次为" : "其余依次为");
            for (size_t i = a; i < b; i++) {
                if (i > a)
                    put(o, "、");
                put(o, s[i]->f->entity);
                put(o, "（");
                put_value(o, s[i]->f, FALSE);
                put(o, "）");
            }
        }
        put(o, "。");
    }

    /* the laggard, and how far it is behind: 倍 when the gap is large */
    const jb_narrate_fact_t *last = s[n - 1]->f;
    if (n_bottom > 1) {
        put_entities(o, s + n - n_bottom, n_bottom);
        put(o, "并列最低，均为");
    } else {
        put(o, last->entity);
        put(o, pick(o, 4, 2) ? "最低，为" : "居末，为");
    }
    put_value(o, last, FALSE);
    int64_t diff;
    if (additive && s[n - 1]->scaled > 0 && s[0]->scaled >= 2 * s[n - 1]->scaled) {
        char *r = round_double((double)s[0]->scaled / (double)s[n - 1]->scaled, 1);
        put(o, approx ? "，最高者约是最低者的" : "，最高者是最低者的");
        put(o, r);
        put(o, "倍");
        g_free(r);
    } else if (!__builtin_sub_overflow(s[0]->scaled, s[n - 1]->scaled, &diff)) {
        char *d = unscale(diff, decimals);
        char *dn = jb_format_number(d, NULL, 0, NULL);
        put(o, "，与最高者相差");
        put(o, approx ? "约" : "");
        put(o, dn);
        put(o, top->unit ? top->unit : "");
        g_free(dn);
        g_free(d);
    }
    put(o, "。");
}

/* Growth rates: fastest and slowest, the gap in 百分点, how many grew. */
static void
narrate_growth(out_t *o, item_t **s, size_t n, int decimals, const char *noun)
{
    const jb_narrate_fact_t *top = s[0]->f, *last = s[n - 1]->f;
    const char *ind = top->indicator;
    size_t n_top = 1, n_bottom = 1;
    while (n_top < n && s[n_top]->scaled == s[0]->scaled)
        n_top++;
    while (n_bottom < n && s[n - 1 - n_bottom]->scaled == s[n - 1]->scaled)
        n_bottom++;

    if (n == 1) {
        put(o, top->entity);
        put(o, ind);
        put_value(o, top, TRUE);
        put(o, "。");
        return;
    }
    if (n_top == n) {
        put_entities(o, s, n);
        put(o, ind);
        put(o, s[0]->scaled == 0 ? "均" : "增速相同，均");
        put_value(o, top, TRUE);
        put(o, "。");
        return;
    }

    /* the fastest: 增速最快 when it grew, 降幅最小 when all fell */
    if (n_top > 1) {
        put_entities(o, s, n_top);
        put(o, ind);
        put(o, s[0]->scaled < 0 ? "降幅并列最小，均" : "增速并列最高，均");
    } else if (s[0]->scaled < 0) {
        put(o, top->entity);
        put(o, ind);
        put(o, "降幅最小，");
    } else {
        switch (pick(o, 5, 3)) {
        case 0:
            put(o, top->entity);
            put(o, ind);
            put(o, "增速最快，");
            break;
        case 1:
            put(o, "从");
            put(o, ind);
            put(o, "增速看，");
            put(o, top->entity);
            put(o, "最快，");
            break;
        default:
            put(o, top->entity);
            put(o, ind);
            put(o, "增速领先，");
            break;
        }
    }
    put_value(o, top, TRUE);
    put(o, "；");

    /* the slowest, and the gap in 百分点 */
    if (n_bottom > 1)
        put_entities(o, s + n - n_bottom, n_bottom);
    else
        put(o, last->entity);
    if (s[n - 1]->scaled < 0)
        put(o, n_bottom > 1 ? "降幅并列最大，均" : "降幅最大，");
    else if (s[n - 1]->scaled == 0)
        put(o, n_bottom > 1 ? "均" : "");
    else
        put(o, n_bottom > 1 ? "增速并列最低，均" : pick(o, 6, 2) ? "增速最慢，" : "增速最低，");
    put_value(o, last, TRUE);
    int64_t diff;
    if (!__builtin_sub_overflow(s[0]->scaled, s[n - 1]->scaled, &diff)) {
        char *d = unscale(diff, decimals);
        char *dn = jb_format_number(d, NULL, 0, NULL);
        put(o, pick(o, 7, 2) ? "，两者相差" : "，比最高者低");
        put(o, any_qualified(s, n) ? "约" : "");
        put(o, dn);
        put(o, "个百分点");
        g_free(dn);
        g_free(d);
    }
    put(o, "。");

    /* how many grew, fell, held */
    if (n >= 3) {
        size_t up = 0, down = 0, flat = 0;
        for (size_t i = 0; i < n; i++)
            up += s[i]->scaled > 0, down += s[i]->scaled < 0, flat += s[i]->scaled == 0;
        char *msg = NULL;
        if (up == n)
            msg = g_strdup_printf("%zu个%s均实现增长。", n, noun);
        else if (down == n)
            msg = g_strdup_printf("%zu个%s均为下降。", n, noun);
        else if (flat == 0)
            msg = g_strdup_printf("%zu个%s中，%zu个增长，%zu个下降。", n, noun, up, down);
        else
            msg = g_strdup_printf("%zu个%s中，%zu个增长，%zu个下降，%zu个持平。", n, noun, up,
                                  down, flat);
        put(o, msg);
        g_free(msg);
    }
}

static gboolean
same(const char *a, const char *b)
{
    return g_strcmp0(a ? a : "", b ? b : "") == 0;
}

int
jb_narrate(const jb_narrate_fact_t *facts, size_t n, const char *noun, jb_text_t *text,
           char **problem)
{
    *problem = NULL;
    if (n == 0)
        return 0;
    if (!noun || !*noun)
        noun = "地区";

    /* like with like: one indicator, one kind, one unit; one value per
     * entity. Missing values are set aside. */
    const jb_narrate_fact_t *first = &facts[0];
    GPtrArray *present = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *missing = g_ptr_array_new();
    int decimals = 0;
    for (size_t i = 0; i < n && !*problem; i++) {
        const jb_narrate_fact_t *f = &facts[i];
        if (!same(f->indicator, first->indicator))
            *problem = g_strdup_printf("narration compares one indicator: %s and %s",
                                       first->indicator, f->indicator);
        else if (!same(f->kind, first->kind))
            *problem = g_strdup_printf("narration compares one kind of value: %s (%s) and %s (%s)",
                                       first->kind, first->entity, f->kind, f->entity);
        if (*problem)
            break;
        if (!f->value || !*f->value) {
            g_ptr_array_add(missing, (gpointer)f);
            continue;
        }
        int d = decimals_of(f->value);
        if (d < 0) {
            *problem = g_strdup_printf("%s: '%s' is not a number", f->entity, f->value);
            break;
        }
        decimals = MAX(decimals, d);
        for (guint k = 0; k < present->len; k++) {
            const item_t *it = g_ptr_array_index(present, k);
            if (!same(it->f->unit, f->unit)) {
                *problem = g_strdup_printf("mixed units refused: %s%s (%s) and %s%s (%s)",
                                           it->f->value, it->f->unit ? it->f->unit : "",
                                           it->f->entity, f->value, f->unit ? f->unit : "",
                                           f->entity);
                break;
            }
            if (same(it->f->entity, f->entity)) {
                *problem = g_strdup_printf("two values for %s (%s and %s): select one per entity",
                                           f->entity, it->f->value, f->value);
                break;
            }
        }
        item_t *it = g_new0(item_t, 1);
        it->f = f;
        it->index = i;
        g_ptr_array_add(present, it);
    }
    for (guint k = 0; k < present->len && !*problem; k++) {
        item_t *it = g_ptr_array_index(present, k);
        if (!scale_decimal(it->f->value, decimals, &it->scaled))
            *problem = g_strdup_printf("%s: %s has too many digits to compare", it->f->entity,
                                       it->f->value);
    }
    if (*problem) {
        g_ptr_array_free(present, TRUE);
        g_ptr_array_free(missing, TRUE);
        return -1;
    }

    /* the data picks the phrasing: a hash of what is compared */
    out_t o = {text, 2166136261u};
    for (guint k = 0; k < present->len; k++) {
        const item_t *it = g_ptr_array_index(present, k);
        for (const char *p = it->f->entity; p && *p; p++)
            o.hash = (o.hash ^ (guchar)*p) * 16777619u;
        for (const char *p = it->f->value; *p; p++)
            o.hash = (o.hash ^ (guchar)*p) * 16777619u;
    }

    g_ptr_array_sort(present, by_value_desc);
    item_t **s = (item_t **)present->pdata;
    if (present->len > 0) {
        if (strcmp(first->kind, "growth") == 0 || strcmp(first->kind, "points") == 0)
            narrate_growth(&o, s, present->len, decimals, noun);
        else
            narrate_levels(&o, s, present->len, decimals, noun);
    }
    if (missing->len > 0) {
        for (guint k = 0; k < missing->len; k++) {
            const jb_narrate_fact_t *f = g_ptr_array_index(missing, k);
            if (k > 0)
                put(&o, k + 1 == missing->len ? "和" : "、");
            put(&o, f->entity);
        }
        put(&o, present->len ? "的" : "");
        put(&o, first->indicator);
        put(&o, "数据未公布。");
    }
    g_ptr_array_free(present, TRUE);
    g_ptr_array_free(missing, TRUE);
    return 0;
}
