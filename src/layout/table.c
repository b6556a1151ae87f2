/* Tables in the page flow: three-line tables (三线表), closed and reopened
 * with their header rows repeated when they run over a page. A row moves
 * to the next page whole, unless it is taller than a page: then its lines
 * are split over as many pages as they need. */
#include "flow-private.h"

#include <string.h>

enum { CELL_PAD_X = 4, CELL_PAD_Y = 4 };

typedef struct {
    size_t n;
    jb_paragraph_t **cells;
    const jb_style_t **styles;
    int n_lines;    /* of the tallest cell */
    int split_from; /* a row taller than a page: the first line not yet set */
    double pitch;   /* the largest of the cells' pitches */
    double height;
} row_set_t;

static void
row_set_clear(row_set_t *r)
{
    for (size_t c = 0; c < r->n; c++)
        jb_paragraph_free(r->cells[c]);
    g_free(r->cells);
    g_free(r->styles);
    memset(r, 0, sizeof *r);
}

/* Break every cell of a row into lines; the row is as tall as its tallest
 * cell. Total rows are set bold. */
static void
row_set_new(jb_flow_t *f, const jb_row_t *row, const double *col_w, jb_style_t *body_st,
            jb_style_t *total_st, const jb_style_t *head_st, row_set_t *r)
{
    r->n = row->n_cells;
    r->cells = g_new0(jb_paragraph_t *, r->n);
    r->styles = g_new0(const jb_style_t *, r->n);
    int max_lines = 1;
    double pitch = 0;
    for (size_t c = 0; c < r->n; c++) {
        const jb_style_t *base = row->kind == JB_ROW_HEADER  ? head_st
                                 : row->kind == JB_ROW_TOTAL ? total_st
                                                             : body_st;
        jb_style_t st = *base;
        if (row->kind != JB_ROW_HEADER)
            st.align = row->cells[c].align;
        st.first_indent = 0;
        r->cells[c] =
            jb_flow_paragraph_new(f, NULL, &row->cells[c].text, &st, col_w[c] - 2 * CELL_PAD_X);
        r->styles[c] = base;
        int n = jb_paragraph_get_line_count(r->cells[c]);
        if (n > max_lines)
            max_lines = n;
        if (base->line_pitch > pitch)
            pitch = base->line_pitch;
    }
    r->n_lines = max_lines;
    r->pitch = pitch;
    r->height = max_lines * pitch + 2 * CELL_PAD_Y;
}

/* Draw lines [from, to) of every cell of a row at the flow's y. */
static void
row_set_draw_lines(jb_flow_t *f, const row_set_t *r, const double *col_x, int from, int to)
{
    for (size_t c = 0; c < r->n; c++) {
        const jb_style_t *st = r->styles[c];
        int n = jb_paragraph_get_line_count(r->cells[c]);
        for (int i = from; i < to && i < n; i++) {
            double baseline =
                f->y + CELL_PAD_Y + (i - from) * r->pitch + st->line_pitch / 2 + 0.38 * st->size;
            jb_paragraph_add_line(r->cells[c], i, f->page, col_x[c] + CELL_PAD_X, baseline,
                                  jb_flow_rgba(st->colour));
        }
    }
    f->y += (to - from) * r->pitch + 2 * CELL_PAD_Y;
}

static void
row_set_draw(jb_flow_t *f, const row_set_t *r, const double *col_x)
{
    row_set_draw_lines(f, r, col_x, 0, r->n_lines);
}

static void
rule(jb_flow_t *f, double width)
{
    jb_page_add_line(f->page, f->doc->margin_left, f->y,
                     f->doc->margin_left + jb_flow_text_width(f), f->y, width,
                     (jb_rgba_t){0, 0, 0, 1});
}

/* A three-line table (三线表): a heavy rule above the header rows, a light
 * one under them, a heavy one under the last row. Rows never split; when
 * the next row does not fit, the table closes on this page and reopens on
 * the next with its header rows repeated. */
