/* The chart stage's inner model, after goffice: a model built from the spec
 * (model.c), a measure-and-place pass per family that fills a place_t with
 * boxes (bar.c, hbar.c, line.c, pie.c, on top of frame.c and axis.c), and a
 * draw pass that turns the boxes into display-list items (chart.c). Every
 * data coordinate goes through an axis_t. Not installed. */
#ifndef JIBAO_CHART_PRIVATE_H
#define JIBAO_CHART_PRIVATE_H

#include <glib.h>

#include "../base/pages-private.h"
#include "../base/text-private.h"
#include "jibao/chart.h"

typedef enum {
    KIND_BAR,        /* vertical bars; several series side by side (grouped) */
    KIND_STACKED,    /* vertical bars stacked, negatives below the baseline */
    KIND_STACKED100, /* stacked, each category scaled to 100 % */
    KIND_HBAR,       /* horizontal bars, a ranking */
    KIND_LINE,       /* lines over periods, with markers */
    KIND_COMBO,      /* bars on the left axis, lines on the second axis */
    KIND_PIE,
    KIND_DONUT,
} kind_t;

/* One series as the chart shows it (after sorting and top-N). */
typedef struct {
    const char *name;
    int is_line;
    int right_axis;
    double *values; /* n_cat values, owned */
    jb_rgba_t colour;
    int hollow; /* line markers: every second line's are hollow (greyscale) */
} mseries_t;

/* The model: categories and series, the value scale (万/亿) and units. */
typedef struct {
    const jb_chart_spec_t *spec;
    kind_t kind;
    size_t n_cat;
    char **cats; /* display labels (periods converted), owned */
    size_t n_series;
    mseries_t *series;
    double scale[2];   /* divisor of left and right values: 1, 1e4, 1e8 */
    char *unit[2];     /* axis units after scaling ("亿元", "%"), owned, may be NULL */
    int has_right;
    int value_labels;
    size_t other; /* index of the 其他 category top-N made, or SIZE_MAX */
    int periods; /* every category is a period spelled out (2024年一季度) */
    char **compact; /* periods="auto": their compact forms (24Q1), owned; else NULL */
} model_t;

/* An axis: ticks from lo to hi in n steps of step, mapped to [p0, p1]. */
typedef struct {
    double lo, hi, step;
    int n;
    int decimals;
    double p0, p1; /* device positions of lo and hi */
} axis_t;

static inline double
axis_map(const axis_t *a, double v)
{
    return a->p0 + (v - a->lo) * (a->p1 - a->p0) / (a->hi - a->lo);
}

/* What a placed box is, for the dump and for collision checks. */
typedef enum {
    ROLE_TITLE, ROLE_UNIT, ROLE_SOURCE, ROLE_TICK, ROLE_CATEGORY, ROLE_VALUE, ROLE_LEGEND,
    ROLE_NODATA, ROLE_PLOT, ROLE_BAR, ROLE_SWATCH, ROLE_MARKER, ROLE_GRID, ROLE_AXIS,
    ROLE_SERIES_LINE, ROLE_SLICE, ROLE_SEPARATOR, ROLE_LABEL_GROUND, ROLE_TOTAL,
} role_t;

typedef struct {
    role_t role;
    jb_box_t box;
    PangoLayout *layout; /* owned */
    double ox;           /* the layout's origin is at box.x - ox */
    jb_rgba_t colour;
} ptext_t;

typedef struct {
    role_t role;
    jb_box_t box;
    jb_rgba_t colour;
} prect_t;

typedef struct {
    role_t role;
    double x0, y0, x1, y1, width;
    jb_rgba_t colour;
} pline_t;

typedef struct {
    role_t role;
    double *xy; /* n points as x, y pairs, owned */
    size_t n;
    jb_rgba_t colour;
} ppoly_t;

typedef struct {
    jb_text_style_t title, note, label, value;
} styles_t;

/* The placed chart: every box the draw pass will draw. */
typedef struct {
    jb_box_t box;  /* the whole chart */
    jb_box_t plot; /* the plot area */
    PangoContext *ctx;
    styles_t st;
    PangoLayout *measure[4]; /* reused to measure texts of each style */
    GArray *texts; /* ptext_t */
    GArray *rects; /* prect_t */
    GArray *lines; /* pline_t */
    GArray *polys; /* ppoly_t: filled areas (slices) */
    int no_data;
} place_t;

