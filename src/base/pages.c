/* The display list: pages of positioned glyph runs, rectangles and lines.
 * Filled by layout and chart, drawn by output; nothing here draws. */
#include "pages-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jb_page {
    double width, height;
    GArray *items; /* of jb_item_t */
};

struct jb_pages {
    GPtrArray *pages;      /* of jb_page_t* */
    GArray *outline;       /* of jb_outline_entry_t */
    size_t first_numbered; /* the page numbered 1 */
};

static void
item_clear(gpointer p)
{
    jb_item_t *item = p;
    if (item->type == JB_ITEM_GLYPHS) {
        g_object_unref(item->u.glyphs.font);
        g_free(item->u.glyphs.glyphs);
        g_free(item->u.glyphs.text);
        g_free(item->u.glyphs.clusters);
    } else if (item->type == JB_ITEM_LINK) {
        g_free(item->u.link.dest);
    } else if (item->type == JB_ITEM_DEST) {
        g_free(item->u.dest.name);
    } else if (item->type == JB_ITEM_POLYGON) {
        g_free(item->u.polygon.xy);
    }
}

static void
outline_clear(gpointer p)
{
    jb_outline_entry_t *e = p;
    g_free(e->title);
    g_free(e->dest);
}

static void
page_free(gpointer p)
{
    jb_page_t *page = p;
    g_array_free(page->items, TRUE);
    g_free(page);
}

jb_pages_t *
jb_pages_new(void)
{
    jb_pages_t *pages = g_new0(jb_pages_t, 1);
    pages->pages = g_ptr_array_new_with_free_func(page_free);
    pages->outline = g_array_new(FALSE, TRUE, sizeof(jb_outline_entry_t));
    g_array_set_clear_func(pages->outline, outline_clear);
    return pages;
}

void
jb_pages_free(jb_pages_t *pages)
{
    if (!pages)
        return;
    g_ptr_array_free(pages->pages, TRUE);
    g_array_free(pages->outline, TRUE);
    g_free(pages);
}

jb_page_t *
jb_pages_add_page(jb_pages_t *pages, double width, double height)
{
    jb_page_t *page = g_new0(jb_page_t, 1);
    page->width = width;
    page->height = height;
    page->items = g_array_new(FALSE, TRUE, sizeof(jb_item_t));
    g_array_set_clear_func(page->items, item_clear);
    g_ptr_array_add(pages->pages, page);
    return page;
}

size_t
jb_pages_get_count(const jb_pages_t *pages)
{
    return pages->pages->len;
}

jb_page_t *
jb_pages_get_page(const jb_pages_t *pages, size_t i)
{
    return i < pages->pages->len ? g_ptr_array_index(pages->pages, i) : NULL;
}

double
jb_page_get_width(const jb_page_t *page)
{
    return page->width;
}

double
jb_page_get_height(const jb_page_t *page)
{
    return page->height;
}

size_t
jb_page_get_item_count(const jb_page_t *page)
{
    return page->items->len;
}

const jb_item_t *
jb_page_get_item(const jb_page_t *page, size_t i)
{
    return i < page->items->len ? &g_array_index(page->items, jb_item_t, i) : NULL;
}

void
jb_page_add_rect(jb_page_t *page, jb_box_t box, jb_rgba_t fill)
{
    jb_item_t item = {.type = JB_ITEM_RECT, .colour = fill, .u.rect = box};
    g_array_append_val(page->items, item);
}

void
jb_page_add_line(jb_page_t *page, double x0, double y0, double x1, double y1, double width,
                 jb_rgba_t colour)
{
    jb_item_t item = {.type = JB_ITEM_LINE, .colour = colour};
    item.u.line.x0 = x0;
    item.u.line.y0 = y0;
    item.u.line.x1 = x1;
    item.u.line.y1 = y1;
    item.u.line.width = width;
    g_array_append_val(page->items, item);
}

void
jb_page_add_link(jb_page_t *page, jb_box_t box, const char *dest)
{
    jb_item_t item = {.type = JB_ITEM_LINK};
    item.u.link.box = box;
    item.u.link.dest = g_strdup(dest);
    g_array_append_val(page->items, item);
}

void
jb_page_add_polygon(jb_page_t *page, const double *xy, size_t n, jb_rgba_t fill)
{
    jb_item_t item = {.type = JB_ITEM_POLYGON, .colour = fill};
    item.u.polygon.xy = g_memdup2(xy, 2 * n * sizeof *xy);
    item.u.polygon.n = n;
    g_array_append_val(page->items, item);
}

void
jb_page_add_dot(jb_page_t *page, double x, double y, double radius, jb_rgba_t colour)
{
    jb_item_t item = {.type = JB_ITEM_DOT, .colour = colour};
    item.u.dot.x = x;
    item.u.dot.y = y;
    item.u.dot.radius = radius;
    g_array_append_val(page->items, item);
}

