/* PDF output: the display list drawn with cairo's PDF surface into a
 * temporary file that replaces the target only when complete. Glyph runs go
 * through cairo_show_text_glyphs with their clusters so text stays
 * extractable. */
#include "jibao/output.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/pages-private.h"
#include "../base/util-private.h"
#include "links-private.h"
#include "output-private.h"
#include "subset-private.h"
#include "jibao/version.h"

/* cairo writes into memory: output may append to the file (links, below)
 * before it goes to disk in one piece. */
static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* The PDF date: $SOURCE_DATE_EPOCH if set and valid, else now; ISO 8601 in
 * UTC as cairo wants it. Returns FALSE when SOURCE_DATE_EPOCH is malformed. */
static gboolean
pdf_date(char *buf, size_t n)
{
    time_t t = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        if (errno || *end || v < 0)
            return FALSE;
        t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return TRUE;
}

static void
set_source(cairo_t *cr, jb_rgba_t c)
{
    if (c.a >= 1.0)
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
    else
        cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

/* A number for a cairo tag attribute, locale-independent. */
static const char *
num(char *buf, double v)
{
    return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
}

/* Bookmarks from the headings: each entry under the nearest entry of a
 * lower level before it. */
static void
add_outline(cairo_surface_t *surface, const jb_pages_t *pages)
{
    int parents[8] = {CAIRO_PDF_OUTLINE_ROOT};
    for (size_t i = 0; i < jb_pages_get_outline_count(pages); i++) {
        const jb_outline_entry_t *e = jb_pages_get_outline(pages, i);
        int level = e->level < 1 ? 1 : e->level > 7 ? 7 : e->level;
        char *link = g_strdup_printf("dest='%s'", e->dest);
        int id = cairo_pdf_surface_add_outline(surface, parents[level - 1], e->title, link,
                                               level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        g_free(link);
        for (int l = level; l < 8; l++)
            parents[l] = id;
    }
}

/* Whether cairo can write links to later pages (see links.c). */
static int
cairo_writes_links(void)
{
    return cairo_version() >= CAIRO_VERSION_ENCODE(1, 17, 2);
}

void
jb_output_draw_page(cairo_t *cr, const jb_page_t *page, jb_font_subsets_t *subsets)
{
    int cairo_links = cairo_writes_links();
    char n0[G_ASCII_DTOSTR_BUF_SIZE], n1[G_ASCII_DTOSTR_BUF_SIZE], n2[G_ASCII_DTOSTR_BUF_SIZE],
        n3[G_ASCII_DTOSTR_BUF_SIZE];
    GArray *mapped = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *item = jb_page_get_item(page, i);
        set_source(cr, item->colour);
        switch (item->type) {
        case JB_ITEM_GLYPHS: {
            const jb_glyph_run_t *g = &item->u.glyphs;
            if (!subsets) {
                /* SVG and PNG: cairo's own font handling is fine there */
                cairo_set_scaled_font(
                    cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(g->font)));
                cairo_show_text_glyphs(cr, g->text, g->text_len, g->glyphs, g->n_glyphs,
                                       g->clusters, g->n_clusters, 0);
                break;
            }
            g_array_set_size(mapped, (guint)g->n_glyphs);
            cairo_glyph_t *glyphs = (cairo_glyph_t *)(void *)mapped->data;
            cairo_set_scaled_font(cr, jb_font_subsets_get_scaled_font(subsets, g->font, g->glyphs,
                                                                      g->n_glyphs, glyphs));
            cairo_show_text_glyphs(cr, g->text, g->text_len, glyphs, g->n_glyphs, g->clusters,
                                   g->n_clusters, 0);
            break;
        }
        case JB_ITEM_RECT:
            cairo_rectangle(cr, item->u.rect.x, item->u.rect.y, item->u.rect.width,
                            item->u.rect.height);
            cairo_fill(cr);
            break;
        case JB_ITEM_LINE:
            cairo_set_line_width(cr, item->u.line.width);
            cairo_move_to(cr, item->u.line.x0, item->u.line.y0);
            cairo_line_to(cr, item->u.line.x1, item->u.line.y1);
            cairo_stroke(cr);
            break;
        case JB_ITEM_LINK: {
            /* cairo before 1.17.2 writes a damaged PDF (struct elements it
             * never emits, no action) for a link to a later page: links
             * are then added after cairo is done (links.c) */
            if (!cairo_links || !subsets)
                break;
            /* layout makes destination names of letters, digits and '-' */
            const jb_box_t *b = &item->u.link.box;
            char *attrs =
                g_strdup_printf("dest='%s' rect=[%s %s %s %s]", item->u.link.dest, num(n0, b->x),
                                num(n1, b->y), num(n2, b->width), num(n3, b->height));
            cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
            cairo_tag_end(cr, CAIRO_TAG_LINK);
            g_free(attrs);
            break;
        }
        case JB_ITEM_POLYGON: {
            const double *xy = item->u.polygon.xy;
            cairo_new_path(cr);
            for (size_t k = 0; k < item->u.polygon.n; k++)
                cairo_line_to(cr, xy[2 * k], xy[2 * k + 1]);
            cairo_close_path(cr);
            cairo_fill(cr);
            break;
        }
        case JB_ITEM_DOT:
            cairo_new_path(cr);
            cairo_arc(cr, item->u.dot.x, item->u.dot.y, item->u.dot.radius, 0, 2 * G_PI);
            cairo_fill(cr);
            break;
        case JB_ITEM_DEST: {
            if (!subsets)
                break;
            char *attrs = g_strdup_printf("name='%s' x=%s y=%s", item->u.dest.name,
                                          num(n0, item->u.dest.x), num(n1, item->u.dest.y));
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
            cairo_tag_end(cr, CAIRO_TAG_DEST);
            g_free(attrs);
            break;
        }
        }
    }
    g_array_free(mapped, TRUE);
}

