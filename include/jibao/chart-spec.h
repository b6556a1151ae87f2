/* jibao — what a chart shows: its kind, titles and series of labelled
 * values. merge binds it from a template's <chart> element; chart draws it.
 */
#ifndef JIBAO_CHART_SPEC_H
#define JIBAO_CHART_SPEC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One series of a chart: parallel arrays of category labels and values. */
typedef struct {
    char *name;
    size_t n;
    char **labels;
    double *values;
} jb_series_t;

typedef struct {
    char *type; /* "bar" */
    char *title;
    char *unit;   /* shown as 单位：… */
    char *source; /* shown as 数据来源：… */
    double height; /* points; 0 = default */
    size_t n_series;
    jb_series_t *series;
} jb_chart_spec_t;

/* Append a series (name copied) to a chart, and a point to a series. */
jb_series_t *jb_chart_spec_add_series(jb_chart_spec_t *chart, const char *name);
void jb_series_add_point(jb_series_t *series, const char *label, double value);

/* A new empty chart spec of the given type; freed with jb_chart_spec_free
 * (or with the document that holds it). */
jb_chart_spec_t *jb_chart_spec_new(const char *type);
void jb_chart_spec_free(jb_chart_spec_t *chart);

#ifdef __cplusplus
}
#endif
#endif
