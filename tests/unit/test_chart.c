/* Unit tests of the chart stage: the placed geometry of every example
 * (golden dumps), a property test over random datasets (no two texts
 * overlap, every text inside the chart box), PNG references compared with
 * a tolerance, the axis rules, and the edge cases (no data, NaN, huge,
 * thousands of points or categories). JIBAO_UPDATE_GOLDEN=1 rewrites the
 * golden files instead of comparing. */
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "../../src/chart/chart-private.h"
#include "jibao/chart.h"
#include "jibao/output.h"
#include "jibao/template.h"
#include "tap.h"

static jb_fonts_t *fonts;
static const char *srcdir;
static const jb_box_t box = {0, 0, 458, 276};
static const char *const kinds[] = {"bar", "hbar", "grouped", "stacked", "stacked100",
                                    "line", "combo", "pie", "donut"};

static jb_chart_spec_t *
load_example(const char *kind, jb_error_t *err)
{
    char *path = g_strdup_printf("%s/examples/charts/%s.xml", srcdir, kind);
    char *data = g_strdup_printf("%s/examples/districts-2024q3.xml", srcdir);
    jb_dataset_t *ds = jb_dataset_new();
    jb_chart_spec_t *spec = NULL;
    if (jb_dataset_load_file(ds, data, err) == JB_OK)
        spec = jb_chart_spec_load_file(path, ds, err);
    jb_dataset_free(ds);
    g_free(path);
    g_free(data);
    return spec;
}

/* A dumped text or box line. */
typedef struct {
    char role[16];
    jb_box_t b;
    char text[128];
} dumped_t;

static GArray *
parse_dump(const char *dump)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(dumped_t));
    char **lines = g_strsplit(dump, "\n", -1);
    for (char **l = lines; *l; l++) {
        dumped_t d = {{0}, {0, 0, 0, 0}, {0}};
        char **f = g_strsplit(*l, " ", 6);
        if (g_strv_length(f) >= 5) {
            g_strlcpy(d.role, f[0], sizeof d.role);
            d.b.x = g_ascii_strtod(f[1], NULL);
            d.b.y = g_ascii_strtod(f[2], NULL);
            d.b.width = g_ascii_strtod(f[3], NULL);
            d.b.height = g_ascii_strtod(f[4], NULL);
            if (f[5])
                g_strlcpy(d.text, f[5], sizeof d.text);
            g_array_append_val(out, d);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    return out;
}

static int
is_text(const dumped_t *d)
{
    return d->text[0] == '"';
}

/* Two boxes overlap by more than rounding (the dump has one decimal). */
static int
overlap(jb_box_t a, jb_box_t b)
{
    const double e = 0.11;
    return a.x + e < b.x + b.width && b.x + e < a.x + a.width && a.y + e < b.y + b.height &&
           b.y + e < a.y + a.height;
}

static int
inside(jb_box_t a, jb_box_t outer)
{
    const double e = 0.11;
    return a.x >= outer.x - e && a.y >= outer.y - e &&
           a.x + a.width <= outer.x + outer.width + e && a.y + a.height <= outer.y + outer.height + e;
}

/* Whether a value label has a white ground under it (labels of a line
 * drawn over bars). */
static int
has_ground(GArray *d, jb_box_t label)
{
    for (guint j = 0; j < d->len; j++) {
        const dumped_t *g = &g_array_index(d, dumped_t, j);
        if (strcmp(g->role, "ground") == 0 && inside(label, g->b))
            return 1;
    }
    return 0;
}

/* The property every placed chart must have; says which texts break it.
 * Value labels also keep off the bars, except inside a stack's segments,
 * wholly inside their own bar's end, or on a white ground. */
static int
texts_apart_and_inside(const char *dump, const char *kind, char *why, size_t n)
{
    GArray *d = parse_dump(dump);
    int good = 1;
    int stacked = g_str_has_prefix(kind, "stacked");
    for (guint i = 0; i < d->len && good && !stacked; i++) {
        const dumped_t *a = &g_array_index(d, dumped_t, i);
        if (strcmp(a->role, "value") != 0)
            continue;
        for (guint j = 0; j < d->len && good; j++) {
            const dumped_t *b = &g_array_index(d, dumped_t, j);
            if (strcmp(b->role, "bar") == 0 && overlap(a->b, b->b) && !inside(a->b, b->b) &&
                !has_ground(d, a->b)) {
                snprintf(why, n, "value %s overlaps a bar at %.1f,%.1f", a->text, b->b.x, b->b.y);
                good = 0;
            }
        }
    }
    for (guint i = 0; i < d->len && good; i++) {
        const dumped_t *a = &g_array_index(d, dumped_t, i);
        if (!is_text(a))
            continue;
        if (!inside(a->b, box)) {
            snprintf(why, n, "%s %s lies outside the chart box", a->role, a->text);
            good = 0;
        }
        for (guint j = i + 1; j < d->len && good; j++) {
            const dumped_t *b = &g_array_index(d, dumped_t, j);
            if (is_text(b) && overlap(a->b, b->b)) {
                snprintf(why, n, "%s %s overlaps %s %s", a->role, a->text, b->role, b->text);
                good = 0;
            }
        }
    }
    g_array_free(d, TRUE);
    return good;
}

static char *
read_text(const char *path)
{
    char *s = NULL;
    g_file_get_contents(path, &s, NULL, NULL);
    return s;
}

static void
test_golden(void)
{
    int update = getenv("JIBAO_UPDATE_GOLDEN") != NULL;
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        jb_error_t err;
        jb_error_clear(&err);
        jb_chart_spec_t *spec = load_example(kinds[k], &err);
        ok(spec != NULL, "examples/charts/%s.xml loads (%s)", kinds[k], err.message);
        if (!spec)
            continue;
        char *dump = jb_chart_dump(spec, fonts, box, JB_CHART_DUMP_ALL, &err);
        ok(dump != NULL, "%s places (%s)", kinds[k], err.message);
        char *golden = g_strdup_printf("%s/tests/data/charts/%s.dump", srcdir, kinds[k]);
        if (update && dump)
            g_file_set_contents(golden, dump, -1, NULL);
        char *want = read_text(golden);
        is_str(dump, want, "%s: placed boxes match tests/data/charts/%s.dump", kinds[k],
               kinds[k]);
        char why[512] = "";
        ok(dump && texts_apart_and_inside(dump, kinds[k], why, sizeof why),
           "%s: texts apart and inside the box %s", kinds[k], why);
        g_free(want);
        g_free(golden);
        g_free(dump);
        jb_chart_spec_free(spec);
    }
}

