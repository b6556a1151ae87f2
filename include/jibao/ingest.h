/* jibao — ingest: an article file (text or HTML; UTF-8, GB18030, Big5,
 * UTF-16; simplified or traditional) read into normalised simplified UTF-8
 * text, one paragraph a line, with a map from every byte of that text back to
 * the byte offset in the original file. First stage of the pipeline; extract
 * reads its result.
 */
#ifndef JIBAO_INGEST_H
#define JIBAO_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "jibao/error.h"
#include "jibao/limits.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    JB_FORMAT_AUTO = 0, /* by the file name: .html/.htm are HTML, else text */
    JB_FORMAT_TEXT,
    JB_FORMAT_HTML,
} jb_format_t;

typedef struct {
    const char *encoding; /* NULL or "auto": detect; utf-8, gb18030 (gbk,
                             gb2312), big5, utf-16 (BOM), utf-16le, utf-16be */
    int replace_errors;   /* undecodable bytes become U+FFFD instead of failing */
    jb_format_t format;
    const jb_limits_t *limits; /* article-size, html-depth; NULL = the defaults */
} jb_ingest_options_t;

/* The largest article jibao reads by default, in bytes (JB_ERR_LIMIT
 * beyond; limit article-size). */
#define JB_INGEST_MAX_BYTES (512u * 1024u * 1024u)

typedef struct jb_article jb_article_t;

/* Read and normalise the article at path ("-" = standard input). opts may
 * be NULL (detect everything). The caller frees the result with
 * jb_article_free. Fails (NULL) with JB_ERR_IO (unreadable), JB_ERR_INPUT
 * (undecodable byte, NUL byte, binary data: err names the byte offset,
 * line and column), JB_ERR_LIMIT (too large, HTML nested too deep) or
 * JB_ERR_USAGE (unknown encoding name). */
jb_article_t *jb_ingest_load_file(const char *path, const jb_ingest_options_t *opts,
                                  jb_error_t *err);

/* The same from memory; name is used in errors and as the article's file
 * name. data need not be NUL-terminated. */
jb_article_t *jb_ingest_parse(const char *name, const char *data, size_t len,
                              const jb_ingest_options_t *opts, jb_error_t *err);

/* Free the article. NULL is a no-op. */
void jb_article_free(jb_article_t *a);

/* The normalised text (NUL-terminated, *len bytes without the NUL), owned
 * by the article: paragraphs are separated by '\n'. */
const char *jb_article_get_text(const jb_article_t *a, size_t *len);

/* The byte offset in the original file of byte pos of the text (pos may be
 * the text's length: the end of the file). */
int64_t jb_article_get_offset(const jb_article_t *a, size_t pos);

/* The file name given (without directory), the encoding used ("utf-8",
 * "gb18030", …) and the title (HTML <title>, else the first line; may be
 * ""). Owned by the article. */
const char *jb_article_get_name(const jb_article_t *a);
const char *jb_article_get_encoding(const jb_article_t *a);
const char *jb_article_get_title(const jb_article_t *a);

/* The longest sentence, in bytes: longer runs without an end mark are cut
 * (at a clause mark near the limit when there is one), so that the work and
 * memory spent on one sentence stay bounded. */
#define JB_INGEST_MAX_SENTENCE 16384

/* Segmentation of normalised text (valid UTF-8, as jb_article_get_text
 * gives: it is read a character at a time). Starting at *pos, find the next
 * sentence (ended by 。！？!? or a line end, or cut at
 * JB_INGEST_MAX_SENTENCE bytes; the end mark is included): sets *start and
 * *end (exclusive, whitespace trimmed) and advances *pos. Returns 0 when
 * the text is exhausted. */
int jb_ingest_next_sentence(const char *text, size_t len, size_t *pos, size_t *start,
                            size_t *end);

#ifdef __cplusplus
}
#endif
#endif
