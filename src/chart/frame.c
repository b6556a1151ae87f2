/* What every chart family shares in its measure-and-place pass: texts
 * measured with pango in jibao's fonts, the frame around the plot (title,
 * unit note, source note), the legend, the "无数据" box, and value labels
 * placed only where they collide with nothing already placed. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

const jb_rgba_t jb_chart_ink = {0.13, 0.13, 0.13, 1};
const jb_rgba_t jb_chart_muted = {0.38, 0.38, 0.38, 1};
const jb_rgba_t jb_chart_grid = {0.86, 0.86, 0.86, 1};
/* 其他 (the rest after top-N) is grey: an aggregate, not a peer */
const jb_rgba_t jb_chart_other = {0.72, 0.72, 0.72, 1};

ptext_t *
jb_chart_add_text(place_t *p, role_t role, const char *text, const jb_text_style_t *style,
                  double wrap, int max_lines, jb_rgba_t colour)
{
    PangoLayout *layout = jb_text_layout_new(p->ctx, text, style, wrap);
    if (wrap > 0) {
        /* Chinese labels break between any two characters; at most
           max_lines lines, the last ending in … */
        pango_layout_set_wrap(layout, PANGO_WRAP_CHAR);
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
        pango_layout_set_height(layout, -(max_lines > 0 ? max_lines : 2));
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    /* the box is the text's logical extent, which for centred or right-
       aligned lines starts ox after the layout's origin */
    ptext_t t = {role, {0, 0, 0, 0}, layout, 0, colour};
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    t.ox = pango_units_to_double(logical.x);
    t.box.width = pango_units_to_double(logical.width);
    t.box.height = pango_units_to_double(logical.height);
    g_array_append_val(p->texts, t);
    return &g_array_index(p->texts, ptext_t, p->texts->len - 1);
}

void
jb_chart_text_align(ptext_t *t, PangoAlignment align)
{
    pango_layout_set_alignment(t->layout, align);
    PangoRectangle logical;
    pango_layout_get_extents(t->layout, NULL, &logical);
    t->ox = pango_units_to_double(logical.x);
    t->box.width = pango_units_to_double(logical.width);
}

void
jb_chart_text_size(place_t *p, const char *text, const jb_text_style_t *style, double *w,
                   double *h)
{
    /* one reusable layout per style: measuring is most of placing */
    int slot = style == &p->st.title ? 0 : style == &p->st.note ? 1 : style == &p->st.label ? 2 : 3;
    if (!p->measure[slot])
        p->measure[slot] = jb_text_layout_new(p->ctx, text, style, 0);
    else
        pango_layout_set_text(p->measure[slot], text, -1);
    jb_text_layout_get_size(p->measure[slot], w, h);
}

void
jb_chart_add_rect(place_t *p, role_t role, jb_box_t box, jb_rgba_t colour)
{
    prect_t r = {role, box, colour};
    g_array_append_val(p->rects, r);
}

void
jb_chart_add_polygon(place_t *p, role_t role, double *xy, size_t n, jb_rgba_t colour)
{
    ppoly_t poly = {role, xy, n, colour};
    g_array_append_val(p->polys, poly);
}

void
jb_chart_add_line(place_t *p, role_t role, double x0, double y0, double x1, double y1,
                  double width, jb_rgba_t colour)
{
    pline_t l = {role, x0, y0, x1, y1, width, colour};
    g_array_append_val(p->lines, l);
}

int
jb_chart_boxes_intersect(jb_box_t a, jb_box_t b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
           b.y < a.y + a.height;
}

static int
box_inside(jb_box_t inner, jb_box_t outer)
{
    return inner.x >= outer.x - 1e-6 && inner.y >= outer.y - 1e-6 &&
           inner.x + inner.width <= outer.x + outer.width + 1e-6 &&
           inner.y + inner.height <= outer.y + outer.height + 1e-6;
}

/* Value labels: numbers in the chart's unit, with the decimals the data
 * have, never "-0". */
char *
jb_chart_format_value(char *buf, size_t n, double v, int decimals)
{
    return jb_format_decimal(buf, n, v, decimals);
}

jb_box_t
jb_chart_place_frame(place_t *p, const model_t *m, const char *unit_left, const char *unit_right)
{
    jb_box_t area = p->box;
    const jb_chart_spec_t *spec = m->spec;
    if (spec->title && *spec->title) {
        /* centred; a long title wraps to a second line, then … */
        ptext_t *t = jb_chart_add_text(p, ROLE_TITLE, spec->title, &p->st.title, area.width, 2,
                                       jb_chart_ink);
        t->box.x = area.x + (area.width - t->box.width) / 2;
        t->box.y = area.y;
        area.y += t->box.height + 4;
        area.height -= t->box.height + 4;
    }
    double unit_h = 0;
    if (unit_left && *unit_left) {
        char *s = g_strdup_printf("单位：%s", unit_left);
        ptext_t *t = jb_chart_add_text(p, ROLE_UNIT, s, &p->st.note, 0, 1, jb_chart_muted);
        t->box.x = area.x;
        t->box.y = area.y;
        unit_h = t->box.height;
        g_free(s);
    }
    if (unit_right && *unit_right) {
        char *s = g_strdup_printf("单位：%s", unit_right);
        ptext_t *t = jb_chart_add_text(p, ROLE_UNIT, s, &p->st.note, 0, 1, jb_chart_muted);
        t->box.x = area.x + area.width - t->box.width;
        t->box.y = area.y;
        unit_h = fmax(unit_h, t->box.height);
        g_free(s);
    }
    if (unit_h > 0) {
        area.y += unit_h + 2;
        area.height -= unit_h + 2;
    }
    if (spec->source && *spec->source) {
        char *s = g_strdup_printf("数据来源：%s", spec->source);
        ptext_t *t = jb_chart_add_text(p, ROLE_SOURCE, s, &p->st.note, area.width, 1,
                                       jb_chart_muted);
        jb_chart_text_align(t, PANGO_ALIGN_LEFT);
        t->box.x = area.x;
        t->box.y = area.y + area.height - t->box.height;
        area.height -= t->box.height + 4;
        g_free(s);
    }
    return area;
}

void
jb_chart_place_legend(place_t *p, const char *const *names, const jb_rgba_t *colours,
                      const int *is_line, size_t n, jb_box_t *area)
{
    if (n == 0)
        return;
    /* entries flow in rows centred under the plot */
    const double swatch = 10, gap_in = 4, gap_out = 14;
    double *w = g_new(double, n);
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        double tw, th;
        jb_chart_text_size(p, names[i], &p->st.label, &tw, &th);
        w[i] = fmin(swatch + gap_in + tw, area->width);
        h = fmax(h, th);
    }
    /* rows: greedy */
    size_t start = 0;
    int rows = 0;
    double row_h = h + 3;
    GArray *row_start = g_array_new(FALSE, FALSE, sizeof(size_t));
    while (start < n) {
        double used = w[start];
        size_t end = start + 1;
        while (end < n && used + gap_out + w[end] <= area->width)
            used += gap_out + w[end++];
        g_array_append_val(row_start, start);
        rows++;
        start = end;
    }
    double top = area->y + area->height - rows * row_h;
    for (int r = 0; r < rows; r++) {
        size_t a = g_array_index(row_start, size_t, r);
        size_t b = r + 1 < rows ? g_array_index(row_start, size_t, r + 1) : n;
        double used = 0;
        for (size_t i = a; i < b; i++)
            used += w[i] + (i > a ? gap_out : 0);
        double x = area->x + (area->width - used) / 2;
        double y = top + r * row_h;
        for (size_t i = a; i < b; i++) {
            if (is_line && is_line[i]) {
                /* the line and its marker (drawn over the line) */
                double mx = x + swatch / 2, my = y + h / 2;
                jb_chart_add_line(p, ROLE_SWATCH, x, my, x + swatch, my, 1.8, colours[i]);
                jb_chart_add_rect(p, ROLE_MARKER, (jb_box_t){mx - 2.25, my - 2.25, 4.5, 4.5},
                                  colours[i]);
                if (is_line[i] == 2)
                    jb_chart_add_rect(p, ROLE_MARKER, (jb_box_t){mx - 0.95, my - 0.95, 1.9, 1.9},
                                      (jb_rgba_t){1, 1, 1, 1});
            } else {
                jb_chart_add_rect(p, ROLE_SWATCH, (jb_box_t){x, y + h / 2 - 4, swatch, 8},
                                  colours[i]);
            }
            ptext_t *t = jb_chart_add_text(p, ROLE_LEGEND, names[i], &p->st.label,
                                           w[i] - swatch - gap_in, 1, jb_chart_ink);
            jb_chart_text_align(t, PANGO_ALIGN_LEFT);
            t->box.x = x + swatch + gap_in;
            t->box.y = y;
            x += w[i] + gap_out;
        }
    }
    area->height -= rows * row_h + 4;
    g_array_free(row_start, TRUE);
    g_free(w);
}

