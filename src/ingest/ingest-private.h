/* Ingest internals: text with a map from every byte back to the original
 * file, and the passes that build it (decode, HTML, normalise). Not
 * installed. */
#ifndef JIBAO_INGEST_PRIVATE_H
#define JIBAO_INGEST_PRIVATE_H

#include <glib.h>
#include <stdint.h>

#include "jibao/ingest.h"

/* UTF-8 text in which byte i came from byte map[i] of the original file;
 * without a map (valid UTF-8 taken as it was), from byte i + shift. */
typedef struct {
    GString *text;
    GArray *map; /* of uint32_t, one per byte of text; or NULL */
    uint32_t shift;
} jb_mapped_t;

/* Start m empty, with a map. */
void jb_mapped_init(jb_mapped_t *m, size_t reserve);
void jb_mapped_clear(jb_mapped_t *m);
/* Append the code point cp (UTF-8 encoded) coming from original offset off
 * (m has a map). */
void jb_mapped_append_cp(jb_mapped_t *m, uint32_t cp, uint32_t off);

/* The original offset of byte i of m's text. */
static inline uint32_t
jb_mapped_get_offset(const jb_mapped_t *m, size_t i)
{
    return m->map ? g_array_index(m->map, uint32_t, i) : (uint32_t)(i + m->shift);
}

/* Decode data (the whole file) to UTF-8 with the map into out (zeroed by
 * the caller; freed by it with jb_mapped_clear, also on failure). enc_name
 * is the --encoding value or NULL for detection; *used receives the name of
 * the encoding used (static string). Fails with JB_ERR_INPUT naming the
 * byte offset, line and column of the first undecodable byte, or
 * JB_ERR_USAGE for an unknown encoding name. */
jb_status_t jb_ingest_decode(const char *name, const char *data, size_t len,
                             const jb_ingest_options_t *opts, jb_mapped_t *out,
                             const char **used, jb_error_t *err);

/* Replace the UTF-8 HTML in *m by its text: paragraphs become lines; script,
 * style, template, nav, comments dropped. *title receives the <title> (g_free). */
jb_status_t jb_ingest_html(const char *name, jb_mapped_t *m, size_t max_depth, char **title,
                           jb_error_t *err);

/* A stretch of the normalised text whose characters have offsets in the
 * file that advance with their bytes in the text (text kept as it was): the
 * character at text_at + k comes from file_at + k. */
typedef struct {
    size_t text_at;
    uint32_t file_at;
} jb_run_t;

/* The normalised text with its map in runs (a new run where a character's
 * offset does not continue the last one); every byte of a character maps to
 * the offset of the character. Far smaller than a map entry a byte. */
typedef struct {
    GString *text;
    GArray *runs; /* of jb_run_t, text_at increasing, the first at 0 */
} jb_normalized_t;

/* Normalise (full width, artefacts, punctuation, traditional → simplified)
 * in into out, which is overwritten; free it with jb_normalized_clear. */
void jb_ingest_normalize(const jb_mapped_t *in, jb_normalized_t *out);
void jb_normalized_clear(jb_normalized_t *t);
/* The offset in the file of byte pos (< the text's length) of t's text. */
uint32_t jb_normalized_get_offset(const jb_normalized_t *t, size_t pos);

/* Decode one UTF-8 sequence at s (valid text assumed, n bytes available);
 * returns the code point and sets *len. */
static inline uint32_t
jb_utf8_get(const unsigned char *s, size_t n, int *len)
{
    if (s[0] < 0x80 || n < 2) {
        *len = 1;
        return s[0];
    }
    if (s[0] < 0xE0) {
        *len = 2;
        return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (s[0] < 0xF0 || n < 4) {
        *len = n < 3 ? (int)n : 3;
        return n < 3 ? 0xFFFD : ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *len = 4;
    return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
           ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

#endif