/* Random labels: 1 to 12 Chinese characters, sometimes a period. */
static char *
random_label(GRand *r, size_t i)
{
    static const char *const chars[] = {"区", "县", "市", "省", "产", "业", "工", "商", "零",
                                        "售", "投", "资", "消", "费", "出", "口", "进", "额"};
    if (g_rand_int_range(r, 0, 4) == 0)
        return g_strdup_printf("%dQ%d", 2020 + (int)i / 4, (int)i % 4 + 1);
    GString *s = g_string_new(NULL);
    int n = g_rand_int_range(r, 1, 13);
    for (int c = 0; c < n; c++)
        g_string_append(s, chars[g_rand_int_range(r, 0, G_N_ELEMENTS(chars))]);
    g_string_append_printf(s, "%zu", i); /* distinct */
    return g_string_free(s, FALSE);
}

static void
test_property(void)
{
    /* JIBAO_PROPERTY_RUNS and JIBAO_PROPERTY_SEED explore further */
    const char *env_runs = getenv("JIBAO_PROPERTY_RUNS"), *env_seed = getenv("JIBAO_PROPERTY_SEED");
    GRand *r = g_rand_new_with_seed(env_seed ? (guint32)atol(env_seed) : 20241121);
    int runs = 0, failures = 0, n_runs = env_runs ? atoi(env_runs) : 400;
    for (int t = 0; t < n_runs; t++) {
        const char *kind = kinds[t % G_N_ELEMENTS(kinds)];
        jb_chart_spec_t *spec = jb_chart_spec_new(kind);
        if (g_rand_boolean(r))
            spec->title = g_rand_int_range(r, 0, 4) ? g_strdup("随机数据标题")
                                                    : random_label(r, 99); /* up to 12 characters */
        if (g_rand_int_range(r, 0, 8) == 0) {
            g_free(spec->title);
            spec->title = g_strdup("二〇二四年前三季度全省各设区市规模以上工业增加值、固定资产投资与社会消费品"
                                   "零售总额增速对比及其与上年同期的变化情况一览");
        }
        if (g_rand_boolean(r))
            spec->unit = g_strdup(g_rand_boolean(r) ? "元" : "亿元");
        if (g_rand_boolean(r))
            spec->source = g_strdup("测试来源");
        int pie = strcmp(kind, "pie") == 0 || strcmp(kind, "donut") == 0;
        int n_series = pie ? 1 : g_rand_int_range(r, 1, 4);
        int n_cat = g_rand_int_range(r, 1, pie ? 12 : 25);
        double mag = pow(10, g_rand_double_range(r, -2, 12));
        int signs = !pie && g_rand_boolean(r);
        char **labels = g_new(char *, n_cat);
        for (int i = 0; i < n_cat; i++)
            labels[i] = random_label(r, (size_t)i);
        for (int s = 0; s < n_series; s++) {
            char *name = g_rand_int_range(r, 0, 6) ? g_strdup_printf("系列%d", s + 1)
                                                   : random_label(r, (size_t)s + 100);
            jb_series_t *ser = jb_chart_spec_add_series(spec, name);
            g_free(name);
            if (strcmp(kind, "combo") == 0 && s > 0)
                ser->unit = g_strdup("%");
            for (int i = 0; i < n_cat; i++) {
                double v = g_rand_double_range(r, signs ? -1 : 0, 1) * mag;
                if (g_rand_int_range(r, 0, 10) == 0)
                    v = 0;
                jb_series_add_point(ser, labels[i], v);
            }
        }
        jb_error_t err;
        jb_error_clear(&err);
        char *dump = jb_chart_dump(spec, fonts, box, 0, &err);
        char why[512] = "";
        runs++;
        if (getenv("JIBAO_DUMP_RUN") && atoi(getenv("JIBAO_DUMP_RUN")) == t)
            printf("%s", dump ? dump : err.message);
        if (!dump || !texts_apart_and_inside(dump, kind, why, sizeof why)) {
            if (failures++ < 12)
                printf("# run %d (%s, %d series, %d categories, magnitude %.3g): %s\n", t, kind,
                       n_series, n_cat, mag, dump ? why : err.message);
        }
        g_free(dump);
        for (int i = 0; i < n_cat; i++)
            g_free(labels[i]);
        g_free(labels);
        jb_chart_spec_free(spec);
    }
    ok(failures == 0, "%d random charts: no two texts overlap, all inside the box (%d failed)",
       runs, failures);
    g_rand_free(r);
}

