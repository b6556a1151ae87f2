/* Column charts — vertical bars (one series, or several side by side),
 * stacked and 100 %-stacked bars, lines over periods, and bars with a
 * growth-rate line on a second axis — placed on a category axis: measure
 * the tick and category labels, place the plot, the bars and the value
 * labels as boxes. Lines themselves are placed by line.c. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

/* Range of the values a side (left 0, right 1) must show; stacks add up. */
static void
side_range(const model_t *m, int right, double *min, double *max)
{
    *min = INFINITY, *max = -INFINITY;
    int stacked = m->kind == KIND_STACKED || m->kind == KIND_STACKED100;
    for (size_t i = 0; i < m->n_cat; i++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < m->n_series; s++) {
            const mseries_t *ser = &m->series[s];
            double v = ser->values[i];
            if (ser->right_axis != right || isnan(v))
                continue;
            if (stacked && !ser->is_line) {
                if (v > 0)
                    pos += v;
                else
                    neg += v;
            } else {
                *min = fmin(*min, v), *max = fmax(*max, v);
            }
        }
        if (stacked)
            *min = fmin(*min, neg), *max = fmax(*max, pos);
    }
    if (*min > *max)
        *min = *max = 0;
}

/* The widest category label. Beyond 256 categories (a long line over
 * days) every label is not measured: an even sample of 256 stands for them,
 * and the labels actually placed are still kept apart one by one. */
static double
widest_category(place_t *p, const model_t *m)
{
    double widest = 0, w, h;
    size_t stride = m->n_cat > 256 ? m->n_cat / 256 : 1;
    for (size_t i = 0; i < m->n_cat; i += stride) {
        jb_chart_text_size(p, m->cats[i], &p->st.label, &w, &h);
        widest = fmax(widest, w);
    }
    return widest;
}

/* Numbers are measured as so many widths of "8" (the widest digit), which
 * is never narrower than the shaped text: room is reserved without shaping
 * every number twice. */
static double
number_width(const char *s, double digit_w)
{
    return (double)strlen(s) * digit_w;
}

static double
widest_tick(place_t *p, const axis_t *a, double *h)
{
    char buf[64];
    double w = 0, digit_w;
    jb_chart_text_size(p, "8", &p->st.note, &digit_w, h);
    for (int i = 0; i <= a->n; i++)
        w = fmax(w, number_width(jb_chart_format_tick(buf, sizeof buf, a, a->lo + i * a->step),
                                 digit_w));
    return w;
}

static void
place_ticks(place_t *p, const axis_t *a, int right, int grid)
{
    char buf[64];
    for (int i = 0; i <= a->n; i++) {
        double v = a->lo + i * a->step;
        double y = axis_map(a, v);
        if (grid && fabs(v) > a->step / 1e6 && i > 0)
            jb_chart_add_line(p, ROLE_GRID, p->plot.x, y, p->plot.x + p->plot.width, y, 0.5,
                              jb_chart_grid);
        ptext_t *t = jb_chart_add_text(p, ROLE_TICK, jb_chart_format_tick(buf, sizeof buf, a, v),
                                       &p->st.note, 0, 1, jb_chart_muted);
        t->box.x = right ? p->plot.x + p->plot.width + 4 : p->plot.x - 4 - t->box.width;
        t->box.y = y - t->box.height / 2;
    }
}

