/* The chart model: the spec checked (finite values, known kind, a number of
 * categories that fits) and turned into what the families place: categories
 * in display order (sorted, top-N plus 其他, periods spelled out), series
 * with their colours, and the 万/亿 scale of each axis with its unit. */
#include "chart-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Four greyscale levels at least 35 apart (69, 106, 162, 208 of 255) and
 * hues told apart by the three common colour-vision deficiencies
 * (Okabe–Ito); after them, further distinct hues for pies with many slices. */
static const jb_rgba_t default_palette[] = {
    {0x1F / 255.0, 0x4E / 255.0, 0x79 / 255.0, 1}, /* dark blue */
    {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0, 1}, /* orange */
    {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0, 1}, /* bluish green */
    {0xB5 / 255.0, 0xD8 / 255.0, 0xEE / 255.0, 1}, /* light blue */
    {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0, 1}, /* vermillion */
    {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0, 1}, /* reddish purple */
    {0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0, 1}, /* dark grey */
    {0xBB / 255.0, 0xBB / 255.0, 0xBB / 255.0, 1}, /* light grey */
};

#define MAX_COLUMN_CATEGORIES 60
#define MAX_HBAR_CATEGORIES 40
#define MAX_PIE_SLICES 12

static const struct {
    const char *name;
    kind_t kind;
} kinds[] = {
    {"bar", KIND_BAR},     {"grouped", KIND_BAR}, {"stacked", KIND_STACKED},
    {"stacked100", KIND_STACKED100}, {"hbar", KIND_HBAR}, {"line", KIND_LINE},
    {"combo", KIND_COMBO}, {"pie", KIND_PIE},     {"donut", KIND_DONUT},
};

static int
parse_colour(const char *s, jb_rgba_t *c)
{
    unsigned r, g, b;
    if (strlen(s) != 7 || s[0] != '#' || sscanf(s + 1, "%2x%2x%2x", &r, &g, &b) != 3)
        return 0;
    *c = (jb_rgba_t){r / 255.0, g / 255.0, b / 255.0, 1};
    return 1;
}

/* The i-th colour of the theme, or of the default palette. */
jb_rgba_t
jb_chart_palette_colour(const jb_chart_spec_t *spec, size_t i)
{
    /* the theme's colours in a cycle; the default palette without them */
    if (spec->colors) {
        char **tok = g_strsplit_set(spec->colors, " ,", -1);
        GArray *theme = g_array_new(FALSE, FALSE, sizeof(jb_rgba_t));
        jb_rgba_t c = {0};
        for (char **t = tok; *t; t++)
            if (**t && parse_colour(*t, &c))
                g_array_append_val(theme, c);
        if (theme->len > 0)
            c = g_array_index(theme, jb_rgba_t, i % theme->len);
        int found = theme->len > 0;
        g_array_free(theme, TRUE);
        g_strfreev(tok);
        if (found)
            return c;
    }
    return default_palette[i % G_N_ELEMENTS(default_palette)];
}

static const char *const quarter_names[] = {"一", "二", "三", "四"};

/* A period label spelled out (2024Q1 → 2024年一季度, 2024-03 → 2024年3月) or in
 * compact form (24Q1, 3月); NULL when label is not a period. */
char *
jb_chart_period_label(const char *label, int compact)
{
    int y, q, q2, mo, len = 0;
    size_t n = strlen(label);
    /* cumulative periods: 2024Q1-Q3 前三季度, 2024Q1-Q2 or 2024H1 上半年 */
    if (sscanf(label, "%4dQ1-Q%1d%n", &y, &q2, &len) == 2 && (size_t)len == n && q2 >= 2 &&
        q2 <= 4) {
        static const char *const upto[] = {"", "", "上半年", "前三季度", "全年"};
        return compact ? g_strdup_printf("%02dQ1-%d", y % 100, q2)
                       : g_strdup_printf("%d年%s", y, upto[q2]);
    }
    if (sscanf(label, "%4dH%1d%n", &y, &q, &len) == 2 && (size_t)len == n && q >= 1 && q <= 2)
        return compact ? g_strdup_printf("%02dH%d", y % 100, q)
                       : g_strdup_printf("%d年%s", y, q == 1 ? "上半年" : "下半年");
    if ((sscanf(label, "%4dQ%1d%n", &y, &q, &len) == 2 ||
         sscanf(label, "%4d-Q%1d%n", &y, &q, &len) == 2) &&
        (size_t)len == n && q >= 1 && q <= 4)
        return compact ? g_strdup_printf("%02dQ%d", y % 100, q)
                       : g_strdup_printf("%d年%s季度", y, quarter_names[q - 1]);
    if ((sscanf(label, "%4d-%2d%n", &y, &mo, &len) == 2 ||
         sscanf(label, "%4dM%2d%n", &y, &mo, &len) == 2) &&
        (size_t)len == n && mo >= 1 && mo <= 12)
        return compact ? g_strdup_printf("%02d/%02d", y % 100, mo)
                       : g_strdup_printf("%d年%d月", y, mo);
    if (sscanf(label, "%4d%n", &y, &len) == 1 && len == 4 && n == 4)
        return compact ? g_strdup_printf("%d", y) : g_strdup_printf("%d年", y);
    return NULL;
}