void
jb_flow_set_table(jb_flow_t *f, const jb_block_t *b)
{
    const jb_table_t *t = b->table;
    size_t n_cols = t->n_cols;
    if (n_cols == 0)
        return;
    double *col_w = g_new0(double, n_cols), *col_x = g_new0(double, n_cols);
    double total = 0;
    for (size_t c = 0; c < n_cols; c++)
        total += t->col_widths && t->col_widths[c] > 0 ? t->col_widths[c] : 1;
    double x = f->doc->margin_left;
    for (size_t c = 0; c < n_cols; c++) {
        col_w[c] = jb_flow_text_width(f) *
                   (t->col_widths && t->col_widths[c] > 0 ? t->col_widths[c] : 1) / total;
        col_x[c] = x;
        x += col_w[c];
    }
    jb_style_t body_st = *jb_document_get_style(f->doc, "table");
    jb_style_t total_st = body_st;
    total_st.bold = 1;
    const jb_style_t *head_st = jb_document_get_style(f->doc, "table-header");
    const jb_style_t *cap_st = jb_document_get_style(f->doc, "caption");

    /* the header rows: those at the top of the table */
    size_t n_head = 0;
    while (n_head < t->n_rows && t->rows[n_head].kind == JB_ROW_HEADER)
        n_head++;
    row_set_t *head = g_new0(row_set_t, n_head ? n_head : 1);
    double head_h = 0;
    for (size_t r = 0; r < n_head; r++) {
        row_set_new(f, &t->rows[r], col_w, &body_st, &total_st, head_st, &head[r]);
        head_h += head[r].height;
    }
    row_set_t row = {0};
    size_t next = n_head;
    if (next < t->n_rows)
        row_set_new(f, &t->rows[next], col_w, &body_st, &total_st, head_st, &row);

    /* the caption stays with the header and the first row */
    double cap_h = 0;
    jb_paragraph_t *cap = NULL;
    if (t->caption) {
        jb_text_t ct = {0};
        jb_inline_t in = {t->caption, NULL, 0, NULL};
        ct.n_inlines = 1;
        ct.inlines = &in;
        jb_style_t cs = *cap_st;
        cs.first_indent = 0;
        cap = jb_flow_paragraph_new(f, NULL, &ct, &cs, jb_flow_text_width(f));
        cap_h = cs.space_before + jb_paragraph_get_line_count(cap) * cs.line_pitch + cs.space_after;
    }
    f->y += 4;
    jb_flow_need(f, cap_h + head_h + row.height + 2);
    if (cap) {
        if (f->y > f->doc->margin_top)
            f->y += cap_st->space_before;
        jb_flow_place_lines(f, cap, cap_st, NULL);
        f->y += cap_st->space_after;
        jb_paragraph_free(cap);
    }

    /* on the pages a table continues on, its caption marked （续） */
    jb_paragraph_t *cont = NULL;
    double cont_h = 0;
    if (t->caption) {
        char *label = g_strconcat(t->caption, "（续）", NULL);
        jb_text_t ct = {0};
        jb_inline_t in = {label, NULL, 0, NULL};
        ct.n_inlines = 1;
        ct.inlines = &in;
        jb_style_t cs = *cap_st;
        cs.first_indent = 0;
        cont = jb_flow_paragraph_new(f, NULL, &ct, &cs, jb_flow_text_width(f));
        cont_h = jb_paragraph_get_line_count(cont) * cs.line_pitch + cs.space_after;
        g_free(label);
    }
    int open = 0, first = 1;
    for (;;) {
        if (!open) {
            if (!first && cont) {
                jb_flow_place_lines(f, cont, cap_st, NULL);
                f->y += cap_st->space_after;
            }
            first = 0;
            rule(f, 1.0);
            for (size_t r = 0; r < n_head; r++)
                row_set_draw(f, &head[r], col_x);
            if (n_head)
                rule(f, 0.5);
            open = 1;
        }
        if (next >= t->n_rows)
            break;
        double page_room = jb_flow_text_bottom(f) - f->doc->margin_top - head_h - cont_h;
        if (f->y + row.height > jb_flow_text_bottom(f) + 0.01) {
            int fit = (int)((jb_flow_text_bottom(f) - f->y - 2 * CELL_PAD_Y + 0.01) / row.pitch);
            if (row.height <= page_room + 0.01 || fit < 1) {
                if (f->y > f->doc->margin_top + cont_h + head_h + 0.01) {
                    rule(f, 1.0);
                    jb_flow_new_page(f);
                    open = 0;
                    continue;
                }
            }
            /* taller than a page: as many lines as fit, the rest after
             * the header on the next page */
            if (row.height > page_room + 0.01 && fit >= 1) {
                int from = row.split_from;
                if (from == 0 && t->rows[next].anchor)
                    jb_page_add_dest(f->page, f->doc->margin_left, f->y, t->rows[next].anchor);
                int to = from + fit < row.n_lines ? from + fit : row.n_lines;
                row_set_draw_lines(f, &row, col_x, from, to);
                row.split_from = to;
                if (to < row.n_lines) {
                    rule(f, 1.0);
                    jb_flow_new_page(f);
                    open = 0;
                    continue;
                }
                row_set_clear(&row);
                if (++next < t->n_rows)
                    row_set_new(f, &t->rows[next], col_w, &body_st, &total_st, head_st, &row);
                continue;
            }
        }
        if (t->rows[next].kind == JB_ROW_TOTAL)
            rule(f, 0.5);
        if (t->rows[next].anchor) /* a sources appendix entry */
            jb_page_add_dest(f->page, f->doc->margin_left, f->y, t->rows[next].anchor);
        row_set_draw(f, &row, col_x);
        row_set_clear(&row);
        if (++next < t->n_rows)
            row_set_new(f, &t->rows[next], col_w, &body_st, &total_st, head_st, &row);
    }
    rule(f, 1.0);
    if (t->note) {
        jb_text_t nt = {0};
        jb_inline_t in = {t->note, NULL, 0, NULL};
        nt.n_inlines = 1;
        nt.inlines = &in;
        const jb_style_t *ns = jb_document_get_style(f->doc, "note");
        jb_style_t st = *ns;
        st.first_indent = 0;
        jb_paragraph_t *np = jb_flow_paragraph_new(f, NULL, &nt, &st, jb_flow_text_width(f));
        f->y += st.space_before;
        jb_flow_place_lines(f, np, &st, NULL);
        f->y += st.space_after;
        jb_paragraph_free(np);
    } else {
        f->y += 8;
    }
    jb_paragraph_free(cont);
    for (size_t r = 0; r < n_head; r++)
        row_set_clear(&head[r]);
    g_free(head);
    g_free(col_w);
    g_free(col_x);
}
