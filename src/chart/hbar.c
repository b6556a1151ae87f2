/* Horizontal bars, for rankings: categories down the left (largest first,
 * wrapped at character boundaries when long), value ticks along the bottom,
 * bars from the zero line (negatives to its left), value labels past the
 * end of each bar. Also chosen by bar.c when vertical labels would not fit. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

jb_status_t
jb_chart_place_hbar(place_t *p, const model_t *m, jb_error_t *err)
{
    (void)err;
    jb_box_t area = jb_chart_place_frame(p, m, m->unit[0], NULL);
    if (jb_chart_model_count_points(m) == 0) {
        jb_chart_place_no_data(p, area);
        return JB_OK;
    }
    if (m->n_series > 1) {
        const char **names = g_new(const char *, m->n_series);
        jb_rgba_t *colours = g_new(jb_rgba_t, m->n_series);
        for (size_t s = 0; s < m->n_series; s++)
            names[s] = m->series[s].name, colours[s] = m->series[s].colour;
        jb_chart_place_legend(p, names, colours, NULL, m->n_series, &area);
        g_free(names);
        g_free(colours);
    }

    double vmin = 0, vmax = 0;
    for (size_t s = 0; s < m->n_series; s++)
        for (size_t i = 0; i < m->n_cat; i++)
            if (!isnan(m->series[s].values[i]))
                vmin = fmin(vmin, m->series[s].values[i]),
                vmax = fmax(vmax, m->series[s].values[i]);
    axis_t xa;
    jb_chart_axis_nice(vmin, vmax, 5, 1, &xa);

    /* the category column: as wide as the widest label, at most a third of
       the box, labels wrapped to two lines beyond that */
    double widest = 0, w, label_h, tick_h, value_w;
    for (size_t i = 0; i < m->n_cat; i++) {
        jb_chart_text_size(p, m->cats[i], &p->st.label, &w, &label_h);
        widest = fmax(widest, w);
    }
    double col_w = fmin(widest + 1, area.width / 3);
    char buf[64], lbuf[64];
    jb_chart_text_size(p, jb_chart_format_tick(buf, sizeof buf, &xa, xa.hi), &p->st.note, &w,
                       &tick_h);
    /* room right of the bars for the widest value label */
    int dec = 0;
    for (size_t s = 0; s < m->n_series; s++)
        dec = MAX(dec, jb_chart_value_decimals(m->series[s].values, m->n_cat));
    jb_chart_text_size(p, jb_chart_format_value(lbuf, sizeof lbuf, vmax, dec), &p->st.value,
                       &value_w, &w);

    p->plot.x = area.x + col_w + 6;
    p->plot.y = area.y;
    p->plot.width = area.x + area.width - p->plot.x - fmax(value_w + 4, w / 2);
    p->plot.height = area.height - tick_h - 4;
    xa.p0 = p->plot.x;
    xa.p1 = p->plot.x + p->plot.width;
    if (vmin < 0) {
        /* room left of the zero line for negative value labels */
        xa.p0 += value_w + 4;
    }

    /* ticks along the bottom, vertical gridlines */
    for (int i = 0; i <= xa.n; i++) {
        double v = xa.lo + i * xa.step;
        double x = axis_map(&xa, v);
        if (fabs(v) > xa.step / 1e6)
            jb_chart_add_line(p, ROLE_GRID, x, p->plot.y, x, p->plot.y + p->plot.height, 0.5,
                              jb_chart_grid);
        ptext_t *t = jb_chart_add_text(p, ROLE_TICK,
                                       jb_chart_format_tick(buf, sizeof buf, &xa, v),
                                       &p->st.note, 0, 1, jb_chart_muted);
        t->box.x = x - t->box.width / 2;
        if (t->box.x + t->box.width > p->box.x + p->box.width)
            t->box.x = p->box.x + p->box.width - t->box.width;
        t->box.y = p->plot.y + p->plot.height + 3;
    }

    /* one band per category, top to bottom */
    double band = p->plot.height / (double)m->n_cat;
    int lines = band >= 2 * label_h + 2 ? 2 : 1;
    /* bands lower than a line of text: label every k-th bar */
    size_t every = band >= label_h + 1 ? 1 : (size_t)ceil((label_h + 1) / band);
    double group_h = band * (m->n_series > 1 ? 0.75 : 0.62);
    if (m->n_series == 1 && group_h > 22)
        group_h = 22;
    double bar_h = group_h / (double)m->n_series;
    double zero_x = axis_map(&xa, 0);
    GArray *bars = g_array_new(FALSE, FALSE, sizeof(jb_box_t));
    double last_bottom = -INFINITY;
    for (size_t i = 0; i < m->n_cat; i++) {
        double cy = p->plot.y + band * ((double)i + 0.5);
        for (size_t s = 0; s < m->n_series; s++) {
            double v = m->series[s].values[i];
            if (isnan(v))
                continue;
            double x1 = axis_map(&xa, v);
            jb_box_t bar = {fmin(zero_x, x1), cy - group_h / 2 + bar_h * (double)s + 0.5,
                            fabs(x1 - zero_x), bar_h - 1};
            jb_chart_add_rect(p, ROLE_BAR, bar,
                              i == m->other && m->n_series == 1 ? jb_chart_other
                                                                : m->series[s].colour);
            g_array_append_val(bars, bar);
        }
        if (i % every)
            continue;
        ptext_t *t = jb_chart_add_text(p, ROLE_CATEGORY, m->cats[i], &p->st.label, col_w, lines,
                                       jb_chart_ink);
        jb_chart_text_align(t, PANGO_ALIGN_RIGHT);
        t->box.x = p->plot.x - 6 - t->box.width;
        t->box.y = cy - t->box.height / 2;
        /* thinned labels stay within the plot's height */
        t->box.y = fmax(t->box.y, p->plot.y);
        t->box.y = fmin(t->box.y, p->plot.y + p->plot.height - t->box.height);
        /* one that would touch the label above is left out */
        if (t->box.y < last_bottom + 1) {
            g_object_unref(t->layout);
            g_array_set_size(p->texts, p->texts->len - 1);
            continue;
        }
        last_bottom = t->box.y + t->box.height;
    }
    jb_chart_add_line(p, ROLE_AXIS, zero_x, p->plot.y, zero_x, p->plot.y + p->plot.height, 0.8,
                      jb_chart_ink);

    if (m->value_labels) {
        jb_box_t axis_box = {zero_x - 0.6, p->plot.y, 1.2, p->plot.height};
        jb_box_t *avoid = g_new(jb_box_t, bars->len + 1);
        memcpy(avoid, bars->data, bars->len * sizeof(jb_box_t));
        avoid[bars->len] = axis_box;
        size_t k = 0;
        for (size_t i = 0; i < m->n_cat; i++)
            for (size_t s = 0; s < m->n_series; s++) {
                double v = m->series[s].values[i];
                if (isnan(v))
                    continue;
                jb_box_t bar = avoid[k++];
                jb_chart_format_value(buf, sizeof buf, v, dec);
                double lw, lh;
                jb_chart_text_size(p, buf, &p->st.value, &lw, &lh);
                double cx = v >= 0 ? bar.x + bar.width + 3 + lw / 2 : bar.x - 3 - lw / 2;
                double cy = bar.y + bar.height / 2;
                jb_chart_place_label(p, buf, &cx, &cy, 1, avoid, bars->len + 1);
            }
        g_free(avoid);
    }
    g_array_free(bars, TRUE);
    return JB_OK;
}