/* Fraction of pixels that differ by more than 48 in a channel. */
static double
png_difference(const char *a, const char *b)
{
    cairo_surface_t *sa = cairo_image_surface_create_from_png(a);
    cairo_surface_t *sb = cairo_image_surface_create_from_png(b);
    double frac = 1;
    if (cairo_surface_status(sa) == CAIRO_STATUS_SUCCESS &&
        cairo_surface_status(sb) == CAIRO_STATUS_SUCCESS &&
        cairo_image_surface_get_width(sa) == cairo_image_surface_get_width(sb) &&
        cairo_image_surface_get_height(sa) == cairo_image_surface_get_height(sb)) {
        int w = cairo_image_surface_get_width(sa), h = cairo_image_surface_get_height(sa);
        int stride_a = cairo_image_surface_get_stride(sa), stride_b = cairo_image_surface_get_stride(sb);
        const unsigned char *pa = cairo_image_surface_get_data(sa), *pb = cairo_image_surface_get_data(sb);
        long differ = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    if (abs(pa[y * stride_a + 4 * x + c] - pb[y * stride_b + 4 * x + c]) > 48) {
                        differ++;
                        break;
                    }
        frac = (double)differ / ((double)w * h);
    }
    cairo_surface_destroy(sa);
    cairo_surface_destroy(sb);
    return frac;
}

static void
test_png(void)
{
    static const char *const refs[] = {"bar", "combo", "donut"};
    int update = getenv("JIBAO_UPDATE_GOLDEN") != NULL;
    char *dir = g_dir_make_tmp("jibao-chart-XXXXXX", NULL);
    for (size_t k = 0; k < G_N_ELEMENTS(refs); k++) {
        jb_error_t err;
        jb_error_clear(&err);
        jb_chart_spec_t *spec = load_example(refs[k], &err);
        char *out = g_strdup_printf("%s/%s.png", dir, refs[k]);
        char *ref = g_strdup_printf("%s/tests/data/charts/%s.png", srcdir, refs[k]);
        jb_status_t st = spec ? jb_output_write_chart(spec, fonts, 482, spec->height > 0 ? spec->height : 300,
                                                    update ? ref : out, &err)
                              : err.status;
        is_int(st, JB_OK, "%s renders to PNG (%s)", refs[k], err.message);
        if (!update) {
            double d = png_difference(out, ref);
            ok(d < 0.005, "%s.png differs from its reference in %.3f%% of pixels (tolerance 0.5%%)",
               refs[k], 100 * d);
        }
        g_unlink(out);
        g_free(out);
        g_free(ref);
        jb_chart_spec_free(spec);
    }
    /* and the comparison itself notices a different chart */
    char *a = g_strdup_printf("%s/tests/data/charts/bar.png", srcdir);
    char *b = g_strdup_printf("%s/tests/data/charts/combo.png", srcdir);
    ok(png_difference(a, b) > 0.005, "the PNG comparison tells two different charts apart");
    g_free(a);
    g_free(b);
    g_rmdir(dir);
    g_free(dir);
}