static double
luminance(jb_rgba_t c)
{
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

jb_status_t
jb_chart_place_columns(place_t *p, model_t *m, jb_error_t *err)
{
    (void)err;
    int stacked = m->kind == KIND_STACKED || m->kind == KIND_STACKED100;
    jb_box_t area = jb_chart_place_frame(p, m, m->unit[0], m->has_right ? m->unit[1] : NULL);

    if (jb_chart_model_count_points(m) == 0) {
        jb_chart_place_no_data(p, area);
        return JB_OK;
    }

    /* long category labels on a one-series bar chart: horizontal bars */
    if (m->kind == KIND_BAR && m->n_series == 1 && m->n_cat > 1) {
        double widest = widest_category(p, m), w, h;
        jb_chart_text_size(p, "国", &p->st.label, &w, &h);
        if (widest > 2 * 0.9 * area.width / (double)m->n_cat &&
            (double)m->n_cat * (h + 2) <= area.height * 0.8) {
            for (guint i = 0; i < p->texts->len; i++)
                g_object_unref(g_array_index(p->texts, ptext_t, i).layout);
            g_array_set_size(p->texts, 0);
            g_array_set_size(p->rects, 0);
            g_array_set_size(p->lines, 0);
            return jb_chart_place_hbar(p, m, err);
        }
    }

    /* legend of the series */
    if (m->n_series > 1) {
        const char **names = g_new(const char *, m->n_series);
        jb_rgba_t *colours = g_new(jb_rgba_t, m->n_series);
        int *is_line = g_new(int, m->n_series);
        for (size_t s = 0; s < m->n_series; s++) {
            names[s] = m->series[s].name;
            colours[s] = m->series[s].colour;
            is_line[s] = m->series[s].is_line ? 1 + m->series[s].hollow : 0;
        }
        jb_chart_place_legend(p, names, colours, is_line, m->n_series, &area);
        g_free(names);
        g_free(colours);
        g_free(is_line);
    }

    /* axes: bars start at zero; lines alone need not; a second axis shares
       the first's gridlines and zero */
    int any_bar = 0;
    for (size_t s = 0; s < m->n_series; s++)
        any_bar |= !m->series[s].is_line;
    axis_t ya = {0}, yb = {0};
    double lmin, lmax, rmin, rmax;
    side_range(m, 0, &lmin, &lmax);
    if (m->has_right) {
        side_range(m, 1, &rmin, &rmax);
        int left_has = 0;
        for (size_t s = 0; s < m->n_series; s++)
            left_has |= !m->series[s].right_axis;
        if (!left_has)
            lmin = rmin, lmax = rmax;
        jb_chart_axis_pair(lmin, lmax, rmin, rmax, &ya, &yb);
    } else if (m->kind == KIND_STACKED100) {
        ya = (axis_t){0, 100, 20, 5, 0, 0, 0};
    } else {
        jb_chart_axis_nice(lmin, lmax, 5, any_bar, &ya);
    }
    double tick_h;
    double lw = widest_tick(p, &ya, &tick_h);
    double rw = m->has_right ? widest_tick(p, &yb, &tick_h) : 0;

    double label_h, value_w, value_h;
    jb_chart_text_size(p, "国", &p->st.label, &value_w, &label_h);
    jb_chart_text_size(p, "0", &p->st.value, &value_w, &value_h);
    double value_digit_w, digit_h;
    jb_chart_text_size(p, "8", &p->st.value, &value_digit_w, &digit_h);

    p->plot.x = area.x + lw + 6;
    p->plot.width = area.x + area.width - p->plot.x - (m->has_right ? rw + 6 : 4);
    double band = p->plot.width / (double)m->n_cat;

    /* category labels: wrapped in their band at character boundaries (two
       lines at most), or every k-th label when the bands are narrow */
    double widest = widest_category(p, m);
    /* periods that do not fit on one line break after 年 (2024年 / 一季度) */
    if (m->periods && widest > band - 2) {
        for (size_t i = 0; i < m->n_cat; i++) {
            char *nian = strstr(m->cats[i], "年");
            if (nian && nian[strlen("年")]) {
                char *two = g_strdup_printf("%.*s\n%s", (int)(nian + strlen("年") - m->cats[i]),
                                            m->cats[i], nian + strlen("年"));
                g_free(m->cats[i]);
                m->cats[i] = two;
            }
        }
        widest = widest_category(p, m);
        /* two lines are not enough either: the compact form (24Q1) */
        if (widest > band - 2 && m->compact) {
            for (size_t i = 0; i < m->n_cat; i++) {
                g_free(m->cats[i]);
                m->cats[i] = m->compact[i];
            }
            g_free(m->compact);
            m->compact = NULL;
            widest = widest_category(p, m);
        }
    }
    size_t every = 1;
    int lines = 1;
    for (size_t i = 0; i < m->n_cat; i++)
        if (strchr(m->cats[i], '\n'))
            lines = 2;
    double min_band = 2.2 * label_h; /* two characters */
    if (widest > band - 2) {
        if (band >= min_band && widest <= 2 * (band - 2) * 1.15)
            lines = 2;
        else if (band >= min_band && m->kind != KIND_LINE && !(m->kind == KIND_COMBO && !any_bar))
            lines = 2;
        else
            every = (size_t)ceil((widest + 6) / band);
    }
    if (every > 1)
        lines = 1;
    /* thinned periods keep to the calendar: every 2 or 4k quarters from a
       first quarter, every 2, 3, 6 or 12k months from a January */
    size_t start = 0;
    if (every > 1 && m->n_cat > 0) {
        int quarters = strchr(m->cats[0], 'Q') || strstr(m->cats[0], "季度");
        int months = !quarters && (strchr(m->cats[0], '/') || strstr(m->cats[0], "月"));
        size_t cycle = quarters ? 4 : months ? 12 : 0;
        if (quarters)
            every = every <= 2 ? 2 : (every + 3) / 4 * 4;
        else if (months)
            every = every <= 2 ? 2 : every <= 3 ? 3 : every <= 6 ? 6 : (every + 11) / 12 * 12;
        for (size_t i = 0; cycle && i < MIN(cycle, m->n_cat); i++) {
            const char *c = m->cats[i];
            int first = quarters ? (strstr(c, "Q1") || strstr(c, "一季度"))
                                 : (g_str_has_suffix(c, "/01") || g_str_has_suffix(c, "年1月") ||
                                    strcmp(c, "1月") == 0);
            if (first) {
                start = i % every;
                break;
            }
        }
    }
    /* below the lowest tick label, which is centred on the plot's edge */
    double cat_gap = fmax(4, tick_h / 2 + 1);
    double cat_h = lines * label_h + cat_gap;

    p->plot.y = area.y + value_h / 2 + 1;
    p->plot.height = area.y + area.height - cat_h - p->plot.y;
    if (p->plot.height < 20)
        p->plot.height = 20;
    ya.p0 = yb.p0 = p->plot.y + p->plot.height;
    ya.p1 = yb.p1 = p->plot.y;

    place_ticks(p, &ya, 0, 1);
    if (m->has_right)
        place_ticks(p, &yb, 1, 0);

    double *xs = g_new(double, m->n_cat);
    for (size_t i = 0; i < m->n_cat; i++)
        xs[i] = p->plot.x + band * ((double)i + 0.5);
    double last_right = -INFINITY;
    for (size_t i = start; i < m->n_cat; i += every) {
        double wrap = every > 1 ? 0 : band - 2;
        ptext_t *t = jb_chart_add_text(p, ROLE_CATEGORY, m->cats[i], &p->st.label, wrap, lines,
                                       jb_chart_ink);
        t->box.x = xs[i] - t->box.width / 2;
        t->box.y = p->plot.y + p->plot.height + cat_gap;
        if (t->box.x < p->plot.x && every > 1)
            t->box.x = p->plot.x;
        if (t->box.x + t->box.width > p->box.x + p->box.width)
            t->box.x = p->box.x + p->box.width - t->box.width;
        /* a thinned label that would touch the one before is left out */
        if (every > 1 && t->box.x < last_right + 4) {
            g_object_unref(t->layout);
            g_array_set_size(p->texts, p->texts->len - 1);
            continue;
        }
        last_right = t->box.x + t->box.width;
    }

    /* bars */
    size_t n_bar = 0;
    for (size_t s = 0; s < m->n_series; s++)
        n_bar += !m->series[s].is_line;
    double group_w = band * (n_bar > 1 && !stacked ? 0.75 : 0.6);
    if (!stacked && n_bar == 1 && group_w > 48)
        group_w = 48;
    size_t slots = stacked ? 1 : (n_bar ? n_bar : 1);
    double bar_w = group_w / (double)slots;
    double base_y = axis_map(&ya, 0);
    GArray *bars = g_array_new(FALSE, FALSE, sizeof(jb_box_t));
    guint *bar_of = g_new0(guint, m->n_series * m->n_cat); /* (series, category) → bar */
    double *stack_pos = g_new0(double, m->n_cat), *stack_neg = g_new0(double, m->n_cat);
    for (size_t i = 0; i < m->n_cat; i++) {
        double pos = 0, neg = 0;
        size_t slot = 0;
        for (size_t s = 0; s < m->n_series; s++) {
            const mseries_t *ser = &m->series[s];
            if (ser->is_line)
                continue;
            double v = ser->values[i];
            size_t this_slot = slot++;
            if (isnan(v))
                continue;
            double a = 0, b = v;
            if (stacked) {
                a = v >= 0 ? pos : neg;
                b = a + v;
                if (v >= 0)
                    pos = b;
                else
                    neg = b;
                this_slot = 0;
            }
            double y0 = axis_map(&ya, a), y1 = axis_map(&ya, b);
            double x = xs[i] - group_w / 2 + bar_w * (double)this_slot;
            double gap = slots > 1 ? fmin(1, bar_w * 0.1) : 0;
            jb_box_t bar = {x + gap / 2, fmin(y0, y1), bar_w - gap, fabs(y1 - y0)};
            jb_chart_add_rect(p, ROLE_BAR, bar,
                              i == m->other && n_bar == 1 ? jb_chart_other : ser->colour);
            bar_of[s * m->n_cat + i] = bars->len;
            g_array_append_val(bars, bar);
        }
        stack_pos[i] = pos, stack_neg[i] = neg;
    }
    /* the baseline (zero) over the bars; a frame line for lines alone */
    double axis_y = any_bar ? base_y : p->plot.y + p->plot.height;
    jb_chart_add_line(p, ROLE_AXIS, p->plot.x, axis_y, p->plot.x + p->plot.width, axis_y, 0.8,
                      jb_chart_ink);
    if (!any_bar && ya.lo < 0 && ya.hi > 0) /* lines crossing zero: a zero line */
        jb_chart_add_line(p, ROLE_AXIS, p->plot.x, base_y, p->plot.x + p->plot.width, base_y, 0.6,
                          jb_chart_muted);

    /* lines over the bars */
    for (size_t s = 0; s < m->n_series; s++)
        if (m->series[s].is_line)
            jb_chart_place_line_series(p, m, &m->series[s], xs,
                                       m->series[s].right_axis ? &yb : &ya);

    /* value labels: outside the end of each bar (inside each segment of a
       stack), then above or below each line point; a label that would
       touch anything placed already is left out */
    if (m->value_labels) {
        char buf[64];
        jb_box_t axis_box = {p->plot.x, axis_y - 0.6, p->plot.width, 1.2};
        for (size_t s = 0; s < m->n_series; s++) {
            const mseries_t *ser = &m->series[s];
            if (ser->is_line)
                continue;
            int dec = jb_chart_value_decimals(ser->values, m->n_cat);
            /* labels wider than the pitch of the bars would stagger and
               crowd: then only the latest (last) value is labelled */
            size_t first = 0;
            if (!stacked) {
                double widest_value = 0;
                for (size_t i = 0; i < m->n_cat; i++)
                    if (!isnan(ser->values[i]))
                        widest_value = fmax(widest_value, number_width(jb_chart_format_value(
                                                              buf, sizeof buf, ser->values[i], dec),
                                                          value_digit_w));
                if (widest_value + 2 > band / (double)slots && m->n_cat > 1)
                    first = m->n_cat - 1;
            }
            for (size_t i = first; i < m->n_cat; i++) {
                double v = ser->values[i];
                if (isnan(v))
                    continue;
                jb_box_t bar = g_array_index(bars, jb_box_t, bar_of[s * m->n_cat + i]);
                jb_chart_format_value(buf, sizeof buf, v, stacked ? (m->kind == KIND_STACKED100 ? 1 : dec) : dec);
                if (m->kind == KIND_STACKED100)
                    strcat(buf, "%");
                double cx = bar.x + bar.width / 2, cy[2];
                size_t n_cand;
                if (stacked) {
                    cy[0] = bar.y + bar.height / 2;
                    n_cand = 1;
                    double w, h;
                    jb_chart_text_size(p, buf, &p->st.value, &w, &h);
                    if (h > bar.height || w > bar.width + 2)
                        continue;
                    jb_box_t avoid[] = {axis_box};
                    if (jb_chart_place_label(p, buf, &cx, cy, n_cand, avoid, 1)) {
                        ptext_t *t = &g_array_index(p->texts, ptext_t, p->texts->len - 1);
                        t->colour = luminance(ser->colour) < 0.5 ? (jb_rgba_t){1, 1, 1, 1}
                                                                 : jb_chart_ink;
                    }
                } else {
                    /* past the end of the bar; else (a line runs there)
                       just inside it, when the bar is long enough */
                    cy[0] = v >= 0 ? bar.y - value_h / 2 - 1 : bar.y + bar.height + value_h / 2 + 1;
                    cy[1] = v >= 0 ? bar.y + value_h / 2 + 2 : bar.y + bar.height - value_h / 2 - 2;
                    double label_w = number_width(buf, value_digit_w);
                    size_t n_c = bar.height > 2 * value_h + 4 && label_w <= bar.width - 2 ? 2 : 1;
                    /* every bar but this one, and the baseline */
                    guint self = bar_of[s * m->n_cat + i], n_avoid = 0;
                    jb_box_t *avoid = g_new(jb_box_t, bars->len + 1);
                    for (guint b = 0; b < bars->len; b++)
                        if (b != self)
                            avoid[n_avoid++] = g_array_index(bars, jb_box_t, b);
                    avoid[n_avoid++] = axis_box;
                    double cxs[2] = {cx, cx};
                    if (jb_chart_place_label(p, buf, cxs, cy, n_c, avoid, n_avoid)) {
                        ptext_t *t = &g_array_index(p->texts, ptext_t, p->texts->len - 1);
                        if (jb_chart_boxes_intersect(t->box, bar))
                            t->colour = luminance(ser->colour) < 0.5 ? (jb_rgba_t){1, 1, 1, 1}
                                                                     : jb_chart_ink;
                    }
                    g_free(avoid);
                }
            }
        }
        /* totals of a stack (合计) above it, or below a stack that sums
           below zero */
        if (m->kind == KIND_STACKED && n_bar > 1) {
            int dec = 0;
            for (size_t s = 0; s < m->n_series; s++)
                dec = MAX(dec, jb_chart_value_decimals(m->series[s].values, m->n_cat));
            jb_box_t *avoid = g_new(jb_box_t, bars->len + 1);
            memcpy(avoid, bars->data, bars->len * sizeof(jb_box_t));
            avoid[bars->len] = axis_box;
            for (size_t i = 0; i < m->n_cat; i++) {
                double total = stack_pos[i] + stack_neg[i];
                double edge = total >= 0 ? axis_map(&ya, stack_pos[i]) : axis_map(&ya, stack_neg[i]);
                double cy = total >= 0 ? edge - value_h / 2 - 1 : edge + value_h / 2 + 1;
                jb_chart_place_label(p, jb_chart_format_value(buf, sizeof buf, total, dec), &xs[i],
                                     &cy, 1, avoid, bars->len + 1);
            }
            g_free(avoid);
        }
        for (size_t s = 0; s < m->n_series; s++)
            if (m->series[s].is_line)
                jb_chart_place_line_labels(p, m, &m->series[s], xs,
                                           m->series[s].right_axis ? &yb : &ya,
                                           jb_chart_value_decimals(m->series[s].values, m->n_cat));
    }
    g_array_free(bars, TRUE);
    g_free(bar_of);
    g_free(stack_pos);
    g_free(stack_neg);
    g_free(xs);
    return JB_OK;
}
