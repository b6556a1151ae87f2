/* Ingest, HTML: the decoded UTF-8 page → its text, one paragraph a line,
 * with libxml2's HTML parser. script, style, template, nav (and the other
 * page furniture listed in docs/extraction.md) and comments are dropped.
 * Each text node is found again in the source to keep the offset map. */
#include "ingest-private.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "../base/xml-private.h"

/* Deeper nesting than this is refused by default (limit html-depth, at
 * most 2048): libxml2 would drop the text below its own limit without a
 * word. */
#define MAX_DEPTH 1000

static int
is_dropped(const xmlChar *name)
{
    static const char *const dropped[] = {"script", "style", "template", "nav", "noscript",
                                          "iframe", "aside", "footer", "head", "svg",
                                          "select", "button", "form", "object"};
    for (size_t i = 0; i < G_N_ELEMENTS(dropped); i++)
        if (!g_ascii_strcasecmp((const char *)name, dropped[i]))
            return 1;
    return 0;
}

static int
is_block(const xmlChar *name)
{
    static const char *const blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3",
                                         "h4", "h5", "h6", "tr", "table", "section", "article",
                                         "blockquote", "pre", "dd", "dt", "dl", "hr", "header",
                                         "main", "figure", "figcaption", "caption", "td", "th"};
    for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++)
        if (!g_ascii_strcasecmp((const char *)name, blocks[i]))
            return 1;
    return 0;
}

/* Nesting depth of the source, measured on its tags (an approximation that
 * counts every start tag not known to be empty and every end tag). */
static size_t
max_depth(const char *s, size_t n, size_t limit, size_t *at)
{
    long depth = 0, max = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<')
            continue;
        if (s[i + 1] == '/') {
            if (depth > 0)
                depth--;
        } else if (g_ascii_isalpha(s[i + 1])) {
            static const char *const empty[] = {"br", "img", "hr", "meta", "link", "input", "wbr"};
            int is_empty = 0;
            for (size_t k = 0; k < G_N_ELEMENTS(empty); k++) {
                size_t l = strlen(empty[k]);
                if (i + 1 + l < n && !g_ascii_strncasecmp(s + i + 1, empty[k], l) &&
                    !g_ascii_isalnum(s[i + 1 + l]))
                    is_empty = 1;
            }
            if (!is_empty && ++depth > max) {
                max = depth;
                if ((size_t)max > limit) {
                    *at = i;
                    return (size_t)max;
                }
            }
        }
    }
    return (size_t)max;
}

static void
newline(jb_mapped_t *out, uint32_t off)
{
    if (out->text->len && out->text->str[out->text->len - 1] != '\n')
        jb_mapped_append_cp(out, '\n', off);
}

