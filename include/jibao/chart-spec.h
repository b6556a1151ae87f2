/* jibao — what a chart shows: its kind, titles, theme and series of
 * labelled values. merge binds it from a template's <chart> element (or a
 * standalone chart spec file); chart draws it. docs/charts.md describes
 * every field as it is written in XML.
 */
#ifndef JIBAO_CHART_SPEC_H
#define JIBAO_CHART_SPEC_H

#include <stddef.h>

#include "jibao/dataset.h"
#include "jibao/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One series of a chart: parallel arrays of category labels and values.
 * kind and right_axis matter for combined charts ("combo"): a series drawn
 * as "bar" or "line", against the left or the second (right) axis. */
typedef struct {
    char *name;
    char *kind;     /* NULL: the chart's own; "bar" or "line" */
    int right_axis; /* 1: measured on the second axis */
    char *unit;     /* unit of a right-axis series ("%"); NULL: the chart's */
    size_t n;
    char **labels;
    double *values;
} jb_series_t;

typedef struct {
    char *type;   /* bar grouped stacked stacked100 hbar line combo pie donut */
    char *title;
    char *unit;   /* shown as 单位：…, scaled to 万/亿 when values are large */
    char *source; /* shown as 数据来源：… */
    double height; /* points; 0 = default */
    char *sort;    /* NULL/"none", "desc" or "asc" (hbar sorts "desc" by default) */
    int top;       /* > 0: keep the largest top categories, sum the rest as 其他 */
    char *periods; /* NULL/"auto", "long" (2024年一季度), "compact" (24Q1), "none" */
    int value_labels; /* 0 default (on), 1 on, -1 off */
    /* theme: NULL/0 keeps the default */
    char *colors;     /* space-separated #rrggbb, one per series (pie: per slice) */
    char *font;       /* font family of every text of the chart */
    double font_size; /* size of category and legend labels, points */
    size_t n_series;
    jb_series_t *series;
} jb_chart_spec_t;

/* Append a series (name copied) to a chart, and a point to a series. The
 * series pointer is valid until the next series is added. */
jb_series_t *jb_chart_spec_add_series(jb_chart_spec_t *chart, const char *name);
void jb_series_add_point(jb_series_t *series, const char *label, double value);

/* A new empty chart spec of the given type; freed with jb_chart_spec_free
 * (or with the document that holds it). */
jb_chart_spec_t *jb_chart_spec_new(const char *type);
void jb_chart_spec_free(jb_chart_spec_t *chart);

/* Read a standalone chart spec: an XML file whose root is the <chart>
 * element of templates (templates/chart.rng), its series inline
 * (<point label value/>) or selected from ds (may be NULL when every series
 * is inline). Fails with JB_ERR_IO, JB_ERR_SYNTAX, JB_ERR_SCHEMA,
 * JB_ERR_XPATH, JB_ERR_DATA or JB_ERR_USAGE (a select without a dataset),
 * err naming the file, line and column. The caller frees the result. */
jb_chart_spec_t *jb_chart_spec_load_file(const char *path, jb_dataset_t *ds, jb_error_t *err);

/* The same from memory; name stands for the file in errors. */
jb_chart_spec_t *jb_chart_spec_load_memory(const char *buf, size_t len, const char *name,
                                           jb_dataset_t *ds, jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
