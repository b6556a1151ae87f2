/* Glyph preflight: before anything is drawn, every character the document
 * will print (text, tables, chart titles and labels, running header and
 * footer) is checked against the fonts jibao resolved. A character no font
 * has would be drawn as tofu or dropped: it is reported with its code
 * point, the text around it and where it came from. */
#include "jibao/layout.h"

#include <glib.h>
#include <string.h>

#include "../base/base-private.h"

typedef struct {
    jb_fonts_t *fonts;
    int strict;
    jb_diag_fn diag;
    void *user;
    const char *origin; /* the template's file name, for messages */
    GHashTable *seen;   /* code points already reported */
    size_t n_missing;
    jb_error_t first;
} preflight_t;

/* Report each missing character of s once (the first place it occurs).
 * what names the text (标题, a table cell, …); line is its template line;
 * fact_id the fact it was bound from, or NULL. */
static void
check(preflight_t *p, const char *s, const char *what, unsigned line, const char *fact_id)
{
    if (!s || !g_utf8_validate(s, -1, NULL))
        return;
    for (const char *c = s; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (g_unichar_iscntrl(u) || jb_fonts_has_char(p->fonts, u))
            continue;
        if (g_hash_table_contains(p->seen, GUINT_TO_POINTER(u)))
            continue;
        g_hash_table_add(p->seen, GUINT_TO_POINTER(u));
        p->n_missing++;

        /* up to 8 characters either side */
        const char *from = c, *to = g_utf8_next_char(c);
        for (int k = 0; k < 8 && from > s; k++)
            from = g_utf8_prev_char(from);
        for (int k = 0; k < 8 && *to; k++)
            to = g_utf8_next_char(to);
        char ch[8] = {0};
        g_unichar_to_utf8(u, ch);
        jb_error_t d;
        jb_error_clear(&d);
        d.status = p->strict ? JB_ERR_FONT : JB_OK;
        d.is_warning = !p->strict;
        if (p->origin)
            g_strlcpy(d.file, p->origin, sizeof d.file);
        d.line = line;
        g_snprintf(d.message, sizeof d.message,
                   "U+%04X '%s' has no glyph in jibao's fonts (it would print as a blank box): "
                   "in %s \"%.*s\"%s%s%s",
                   u, ch, what, (int)(to - from), from, fact_id ? " (from fact " : "",
                   fact_id ? fact_id : "", fact_id ? ", see the sources appendix)" : "");
        if (p->n_missing == 1)
            p->first = d;
        if (p->diag)
            p->diag(&d, p->user);
    }
}

static void
check_text(preflight_t *p, const jb_text_t *t, const char *what, unsigned line)
{
    for (size_t i = 0; i < t->n_inlines; i++)
        check(p, t->inlines[i].text, what, line, t->inlines[i].fact_id);
}

static void
check_running(preflight_t *p, const jb_running_t *r, const char *what)
{
    check(p, r->left, what, 0, NULL);
    check(p, r->center, what, 0, NULL);
    check(p, r->right, what, 0, NULL);
}

jb_status_t
jb_layout_preflight(const jb_document_t *doc, jb_fonts_t *fonts, int strict, const char *origin,
                    jb_diag_fn diag, void *user, jb_error_t *err)
{
    preflight_t p = {fonts, strict, diag, user, origin, g_hash_table_new(NULL, NULL), 0, {0}};
    const char *meta[] = {doc->title, doc->subtitle, doc->organisation, doc->author,
                          doc->period, doc->date};
    for (size_t i = 0; i < G_N_ELEMENTS(meta); i++)
        check(&p, meta[i], "the report's metadata", 0, NULL);
    check_running(&p, &doc->header, "the running header");
    check_running(&p, &doc->footer, "the running footer");
    for (size_t b = 0; b < doc->n_blocks; b++) {
        const jb_block_t *blk = &doc->blocks[b];
        check(&p, blk->number, "a number", blk->line, NULL);
        check_text(&p, &blk->text, "the text", blk->line);
        if (blk->table) {
            const jb_table_t *t = blk->table;
            check(&p, t->caption, "a table caption", blk->line, NULL);
            check(&p, t->note, "a table note", blk->line, NULL);
            for (size_t r = 0; r < t->n_rows; r++)
                for (size_t c = 0; c < t->rows[r].n_cells; c++)
                    check_text(&p, &t->rows[r].cells[c].text, "a table cell", blk->line);
        }
        if (blk->chart) {
            const jb_chart_spec_t *ch = blk->chart;
            check(&p, ch->title, "a chart title", blk->line, NULL);
            check(&p, ch->unit, "a chart unit", blk->line, NULL);
            check(&p, ch->source, "a chart source", blk->line, NULL);
            for (size_t s = 0; s < ch->n_series; s++) {
                check(&p, ch->series[s].name, "a chart series name", blk->line, NULL);
                check(&p, ch->series[s].unit, "a chart unit", blk->line, NULL);
                for (size_t k = 0; k < ch->series[s].n; k++)
                    check(&p, ch->series[s].labels[k], "a chart label", blk->line, NULL);
            }
        }
    }
    g_hash_table_destroy(p.seen);
    if (strict && p.n_missing) {
        if (err)
            *err = p.first;
        return JB_ERR_FONT;
    }
    return JB_OK;
}
