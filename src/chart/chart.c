/* The chart entry points: build the model, run the family's measure-and-
 * place pass into a place_t of boxes, then either draw the boxes onto a
 * page (the draw pass) or dump them as text for golden tests. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

#include "../base/base-private.h"

static const char *const role_names[] = {
    "title", "unit", "source", "tick", "category", "value", "legend", "nodata", "plot",
    "bar", "swatch", "marker", "grid", "axis", "line", "slice", "separator", "ground", "total",
};

static void
place_free(place_t *p)
{
    if (!p)
        return;
    for (guint i = 0; i < p->texts->len; i++)
        g_object_unref(g_array_index(p->texts, ptext_t, i).layout);
    g_array_free(p->texts, TRUE);
    g_array_free(p->rects, TRUE);
    g_array_free(p->lines, TRUE);
    for (guint i = 0; i < p->polys->len; i++)
        g_free(g_array_index(p->polys, ppoly_t, i).xy);
    g_array_free(p->polys, TRUE);
    for (int i = 0; i < 4; i++)
        if (p->measure[i])
            g_object_unref(p->measure[i]);
    if (p->ctx)
        g_object_unref(p->ctx);
    g_free(p);
}

/* Model, then the measure-and-place pass of the spec's family. */
static place_t *
place_new(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_box_t box, jb_error_t *err)
{
    model_t m;
    if (jb_chart_model_init(&m, spec, err) != JB_OK)
        return NULL;
    place_t *p = g_new0(place_t, 1);
    p->box = box;
    p->ctx = jb_fonts_new_context(fonts);
    p->texts = g_array_new(FALSE, FALSE, sizeof(ptext_t));
    p->rects = g_array_new(FALSE, FALSE, sizeof(prect_t));
    p->lines = g_array_new(FALSE, FALSE, sizeof(pline_t));
    p->polys = g_array_new(FALSE, FALSE, sizeof(ppoly_t));
    const char *family = spec->font && *spec->font ? spec->font : "sans-serif";
    double size = spec->font_size > 0 ? spec->font_size : 9;
    p->st.title = (jb_text_style_t){family, size + 2, 1};
    p->st.note = (jb_text_style_t){family, size - 1, 0};
    p->st.label = (jb_text_style_t){family, size, 0};
    p->st.value = (jb_text_style_t){family, size - 1, 0};

    jb_status_t st;
    switch (m.kind) {
    case KIND_HBAR:
        st = jb_chart_place_hbar(p, &m, err);
        break;
    case KIND_PIE:
    case KIND_DONUT:
        st = jb_chart_place_pie(p, &m, err);
        break;
    default:
        st = jb_chart_place_columns(p, &m, err);
        break;
    }
    jb_chart_model_clear(&m);
    if (st != JB_OK) {
        place_free(p);
        return NULL;
    }
    return p;
}

jb_status_t
jb_chart_check(const jb_chart_spec_t *spec, jb_error_t *err)
{
    model_t m;
    jb_status_t st = jb_chart_model_init(&m, spec, err);
    if (st == JB_OK)
        jb_chart_model_clear(&m);
    return st;
}

jb_status_t
jb_chart_draw(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page, jb_box_t box,
              jb_error_t *err)
{
    place_t *p = place_new(spec, fonts, box, err);
    if (!p)
        return err ? err->status : JB_ERR_DATA;
    /* the draw pass, back to front: gridlines, bars and boxes, axes and
       series lines, markers, then every text */
    for (guint i = 0; i < p->lines->len; i++) {
        const pline_t *l = &g_array_index(p->lines, pline_t, i);
        if (l->role == ROLE_GRID)
            jb_page_add_line(page, l->x0, l->y0, l->x1, l->y1, l->width, l->colour);
    }
    for (guint i = 0; i < p->rects->len; i++) {
        const prect_t *r = &g_array_index(p->rects, prect_t, i);
        if (r->role != ROLE_MARKER && r->role != ROLE_LABEL_GROUND)
            jb_page_add_rect(page, r->box, r->colour);
    }
    for (guint i = 0; i < p->polys->len; i++) {
        const ppoly_t *q = &g_array_index(p->polys, ppoly_t, i);
        jb_page_add_polygon(page, q->xy, q->n, q->colour);
    }
    for (guint i = 0; i < p->lines->len; i++) {
        const pline_t *l = &g_array_index(p->lines, pline_t, i);
        if (l->role != ROLE_GRID)
            jb_page_add_line(page, l->x0, l->y0, l->x1, l->y1, l->width, l->colour);
    }
    for (guint i = 0; i < p->rects->len; i++) {
        const prect_t *r = &g_array_index(p->rects, prect_t, i);
        if (r->role == ROLE_MARKER || r->role == ROLE_LABEL_GROUND)
            jb_page_add_rect(page, r->box, r->colour);
    }
    for (guint i = 0; i < p->texts->len; i++) {
        const ptext_t *t = &g_array_index(p->texts, ptext_t, i);
        jb_page_add_layout(page, t->layout, t->box.x - t->ox, t->box.y, t->colour);
    }
    place_free(p);
    return JB_OK;
}

