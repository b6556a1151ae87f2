/* Extract internals: the dictionaries loaded from data/ (units, indicator
 * lexicon, entity words) and the number reader. Not installed. */
#ifndef JIBAO_EXTRACT_PRIVATE_H
#define JIBAO_EXTRACT_PRIVATE_H

#include <glib.h>
#include <stdint.h>

#include "jibao/error.h"

/* One word of a dictionary file: the word, then its columns. */
typedef struct {
    char *word;
    char *a; /* second column */
    char *b; /* third column, or "" */
    int n;   /* fourth column as a number, or 0 */
} jb_word_t;

/* A dictionary: words looked up by longest match at a position, forwards
 * (a word starting there) or backwards (a word ending there). */
typedef struct {
    GHashTable *words;      /* word → jb_word_t* */
    GPtrArray *all;         /* owns the jb_word_t */
    size_t max_len;         /* longest word, bytes */
    uint64_t lengths;       /* bit l set when some word is l bytes long (l < 64) */
    unsigned char first[256]; /* 1 if some word starts with this byte */
    unsigned char last[256];  /* 1 if some word ends with this byte */
    /* filters over characters, one bit each, so that most positions of a
     * text are rejected without a hash lookup: words of one character by
     * that character; longer words by a hash of their first (last) two */
    unsigned char single_cp[8192];
    unsigned char first_pair[8192];
    unsigned char last_pair[8192];
    unsigned char starts[8192]; /* the first character of every word */
    unsigned char ends[8192];   /* the last character of every word */
} jb_dict_t;

/* Load a tab-separated dictionary file (# comments) into d; column
 * class_col (1 or 2) is the class lookups may filter on, and only words of
 * the space-separated classes in only are loaded (NULL: all). Fails with
 * JB_ERR_IO or JB_ERR_DATA (file:line). */
jb_status_t jb_dict_load(jb_dict_t *d, const char *path, int class_col, const char *only,
                         jb_error_t *err);
void jb_dict_clear(jb_dict_t *d);

/* The longest word starting at s[0..n) (with class filter cls, NULL = any),
 * or NULL; *len receives its length in bytes. */
const jb_word_t *jb_dict_match_at(const jb_dict_t *d, const char *s, size_t n,
                                  const char *cls, size_t *len);
/* The longest word ending at s + end, not starting before s + lo. */
const jb_word_t *jb_dict_match_before(const jb_dict_t *d, const char *s, size_t lo, size_t end,
                                      const char *cls, size_t *len);

/* Longest number read, in digits (longer runs are not read as numbers). */
#define JB_NUMBER_MAX 500

/* A number read from text: value as a decimal string (no exponent), its
 * extent, and how it was written. */
typedef struct {
    char digits[JB_NUMBER_MAX + 8]; /* decimal text as stated, without separators */
    size_t len;       /* bytes consumed */
    int chinese;      /* written with Chinese numerals */
    int bare_magnitude; /* 百亿元: a magnitude with no digit before it */
    int percent_words;  /* 百分之五 */
} jb_number_t;

/* Read an Arabic number (1,234.5) at s: returns 0 if none or longer than
 * JB_NUMBER_MAX digits. */
int jb_number_read_arabic(const char *s, size_t n, jb_number_t *num);
/* Read a Chinese numeral (三千二百, 一百零八, 二〇二三, 五点二) at s; a
 * final 万 or 亿 is left for the unit. Returns 0 if none. */
int jb_number_read_chinese(const char *s, size_t n, jb_number_t *num);


#endif
