/* The 禁则 (kinsoku) table: character classes for line breaking and
 * punctuation compression, read from data/kinsoku.txt. Not installed. */
#ifndef JIBAO_KINSOKU_PRIVATE_H
#define JIBAO_KINSOKU_PRIVATE_H

#include <glib.h>

#include "jibao/error.h"

enum {
    JB_KINSOKU_NO_START = 1 << 0,
    JB_KINSOKU_NO_END = 1 << 1,
    JB_KINSOKU_CLOSING = 1 << 2,
    JB_KINSOKU_OPENING = 1 << 3,
    JB_KINSOKU_CENTRED = 1 << 4,
    JB_KINSOKU_NUMBER_SUFFIX = 1 << 5,
    JB_KINSOKU_INSEPARABLE = 1 << 6,
};

typedef struct jb_kinsoku jb_kinsoku_t;

/* Parse a table in the format of data/kinsoku.txt. Fails (NULL, JB_ERR_DATA
 * with the line) on an unknown class. The caller frees the result. */
jb_kinsoku_t *jb_kinsoku_parse(const char *text, const char *path, jb_error_t *err);

/* The table in jb_get_data_dir()/data/kinsoku.txt, read once and shared;
 * owned by jibao. NULL (JB_ERR_IO or JB_ERR_DATA) when it cannot be read. */
const jb_kinsoku_t *jb_kinsoku_get_default(jb_error_t *err);

void jb_kinsoku_free(jb_kinsoku_t *k);

/* The JB_KINSOKU_* classes of a character (0 for most). */
unsigned jb_kinsoku_get_class(const jb_kinsoku_t *k, gunichar c);

#endif
