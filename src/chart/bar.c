/* Vertical bar charts, one or more series side by side: measure the texts,
 * place the plot area, ticks, bars and labels in the box, then append them
 * to the page. */
#include "chart-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/base-private.h"
#include "../base/pages-private.h"
#include "../base/text-private.h"

/* A palette that stays apart in greyscale and for colour-blind readers
 * (dark blue, orange, teal, grey, light blue). */
static const jb_rgba_t palette[] = {
    {0.16, 0.32, 0.55, 1}, {0.90, 0.55, 0.16, 1}, {0.22, 0.60, 0.55, 1},
    {0.45, 0.45, 0.45, 1}, {0.55, 0.72, 0.88, 1},
};
static const jb_rgba_t ink = {0.13, 0.13, 0.13, 1};
static const jb_rgba_t muted = {0.40, 0.40, 0.40, 1};
static const jb_rgba_t grid = {0.85, 0.85, 0.85, 1};

static const jb_text_style_t title_style = {"sans-serif", 11, 1};
static const jb_text_style_t note_style = {"sans-serif", 8, 0};
static const jb_text_style_t label_style = {"sans-serif", 9, 0};
static const jb_text_style_t value_style = {"sans-serif", 8, 0};

/* Decimals needed to print every value as stated, at most 2. */
static int
value_decimals(const jb_chart_spec_t *spec)
{
    int d = 0;
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->series[s].n; i++) {
            double v = fabs(spec->series[s].values[i]);
            for (int k = d; k < 2 && fabs(v * pow(10, k) - round(v * pow(10, k))) > 1e-6; k++)
                d = k + 1;
        }
    return d;
}

static int
step_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
        d++;
    return d;
}

/* Put text with its top-left corner (or centre, or right edge) at x. */
typedef enum { ALIGN_LEFT, ALIGN_CENTRE, ALIGN_RIGHT } align_t;