extern const jb_rgba_t jb_chart_ink, jb_chart_muted, jb_chart_grid, jb_chart_other;

/* model.c */
jb_status_t jb_chart_model_init(model_t *m, const jb_chart_spec_t *spec, jb_error_t *err);
void jb_chart_model_clear(model_t *m);
/* How many values of the model are present (not NaN). */
size_t jb_chart_model_count_points(const model_t *m);
char *jb_chart_period_label(const char *label, int compact);
/* The i-th colour of the spec's theme, or of the default palette. */
jb_rgba_t jb_chart_palette_colour(const jb_chart_spec_t *spec, size_t i);

/* axis.c */
void jb_chart_axis_nice(double min, double max, int max_ticks, int with_zero, axis_t *a);
int jb_chart_axis_pair(double lmin, double lmax, double rmin, double rmax, axis_t *l, axis_t *r);
char *jb_chart_format_tick(char *buf, size_t n, const axis_t *a, double v);
int jb_chart_value_decimals(const double *v, size_t n);

/* frame.c: texts, the frame around the plot (title, unit, source,
 * legend), the no-data box and value-label placement without overlap. */
ptext_t *jb_chart_add_text(place_t *p, role_t role, const char *text,
                           const jb_text_style_t *style, double wrap, int max_lines,
                           jb_rgba_t colour);
/* Align a wrapped text's lines (left, centre, right) and measure again. */
void jb_chart_text_align(ptext_t *t, PangoAlignment align);
void jb_chart_text_size(place_t *p, const char *text, const jb_text_style_t *style,
                        double *w, double *h);
void jb_chart_add_rect(place_t *p, role_t role, jb_box_t box, jb_rgba_t colour);
void jb_chart_add_line(place_t *p, role_t role, double x0, double y0, double x1, double y1,
                       double width, jb_rgba_t colour);
/* A filled polygon; xy (n points as x, y pairs) is taken over (g_free). */
void jb_chart_add_polygon(place_t *p, role_t role, double *xy, size_t n, jb_rgba_t colour);
/* Title and unit at the top, source at the bottom; returns the box left. */
jb_box_t jb_chart_place_frame(place_t *p, const model_t *m, const char *unit_left,
                              const char *unit_right);
/* A legend of the series (or of the categories, for pies) centred at the
 * bottom of *area; shrinks *area. is_line (may be NULL): 0 a bar swatch, 1
 * a line with a filled marker, 2 with a hollow one. */
void jb_chart_place_legend(place_t *p, const char *const *names, const jb_rgba_t *colours,
                           const int *is_line, size_t n, jb_box_t *area);
void jb_chart_place_no_data(place_t *p, jb_box_t area);
/* Try candidate positions of a value label in order; keep the first that
 * intersects no text placed so far and lies inside the chart box and
 * outside every box of avoid. Returns 0 when none fits (the label is left
 * out). */
int jb_chart_place_label(place_t *p, const char *text, const double *cx, const double *cy,
                         size_t n_cand, const jb_box_t *avoid, size_t n_avoid);
int jb_chart_boxes_intersect(jb_box_t a, jb_box_t b);
char *jb_chart_format_value(char *buf, size_t n, double v, int decimals);

/* The families. */
jb_status_t jb_chart_place_columns(place_t *p, model_t *m, jb_error_t *err); /* bar.c */
jb_status_t jb_chart_place_hbar(place_t *p, const model_t *m, jb_error_t *err);    /* hbar.c */
jb_status_t jb_chart_place_pie(place_t *p, const model_t *m, jb_error_t *err);     /* pie.c */
/* line.c: one line series over the categories at xs, through axis y. */
void jb_chart_place_line_series(place_t *p, const model_t *m, const mseries_t *s,
                                const double *xs, const axis_t *y);
void jb_chart_place_line_labels(place_t *p, const model_t *m, const mseries_t *s,
                                const double *xs, const axis_t *y, int decimals);

#endif