jb_status_t
jb_output_write_pdf(const jb_pages_t *pages, const jb_pdf_info_t *info, const char *path,
                    jb_error_t *err)
{
    char date[64];
    if (!pdf_date(date, sizeof date))
        return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                            "SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970",
                            getenv("SOURCE_DATE_EPOCH"));
    if (jb_pages_get_count(pages) == 0)
        return jb_error_set(err, JB_ERR_RENDER, path, 0, 0, -1, "the document has no pages");

    jb_atomic_file_t *af = jb_atomic_file_open(path, err);
    if (!af)
        return JB_ERR_IO;

    const jb_page_t *first = jb_pages_get_page(pages, 0);
    GByteArray *buffer = g_byte_array_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        write_stream, buffer, jb_page_get_width(first), jb_page_get_height(first));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "jibao " JB_VERSION);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    if (info && info->title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info->title);
    if (info && info->author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
    if (info && info->subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
    if (info && info->keywords)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);

    jb_font_subsets_t *subsets = jb_font_subsets_new(pages);
    cairo_t *cr = cairo_create(surface);
    /* cairo's errors are sticky; checking after every page stops at the
       first bad one and names it */
    size_t bad_page = 0;
    for (size_t p = 0; p < jb_pages_get_count(pages); p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        cairo_pdf_surface_set_size(surface, jb_page_get_width(page), jb_page_get_height(page));
        jb_output_draw_page(cr, page, subsets);
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            bad_page = p + 1;
            break;
        }
    }
    if (!bad_page)
        add_outline(surface, pages);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    jb_font_subsets_free(subsets);

    if (cs == CAIRO_STATUS_SUCCESS)
        jb_pdf_append_update(buffer, pages, !cairo_writes_links());
    if (cs == CAIRO_STATUS_SUCCESS &&
        fwrite(buffer->data, 1, buffer->len, jb_atomic_file_get_stream(af)) != buffer->len)
        cs = CAIRO_STATUS_WRITE_ERROR;
    g_byte_array_free(buffer, TRUE);
    if (cs != CAIRO_STATUS_SUCCESS) {
        jb_atomic_file_abort(af);
        if (bad_page)
            return jb_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? JB_ERR_IO : JB_ERR_RENDER,
                                path, 0, 0, -1, "cannot draw page %zu of the PDF: %s", bad_page,
                                cairo_status_to_string(cs));
        return jb_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? JB_ERR_IO : JB_ERR_RENDER, path,
                            0, 0, -1, "cannot write the PDF: %s", cairo_status_to_string(cs));
    }
    return jb_atomic_file_commit(af, err);
}
