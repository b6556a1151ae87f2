/* Internal links for cairo < 1.17.2, which writes a damaged PDF for a link
 * to a destination on a later page (the contents' links always point
 * forward). After cairo has written the file, output appends an
 * incremental update (PDF 32000-1, 7.5.6): one link annotation per link
 * item with an explicit /Dest, and new versions of the page objects that
 * carry them in /Annots. cairo writes each page dictionary as
 * "N 0 obj\n<< /Type /Page % P\n … >>\nendobj", which is what is looked
 * for; anything else leaves the file as cairo wrote it. */
#include "links-private.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t page;
    double x, y;
} dest_t;

typedef struct {
    long id, offset;
} xref_entry_t;

/* The last occurrence of needle in hay[0..n), or NULL. */
static const char *
find_last(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = n >= m ? n - m + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

/* The page object of page p (1-based): its id and its dictionary's text up
 * to (not including) the closing ">>". */
static gboolean
find_page(const char *pdf, size_t n, size_t p, long *id, const char **dict, size_t *dict_len)
{
    char needle[48];
    g_snprintf(needle, sizeof needle, "<< /Type /Page %% %zu\n", p);
    const char *at = memmem(pdf, n, needle, strlen(needle));
    if (!at || at - pdf < 8)
        return FALSE;
    /* the line before: "N 0 obj" */
    const char *line = at - 1;
    while (line > pdf && line[-1] != '\n')
        line--;
    char *end = NULL;
    *id = strtol(line, &end, 10);
    if (end == line || strncmp(end, " 0 obj\n", 7) != 0 || *id <= 0)
        return FALSE;
    const char *obj_end = memmem(at, n - (size_t)(at - pdf), "endobj", 6);
    if (!obj_end)
        return FALSE;
    const char *close = find_last(at, (size_t)(obj_end - at), ">>");
    if (!close)
        return FALSE;
    *dict = at;
    *dict_len = (size_t)(close - at);
    return TRUE;
}

static long
trailer_ref(const char *trailer, const char *key)
{
    const char *k = strstr(trailer, key);
    return k ? strtol(k + strlen(key), NULL, 10) : -1;
}

static const char *
num(char *buf, double v)
{
    return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
}

/* The dictionary of object id (its text up to the closing ">>"). */
static gboolean
find_object(const char *pdf, size_t n, long id, const char **dict, size_t *dict_len)
{
    char needle[48];
    g_snprintf(needle, sizeof needle, "\n%ld 0 obj\n", id);
    const char *at = memmem(pdf, n, needle, strlen(needle));
    if (!at)
        return FALSE;
    at += strlen(needle);
    const char *obj_end = memmem(at, n - (size_t)(at - pdf), "endobj", 6);
    const char *close = obj_end ? find_last(at, (size_t)(obj_end - at), ">>") : NULL;
    if (!close || strncmp(at, "<<", 2) != 0)
        return FALSE;
    *dict = at;
    *dict_len = (size_t)(close - at);
    return TRUE;
}

gboolean
jb_pdf_append_update(GByteArray *pdf, const jb_pages_t *pages, gboolean links)
{
    const char *data = (const char *)pdf->data;
    size_t n = pdf->len;

    /* the trailer of cairo's file */
    const char *trailer_at = find_last(data, n, "trailer");
    const char *sx = find_last(data, n, "startxref");
    if (!trailer_at || !sx || sx < trailer_at)
        return FALSE;
    char *trailer = g_strndup(trailer_at, (gsize)(sx - trailer_at));
    long size = trailer_ref(trailer, "/Size "), root = trailer_ref(trailer, "/Root "),
         info = trailer_ref(trailer, "/Info ");
    long prev = strtol(sx + 9, NULL, 10);
    g_free(trailer);
    if (size <= 0 || root <= 0 || prev <= 0)
        return FALSE;

    GHashTable *dests = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (size_t p = 0; p < jb_pages_get_count(pages); p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
            const jb_item_t *it = jb_page_get_item(page, i);
            if (it->type != JB_ITEM_DEST)
                continue;
            dest_t *d = g_new(dest_t, 1);
            *d = (dest_t){p, it->u.dest.x, it->u.dest.y};
            g_hash_table_insert(dests, it->u.dest.name, d);
        }
    }

    /* the update: annotations, then the pages that show them */
    GString *up = g_string_new("\n");
    GArray *xref = g_array_new(FALSE, FALSE, sizeof(xref_entry_t));
    long next_id = size;
    gboolean ok = TRUE;
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
        d4[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];
    for (size_t p = 0; links && p < jb_pages_get_count(pages) && ok; p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        double h = jb_page_get_height(page);
        GString *annots = g_string_new(NULL);
        for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
            const jb_item_t *it = jb_page_get_item(page, i);
            if (it->type != JB_ITEM_LINK)
                continue;
            const dest_t *d = g_hash_table_lookup(dests, it->u.link.dest);
            long target;
            const char *dict;
            size_t dict_len;
            if (!d || !find_page(data, n, d->page + 1, &target, &dict, &dict_len))
                continue;
            const jb_box_t *r = &it->u.link.box;
            xref_entry_t entry = {next_id, (long)(n + up->len)};
            g_array_append_val(xref, entry);
            g_string_append_printf(
                up,
                "%ld 0 obj\n<< /Type /Annot /Subtype /Link /Rect [ %s %s %s %s ]"
                " /BS << /W 0 >> /Dest [ %ld 0 R /XYZ %s %s null ] >>\nendobj\n",
                next_id, num(a, r->x), num(b, h - r->y - r->height), num(c, r->x + r->width),
                num(d4, h - r->y), target, num(e, d->x),
                num(f, jb_page_get_height(jb_pages_get_page(pages, d->page)) - d->y));
            g_string_append_printf(annots, " %ld 0 R", next_id++);
        }
        if (annots->len) {
            long id;
            const char *dict;
            size_t dict_len;
            if (find_page(data, n, p + 1, &id, &dict, &dict_len) &&
                !memmem(dict, dict_len, "/Annots", 7)) {
                xref_entry_t entry = {id, (long)(n + up->len)};
                g_array_append_val(xref, entry);
                g_string_append_printf(up, "%ld 0 obj\n", id);
                g_string_append_len(up, dict, (gssize)dict_len);
                g_string_append_printf(up, "   /Annots [%s ]\n>>\nendobj\n", annots->str);
            } else {
                ok = FALSE;
            }
        }
        g_string_free(annots, TRUE);
    }
    /* page labels: 封面 for the cover, then 1, 2, … (a new catalog) */
    size_t first = jb_pages_get_first_numbered(pages);
    if (ok && first > 0 && first < jb_pages_get_count(pages)) {
        const char *dict;
        size_t dict_len;
        if (find_object(data, n, root, &dict, &dict_len) &&
            !memmem(dict, dict_len, "/PageLabels", 11)) {
            xref_entry_t entry = {root, (long)(n + up->len)};
            g_array_append_val(xref, entry);
            g_string_append_printf(up, "%ld 0 obj\n", root);
            g_string_append_len(up, dict, (gssize)dict_len);
            g_string_append_printf(up,
                                   "   /PageLabels << /Nums [ 0 << /P <FEFF5C019762> >> %zu << /S "
                                   "/D /St 1 >> ] >>\n>>\nendobj\n",
                                   first);
        } else {
            ok = FALSE;
        }
    }
    if (ok && xref->len > 0) {
        long xref_at = (long)(n + up->len);
        g_string_append(up, "xref\n");
        for (guint i = 0; i < xref->len; i++) {
            const xref_entry_t *entry = &g_array_index(xref, xref_entry_t, i);
            g_string_append_printf(up, "%ld 1\n%010ld 00000 n \n", entry->id, entry->offset);
        }
        g_string_append_printf(up, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", next_id, root);
        if (info > 0)
            g_string_append_printf(up, "   /Info %ld 0 R\n", info);
        g_string_append_printf(up, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref_at);
        g_byte_array_append(pdf, (const guint8 *)up->str, (guint)up->len);
    }
    g_string_free(up, TRUE);
    g_array_free(xref, TRUE);
    g_hash_table_destroy(dests);
    return ok;
}