void
jb_chart_place_no_data(place_t *p, jb_box_t area)
{
    p->no_data = 1;
    jb_chart_add_rect(p, ROLE_NODATA, area, (jb_rgba_t){0.95, 0.95, 0.95, 1});
    ptext_t *t = jb_chart_add_text(p, ROLE_NODATA, "无数据", &p->st.label, 0, 1, jb_chart_muted);
    t->box.x = area.x + (area.width - t->box.width) / 2;
    t->box.y = area.y + (area.height - t->box.height) / 2;
}

/* Whether the segment (x0,y0)-(x1,y1) passes through box (Liang–Barsky). */
static int
segment_hits_box(double x0, double y0, double x1, double y1, jb_box_t b)
{
    double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    double pq[4][2] = {{-dx, x0 - b.x}, {dx, b.x + b.width - x0},
                       {-dy, y0 - b.y}, {dy, b.y + b.height - y0}};
    for (int i = 0; i < 4; i++) {
        double pi = pq[i][0], qi = pq[i][1];
        if (pi == 0) {
            if (qi < 0)
                return 0;
        } else {
            double r = qi / pi;
            if (pi < 0)
                t0 = fmax(t0, r);
            else
                t1 = fmin(t1, r);
            if (t0 > t1)
                return 0;
        }
    }
    return 1;
}