static void
test_axes(void)
{
    /* a second axis: same number of steps, zero at the same step */
    static const double cases[][4] = {
        {0, 364330, 4.5, 6.3}, {0, 1200, -3.2, 8.5}, {-50, 300, 0, 12},
        {0, 9.8, -20, 40},     {-120, -10, -5, 5},   {0, 0, 0, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        axis_t l, r;
        int found = jb_chart_axis_pair(cases[i][0], cases[i][1], cases[i][2], cases[i][3], &l, &r);
        int zl = (int)lround(-l.lo / l.step), zr = (int)lround(-r.lo / r.step);
        ok(found && l.n == r.n && zl == zr && l.lo <= fmin(cases[i][0], 0) &&
               l.hi >= cases[i][1] && r.lo <= fmin(cases[i][2], 0) && r.hi >= cases[i][3],
           "axis pair for [%g, %g] and [%g, %g]: %d steps (%g..%g by %g) and %d (%g..%g by %g), "
           "zero at the same gridline",
           cases[i][0], cases[i][1], cases[i][2], cases[i][3], l.n, l.lo, l.hi, l.step, r.n,
           r.lo, r.hi, r.step);
    }
    /* lines alone need not start at zero */
    axis_t a;
    jb_chart_axis_nice(100.2, 103.4, 5, 0, &a);
    ok(a.lo > 90 && a.lo <= 100.2 && a.hi >= 103.4 && a.n <= 5,
       "a line of 100.2..103.4 gets an axis near its data (%g..%g by %g)", a.lo, a.hi, a.step);
    jb_chart_axis_nice(100.2, 103.4, 5, 1, &a);
    is_int(lround(a.lo), 0, "bars of the same data start at zero");

    /* periods */
    static const char *const periods[][3] = {
        {"2024Q1", "2024年一季度", "24Q1"}, {"2023Q4", "2023年四季度", "23Q4"},
        {"2024-03", "2024年3月", "24/03"}, {"2024M11", "2024年11月", "24/11"},
        {"2024", "2024年", "2024"},        {"2024Q1-Q3", "2024年前三季度", "24Q1-3"},
        {"2024Q1-Q2", "2024年上半年", "24Q1-2"}, {"2024H2", "2024年下半年", "24H2"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(periods); i++) {
        char *l = jb_chart_period_label(periods[i][0], 0), *c = jb_chart_period_label(periods[i][0], 1);
        is_str(l, periods[i][1], "%s spelled out", periods[i][0]);
        is_str(c, periods[i][2], "%s compact", periods[i][0]);
        g_free(l);
        g_free(c);
    }
    ok(jb_chart_period_label("2024Q5", 0) == NULL && jb_chart_period_label("历城区", 0) == NULL &&
           jb_chart_period_label("2024-13", 0) == NULL,
       "not periods: 2024Q5, 历城区, 2024-13");

    /* the default palette: the first four colours apart in greyscale */
    jb_chart_spec_t *spec = jb_chart_spec_new("bar");
    double grey[4];
    for (size_t i = 0; i < 4; i++) {
        jb_rgba_t c = jb_chart_palette_colour(spec, i);
        grey[i] = 255 * (0.299 * c.r + 0.587 * c.g + 0.114 * c.b);
    }
    double closest = 255;
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            closest = fmin(closest, fabs(grey[i] - grey[j]));
    ok(closest >= 35, "the first four palette colours are at least 35 grey levels apart (%.0f)",
       closest);
    spec->colors = g_strdup("#112233 #445566");
    jb_rgba_t c = jb_chart_palette_colour(spec, 3);
    ok(fabs(c.r - 0x44 / 255.0) < 1e-9, "a theme's colours replace the palette, in a cycle");
    jb_chart_spec_free(spec);
}

static jb_chart_spec_t *
one_series(const char *kind, const char *unit, size_t n, const double *v)
{
    jb_chart_spec_t *spec = jb_chart_spec_new(kind);
    spec->unit = unit ? g_strdup(unit) : NULL;
    jb_series_t *s = jb_chart_spec_add_series(spec, "产值");
    for (size_t i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof label, "类%zu", i + 1);
        jb_series_add_point(s, label, v[i]);
    }
    return spec;
}

static int
count_role(const char *dump, const char *role)
{
    GArray *d = parse_dump(dump);
    int n = 0;
    for (guint i = 0; i < d->len; i++)
        n += strcmp(g_array_index(d, dumped_t, i).role, role) == 0;
    g_array_free(d, TRUE);
    return n;
}

static void
test_edges(void)
{
    jb_error_t err;
    char *dump;

    /* no data: a 无数据 box, for every kind */
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        jb_chart_spec_t *spec = jb_chart_spec_new(kinds[k]);
        jb_chart_spec_add_series(spec, "空");
        jb_error_clear(&err);
        dump = jb_chart_dump(spec, fonts, box, 0, &err);
        ok(dump && strstr(dump, "nodata") && strstr(dump, "\"无数据\"") &&
               count_role(dump, "bar") == 0,
           "%s without data: a 无数据 box and no bars", kinds[k]);
        g_free(dump);
        jb_chart_spec_free(spec);
    }

    /* NaN and infinity: errors naming the series and the point */
    double bad[] = {1, NAN, 3};
    jb_chart_spec_t *spec = one_series("bar", NULL, 3, bad);
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && err.status == JB_ERR_DATA &&
           strstr(err.message, "'产值'") && strstr(err.message, "point 2 (类2)"),
       "NaN: JB_ERR_DATA naming series and point (%s)", err.message);
    spec->series[0].values[1] = INFINITY;
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && strstr(err.message, "'产值'"),
       "infinity likewise");
    jb_chart_spec_free(spec);

    /* one point; all zeros; mixed signs */
    double one[] = {42.5};
    spec = one_series("bar", "亿元", 1, one);
    jb_error_clear(&err);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && count_role(dump, "bar") == 1 && strstr(dump, "\"42.5\""), "one point: one bar, labelled");
    g_free(dump);
    jb_chart_spec_free(spec);

    double zeros[] = {0, 0, 0};
    spec = one_series("bar", NULL, 3, zeros);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && count_role(dump, "bar") == 3 && strstr(dump, "tick") && strstr(dump, "\"1.0\""),
       "all zeros: bars of height 0 on a 0..1 axis");
    g_free(dump);
    jb_chart_spec_free(spec);

    double mixed[] = {12.5, -8.2, 3.1};
    spec = one_series("bar", "%", 3, mixed);
    dump = jb_chart_dump(spec, fonts, box, JB_CHART_DUMP_ALL, &err);
    {
        GArray *d = parse_dump(dump);
        double base = -1;
        jb_box_t bars[3];
        int nb = 0;
        for (guint i = 0; i < d->len; i++) {
            const dumped_t *x = &g_array_index(d, dumped_t, i);
            if (strcmp(x->role, "axis") == 0)
                base = x->b.y;
            if (strcmp(x->role, "bar") == 0 && nb < 3)
                bars[nb++] = x->b;
        }
        ok(nb == 3 && fabs(bars[0].y + bars[0].height - base) < 0.11 &&
               fabs(bars[1].y - base) < 0.11 && bars[1].height > 0,
           "mixed signs: positive bars end at the baseline, negative ones start there (base %.1f)",
           base);
        g_array_free(d, TRUE);
    }
    g_free(dump);
    jb_chart_spec_free(spec);

    /* huge values: 万/亿 scaling with the unit in the axis title */
    double big[] = {1.2e12, 9.6e11, 3.3e11};
    spec = one_series("bar", "元", 3, big);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && strstr(dump, "\"单位：万亿元\"") && strstr(dump, "\"1.20\""),
       "1.2e12 元 reads as 1.20 万亿元");
    g_free(dump);
    jb_chart_spec_free(spec);
    double wan[] = {452000, 381000, 129000};
    spec = one_series("bar", "元", 3, wan);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && strstr(dump, "\"单位：万元\"") && strstr(dump, "\"45.2\""), "452000 元 reads as 45.2 万元");
    g_free(dump);
    jb_chart_spec_free(spec);
    double span[] = {0.003, 12, 8.5e9};
    spec = one_series("hbar", NULL, 3, span);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump != NULL && strstr(dump, "\"单位：亿\""), "values over twelve orders of magnitude place");
    g_free(dump);
    jb_chart_spec_free(spec);

    /* magnitudes no axis can show: errors, not 60-digit ticks */
    double vast[] = {1e300, 1};
    spec = one_series("combo", NULL, 2, vast);
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && err.status == JB_ERR_DATA &&
           strstr(err.message, "too large"),
       "1e300: too large to chart (%s)", err.message);
    jb_chart_spec_free(spec);
    double tiny[] = {3e-9, 1e-9};
    spec = one_series("line", NULL, 2, tiny);
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && strstr(err.message, "too small"),
       "3e-9: too small to chart (%s)", err.message);
    jb_chart_spec_free(spec);

    /* thousands of bar categories: a clear error, or top-N + 其他 */
    double *many = g_new(double, 3000);
    for (int i = 0; i < 3000; i++)
        many[i] = (i * 7919) % 1000 + 1;
    spec = one_series("bar", NULL, 3000, many);
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && err.status == JB_ERR_DATA &&
           strstr(err.message, "3000 categories") && strstr(err.message, "top=\"N\""),
       "3000 bars: an error suggesting top=\"N\" (%s)", err.message);
    spec->top = 10;
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && count_role(dump, "bar") == 11 && strstr(dump, "\"其他\""),
       "top=10: ten bars and 其他");
    {
        /* the 其他 bar is grey, the others in the series colour */
        GArray *d = parse_dump(dump);
        int grey = 0, blue = 0;
        for (guint i = 0; d && i < d->len; i++) {
            const dumped_t *x = &g_array_index(d, dumped_t, i);
            if (strcmp(x->role, "bar") == 0) {
                grey += strcmp(x->text, "#B8B8B8") == 0;
                blue += strcmp(x->text, "#1F4E79") == 0;
            }
        }
        ok(grey == 1 && blue == 10, "其他 is grey, the ten in the palette's first colour (%d, %d)",
           grey, blue);
        g_array_free(d, TRUE);
    }
    g_free(dump);
    jb_chart_spec_free(spec);

    /* thousands of line points: thinned, fast */
    for (int i = 0; i < 3000; i++)
        many[i] = sin(i / 50.0) * 100 + i % 7;
    spec = one_series("line", NULL, 3000, many);
    gint64 t0 = g_get_monotonic_time();
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    gint64 t1 = g_get_monotonic_time();
    int segments = 0;
    const char *l = dump ? strstr(dump, "lines ") : NULL;
    if (l)
        segments = atoi(l + 6);
    ok(dump && segments > 100 && segments < 4 * 458, "3000 points become %d segments", segments);
    ok(t1 - t0 < 200000, "and place in %.1f ms", (t1 - t0) / 1000.0);
    g_free(dump);
    jb_chart_spec_free(spec);
    g_free(many);

    /* pies: shares of a whole only */
    double neg[] = {5, -1};
    spec = one_series("pie", NULL, 2, neg);
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && strstr(err.message, "negative"),
       "a negative pie slice is an error");
    jb_chart_spec_free(spec);

    /* sorting: hbar ranks largest first; sort="asc" reverses */
    double rank[] = {3, 9, 5};
    spec = one_series("hbar", NULL, 3, rank);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    const char *c1 = dump ? strstr(dump, "\"类2\"") : NULL, *c3 = dump ? strstr(dump, "\"类3\"") : NULL,
               *c0 = dump ? strstr(dump, "\"类1\"") : NULL;
    ok(c1 && c3 && c0 && c1 < c3 && c3 < c0, "hbar: largest first (类2, 类3, 类1)");
    g_free(dump);
    jb_chart_spec_free(spec);

    /* long labels on a bar chart: horizontal layout chosen automatically */
    jb_chart_spec_t *lng = jb_chart_spec_new("bar");
    jb_series_t *s = jb_chart_spec_add_series(lng, "额");
    for (int i = 0; i < 8; i++) {
        char label[128];
        snprintf(label, sizeof label, "规模以上工业企业营业收入第%d组", i + 1);
        jb_series_add_point(s, label, 10 + i);
    }
    dump = jb_chart_dump(lng, fonts, box, JB_CHART_DUMP_ALL, &err);
    {
        GArray *d = parse_dump(dump);
        int horizontal = 0;
        for (guint i = 0; i < d->len; i++) {
            const dumped_t *x = &g_array_index(d, dumped_t, i);
            if (strcmp(x->role, "bar") == 0)
                horizontal += x->b.width > x->b.height;
        }
        ok(horizontal == 8, "long labels: the bars turn horizontal (%d of 8)", horizontal);
        g_array_free(d, TRUE);
    }
    g_free(dump);
    jb_chart_spec_free(lng);

    /* 32 quarters: compact labels (17Q1), thinned from each year's first
       quarter */
    jb_chart_spec_t *qs = jb_chart_spec_new("line");
    jb_series_t *qser = jb_chart_spec_add_series(qs, "增速");
    for (int i = 0; i < 32; i++) {
        char label[16];
        snprintf(label, sizeof label, "%dQ%d", 2017 + i / 4, i % 4 + 1);
        jb_series_add_point(qser, label, 5 + sin(i));
    }
    dump = jb_chart_dump(qs, fonts, (jb_box_t){0, 0, 300, 200}, 0, &err);
    {
        GArray *d = parse_dump(dump);
        int cats = 0, aligned = 0;
        for (guint i = 0; i < d->len; i++) {
            const dumped_t *x = &g_array_index(d, dumped_t, i);
            if (strcmp(x->role, "category") == 0) {
                cats++;
                aligned += strstr(x->text, "Q1\"") != NULL || strstr(x->text, "Q3\"") != NULL;
            }
        }
        ok(cats > 3 && cats < 32 && aligned == cats && strstr(dump, "\"17Q1\""),
           "32 quarters in 300 pt: %d compact labels, all on Q1 or Q3", cats);
        g_array_free(d, TRUE);
    }
    g_free(dump);
    jb_chart_spec_free(qs);

    /* theme: font size; value labels off */
    double three[] = {120, 340, 560};
    spec = one_series("bar", NULL, 3, three);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    GArray *d9 = parse_dump(dump);
    g_free(dump);
    spec->font_size = 14;
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    GArray *d14 = parse_dump(dump);
    g_free(dump);
    double h9 = 0, h14 = 0;
    for (guint i = 0; i < d9->len; i++)
        if (strcmp(g_array_index(d9, dumped_t, i).role, "category") == 0)
            h9 = g_array_index(d9, dumped_t, i).b.height;
    for (guint i = 0; i < d14->len; i++)
        if (strcmp(g_array_index(d14, dumped_t, i).role, "category") == 0)
            h14 = g_array_index(d14, dumped_t, i).b.height;
    ok(h9 > 0 && h14 > h9 * 1.4, "font-size 14 makes category labels taller (%.1f → %.1f)", h9, h14);
    g_array_free(d9, TRUE);
    g_array_free(d14, TRUE);
    spec->value_labels = -1;
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && count_role(dump, "value") == 0 && count_role(dump, "bar") == 3,
       "value-labels off: bars without numbers");
    g_free(dump);
    jb_chart_spec_free(spec);

    /* a donut's hole holds the total with its unit */
    double spend[] = {7983, 1479, 6095};
    spec = one_series("donut", "元", 3, spend);
    dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && count_role(dump, "total") == 2 && strstr(dump, "\"15557元\""),
       "donut: 合计 15557元 in the hole");
    g_free(dump);
    jb_chart_spec_free(spec);

    /* a stack's total above it */
    jb_chart_spec_t *st = jb_chart_spec_new("stacked");
    jb_series_add_point(jb_chart_spec_add_series(st, "甲"), "一", 30);
    jb_series_add_point(jb_chart_spec_add_series(st, "乙"), "一", 45);
    dump = jb_chart_dump(st, fonts, box, 0, &err);
    ok(dump && strstr(dump, "\"75\""), "stacked: the total 75 is labelled");
    g_free(dump);
    jb_chart_spec_free(st);

    /* an unknown kind */
    spec = jb_chart_spec_new("sankey");
    jb_error_clear(&err);
    ok(jb_chart_dump(spec, fonts, box, 0, &err) == NULL && err.status == JB_ERR_UNSUPPORTED,
       "an unknown kind is refused");
    jb_chart_spec_free(spec);
}

