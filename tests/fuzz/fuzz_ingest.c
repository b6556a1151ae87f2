/* Fuzz target: decoding and normalisation (ingest). The first byte picks
 * the encoding (detect, UTF-8, GB18030, Big5, UTF-16), text or HTML, and
 * whether undecodable bytes are replaced; the rest is the article. A
 * result must be valid UTF-8, map every byte back to an offset inside the
 * input (never decreasing in plain text), and segment into ordered
 * sentences inside the text. */
#include <glib.h>
#include <stdlib.h>

#include "fuzz.h"
#include "jibao/ingest.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {NULL, "utf-8", "gb18030", "big5", "utf-16",
                                            "utf-16le", "utf-16be", "auto"};
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    jb_ingest_options_t opts = {encodings[sel & 7], (sel >> 3) & 1,
                                (jb_format_t)((sel >> 4) % 3), NULL};
    jb_error_t err;
    jb_error_clear(&err);
    jb_article_t *a = jb_ingest_parse("fuzz.txt", (const char *)data + 1, size - 1, &opts, &err);
    if (!a)
        return 0;
    size_t len = 0;
    const char *text = jb_article_get_text(a, &len);
    if (!g_utf8_validate(text, (gssize)len, NULL))
        abort();
    /* offsets lie inside the input; in plain text they never decrease (in
       HTML, line breaks made for block elements have no byte of their own
       and map elsewhere: the first run found that, and it is allowed) */
    int64_t prev = 0;
    int html = opts.format == JB_FORMAT_HTML;
    for (size_t pos = 0; pos <= len; pos++) {
        int64_t off = jb_article_get_offset(a, pos);
        if (off < 0 || off > (int64_t)(size - 1) || (!html && pos < len && off < prev))
            abort();
        if (pos < len)
            prev = off;
    }
    size_t at = 0, start, end, last_end = 0;
    while (jb_ingest_next_sentence(text, len, &at, &start, &end)) {
        if (start < last_end || end < start || end > len)
            abort();
        last_end = end;
    }
    jb_article_free(a);
    return 0;
}