void
jb_page_add_dest(jb_page_t *page, double x, double y, const char *name)
{
    jb_item_t item = {.type = JB_ITEM_DEST};
    item.u.dest.x = x;
    item.u.dest.y = y;
    item.u.dest.name = g_strdup(name);
    g_array_append_val(page->items, item);
}

void
jb_pages_set_first_numbered(jb_pages_t *pages, size_t page)
{
    pages->first_numbered = page;
}

size_t
jb_pages_get_first_numbered(const jb_pages_t *pages)
{
    return pages->first_numbered;
}

void
jb_pages_add_outline(jb_pages_t *pages, int level, const char *title, const char *dest)
{
    jb_outline_entry_t e = {level, g_strdup(title), g_strdup(dest)};
    g_array_append_val(pages->outline, e);
}

size_t
jb_pages_get_outline_count(const jb_pages_t *pages)
{
    return pages->outline->len;
}

const jb_outline_entry_t *
jb_pages_get_outline(const jb_pages_t *pages, size_t i)
{
    return i < pages->outline->len ? &g_array_index(pages->outline, jb_outline_entry_t, i) : NULL;
}

void
jb_page_add_glyph_run(jb_page_t *page, PangoFont *font, const cairo_glyph_t *glyphs, int n_glyphs,
                      const char *text, int text_len, const cairo_text_cluster_t *clusters,
                      int n_clusters, jb_rgba_t colour)
{
    jb_glyph_run_t g = {0};
    g.font = g_object_ref(font);
    g.n_glyphs = n_glyphs;
    g.glyphs = g_memdup2(glyphs, sizeof *glyphs * (gsize)n_glyphs);
    g.text = g_strndup(text, (gsize)text_len);
    g.text_len = text_len;
    g.n_clusters = n_clusters;
    g.clusters = g_memdup2(clusters, sizeof *clusters * (gsize)n_clusters);
    jb_item_t item = {.type = JB_ITEM_GLYPHS, .colour = colour, .u.glyphs = g};
    g_array_append_val(page->items, item);
}

/* Turn one pango glyph item into a glyph run. Glyphs pango leaves empty
 * (zero-width characters, line ends) are dropped but their bytes stay in a
 * cluster, so the text is complete. Runs are left to right. */
static void
add_glyph_item(jb_page_t *page, PangoGlyphItem *run, const char *layout_text, double x, double y,
               jb_rgba_t colour)
{
    PangoGlyphString *gs = run->glyphs;
    PangoItem *pi = run->item;
    if (gs->num_glyphs == 0 || pi->length == 0)
        return;

    jb_glyph_run_t g = {0};
    g.font = g_object_ref(pi->analysis.font);
    g.text_len = pi->length;
    g.text = g_strndup(layout_text + pi->offset, (gsize)pi->length);
    g.glyphs = g_new(cairo_glyph_t, gs->num_glyphs);
    g.clusters = g_new(cairo_text_cluster_t, gs->num_glyphs);

    double pen = x;
    for (int i = 0; i < gs->num_glyphs;) {
        /* one cluster: the glyphs sharing a log_cluster value */
        int start = gs->log_clusters[i];
        int j = i;
        int drawn = 0;
        while (j < gs->num_glyphs && gs->log_clusters[j] == start) {
            PangoGlyphInfo *gi = &gs->glyphs[j];
            if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
                cairo_glyph_t *cg = &g.glyphs[g.n_glyphs++];
                cg->index = gi->glyph;
                cg->x = pen + pango_units_to_double(gi->geometry.x_offset);
                cg->y = y + pango_units_to_double(gi->geometry.y_offset);
                drawn++;
            }
            pen += pango_units_to_double(gi->geometry.width);
            j++;
        }
        int end = j < gs->num_glyphs ? gs->log_clusters[j] : pi->length;
        g.clusters[g.n_clusters].num_bytes = end - start;
        g.clusters[g.n_clusters].num_glyphs = drawn;
        g.n_clusters++;
        i = j;
    }

    jb_item_t item = {.type = JB_ITEM_GLYPHS, .colour = colour, .u.glyphs = g};
    g_array_append_val(page->items, item);
}

void
jb_page_add_layout_line(jb_page_t *page, PangoLayoutLine *line, double x, double y,
                        jb_rgba_t colour)
{
    const char *text = pango_layout_get_text(line->layout);
    double pen = x;
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        add_glyph_item(page, run, text, pen, y, colour);
        pen += pango_units_to_double(pango_glyph_string_get_width(run->glyphs));
    }
}