/* Numbers do not follow the locale: a German LC_NUMERIC prints 0.5. */
static void
test_locale(void)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        ok(1, "# SKIP no German or French locale installed");
        return;
    }
    double v[] = {0.5, 1.25};
    jb_chart_spec_t *spec = one_series("bar", NULL, 2, v);
    jb_error_t err;
    char *dump = jb_chart_dump(spec, fonts, box, 0, &err);
    ok(dump && strstr(dump, "\"1.25\"") && !strstr(dump, "1,25"), "decimal points, whatever the locale");
    g_free(dump);
    jb_chart_spec_free(spec);
    setlocale(LC_NUMERIC, "C");
}

/* A standalone spec with inline points; the errors of one. */
static void
test_spec_file(void)
{
    jb_error_t err;
    char *path = g_build_filename(g_get_tmp_dir(), "jibao-spec-test.xml", NULL);
    g_file_set_contents(path,
                        "<chart type=\"combo\" title=\"t\" top=\"3\" colors=\"#112233 #445566\">\n"
                        "  <series name=\"总量\"><point label=\"2024Q1\" value=\"1.5\"/></series>\n"
                        "  <series name=\"增速\" kind=\"line\" axis=\"right\" unit=\"%\">"
                        "<point label=\"2024Q1\" value=\"-2\"/></series>\n"
                        "</chart>\n",
                        -1, NULL);
    jb_error_clear(&err);
    jb_chart_spec_t *spec = jb_chart_spec_load_file(path, NULL, &err);
    ok(spec && spec->n_series == 2 && spec->top == 3 && spec->series[1].right_axis &&
           spec->series[1].values[0] == -2 && strcmp(spec->series[1].unit, "%") == 0,
       "an inline spec binds (%s)", err.message);
    jb_chart_spec_free(spec);

    g_file_set_contents(path,
                        "<chart type=\"bar\">\n"
                        "  <series name=\"x\" select=\"fact\" label=\"@entity\" value=\"@value\"/>\n"
                        "</chart>\n",
                        -1, NULL);
    jb_error_clear(&err);
    ok(jb_chart_spec_load_file(path, NULL, &err) == NULL && err.status == JB_ERR_USAGE &&
           err.line == 2 && strstr(err.message, "--data"),
       "select without a dataset: an error at line 2 asking for --data (%s)", err.message);

    g_file_set_contents(path, "<chart type=\"bar\">\n  <series><point label=\"a\" value=\"x1\"/></series>\n</chart>\n",
                        -1, NULL);
    jb_error_clear(&err);
    ok(jb_chart_spec_load_file(path, NULL, &err) == NULL && err.status == JB_ERR_DATA &&
           err.line == 2,
       "a value that is no number: JB_ERR_DATA at its line (%s)", err.message);

    g_file_set_contents(path, "<chart type=\"radar\"><series/></chart>\n", -1, NULL);
    jb_error_clear(&err);
    ok(jb_chart_spec_load_file(path, NULL, &err) == NULL && err.status == JB_ERR_SCHEMA,
       "an unknown type is a schema error (%s)", err.message);
    g_unlink(path);
    g_free(path);
}