/* The largest magnitude the left (or right) axis must show. */
static double
axis_magnitude(const model_t *m, int right)
{
    double mag = 0;
    for (size_t i = 0; i < m->n_cat; i++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < m->n_series; s++) {
            double v = m->series[s].values[i];
            if (m->series[s].right_axis != right || isnan(v))
                continue;
            if (m->kind == KIND_STACKED) {
                if (v > 0)
                    pos += v;
                else
                    neg -= v;
            } else {
                mag = fmax(mag, fabs(v));
            }
        }
        mag = fmax(mag, fmax(pos, neg));
    }
    return mag;
}

/* Choose the divisor (1, 万, 亿) for an axis from its largest value and say
 * the unit after scaling. Units with % or already at 亿 are kept. */
static void
choose_scale(model_t *m, int right, const char *unit)
{
    m->scale[right] = 1;
    if (m->kind == KIND_STACKED100) {
        m->unit[right] = g_strdup("%");
        return;
    }
    const char *base = unit ? unit : "";
    double mult = 1;
    if (g_str_has_prefix(base, "万亿")) {
        mult = 1e12;
        base += strlen("万亿");
    } else if (g_str_has_prefix(base, "万")) {
        mult = 1e4;
        base += strlen("万");
    } else if (g_str_has_prefix(base, "亿")) {
        mult = 1e8;
        base += strlen("亿");
    }
    double mag = axis_magnitude(m, right) * mult;
    double target = mag >= 1e12 ? 1e12 : mag >= 1e8 ? 1e8 : mag >= 1e4 ? 1e4 : 1;
    /* up to five digits before the point read well in the unit given */
    if (strchr(base, '%') || strstr(base, "‰") || strstr(base, "百分点") || target <= mult ||
        mag < 1e5 * mult) {
        m->unit[right] = unit && *unit ? g_strdup(unit) : NULL;
        return;
    }
    m->scale[right] = target / mult;
    m->unit[right] = g_strdup_printf("%s%s", target >= 1e12 ? "万亿" : target >= 1e8 ? "亿" : "万", base);
    for (size_t s = 0; s < m->n_series; s++)
        if (m->series[s].right_axis == right)
            for (size_t i = 0; i < m->n_cat; i++)
                m->series[s].values[i] /= m->scale[right];
}

/* The order categories are shown in: by the first series (or the total of a
 * stack), descending or ascending; ties keep the data's order. */
typedef struct {
    size_t index;
    double key;
} rank_t;

static int
by_key_desc(const void *a, const void *b)
{
    const rank_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    return x->index < y->index ? -1 : 1;
}

static void
reorder(model_t *m, int sort, size_t top)
{
    size_t n = m->n_cat;
    rank_t *r = g_new(rank_t, n);
    for (size_t i = 0; i < n; i++) {
        double key = 0;
        for (size_t s = 0; s < m->n_series; s++) {
            double v = m->series[s].values[i];
            if (!isnan(v) && (s == 0 || m->kind == KIND_STACKED || m->kind == KIND_STACKED100))
                key += v;
        }
        r[i] = (rank_t){i, key};
    }
    if (sort || top)
        qsort(r, n, sizeof *r, by_key_desc);
    if (sort < 0) /* ascending: the descending order reversed, ties in data order */
        for (size_t i = 0; i < n / 2; i++) {
            rank_t t = r[i];
            r[i] = r[n - 1 - i];
            r[n - 1 - i] = t;
        }
    size_t keep = top && top < n ? top : n;
    size_t n_new = keep + (keep < n);
    char **cats = g_new(char *, n_new);
    for (size_t i = 0; i < keep; i++)
        cats[i] = g_strdup(m->cats[r[i].index]);
    if (keep < n) {
        cats[keep] = g_strdup("其他");
        m->other = keep;
    }
    for (size_t s = 0; s < m->n_series; s++) {
        double *v = g_new(double, n_new);
        for (size_t i = 0; i < keep; i++)
            v[i] = m->series[s].values[r[i].index];
        if (keep < n) {
            v[keep] = 0;
            for (size_t i = keep; i < n; i++)
                if (!isnan(m->series[s].values[r[i].index]))
                    v[keep] += m->series[s].values[r[i].index];
        }
        g_free(m->series[s].values);
        m->series[s].values = v;
    }
    for (size_t i = 0; i < n; i++)
        g_free(m->cats[i]);
    g_free(m->cats);
    m->cats = cats;
    m->n_cat = n_new;
    g_free(r);
}