int
jb_chart_place_label(place_t *p, const char *text, const double *cx, const double *cy,
                     size_t n_cand, const jb_box_t *avoid, size_t n_avoid)
{
    /* the label is shaped once, then tried at each candidate position */
    ptext_t *t = jb_chart_add_text(p, ROLE_VALUE, text, &p->st.value, 0, 1, jb_chart_ink);
    double w = t->box.width, h = t->box.height;
    guint self = p->texts->len - 1;
    for (size_t c = 0; c < n_cand; c++) {
        jb_box_t b = {cx[c] - w / 2, cy[c] - h / 2, w, h};
        if (!box_inside(b, p->box))
            continue;
        int clash = 0;
        for (size_t i = 0; i < n_avoid && !clash; i++)
            clash = jb_chart_boxes_intersect(b, avoid[i]);
        for (guint i = 0; i < self && !clash; i++)
            clash = jb_chart_boxes_intersect(b, g_array_index(p->texts, ptext_t, i).box);
        /* and no series line crosses it */
        for (guint i = 0; i < p->lines->len && !clash; i++) {
            const pline_t *l = &g_array_index(p->lines, pline_t, i);
            if (l->role != ROLE_SERIES_LINE)
                continue;
            jb_box_t grown = {b.x - l->width / 2, b.y - l->width / 2, b.width + l->width,
                              b.height + l->width};
            clash = segment_hits_box(l->x0, l->y0, l->x1, l->y1, grown);
        }
        if (clash)
            continue;
        g_array_index(p->texts, ptext_t, self).box = b;
        return 1;
    }
    g_object_unref(t->layout);
    g_array_set_size(p->texts, self);
    return 0;
}