static void
dump_box(GString *out, const char *role, jb_box_t b)
{
    char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE],
        h[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s %s %s %s %s", role, g_ascii_formatd(x, sizeof x, "%.1f", b.x),
                           g_ascii_formatd(y, sizeof y, "%.1f", b.y),
                           g_ascii_formatd(w, sizeof w, "%.1f", b.width),
                           g_ascii_formatd(h, sizeof h, "%.1f", b.height));
}

char *
jb_chart_dump(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_box_t box, unsigned flags,
              jb_error_t *err)
{
    place_t *p = place_new(spec, fonts, box, err);
    if (!p)
        return NULL;
    GString *out = g_string_new(NULL);
    dump_box(out, "chart", p->box);
    g_string_append_c(out, '\n');
    if (!p->no_data) {
        dump_box(out, "plot", p->plot);
        g_string_append_c(out, '\n');
    }
    for (guint i = 0; i < p->rects->len; i++) {
        const prect_t *r = &g_array_index(p->rects, prect_t, i);
        if ((flags & JB_CHART_DUMP_ALL) || r->role != ROLE_MARKER) {
            dump_box(out, role_names[r->role], r->box);
            g_string_append_printf(out, " #%02X%02X%02X\n", (int)lround(r->colour.r * 255),
                                   (int)lround(r->colour.g * 255), (int)lround(r->colour.b * 255));
        }
    }
    for (guint i = 0; i < p->polys->len; i++) {
        /* a polygon by its bounding box, its point count and colour */
        const ppoly_t *q = &g_array_index(p->polys, ppoly_t, i);
        double x0 = q->xy[0], y0 = q->xy[1], x1 = x0, y1 = y0;
        for (size_t k = 1; k < q->n; k++) {
            x0 = fmin(x0, q->xy[2 * k]);
            x1 = fmax(x1, q->xy[2 * k]);
            y0 = fmin(y0, q->xy[2 * k + 1]);
            y1 = fmax(y1, q->xy[2 * k + 1]);
        }
        dump_box(out, role_names[q->role], (jb_box_t){x0, y0, x1 - x0, y1 - y0});
        g_string_append_printf(out, " %zu points #%02X%02X%02X\n", q->n,
                               (int)lround(q->colour.r * 255), (int)lround(q->colour.g * 255),
                               (int)lround(q->colour.b * 255));
    }
    if (flags & JB_CHART_DUMP_ALL)
        for (guint i = 0; i < p->lines->len; i++) {
            const pline_t *l = &g_array_index(p->lines, pline_t, i);
            dump_box(out, role_names[l->role], (jb_box_t){l->x0, l->y0, l->x1 - l->x0, l->y1 - l->y0});
            g_string_append_c(out, '\n');
        }
    else
        g_string_append_printf(out, "lines %u\n", p->lines->len);
    for (guint i = 0; i < p->texts->len; i++) {
        const ptext_t *t = &g_array_index(p->texts, ptext_t, i);
        dump_box(out, role_names[t->role], t->box);
        /* one line per box: a line break inside a label is written \n */
        g_string_append(out, " \"");
        for (const char *c = pango_layout_get_text(t->layout); *c; c++)
            if (*c == '\n')
                g_string_append(out, "\\n");
            else
                g_string_append_c(out, *c);
        g_string_append(out, "\"\n");
    }
    place_free(p);
    return g_string_free(out, FALSE);
}
