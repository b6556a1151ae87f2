/* Ingest: an article file read, decoded, stripped of HTML and normalised
 * (ingest-private.h has the passes), and the sentence segmentation extract
 * walks. */
#include "ingest-private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../base/util-private.h"

struct jb_article {
    char *name;
    char *title;
    const char *encoding;
    jb_normalized_t text;
    uint32_t end; /* the offset of the end of the text: the file's length */
};

static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int
has_html_suffix(const char *name)
{
    return g_str_has_suffix(name, ".html") || g_str_has_suffix(name, ".htm") ||
           g_str_has_suffix(name, ".HTML") || g_str_has_suffix(name, ".HTM") ||
           g_str_has_suffix(name, ".xhtml");
}

jb_article_t *
jb_ingest_parse(const char *name, const char *data, size_t len, const jb_ingest_options_t *opts,
                jb_error_t *err)
{
    jb_mapped_t decoded = {0};
    jb_article_t *a = NULL;
    char *title = NULL;
    const char *used = "utf-8";

    const jb_limits_t *limits = opts ? opts->limits : NULL;
    double max_bytes = limits ? limits->article_size : JB_INGEST_MAX_BYTES;
    if (max_bytes > 0 && (double)len > max_bytes) {
        jb_error_set(err, JB_ERR_LIMIT, name, 0, 0, -1,
                     "article is %zu bytes, more than the limit of %.0f (limit article-size; "
                     "--limit article-size=BYTES)",
                     len, max_bytes);
        goto out;
    }
    if (jb_ingest_decode(name, data, len, opts, &decoded, &used, err) != JB_OK)
        goto out;
    jb_format_t format = opts ? opts->format : JB_FORMAT_AUTO;
    if (format == JB_FORMAT_AUTO)
        format = has_html_suffix(name) ? JB_FORMAT_HTML : JB_FORMAT_TEXT;
    if (format == JB_FORMAT_HTML && jb_ingest_html(name, &decoded, limits ? (size_t)limits->html_depth : 0, &title, err) != JB_OK)
        goto out;

    a = g_new0(jb_article_t, 1);
    a->name = g_strdup(base_name(name));
    a->encoding = used;
    jb_ingest_normalize(&decoded, &a->text);
    a->end = (uint32_t)len;

    if (title && *title) {
        a->title = title;
        title = NULL;
    } else {
        /* the first non-empty line, at most 60 characters */
        const char *t = a->text.text->str;
        while (*t == '\n' || *t == ' ' || *t == '\t')
            t++;
        const char *e = strchr(t, '\n');
        size_t l = e ? (size_t)(e - t) : strlen(t);
        glong chars = g_utf8_strlen(t, (gssize)l);
        if (chars > 60)
            l = (size_t)(g_utf8_offset_to_pointer(t, 60) - t);
        a->title = g_strstrip(g_strndup(t, l));
    }
out:
    g_free(title);
    jb_mapped_clear(&decoded);
    return a;
}

jb_article_t *
jb_ingest_load_file(const char *path, const jb_ingest_options_t *opts, jb_error_t *err)
{
    char *buf = NULL;
    size_t len = 0;
    GError *gerr = NULL;
    if (!jb_read_file(path, &buf, &len, &gerr)) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "%s", gerr ? gerr->message : "cannot read");
        g_clear_error(&gerr);
        return NULL;
    }
    jb_article_t *a = jb_ingest_parse(path, buf, len, opts, err);
    if (a && !strcmp(path, "-")) {
        g_free(a->name);
        a->name = g_strdup("stdin");
    }
    g_free(buf);
    return a;
}

void
jb_article_free(jb_article_t *a)
{
    if (!a)
        return;
    jb_normalized_clear(&a->text);
    g_free(a->name);
    g_free(a->title);
    g_free(a);
}

const char *
jb_article_get_text(const jb_article_t *a, size_t *len)
{
    if (len)
        *len = a->text.text->len;
    return a->text.text->str;
}

int64_t
jb_article_get_offset(const jb_article_t *a, size_t pos)
{
    if (pos >= a->text.text->len)
        return a->end;
    return jb_normalized_get_offset(&a->text, pos);
}

const char *
jb_article_get_name(const jb_article_t *a)
{
    return a->name;
}

const char *
jb_article_get_encoding(const jb_article_t *a)
{
    return a->encoding;
}

const char *
jb_article_get_title(const jb_article_t *a)
{
    return a->title ? a->title : "";
}

static const unsigned char sentence_byte[256] = {
    ['\n'] = 1, ['!'] = 1, ['?'] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* The first byte in t[i, end) that may end a sentence (sentence_byte),
 * or end: sixteen bytes at a time where SSE2 is there. A continuation byte
 * is never one of them, so the scan needs no character boundaries. */
static inline size_t
find_end_byte(const unsigned char *t, size_t i, size_t end)
{
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), ex = _mm_set1_epi8('!'), qu = _mm_set1_epi8('?'),
                  e3 = _mm_set1_epi8((char)0xE3), ef = _mm_set1_epi8((char)0xEF);
    while (i + 16 <= end) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, ex)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, qu),
                                              _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef))));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (i < end && !sentence_byte[t[i]])
        i++;
    return i;
}

/* A sentence ends after 。！？!? (and closing quotes right after them) or at
 * a line end. */
int
jb_ingest_next_sentence(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t i = *pos;
    for (;;) {
        while (i < len && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i >= len) {
            *pos = len;
            return 0;
        }
        size_t s = i;
        /* before the length limits matter, only these bytes can end the
         * sentence: \n ! ? and the lead bytes E3 (。) and EF (！？，；) */
        size_t fast_end = len - s > JB_INGEST_MAX_SENTENCE * 3 / 4 ? s + JB_INGEST_MAX_SENTENCE * 3 / 4 : len;
        while (i < len && text[i] != '\n') {
            i = find_end_byte((const unsigned char *)text, i, fast_end);
            if (i >= len || text[i] == '\n')
                break;
            const unsigned char *u = (const unsigned char *)text + i;
            /* a run without end marks is cut into sentences of at most
             * JB_INGEST_MAX_SENTENCE bytes, at a clause mark when there is
             * one near the limit, else at a character boundary */
            if (i - s >= JB_INGEST_MAX_SENTENCE * 3 / 4 && u[0] == 0xEF && i + 2 < len && u[1] == 0xBC &&
                (u[2] == 0x8C || u[2] == 0x9B)) {
                i += 3;
                break;
            }
            if (i - s >= JB_INGEST_MAX_SENTENCE && (u[0] & 0xC0) != 0x80)
                break;
            /* 。 E3 80 82, ！ EF BC 81, ？ EF BC 9F */
            if ((u[0] == 0xE3 && i + 2 < len && u[1] == 0x80 && u[2] == 0x82) ||
                (u[0] == 0xEF && i + 2 < len && u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F))) {
                i += 3;
                /* closing quotes ” 」 』 ） stay with the sentence */
                while (i + 2 < len && ((const unsigned char *)text)[i] == 0xE2 &&
                       ((const unsigned char *)text)[i + 1] == 0x80 &&
                       ((const unsigned char *)text)[i + 2] == 0x9D)
                    i += 3;
                break;
            }
            if (u[0] == '!' || u[0] == '?') {
                i++;
                break;
            }
            i++;
        }
        size_t e = i;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t'))
            e--;
        if (e > s) {
            *start = s;
            *end = e;
            *pos = i;
            return 1;
        }
    }
}