jb_status_t
jb_chart_model_init(model_t *m, const jb_chart_spec_t *spec, jb_error_t *err)
{
    memset(m, 0, sizeof *m);
    m->spec = spec;
    m->other = SIZE_MAX;
    const char *title = spec->title ? spec->title : "";
    size_t k;
    for (k = 0; k < G_N_ELEMENTS(kinds); k++)
        if (spec->type && strcmp(spec->type, kinds[k].name) == 0)
            break;
    if (k == G_N_ELEMENTS(kinds))
        return jb_error_set(err, JB_ERR_UNSUPPORTED, NULL, 0, 0, -1,
                            "chart '%s': chart type '%s' is not supported (bar, grouped, "
                            "stacked, stacked100, hbar, line, combo, pie, donut)",
                            title, spec->type ? spec->type : "");
    m->kind = kinds[k].kind;

    /* every value finite, named by series and point */
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->series[s].n; i++)
            if (!isfinite(spec->series[s].values[i]))
                return jb_error_set(err, JB_ERR_DATA, NULL, 0, 0, -1,
                                    "chart '%s': series '%s' has a value that is not a finite "
                                    "number at point %zu (%s)",
                                    title, spec->series[s].name, i + 1,
                                    spec->series[s].labels[i]);

    /* categories: the union of the series' labels in first-seen order; a
       series without a category has a gap there (NAN) */
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *cats = g_ptr_array_new();
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->series[s].n; i++)
            if (!g_hash_table_contains(index, spec->series[s].labels[i])) {
                g_hash_table_insert(index, spec->series[s].labels[i],
                                    GSIZE_TO_POINTER(cats->len + 1));
                g_ptr_array_add(cats, g_strdup(spec->series[s].labels[i]));
            }
    m->n_cat = cats->len;
    m->cats = (char **)g_ptr_array_free(cats, FALSE);
    m->n_series = spec->n_series;
    m->series = g_new0(mseries_t, m->n_series);
    for (size_t s = 0; s < spec->n_series; s++) {
        const jb_series_t *in = &spec->series[s];
        mseries_t *out = &m->series[s];
        out->name = in->name;
        out->is_line = m->kind == KIND_LINE || (in->kind && strcmp(in->kind, "line") == 0);
        if (m->kind == KIND_COMBO && !in->kind && s > 0)
            out->is_line = 1; /* 总量 + 增速: later series are lines */
        out->right_axis = m->kind == KIND_COMBO && (in->right_axis || (out->is_line && !in->kind));
        if (m->kind != KIND_COMBO && m->kind != KIND_BAR && m->kind != KIND_LINE)
            out->is_line = out->right_axis = 0;
        m->has_right |= out->right_axis;
        out->colour = jb_chart_palette_colour(spec, s);
        out->values = g_new(double, m->n_cat ? m->n_cat : 1);
        for (size_t i = 0; i < m->n_cat; i++)
            out->values[i] = NAN;
        for (size_t i = 0; i < in->n; i++)
            out->values[GPOINTER_TO_SIZE(g_hash_table_lookup(index, in->labels[i])) - 1] =
                in->values[i];
    }
    g_hash_table_destroy(index);
    for (size_t s = 0, lines = 0; s < m->n_series; s++)
        if (m->series[s].is_line)
            m->series[s].hollow = lines++ % 2;

    /* 100 %-stacked: each category's positive values as shares */
    if (m->kind == KIND_STACKED100)
        for (size_t i = 0; i < m->n_cat; i++) {
            double total = 0;
            for (size_t s = 0; s < m->n_series; s++)
                if (!isnan(m->series[s].values[i]))
                    total += fabs(m->series[s].values[i]);
            for (size_t s = 0; s < m->n_series; s++)
                m->series[s].values[i] =
                    total > 0 && !isnan(m->series[s].values[i])
                        ? 100 * fabs(m->series[s].values[i]) / total
                        : 0;
        }

    /* order, top-N and the category limit of each family */
    int sort = 0;
    if (spec->sort && strcmp(spec->sort, "desc") == 0)
        sort = 1;
    else if (spec->sort && strcmp(spec->sort, "asc") == 0)
        sort = -1;
    else if (!spec->sort && m->kind == KIND_HBAR)
        sort = 1;
    size_t top = spec->top > 0 ? (size_t)spec->top : 0;
    if (m->kind == KIND_LINE)
        top = 0, sort = 0; /* periods keep their order */
    if (m->n_cat > 0 && (sort || (top && top < m->n_cat)))
        reorder(m, sort, top);
    size_t limit = m->kind == KIND_HBAR                               ? MAX_HBAR_CATEGORIES
                   : m->kind == KIND_PIE || m->kind == KIND_DONUT     ? MAX_PIE_SLICES
                   : m->kind == KIND_LINE || m->kind == KIND_COMBO    ? SIZE_MAX
                                                                      : MAX_COLUMN_CATEGORIES;
    if (m->kind == KIND_COMBO && m->series && !m->series[0].is_line)
        limit = MAX_COLUMN_CATEGORIES;
    if (m->n_cat > limit) {
        jb_status_t st = jb_error_set(
            err, JB_ERR_DATA, NULL, 0, 0, -1,
            "chart '%s': %zu categories are too many for a %s chart (at most %zu); set "
            "top=\"N\" to show the largest N and 其他",
            title, m->n_cat, spec->type, limit);
        jb_chart_model_clear(m);
        return st;
    }
    if ((m->kind == KIND_PIE || m->kind == KIND_DONUT))
        for (size_t i = 0; i < m->n_cat && m->n_series; i++)
            if (m->series[0].values[i] < 0) {
                jb_status_t st = jb_error_set(
                    err, JB_ERR_DATA, NULL, 0, 0, -1,
                    "chart '%s': series '%s' has a negative value at '%s'; a pie shows "
                    "shares of a whole",
                    title, m->series[0].name, m->cats[i]);
                jb_chart_model_clear(m);
                return st;
            }

    /* periods spelled out; the compact forms kept for a family that finds
       the long ones do not fit */
    if (!spec->periods || strcmp(spec->periods, "none") != 0) {
        int compact = spec->periods && strcmp(spec->periods, "compact") == 0;
        int is_auto = !spec->periods || strcmp(spec->periods, "auto") == 0;
        m->periods = m->n_cat > 0 && !compact;
        char **short_forms = g_new0(char *, m->n_cat + 1);
        for (size_t i = 0; i < m->n_cat; i++) {
            char *p = jb_chart_period_label(m->cats[i], compact);
            if (p) {
                short_forms[i] = jb_chart_period_label(m->cats[i], 1);
                g_free(m->cats[i]);
                m->cats[i] = p;
            } else {
                m->periods = 0;
            }
        }
        if (m->periods && is_auto) {
            m->compact = short_forms;
        } else {
            for (size_t i = 0; i < m->n_cat; i++)
                g_free(short_forms[i]);
            g_free(short_forms);
        }
    }

    choose_scale(m, 0, spec->unit);
    if (m->has_right) {
        const char *ru = NULL;
        for (size_t s = 0; s < spec->n_series; s++)
            if (m->series[s].right_axis && spec->series[s].unit)
                ru = spec->series[s].unit;
        choose_scale(m, 1, ru);
    }
    /* beyond 10^15 万亿 or below a millionth, no axis can be read: say so
       rather than print 60-digit ticks or rows of zeros */
    for (int side = 0; side <= m->has_right; side++) {
        double mag = axis_magnitude(m, side);
        if (mag >= 1e15 || (mag > 0 && mag < 1e-6)) {
            char num[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd(num, sizeof num, "%g", mag * m->scale[side]);
            jb_status_t st = jb_error_set(
                err, JB_ERR_DATA, NULL, 0, 0, -1,
                "chart '%s': values of magnitude %s are too %s to chart%s; check the unit", title,
                num, mag >= 1e15 ? "large" : "small",
                mag >= 1e15 ? " (more than 10^15 after scaling to 万/亿/万亿)" : "");
            jb_chart_model_clear(m);
            return st;
        }
    }
    m->value_labels = spec->value_labels >= 0;
    return JB_OK;
}

size_t
jb_chart_model_count_points(const model_t *m)
{
    size_t n = 0;
    for (size_t s = 0; s < m->n_series; s++)
        for (size_t i = 0; i < m->n_cat; i++)
            n += !isnan(m->series[s].values[i]);
    return n;
}

void
jb_chart_model_clear(model_t *m)
{
    for (size_t i = 0; i < m->n_cat; i++)
        g_free(m->cats[i]);
    g_free(m->cats);
    if (m->compact)
        for (size_t i = 0; i < m->n_cat; i++)
            g_free(m->compact[i]);
    g_free(m->compact);
    for (size_t s = 0; s < m->n_series; s++)
        g_free(m->series[s].values);
    g_free(m->series);
    g_free(m->unit[0]);
    g_free(m->unit[1]);
    memset(m, 0, sizeof *m);
}
