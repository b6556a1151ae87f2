/* Chart specs: the data model of a chart as merge binds it and the chart
 * stage reads it. Plain C data, owned by the block that holds it. */
#include "jibao/chart-spec.h"

#include <glib.h>
#include <string.h>

jb_chart_spec_t *
jb_chart_spec_new(const char *type)
{
    jb_chart_spec_t *chart = g_new0(jb_chart_spec_t, 1);
    chart->type = g_strdup(type ? type : "bar");
    return chart;
}

void
jb_chart_spec_free(jb_chart_spec_t *chart)
{
    if (!chart)
        return;
    for (size_t i = 0; i < chart->n_series; i++) {
        jb_series_t *s = &chart->series[i];
        for (size_t j = 0; j < s->n; j++)
            g_free(s->labels[j]);
        g_free(s->labels);
        g_free(s->values);
        g_free(s->name);
        g_free(s->kind);
        g_free(s->unit);
    }
    g_free(chart->series);
    g_free(chart->type);
    g_free(chart->title);
    g_free(chart->unit);
    g_free(chart->source);
    g_free(chart->sort);
    g_free(chart->periods);
    g_free(chart->colors);
    g_free(chart->font);
    g_free(chart);
}

jb_series_t *
jb_chart_spec_add_series(jb_chart_spec_t *chart, const char *name)
{
    chart->series = g_renew(jb_series_t, chart->series, chart->n_series + 1);
    jb_series_t *s = &chart->series[chart->n_series++];
    memset(s, 0, sizeof *s);
    s->name = g_strdup(name ? name : "");
    return s;
}

void
jb_series_add_point(jb_series_t *series, const char *label, double value)
{
    series->labels = g_renew(char *, series->labels, series->n + 1);
    series->values = g_renew(double, series->values, series->n + 1);
    series->labels[series->n] = g_strdup(label ? label : "");
    series->values[series->n] = value;
    series->n++;
}

