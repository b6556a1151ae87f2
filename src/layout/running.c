/* Running headers and footers: three slots each, with their fields
 * ({page}, {pages}, {title}, {section}, …) filled in per page once the page
 * count is known. */
#include "flow-private.h"

#include <string.h>

/* A running header or footer slot with its fields filled in. */
static char *
expand_fields(const jb_flow_t *f, const char *pattern, size_t page_no, size_t n_pages,
              const char *section)
{
    const jb_document_t *d = f->doc;
    char page[32], pages[32];
    g_snprintf(page, sizeof page, "%zu", page_no);
    g_snprintf(pages, sizeof pages, "%zu", n_pages);
    const struct {
        const char *name, *value;
    } fields[] = {
        {"{page}", page},        {"{pages}", pages},
        {"{title}", d->title},   {"{subtitle}", d->subtitle},
        {"{period}", d->period}, {"{date}", d->date},
        {"{section}", section},  {"{organisation}", d->organisation},
    };
    GString *s = g_string_new(NULL);
    for (const char *p = pattern; *p;) {
        size_t i = 0;
        for (; i < G_N_ELEMENTS(fields); i++)
            if (g_str_has_prefix(p, fields[i].name))
                break;
        if (i < G_N_ELEMENTS(fields)) {
            g_string_append(s, fields[i].value ? fields[i].value : "");
            p += strlen(fields[i].name);
        } else {
            g_string_append_c(s, *p++);
        }
    }
    return g_string_free(s, FALSE);
}

/* Set one slot of a running header or footer on a page at baseline y. */
static void
set_running_slot(jb_flow_t *f, jb_page_t *page, const char *text, jb_align_t align, double y)
{
    jb_style_t st = *jb_document_get_style(f->doc, y < f->doc->margin_top ? "header" : "footer");
    st.align = align;
    st.first_indent = 0;
    jb_text_t t = {0};
    jb_text_add(&t, text, NULL, 0);
    jb_paragraph_t *p = jb_flow_paragraph_new(f, NULL, &t, &st, jb_flow_text_width(f));
    if (jb_paragraph_get_line_count(p) > 0)
        jb_paragraph_add_line(p, 0, page, f->doc->margin_left, y, jb_flow_rgba(st.colour));
    jb_paragraph_free(p);
    free(t.inlines[0].text);
    free(t.inlines[0].fact_id);
    free(t.inlines);
}

/* Running headers and footers on every page after the cover, numbered from
 * the first page after it (第 N 页 / 共 M 页). */
void
jb_flow_add_running(jb_flow_t *f, size_t first)
{
    const jb_document_t *d = f->doc;
    size_t n = jb_pages_get_count(f->pages);
    for (size_t i = first; i < n; i++) {
        jb_page_t *page = jb_pages_get_page(f->pages, i);
        const char *section = g_ptr_array_index(f->sections, i);
        const jb_running_t *runs[2] = {&d->header, &d->footer};
        double ys[2] = {d->margin_top - 14, d->page_height - d->margin_bottom + 28};
        for (int r = 0; r < 2; r++) {
            const char *slots[3] = {runs[r]->left, runs[r]->center, runs[r]->right};
            const jb_align_t aligns[3] = {JB_ALIGN_LEFT, JB_ALIGN_CENTER, JB_ALIGN_RIGHT};
            int any = 0;
            for (int k = 0; k < 3; k++) {
                if (!slots[k] || !*slots[k])
                    continue;
                char *text = expand_fields(f, slots[k], i - first + 1, n - first, section);
                if (*text) {
                    set_running_slot(f, page, text, aligns[k], ys[r]);
                    any = 1;
                }
                g_free(text);
            }
            if (any && r == 0) /* a hairline under the header */
                jb_page_add_line(page, d->margin_left, d->margin_top - 8,
                                 d->page_width - d->margin_right, d->margin_top - 8, 0.5,
                                 (jb_rgba_t){0.4, 0.4, 0.4, 1});
        }
    }
}
