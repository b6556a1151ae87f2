/* Font subsetting before the PDF is drawn (DESIGN.md, "Layout and
 * typesetting"): cairo 1.16 embeds every subroutine of a Noto CJK face
 * (~250 KB a face). Output first collects the glyphs each face shows on all
 * pages, subsets the face with HarfBuzz (desubroutinized CFF, no hinting,
 * no GSUB/GPOS/GDEF/BASE), loads the subset with FreeType into a cairo font
 * face and draws the runs with their glyph ids mapped into it. cairo then
 * subsets again (cheaply) and writes the text's ToUnicode as before. */
#include "subset-private.h"

#include <cairo-ft.h>
#include <hb-subset.h>
#include <pango/pangofc-font.h>

#include <ft2build.h>
#include FT_FREETYPE_H

typedef struct {
    hb_face_t *face;  /* the full face, one reference */
    hb_set_t *glyphs; /* glyph ids shown */
    hb_map_t *old_to_new;
    cairo_font_face_t *subset; /* NULL: draw from the full font */
    size_t bytes_in, bytes_out;
} face_entry_t;

typedef struct {
    face_entry_t *face;
    cairo_scaled_font_t *scaled;
} font_entry_t;

struct jb_font_subsets {
    GHashTable *faces;     /* hb_face_t* -> face_entry_t* */
    GHashTable *fonts;     /* PangoFont* -> font_entry_t* */
    GPtrArray *face_order; /* face_entry_t*, in order of first use */
};

/* FreeType: one library for the process, since cairo may keep subset faces
 * in its font cache after the surface is gone. FreeType calls on it are
 * serialised. */
static GMutex ft_lock;
static FT_Library ft_library;

typedef struct {
    FT_Face ft_face;
    hb_blob_t *blob; /* the subset font's bytes, which ft_face reads */
} subset_face_data_t;

static const cairo_user_data_key_t subset_face_key;

static void
subset_face_data_free(void *p)
{
    subset_face_data_t *d = p;
    g_mutex_lock(&ft_lock);
    FT_Done_Face(d->ft_face);
    g_mutex_unlock(&ft_lock);
    hb_blob_destroy(d->blob);
    g_free(d);
}

static void
face_entry_free(gpointer p)
{
    face_entry_t *e = p;
    hb_face_destroy(e->face);
    hb_set_destroy(e->glyphs);
    hb_map_destroy(e->old_to_new);
    if (e->subset)
        cairo_font_face_destroy(e->subset);
    g_free(e);
}

static void
font_entry_free(gpointer p)
{
    font_entry_t *e = p;
    if (e->scaled)
        cairo_scaled_font_destroy(e->scaled);
    g_free(e);
}

static hb_face_t *
font_face(PangoFont *font)
{
    hb_font_t *hb = pango_font_get_hb_font(font);
    return hb ? hb_font_get_face(hb) : NULL;
}

/* Subset one face to its glyphs and wrap the result as a cairo face. */
static void
subset_face(face_entry_t *e)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return;
    hb_set_union(hb_subset_input_glyph_set(input), e->glyphs);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const tags[] = {"GSUB", "GPOS", "GDEF", "BASE"};
    for (size_t i = 0; i < G_N_ELEMENTS(tags); i++)
        hb_set_add(drop, hb_tag_from_string(tags[i], 4));

    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(e->face, input);
    hb_face_t *subset = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    hb_blob_t *blob = subset ? hb_face_reference_blob(subset) : NULL;
    hb_blob_t *full = hb_face_reference_blob(e->face);
    e->bytes_in = hb_blob_get_length(full);
    hb_blob_destroy(full);
    unsigned len = 0;
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    FT_Face ft_face = NULL;
    if (data && len) {
        g_mutex_lock(&ft_lock);
        if (!ft_library && FT_Init_FreeType(&ft_library) != 0)
            ft_library = NULL;
        if (!ft_library ||
            FT_New_Memory_Face(ft_library, (const FT_Byte *)data, (FT_Long)len, 0, &ft_face) != 0)
            ft_face = NULL;
        g_mutex_unlock(&ft_lock);
    }
    if (ft_face) {
        cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
        subset_face_data_t *d = g_new(subset_face_data_t, 1);
        d->ft_face = ft_face;
        d->blob = hb_blob_reference(blob);
        if (cairo_font_face_status(cf) == CAIRO_STATUS_SUCCESS &&
            cairo_font_face_set_user_data(cf, &subset_face_key, d, subset_face_data_free) ==
                CAIRO_STATUS_SUCCESS) {
            e->subset = cf;
            e->old_to_new = hb_map_copy(hb_subset_plan_old_to_new_glyph_mapping(plan));
            e->bytes_out = len;
        } else {
            cairo_font_face_destroy(cf);
            subset_face_data_free(d);
        }
    }
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(input);
}

