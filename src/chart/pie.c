/* Pies and donuts: shares of a whole, clockwise from twelve o'clock in the
 * order of the data (or sorted), a legend of the categories, and a
 * percentage label in each slice or, when the slice is too narrow, just
 * outside it. Each slice is one filled polygon (its arcs as chords of at
 * most 1°), and white separators mark where slices meet. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

#define SEG (M_PI / 180) /* arcs are drawn as chords of at most 1° */

static double
luminance(jb_rgba_t c)
{
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

jb_status_t
jb_chart_place_pie(place_t *p, const model_t *m, jb_error_t *err)
{
    (void)err;
    /* a pie shows shares: no unit note */
    jb_box_t area = jb_chart_place_frame(p, m, NULL, NULL);
    double total = 0;
    const mseries_t *s = m->n_series ? &m->series[0] : NULL;
    for (size_t i = 0; s && i < m->n_cat; i++)
        if (!isnan(s->values[i]))
            total += s->values[i];
    if (!s || m->n_cat == 0 || total <= 0) {
        jb_chart_place_no_data(p, area);
        return JB_OK;
    }

    /* slices take the palette in order */
    jb_rgba_t *colours = g_new(jb_rgba_t, m->n_cat);
    for (size_t i = 0; i < m->n_cat; i++)
        colours[i] = i == m->other ? jb_chart_other : jb_chart_palette_colour(m->spec, i);
    jb_chart_place_legend(p, (const char *const *)m->cats, colours, NULL, m->n_cat, &area);

    /* the ring, with room around it for outside labels */
    double lw, lh;
    jb_chart_text_size(p, "100.0%", &p->st.value, &lw, &lh);
    double ro = fmin(area.width / 2 - lw - 8, area.height / 2 - lh - 6);
    if (ro < 10)
        ro = fmin(area.width, area.height) / 2;
    double ri = m->kind == KIND_DONUT ? ro * 0.55 : 0;
    double cx = area.x + area.width / 2, cy = area.y + area.height / 2;
    p->plot = (jb_box_t){cx - ro, cy - ro, 2 * ro, 2 * ro};
    double rm = (ri + ro) / 2, t = ro - ri;

    double *a0 = g_new(double, m->n_cat + 1);
    a0[0] = -M_PI / 2;
    for (size_t i = 0; i < m->n_cat; i++) {
        double v = isnan(s->values[i]) ? 0 : s->values[i];
        a0[i + 1] = a0[i] + 2 * M_PI * v / total;
    }
    for (size_t i = 0; i < m->n_cat; i++) {
        double span = a0[i + 1] - a0[i];
        if (span <= 0)
            continue;
        /* the outer arc forwards, then the inner arc (or the centre) back */
        int nseg = (int)ceil(span / SEG);
        size_t n = (size_t)(nseg + 1) * (ri > 0 ? 2 : 1) + (ri > 0 ? 0 : 1);
        double *xy = g_new(double, 2 * n);
        size_t k = 0;
        for (int j = 0; j <= nseg; j++) {
            double a = a0[i] + span * j / nseg;
            xy[k++] = cx + ro * cos(a);
            xy[k++] = cy + ro * sin(a);
        }
        if (ri > 0) {
            for (int j = nseg; j >= 0; j--) {
                double a = a0[i] + span * j / nseg;
                xy[k++] = cx + ri * cos(a);
                xy[k++] = cy + ri * sin(a);
            }
        } else {
            xy[k++] = cx;
            xy[k++] = cy;
        }
        jb_chart_add_polygon(p, ROLE_SLICE, xy, n, colours[i]);
    }
    /* white separators between slices (only when there are several) */
    for (size_t i = 0; i < m->n_cat && m->n_cat > 1; i++)
        if (a0[i + 1] > a0[i])
            jb_chart_add_line(p, ROLE_SEPARATOR, cx + ri * cos(a0[i]), cy + ri * sin(a0[i]),
                              cx + (ro + 0.5) * cos(a0[i]), cy + (ro + 0.5) * sin(a0[i]), 1.2,
                              (jb_rgba_t){1, 1, 1, 1});

    /* a donut's hole holds the total (合计) when it fits */
    if (m->kind == KIND_DONUT && ri > 0) {
        char num[64];
        int dec = jb_chart_value_decimals(s->values, m->n_cat);
        jb_chart_format_value(num, sizeof num, total, dec);
        char *value = g_strdup_printf("%s%s", num, m->unit[0] ? m->unit[0] : "");
        double vw, vh, cw, ch;
        jb_chart_text_size(p, value, &p->st.title, &vw, &vh);
        jb_chart_text_size(p, "合计", &p->st.note, &cw, &ch);
        if (vw <= 1.6 * ri && vh + ch <= 1.4 * ri) {
            ptext_t *tt = jb_chart_add_text(p, ROLE_TOTAL, "合计", &p->st.note, 0, 1,
                                            jb_chart_muted);
            tt->box.x = cx - tt->box.width / 2;
            tt->box.y = cy - (vh + ch) / 2;
            tt = jb_chart_add_text(p, ROLE_TOTAL, value, &p->st.title, 0, 1, jb_chart_ink);
            tt->box.x = cx - tt->box.width / 2;
            tt->box.y = cy - (vh + ch) / 2 + ch;
        }
        g_free(value);
    }

    /* percentage labels: inside when the slice is wide enough there, else
       outside along the slice's middle */
    if (m->value_labels)
        for (size_t i = 0; i < m->n_cat; i++) {
            double span = a0[i + 1] - a0[i];
            if (span <= 0)
                continue;
            char buf[64];
            jb_format_decimal(buf, sizeof buf - 2, 100 * s->values[i] / total, 1);
            strcat(buf, "%");
            double w, h;
            jb_chart_text_size(p, buf, &p->st.value, &w, &h);
            double mid = (a0[i] + a0[i + 1]) / 2;
            double rin = m->kind == KIND_DONUT ? rm : ro * 0.62;
            double ccx[2], ccy[2];
            size_t n = 0;
            if (span * rin >= w + 4 && (m->kind != KIND_DONUT || t >= h + 2) &&
                span * (rin - h / 2) >= w * 0.8) {
                ccx[n] = cx + rin * cos(mid), ccy[n++] = cy + rin * sin(mid);
            }
            double rout = ro + 4;
            ccx[n] = cx + (rout + w / 2) * cos(mid);
            ccy[n++] = cy + (rout + h / 2) * sin(mid);
            if (jb_chart_place_label(p, buf, ccx, ccy, n, NULL, 0)) {
                ptext_t *tx = &g_array_index(p->texts, ptext_t, p->texts->len - 1);
                double dx = tx->box.x + tx->box.width / 2 - cx, dy = tx->box.y + tx->box.height / 2 - cy;
                if (hypot(dx, dy) < ro)
                    tx->colour = luminance(colours[i]) < 0.5 ? (jb_rgba_t){1, 1, 1, 1}
                                                             : jb_chart_ink;
                else /* a short tick from the slice to its outside label */
                    jb_chart_add_line(p, ROLE_AXIS, cx + (ro + 0.5) * cos(mid),
                                      cy + (ro + 0.5) * sin(mid), cx + (ro + 3.5) * cos(mid),
                                      cy + (ro + 3.5) * sin(mid), 0.6, jb_chart_muted);
            }
        }
    g_free(a0);
    g_free(colours);
    return JB_OK;
}
