/* Extract internals: the dictionaries loaded from data/ (units, indicator
 * lexicon, entity words) and the number reader. Not installed. */
#ifndef JIBAO_EXTRACT_PRIVATE_H
#define JIBAO_EXTRACT_PRIVATE_H

#include <glib.h>
#include <stdint.h>

#include "jibao/error.h"

/* The code point at s[i], reading no further than s[n], and its length in
 * *len (0 at or past n). Ingest hands over valid UTF-8; only the end of the
 * span is checked: a character cut by it reads as U+FFFD of the bytes left. */
G_ALWAYS_INLINE static inline uint32_t
jb_cp_at(const char *s, size_t i, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (i >= n) {
        *len = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    /* ingest hands over valid UTF-8; only the end of the span is checked */
    size_t l = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    if (l > n - i) {
        *len = n - i;
        return 0xFFFD;
    }
    *len = l;
    if (l == 3)
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (l == 2)
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
           ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

/* One word of a dictionary file: the word, then its columns. */
typedef struct {
    char *word;
    char *a; /* second column */
    char *b; /* third column, or "" */
    int n;   /* fourth column as a number, or 0 */
} jb_word_t;

/* A dictionary: words looked up by longest match at a position, forwards
 * (a word starting there) or backwards (a word ending there), in a trie
 * over code points walked one character at a time; a walk stops at the
 * first character no word continues with, which in running text is almost
 * always the first or second. */

/* A node of a trie: the word that ends there (its first line, for lookups
 * without a class) and the list of its words by class. */
typedef struct {
    const void *any;  /* jb_word_t*, or NULL */
    uint32_t classes; /* first entry in jb_trie_t.classes, or UINT32_MAX */
} jb_trie_node_t;

typedef struct {
    const char *cls;   /* the word's class */
    const void *word;  /* jb_word_t* */
    uint32_t next;     /* next entry of the node, or UINT32_MAX */
} jb_trie_class_t;

/* An edge: (parent node, code point) → child, open addressing */
typedef struct {
    uint64_t key; /* (parent << 21 | code point) + 1; 0: an empty slot */
    uint32_t child;
} jb_trie_edge_t;

typedef struct {
    GArray *nodes;          /* jb_trie_node_t; node 0 is the root */
    GArray *classes;        /* jb_trie_class_t */
    jb_trie_edge_t *edges;
    unsigned edge_bits;     /* the table holds 1 << edge_bits slots */
} jb_trie_t;

typedef struct {
    GPtrArray *all;           /* owns the jb_word_t, in file order */
    jb_trie_t forward;        /* the words' characters first to last */
    jb_trie_t backward;       /* last to first */
    unsigned char first[256]; /* 1 if some word starts with this byte */
    unsigned char last[256];  /* 1 if some word ends with this byte */
    unsigned char starts[8192]; /* the first character of every word, one bit each */
    unsigned char ends[8192];   /* the last character of every word */
} jb_dict_t;

/* Can a word of d start (end) with character c? One bit each: a caller that
 * has the character at hand tries most positions without a lookup. */
static inline int
jb_dict_may_start(const jb_dict_t *d, uint32_t c)
{
    return c >= 0x10000 || (d->starts[c >> 3] >> (c & 7) & 1);
}

static inline int
jb_dict_may_end(const jb_dict_t *d, uint32_t c)
{
    return c >= 0x10000 || (d->ends[c >> 3] >> (c & 7) & 1);
}

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
/* The longest word of each class cls[0..k) starting at s[0..n), in one
 * walk: found[c] (NULL when none) and lens[c]. Returns how many classes
 * have a word there. */
int jb_dict_match_classes(const jb_dict_t *d, const char *s, size_t n, const char *const *cls, int k,
                          const jb_word_t **found, size_t *lens);
/* The same for the words ending at s + end, not starting before s + lo. */
int jb_dict_match_classes_before(const jb_dict_t *d, const char *s, size_t lo, size_t end,
                                 const char *const *cls, int k, const jb_word_t **found, size_t *lens);

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
