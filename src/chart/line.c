/* Line series over categories (periods): segments between the points,
 * gaps where a period has no value, square markers when the points are
 * far enough apart, and value labels that avoid every box placed before.
 * Thousands of points are thinned per column of the plot (first, lowest,
 * highest, last point of each point-wide column), so a 10 000-point line
 * costs a few hundred segments and looks the same. */
#include "chart-private.h"

#include <math.h>

#define LINE_WIDTH 1.8
#define MARKER 4.5

static void
add_point(GArray *pts, double x, double y)
{
    double xy[2] = {x, y};
    g_array_append_vals(pts, xy, 2);
}

void
jb_chart_place_line_series(place_t *p, const model_t *m, const mseries_t *s, const double *xs,
                           const axis_t *y)
{
    const double *v = s->values;
    size_t n = m->n_cat;
    int thin = (double)n > 2 * p->plot.width;
    /* runs of consecutive values; each run becomes a polyline */
    size_t i = 0;
    GArray *pts = g_array_new(FALSE, FALSE, sizeof(double));
    while (i < n) {
        while (i < n && isnan(v[i]))
            i++;
        g_array_set_size(pts, 0);
        while (i < n && !isnan(v[i])) {
            if (!thin) {
                add_point(pts, xs[i], axis_map(y, v[i]));
                i++;
                continue;
            }
            /* one column of the plot: first, min, max and last point in
               the order they occur */
            double col = floor(xs[i] - p->plot.x);
            size_t first = i, lo = i, hi = i, last = i;
            while (i < n && !isnan(v[i]) && floor(xs[i] - p->plot.x) == col) {
                if (v[i] < v[lo])
                    lo = i;
                if (v[i] > v[hi])
                    hi = i;
                last = i++;
            }
            size_t order[4] = {first, lo < hi ? lo : hi, lo < hi ? hi : lo, last};
            size_t prev = SIZE_MAX;
            for (int k = 0; k < 4; k++)
                if (order[k] != prev) {
                    add_point(pts, xs[order[k]], axis_map(y, v[order[k]]));
                    prev = order[k];
                }
        }
        const double *xy = (const double *)pts->data;
        size_t np = pts->len / 2;
        for (size_t k = 1; k < np; k++)
            jb_chart_add_line(p, ROLE_SERIES_LINE, xy[2 * k - 2], xy[2 * k - 1], xy[2 * k],
                              xy[2 * k + 1], LINE_WIDTH, s->colour);
        if (np == 1) /* a lone point: a short dash so it shows */
            jb_chart_add_line(p, ROLE_SERIES_LINE, xy[0] - 3, xy[1], xy[0] + 3, xy[1],
                              LINE_WIDTH, s->colour);
    }
    g_array_free(pts, TRUE);

    /* markers: white-rimmed squares, every second line's hollow so lines
       stay apart in greyscale, when points are 8 pt apart or more */
    if (n > 0 && p->plot.width / (double)n >= 8)
        for (i = 0; i < n; i++) {
            if (isnan(v[i]))
                continue;
            double cy = axis_map(y, v[i]);
            jb_chart_add_rect(p, ROLE_MARKER,
                              (jb_box_t){xs[i] - MARKER / 2 - 1, cy - MARKER / 2 - 1, MARKER + 2,
                                         MARKER + 2},
                              (jb_rgba_t){1, 1, 1, 1});
            jb_chart_add_rect(p, ROLE_MARKER,
                              (jb_box_t){xs[i] - MARKER / 2, cy - MARKER / 2, MARKER, MARKER},
                              s->colour);
            if (s->hollow)
                jb_chart_add_rect(p, ROLE_MARKER,
                                  (jb_box_t){xs[i] - MARKER / 2 + 1.3, cy - MARKER / 2 + 1.3,
                                             MARKER - 2.6, MARKER - 2.6},
                                  (jb_rgba_t){1, 1, 1, 1});
        }
}

void
jb_chart_place_line_labels(place_t *p, const model_t *m, const mseries_t *s, const double *xs,
                           const axis_t *y, int decimals)
{
    size_t n = m->n_cat;
    if (n == 0)
        return;
    /* labels on every point only when they have room; else the last.
       They avoid markers and texts; over a bar they get a white ground */
    int dense = p->plot.width / (double)n < 22;
    GArray *avoid = g_array_new(FALSE, FALSE, sizeof(jb_box_t));
    GArray *bars = g_array_new(FALSE, FALSE, sizeof(jb_box_t));
    for (guint k = 0; k < p->rects->len; k++) {
        const prect_t *r = &g_array_index(p->rects, prect_t, k);
        if (r->role == ROLE_MARKER)
            g_array_append_val(avoid, r->box);
        else if (r->role == ROLE_BAR)
            g_array_append_val(bars, r->box);
    }
    char buf[64];
    double w, h;
    jb_chart_text_size(p, "0", &p->st.value, &w, &h);
    for (size_t i = dense ? n - 1 : 0; i < n; i++) {
        if (isnan(s->values[i]))
            continue;
        double cy0 = axis_map(y, s->values[i]);
        double cx[3] = {xs[i], xs[i], xs[i]};
        double cy[3] = {cy0 - h / 2 - MARKER / 2 - 2, cy0 + h / 2 + MARKER / 2 + 2,
                        cy0 - h - MARKER - 2};
        jb_chart_format_value(buf, sizeof buf, s->values[i], decimals);
        if (!jb_chart_place_label(p, buf, cx, cy, 3, (const jb_box_t *)avoid->data, avoid->len))
            continue;
        ptext_t *t = &g_array_index(p->texts, ptext_t, p->texts->len - 1);
        /* in the series colour when that reads as text on white */
        t->colour = 0.299 * s->colour.r + 0.587 * s->colour.g + 0.114 * s->colour.b < 0.45
                        ? s->colour
                        : jb_chart_ink;
        for (guint k = 0; k < bars->len; k++)
            if (jb_chart_boxes_intersect(t->box, g_array_index(bars, jb_box_t, k))) {
                jb_chart_add_rect(p, ROLE_LABEL_GROUND,
                                  (jb_box_t){t->box.x - 1.5, t->box.y, t->box.width + 3, t->box.height},
                                  (jb_rgba_t){1, 1, 1, 1});
                break;
            }
    }
    g_array_free(avoid, TRUE);
    g_array_free(bars, TRUE);
}