jb_status_t
jb_ingest_html(const char *name, jb_mapped_t *m, size_t limit, char **title, jb_error_t *err)
{
    jb_status_t status = JB_OK;
    const char *src = m->text->str;
    size_t n = m->text->len;
    jb_mapped_t out = {0};
    htmlDocPtr doc = NULL;
    GPtrArray *stack = NULL;
    *title = NULL;

    size_t at = 0;
    if (limit == 0 || limit > 2048)
        limit = MAX_DEPTH;
    if (max_depth(src, n, limit, &at) > limit) {
        status = jb_error_set(err, JB_ERR_LIMIT, name, 0, 0, (int64_t)jb_mapped_get_offset(m, at),
                              "HTML nested deeper than %zu elements at byte offset %u (limit "
                              "html-depth; --limit html-depth=N)",
                              limit, jb_mapped_get_offset(m, at));
        goto out;
    }
    jb_xml_init();
    doc = htmlReadMemory(src, (int)n, NULL, "UTF-8",
                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                             HTML_PARSE_NOBLANKS | HTML_PARSE_RECOVER | XML_PARSE_HUGE);
    jb_mapped_init(&out, n);
    if (!doc || !xmlDocGetRootElement(doc))
        goto done;

    /* depth-first walk with an explicit stack: a node, then (NULL marks the
     * end of an element) */
    stack = g_ptr_array_new();
    g_ptr_array_add(stack, xmlDocGetRootElement(doc));
    size_t cursor = 0;
    while (stack->len) {
        xmlNodePtr node = g_ptr_array_steal_index(stack, stack->len - 1);
        if (!node) {
            size_t at_end = cursor < n ? cursor : n - 1;
            newline(&out, n ? jb_mapped_get_offset(m, at_end) : 0);
            continue;
        }
        if (node->type == XML_ELEMENT_NODE) {
            if (!g_ascii_strcasecmp((const char *)node->name, "title") && !*title) {
                xmlChar *t = xmlNodeGetContent(node);
                *title = g_strstrip(g_strdup(t ? (const char *)t : ""));
                xmlFree(t);
                continue;
            }
            if (is_dropped(node->name)) {
                if (!g_ascii_strcasecmp((const char *)node->name, "head"))
                    for (xmlNodePtr c = node->children; c; c = c->next)
                        if (c->type == XML_ELEMENT_NODE &&
                            !g_ascii_strcasecmp((const char *)c->name, "title") && !*title) {
                            xmlChar *t = xmlNodeGetContent(c);
                            *title = g_strstrip(g_strdup(t ? (const char *)t : ""));
                            xmlFree(t);
                        }
                continue;
            }
            int block = is_block(node->name);
            if (block) {
                newline(&out, cursor < n ? jb_mapped_get_offset(m, cursor) : 0);
                g_ptr_array_add(stack, NULL);
            }
            /* children in reverse so that the first is taken first */
            xmlNodePtr last = node->children;
            while (last && last->next)
                last = last->next;
            for (xmlNodePtr c = last; c; c = c->prev)
                g_ptr_array_add(stack, c);
            continue;
        }
        if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
            continue;
        const char *t = (const char *)node->content;
        size_t tl = t ? strlen(t) : 0;
        if (!tl)
            continue;
        /* align the node's text with the source from the cursor on, one
         * character at a time: tags and comments in the source are
         * skipped, an entity (&nbsp; &#20013;) matches the character it
         * stands for, anything else resynchronises within a short reach */
        size_t q = cursor;
        for (size_t k = 0; k < tl;) {
            unsigned char ch = (unsigned char)t[k];
            size_t cl = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
            if (k + cl > tl)
                cl = tl - k;
            for (int guard = 0; q < n && src[q] == '<' && guard < 64; guard++) {
                const char *gt = memchr(src + q, '>', n - q);
                q = gt ? (size_t)(gt - src) + 1 : n;
            }
            size_t here = q < n ? q : (n ? n - 1 : 0);
            if (q < n && src[q] == '&') {
                const char *semi = memchr(src + q, ';', n - q < 12 ? n - q : 12);
                q = semi ? (size_t)(semi - src) + 1 : q + 1;
            } else if (q + cl <= n && memcmp(src + q, t + k, cl) == 0) {
                q += cl;
            } else if (!(ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')) {
                /* look a little further for it */
                const char *hit = q < n ? memmem(src + q, n - q < 256 ? n - q : 256, t + k, cl) : NULL;
                if (hit) {
                    here = (size_t)(hit - src);
                    q = here + cl;
                }
            }
            for (size_t j = 0; j < cl; j++) {
                char c = t[k + j];
                if (c == '\n' || c == '\r' || c == '\t')
                    c = ' ';
                uint32_t off = jb_mapped_get_offset(m, here);
                g_string_append_c(out.text, c);
                g_array_append_val(out.map, off);
            }
            k += cl;
        }
        cursor = q;
    }
done:
    newline(&out, n ? jb_mapped_get_offset(m, n - 1) : 0);
    jb_mapped_clear(m);
    *m = out;
    out.text = NULL;
    out.map = NULL;
out:
    if (stack)
        g_ptr_array_free(stack, TRUE);
    if (doc)
        xmlFreeDoc(doc);
    jb_mapped_clear(&out);
    return status;
}