void
jb_page_add_layout(jb_page_t *page, PangoLayout *layout, double x, double y, jb_rgba_t colour)
{
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
        jb_page_add_layout_line(page, pango_layout_iter_get_line_readonly(it),
                                x + pango_units_to_double(logical.x), y + baseline, colour);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void
dump_colour(GString *s, jb_rgba_t c)
{
    g_string_append_printf(s, " #%02x%02x%02x", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5),
                           (int)(c.b * 255 + 0.5));
    if (c.a < 1.0)
        g_string_append_printf(s, "/%d%%", (int)(c.a * 100 + 0.5));
}

/* Numbers are printed with g_ascii_formatd so dumps do not depend on the
 * locale's decimal separator. */
static void
dump_num(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(s, ' ');
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.2f", v));
}

char *
jb_pages_dump(const jb_pages_t *pages)
{
    GString *s = g_string_new(NULL);
    for (guint p = 0; p < pages->pages->len; p++) {
        const jb_page_t *page = g_ptr_array_index(pages->pages, p);
        g_string_append_printf(s, "page %u", p + 1);
        dump_num(s, page->width);
        dump_num(s, page->height);
        g_string_append_c(s, '\n');
        for (guint i = 0; i < page->items->len; i++) {
            const jb_item_t *item = &g_array_index(page->items, jb_item_t, i);
            switch (item->type) {
            case JB_ITEM_GLYPHS: {
                const jb_glyph_run_t *g = &item->u.glyphs;
                PangoFontDescription *fd = pango_font_describe(g->font);
                char *fds = pango_font_description_to_string(fd);
                g_string_append(s, "  glyphs");
                dump_num(s, g->n_glyphs ? g->glyphs[0].x : 0);
                dump_num(s, g->n_glyphs ? g->glyphs[0].y : 0);
                g_string_append_printf(s, " [%s]", fds);
                dump_colour(s, item->colour);
                g_string_append_printf(s, " \"%s\"\n", g->text);
                g_free(fds);
                pango_font_description_free(fd);
                break;
            }
            case JB_ITEM_RECT:
                g_string_append(s, "  rect");
                dump_num(s, item->u.rect.x);
                dump_num(s, item->u.rect.y);
                dump_num(s, item->u.rect.width);
                dump_num(s, item->u.rect.height);
                dump_colour(s, item->colour);
                g_string_append_c(s, '\n');
                break;
            case JB_ITEM_LINE:
                g_string_append(s, "  line");
                dump_num(s, item->u.line.x0);
                dump_num(s, item->u.line.y0);
                dump_num(s, item->u.line.x1);
                dump_num(s, item->u.line.y1);
                dump_num(s, item->u.line.width);
                dump_colour(s, item->colour);
                g_string_append_c(s, '\n');
                break;
            case JB_ITEM_LINK:
                g_string_append(s, "  link");
                dump_num(s, item->u.link.box.x);
                dump_num(s, item->u.link.box.y);
                dump_num(s, item->u.link.box.width);
                dump_num(s, item->u.link.box.height);
                g_string_append_printf(s, " -> %s\n", item->u.link.dest);
                break;
            case JB_ITEM_POLYGON:
                g_string_append_printf(s, "  polygon %zu", item->u.polygon.n);
                dump_num(s, item->u.polygon.n ? item->u.polygon.xy[0] : 0);
                dump_num(s, item->u.polygon.n ? item->u.polygon.xy[1] : 0);
                dump_colour(s, item->colour);
                g_string_append_c(s, '\n');
                break;
            case JB_ITEM_DOT:
                g_string_append(s, "  dot");
                dump_num(s, item->u.dot.x);
                dump_num(s, item->u.dot.y);
                dump_num(s, item->u.dot.radius);
                dump_colour(s, item->colour);
                g_string_append_c(s, '\n');
                break;
            case JB_ITEM_DEST:
                g_string_append(s, "  dest");
                dump_num(s, item->u.dest.x);
                dump_num(s, item->u.dest.y);
                g_string_append_printf(s, " %s\n", item->u.dest.name);
                break;
            }
        }
    }
    for (guint i = 0; i < pages->outline->len; i++) {
        const jb_outline_entry_t *e = &g_array_index(pages->outline, jb_outline_entry_t, i);
        g_string_append_printf(s, "outline %d \"%s\" -> %s\n", e->level, e->title, e->dest);
    }
    /* hand back malloc'd memory so callers need not know about glib */
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

char *
jb_page_get_text(const jb_page_t *page)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < page->items->len; i++) {
        const jb_item_t *item = &g_array_index(page->items, jb_item_t, i);
        if (item->type != JB_ITEM_GLYPHS)
            continue;
        g_string_append_len(s, item->u.glyphs.text, item->u.glyphs.text_len);
        g_string_append_c(s, '\n');
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}
