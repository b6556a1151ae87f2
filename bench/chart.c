/* bench/chart: time to lay out and draw each chart kind, fonts loaded once
 * beforehand (font start-up is what `jibao fonts` in bench/run measures).
 * Each example spec of examples/charts/ is measured (model, measure-and-
 * place, draw into a page's display list) over many runs after one warm-up
 * run, plus a 10 000-point line. Prints figures; asserts nothing.
 * Usage: bench_chart [RUNS]   (run from the source tree, or set SRCDIR) */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "jibao/chart.h"

static double
time_draw(const jb_chart_spec_t *spec, jb_fonts_t *fonts, int runs, double *min_ms)
{
    jb_box_t box = {12, 12, 458, 276};
    double total = 0;
    *min_ms = INFINITY;
    for (int r = -1; r < runs; r++) {
        jb_pages_t *pages = jb_pages_new();
        jb_page_t *page = jb_pages_add_page(pages, 482, 300);
        jb_error_t err;
        gint64 t0 = g_get_monotonic_time();
        jb_status_t st = jb_chart_draw(spec, fonts, page, box, &err);
        gint64 t1 = g_get_monotonic_time();
        jb_pages_free(pages);
        if (st != JB_OK) {
            fprintf(stderr, "bench_chart: %s\n", err.message);
            exit(1);
        }
        if (r < 0)
            continue; /* warm-up: shaping caches */
        double ms = (t1 - t0) / 1000.0;
        total += ms;
        *min_ms = fmin(*min_ms, ms);
    }
    return total / runs;
}

int
main(int argc, char **argv)
{
    static const char *const kinds[] = {"bar", "hbar", "grouped", "stacked", "stacked100",
                                        "line", "combo", "pie", "donut"};
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    const char *srcdir = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
    jb_error_t err;
    jb_fonts_t *fonts = jb_fonts_new(NULL, &err);
    if (!fonts) {
        fprintf(stderr, "bench_chart: %s\n", err.message);
        return 1;
    }
    char *data = g_strdup_printf("%s/examples/districts-2024q3.xml", srcdir);
    jb_dataset_t *ds = jb_dataset_new();
    if (jb_dataset_load_file(ds, data, &err) != JB_OK) {
        fprintf(stderr, "bench_chart: %s\n", err.message);
        return 1;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        char *path = g_strdup_printf("%s/examples/charts/%s.xml", srcdir, kinds[k]);
        jb_chart_spec_t *spec = jb_chart_spec_load_file(path, ds, &err);
        if (!spec) {
            fprintf(stderr, "bench_chart: %s\n", err.message);
            return 1;
        }
        double min_ms, mean = time_draw(spec, fonts, runs, &min_ms);
        printf("chart %-26s mean %8.3f ms   min %8.3f ms\n", kinds[k], mean, min_ms);
        jb_chart_spec_free(spec);
        g_free(path);
    }
    /* a long line: thinned per column */
    jb_chart_spec_t *spec = jb_chart_spec_new("line");
    jb_series_t *s = jb_chart_spec_add_series(spec, "日度");
    for (int i = 0; i < 10000; i++) {
        char label[32];
        snprintf(label, sizeof label, "d%d", i);
        jb_series_add_point(s, label, 100 + 10 * sin(i / 200.0) + (i * 7919 % 13) / 13.0);
    }
    double min_ms, mean = time_draw(spec, fonts, runs / 10 + 1, &min_ms);
    printf("chart %-26s mean %8.3f ms   min %8.3f ms\n", "line, 10000 points", mean, min_ms);
    jb_chart_spec_free(spec);
    jb_dataset_free(ds);
    g_free(data);
    jb_fonts_free(fonts);
    return 0;
}