jb_font_subsets_t *
jb_font_subsets_new(const jb_pages_t *pages)
{
    jb_font_subsets_t *s = g_new0(jb_font_subsets_t, 1);
    s->faces = g_hash_table_new_full(NULL, NULL, NULL, face_entry_free);
    s->fonts = g_hash_table_new_full(NULL, NULL, NULL, font_entry_free);
    s->face_order = g_ptr_array_new();
    for (size_t p = 0; p < jb_pages_get_count(pages); p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
            const jb_item_t *item = jb_page_get_item(page, i);
            if (item->type != JB_ITEM_GLYPHS)
                continue;
            const jb_glyph_run_t *g = &item->u.glyphs;
            font_entry_t *fe = g_hash_table_lookup(s->fonts, g->font);
            if (!fe) {
                hb_face_t *face = font_face(g->font);
                face_entry_t *e = face ? g_hash_table_lookup(s->faces, face) : NULL;
                if (face && !e) {
                    e = g_new0(face_entry_t, 1);
                    e->face = hb_face_reference(face);
                    e->glyphs = hb_set_create();
                    hb_set_add(e->glyphs, 0); /* .notdef stays glyph 0 */
                    g_hash_table_insert(s->faces, face, e);
                    g_ptr_array_add(s->face_order, e);
                }
                fe = g_new0(font_entry_t, 1);
                fe->face = e;
                g_hash_table_insert(s->fonts, g->font, fe);
            }
            if (fe->face)
                for (int k = 0; k < g->n_glyphs; k++)
                    hb_set_add(fe->face->glyphs, (hb_codepoint_t)g->glyphs[k].index);
        }
    }
    for (guint i = 0; i < s->face_order->len; i++)
        subset_face(g_ptr_array_index(s->face_order, i));
    return s;
}

void
jb_font_subsets_free(jb_font_subsets_t *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->fonts);
    g_hash_table_destroy(s->faces);
    g_ptr_array_free(s->face_order, TRUE);
    g_free(s);
}

cairo_scaled_font_t *
jb_font_subsets_get_scaled_font(jb_font_subsets_t *s, PangoFont *font, const cairo_glyph_t *glyphs,
                                int n, cairo_glyph_t *out)
{
    cairo_scaled_font_t *full = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    font_entry_t *fe = g_hash_table_lookup(s->fonts, font);
    memcpy(out, glyphs, sizeof *glyphs * (size_t)n);
    if (!fe || !fe->face || !fe->face->subset)
        return full;
    if (!fe->scaled) {
        /* the same size, matrix and options as pango's font, the subset face */
        cairo_matrix_t font_matrix, ctm;
        cairo_scaled_font_get_font_matrix(full, &font_matrix);
        cairo_scaled_font_get_ctm(full, &ctm);
        cairo_font_options_t *options = cairo_font_options_create();
        cairo_scaled_font_get_font_options(full, options);
        fe->scaled = cairo_scaled_font_create(fe->face->subset, &font_matrix, &ctm, options);
        cairo_font_options_destroy(options);
    }
    for (int i = 0; i < n; i++) {
        hb_codepoint_t g = hb_map_get(fe->face->old_to_new, (hb_codepoint_t)glyphs[i].index);
        out[i].index = g == HB_MAP_VALUE_INVALID ? 0 : g;
    }
    return fe->scaled;
}

void
jb_font_subsets_get_stats(const jb_font_subsets_t *s, int *n_faces, size_t *bytes_in,
                          size_t *bytes_out)
{
    int n = 0;
    size_t in = 0, out = 0;
    for (guint i = 0; i < s->face_order->len; i++) {
        const face_entry_t *e = g_ptr_array_index(s->face_order, i);
        if (!e->subset)
            continue;
        n++;
        in += e->bytes_in;
        out += e->bytes_out;
    }
    *n_faces = n;
    *bytes_in = in;
    *bytes_out = out;
}