static double
add_text(jb_page_t *page, PangoContext *ctx, const char *text, const jb_text_style_t *style,
         double x, double y, align_t align, double wrap_width, jb_rgba_t colour)
{
    PangoLayout *layout = jb_text_layout_new(ctx, text, style, wrap_width);
    if (wrap_width > 0) {
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
        pango_layout_set_height(layout, -2); /* at most two lines, then … */
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    double w, h;
    jb_text_layout_get_size(layout, &w, &h);
    if (wrap_width > 0)
        x -= wrap_width / 2;
    else if (align == ALIGN_CENTRE)
        x -= w / 2;
    else if (align == ALIGN_RIGHT)
        x -= w;
    jb_page_add_layout(page, layout, x, y, colour);
    g_object_unref(layout);
    return h;
}

static double
text_width(PangoContext *ctx, const char *text, const jb_text_style_t *style, double *height)
{
    PangoLayout *layout = jb_text_layout_new(ctx, text, style, 0);
    double w;
    jb_text_layout_get_size(layout, &w, height);
    g_object_unref(layout);
    return w;
}

static void
draw_no_data(jb_page_t *page, PangoContext *ctx, jb_box_t box, double top)
{
    jb_box_t frame = {box.x, top, box.width, box.y + box.height - top};
    jb_page_add_rect(page, frame, (jb_rgba_t){0.96, 0.96, 0.96, 1});
    double h;
    text_width(ctx, "无数据", &label_style, &h);
    add_text(page, ctx, "无数据", &label_style, box.x + box.width / 2,
             frame.y + (frame.height - h) / 2, ALIGN_CENTRE, 0, muted);
}

jb_status_t
jb_chart_draw_bar(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page, jb_box_t box,
                  jb_error_t *err)
{
    (void)err;
    PangoContext *ctx = jb_fonts_new_context(fonts);
    double top = box.y;
    double bottom = box.y + box.height;
    char buf[128];

    /* title, unit note above the plot; source note below it */
    if (spec->title && *spec->title)
        top += add_text(page, ctx, spec->title, &title_style, box.x + box.width / 2, top,
                        ALIGN_CENTRE, 0, ink) + 4;
    if (spec->unit && *spec->unit) {
        snprintf(buf, sizeof buf, "单位：%s", spec->unit);
        top += add_text(page, ctx, buf, &note_style, box.x, top, ALIGN_LEFT, 0, muted) + 2;
    }
    if (spec->source && *spec->source) {
        char *note = g_strdup_printf("数据来源：%s", spec->source);
        double h;
        text_width(ctx, note, &note_style, &h);
        bottom -= h;
        add_text(page, ctx, note, &note_style, box.x, bottom, ALIGN_LEFT, 0, muted);
        bottom -= 4;
        g_free(note);
    }

    size_t n_cat = spec->n_series ? spec->series[0].n : 0;
    if (n_cat == 0) {
        draw_no_data(page, ctx, box, top);
        g_object_unref(ctx);
        return JB_OK;
    }

    /* the value range decides the ticks; the widest tick label decides the
       left edge of the plot */
    double vmin = 0, vmax = 0;
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->series[s].n; i++) {
            vmin = fmin(vmin, spec->series[s].values[i]);
            vmax = fmax(vmax, spec->series[s].values[i]);
        }
    double lo, hi, step;
    jb_chart_nice_ticks(vmin, vmax, 5, &lo, &hi, &step);
    int tdec = step_decimals(step);
    double tick_w = 0, tick_h = 0;
    for (double t = lo; t <= hi + step / 2; t += step)
        tick_w = fmax(tick_w, text_width(ctx, jb_format_decimal(buf, sizeof buf, t, tdec),
                                         &note_style, &tick_h));

    double label_h;
    text_width(ctx, "国", &label_style, &label_h);
    double value_h;
    text_width(ctx, "0", &value_style, &value_h);
    int has_legend = spec->n_series > 1;

    jb_box_t plot;
    plot.x = box.x + tick_w + 6;
    plot.width = box.x + box.width - plot.x - 4;
    plot.y = top + value_h + 4;
    plot.height = bottom - 2 * label_h - 6 - (has_legend ? label_h + 6 : 0) - plot.y;

    /* axis map: value → y */
#define Y_OF(v) (plot.y + plot.height * (hi - (v)) / (hi - lo))

    for (double t = lo; t <= hi + step / 2; t += step) {
        double y = Y_OF(t);
        if (fabs(t) > step / 1e6)
            jb_page_add_line(page, plot.x, y, plot.x + plot.width, y, 0.5, grid);
        add_text(page, ctx, jb_format_decimal(buf, sizeof buf, t, tdec), &note_style,
                 plot.x - 4, y - tick_h / 2, ALIGN_RIGHT, 0, muted);
    }

    /* bars, grouped by category; value labels above (below if negative) */
    int vdec = value_decimals(spec);
    double band = plot.width / (double)n_cat;
    double group_w = band * 0.6;
    double bar_w = group_w / (double)spec->n_series;
    for (size_t i = 0; i < n_cat; i++) {
        double cx = plot.x + band * ((double)i + 0.5);
        for (size_t s = 0; s < spec->n_series; s++) {
            const jb_series_t *series = &spec->series[s];
            if (i >= series->n)
                continue;
            double v = series->values[i];
            double y0 = Y_OF(0), y1 = Y_OF(v);
            double x = cx - group_w / 2 + bar_w * (double)s;
            jb_box_t bar = {x, fmin(y0, y1), bar_w * 0.92, fabs(y1 - y0)};
            jb_page_add_rect(page, bar, palette[s % G_N_ELEMENTS(palette)]);
            double ly = v >= 0 ? y1 - value_h - 1 : y1 + 1;
            add_text(page, ctx, jb_format_decimal(buf, sizeof buf, v, vdec), &value_style,
                     x + bar_w * 0.46, ly, ALIGN_CENTRE, 0, ink);
        }
        add_text(page, ctx, spec->series[0].labels[i], &label_style, cx,
                 plot.y + plot.height + 4, ALIGN_CENTRE, band - 2, ink);
    }
    jb_page_add_line(page, plot.x, Y_OF(0), plot.x + plot.width, Y_OF(0), 0.8, ink);
#undef Y_OF

    /* legend under the category labels, centred, one entry per series */
    if (has_legend) {
        double total = 0;
        for (size_t s = 0; s < spec->n_series; s++)
            total += 14 + text_width(ctx, spec->series[s].name, &label_style, NULL) + 12;
        double x = box.x + (box.width - total) / 2;
        double y = bottom - label_h;
        for (size_t s = 0; s < spec->n_series; s++) {
            jb_page_add_rect(page, (jb_box_t){x, y + label_h / 2 - 4, 10, 8},
                             palette[s % G_N_ELEMENTS(palette)]);
            x += 14;
            add_text(page, ctx, spec->series[s].name, &label_style, x, y, ALIGN_LEFT, 0, ink);
            x += text_width(ctx, spec->series[s].name, &label_style, NULL) + 12;
        }
    }
    g_object_unref(ctx);
    return JB_OK;
}
