/* The table of contents: entries with dot leaders and page numbers from
 * the previous pass, each a link to its heading. */
#include "flow-private.h"

#include <string.h>

/* The contents: one entry per heading up to the TOC's depth, its number
 * and text on the left, its page number flush right, dot leaders between,
 * the whole entry a link to the heading. Page numbers come from the
 * previous pass (jb_layout_document_with_options runs until they settle). */
void
jb_flow_set_toc(jb_flow_t *f, const jb_block_t *b)
{
    int depth = b->level > 0 ? b->level : 2;
    const jb_style_t *title_st = jb_document_get_style(f->doc, "toc-title");
    jb_text_t title = b->text;
    jb_inline_t dflt = {(char *)"目录", NULL, 0, NULL};
    char *given = jb_text_get_string(&b->text);
    if (!*given) {
        title.n_inlines = 1;
        title.inlines = &dflt;
    }
    free(given);
    jb_paragraph_t *tp = jb_flow_paragraph_new(f, NULL, &title, title_st, jb_flow_text_width(f));
    if (f->y > f->doc->margin_top)
        f->y += title_st->space_before;
    jb_flow_place_lines(f, tp, title_st, NULL);
    f->y += title_st->space_after;
    jb_paragraph_free(tp);

    double right = f->doc->margin_left + jb_flow_text_width(f);
    for (size_t j = 0; j < f->doc->n_blocks; j++) {
        const jb_block_t *h = &f->doc->blocks[j];
        if (h->type != JB_BLOCK_HEADING || h->level > depth)
            continue;
        int level = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
        char name[8];
        g_snprintf(name, sizeof name, "toc%d", level);
        const jb_style_t *base = jb_document_get_style(f->doc, name);
        jb_style_t st = base ? *base : *title_st;
        st.align = JB_ALIGN_LEFT;
        st.first_indent = 0;

        char page_no[16] = "";
        if (f->toc_pages && f->toc_pages[j] > 0)
            g_snprintf(page_no, sizeof page_no, "%d", f->toc_pages[j]);
        jb_text_t pt = {0};
        jb_inline_t pin = {page_no[0] ? page_no : (char *)"0", NULL, 0, NULL};
        pt.n_inlines = 1;
        pt.inlines = &pin;
        jb_paragraph_t *pn = jb_flow_paragraph_new(f, NULL, &pt, &st, jb_flow_text_width(f));
        double num_w = jb_paragraph_get_line_width(pn, 0);
        double indent = (level - 1) * 2 * st.size;
        jb_paragraph_t *ep = jb_flow_paragraph_new(
            f, h->number, &h->text, &st, jb_flow_text_width(f) - indent - num_w - 3 * st.size);
        int n = jb_paragraph_get_line_count(ep);
        jb_flow_need(f, n * st.line_pitch);
        double top = f->y;
        for (int i = 0; i < n; i++) {
            double baseline = f->y + st.line_pitch / 2 + 0.38 * st.size;
            double x = f->doc->margin_left + indent;
            jb_paragraph_add_line(ep, i, f->page, x, baseline, jb_flow_rgba(st.colour));
            if (i == n - 1) {
                double end = x + jb_paragraph_get_line_width(ep, i);
                jb_paragraph_add_line(pn, 0, f->page, right - num_w, baseline,
                                      jb_flow_rgba(st.colour));
                jb_text_t dt = {0};
                jb_inline_t din = {(char *)".", NULL, 0, NULL};
                dt.n_inlines = 1;
                dt.inlines = &din;
                jb_paragraph_t *dots =
                    jb_flow_paragraph_new(f, NULL, &dt, &st, jb_flow_text_width(f));
                jb_paragraph_add_leader(dots, f->page, end + 0.5 * st.size,
                                        right - num_w - 0.5 * st.size, 0.5 * st.size, baseline,
                                        jb_flow_rgba(st.colour));
                jb_paragraph_free(dots);
            }
            f->y += st.line_pitch;
        }
        char dest[32];
        g_snprintf(dest, sizeof dest, "h%zu", j);
        jb_page_add_link(f->page,
                         (jb_box_t){f->doc->margin_left + indent, top,
                                    jb_flow_text_width(f) - indent, f->y - top},
                         dest);
        jb_paragraph_free(pn);
        jb_paragraph_free(ep);
    }
    f->y += 12;
}