/* The same element inside a template: inline points and the theme
 * attributes bind there too, and check reports a bad point at its line. */
static void
test_template(void)
{
    jb_error_t err;
    char *path = g_build_filename(g_get_tmp_dir(), "jibao-chart-template.xml", NULL);
    g_file_set_contents(path,
                        "<report><meta><title>t</title></meta><body>\n"
                        "<chart type=\"hbar\" title=\"排名\" top=\"2\" font-size=\"10\" "
                        "colors=\"#112233\" value-labels=\"off\">\n"
                        "  <series name=\"额\"><point label=\"甲\" value=\"3\"/>"
                        "<point label=\"乙\" value=\"9\"/><point label=\"丙\" value=\"5\"/></series>\n"
                        "</chart>\n</body></report>\n",
                        -1, NULL);
    jb_error_clear(&err);
    jb_template_t *tpl = jb_template_load_file(path, NULL, NULL, &err);
    jb_dataset_t *ds = jb_dataset_new();
    jb_document_t *doc = tpl ? jb_template_merge(tpl, ds, NULL, &err) : NULL;
    const jb_chart_spec_t *c = NULL;
    for (size_t i = 0; doc && i < doc->n_blocks; i++)
        if (doc->blocks[i].type == JB_BLOCK_CHART)
            c = doc->blocks[i].chart;
    ok(c && c->top == 2 && c->font_size == 10 && c->value_labels == -1 &&
           strcmp(c->colors, "#112233") == 0 && c->n_series == 1 && c->series[0].n == 3,
       "a template chart with inline points and theme attributes binds (%s)", err.message);
    char *dump = c ? jb_chart_dump(c, fonts, box, 0, &err) : NULL;
    ok(dump && strstr(dump, "\"其他\"") && count_role(dump, "bar") == 3, "top=2: 乙, 丙 and 其他");
    g_free(dump);
    jb_document_free(doc);
    jb_template_free(tpl);

    g_file_set_contents(path,
                        "<report><meta><title>t</title></meta><body>\n"
                        "<chart type=\"bar\">\n"
                        "  <series name=\"额\">\n    <point label=\"甲\" value=\"三\"/>\n  </series>\n"
                        "</chart>\n</body></report>\n",
                        -1, NULL);
    jb_error_clear(&err);
    tpl = jb_template_load_file(path, NULL, NULL, &err);
    jb_status_t checked = tpl ? jb_template_check(tpl, ds, NULL, NULL, NULL, &err) : err.status;
    ok(checked == JB_ERR_DATA && err.line == 4 && strstr(err.message, "额"),
       "check: a point whose value is no number, at line 4 (%u: %s)", err.line, err.message);
    jb_template_free(tpl);

    /* what the chart stage refuses is reported by check, at the chart */
    g_file_set_contents(path,
                        "<report><meta><title>t</title></meta><body>\n<p>x</p>\n"
                        "<chart type=\"pie\" title=\"构成\">\n"
                        "  <series name=\"额\"><point label=\"甲\" value=\"5\"/>"
                        "<point label=\"乙\" value=\"-1\"/></series>\n"
                        "</chart>\n</body></report>\n",
                        -1, NULL);
    jb_error_clear(&err);
    tpl = jb_template_load_file(path, NULL, NULL, &err);
    checked = tpl ? jb_template_check(tpl, ds, NULL, NULL, NULL, &err) : err.status;
    ok(checked == JB_ERR_DATA && err.line == 3 && strstr(err.message, "negative"),
       "check: a negative pie slice, at the chart's line 3 (%u: %s)", err.line, err.message);
    jb_template_free(tpl);
    jb_dataset_free(ds);
    g_unlink(path);
    g_free(path);
}

int
main(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    srcdir = getenv("SRCDIR");
    if (!srcdir)
        srcdir = ".";
    fonts = jb_fonts_new(NULL, &err);
    if (!fonts) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_golden();
    test_property();
    test_png();
    test_axes();
    test_edges();
    test_locale();
    test_spec_file();
    test_template();
    jb_fonts_free(fonts);
    return done_testing();
}
