/* jibao — the dataset: extracted facts and their sources.
 *
 * The dataset XML (DESIGN.md, contract 1) is what templates bind to with
 * XPath. Several files may be loaded into one dataset; their <source> and
 * <fact> elements are gathered under a single <dataset> root.
 */
#ifndef JIBAO_DATASET_H
#define JIBAO_DATASET_H

#include <stdint.h>
#include <stdio.h>

#include "jibao/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jb_dataset jb_dataset_t;

/* A new, empty dataset. The caller frees it with jb_dataset_free. */
jb_dataset_t *jb_dataset_new(void);

/* Free the dataset. NULL is a no-op. */
void jb_dataset_free(jb_dataset_t *ds);

/* Read a dataset XML file ("-" = standard input), check it against the
 * dataset schema and add its sources and facts. Fails with JB_ERR_IO,
 * JB_ERR_SYNTAX (with line and column) or JB_ERR_DATA; the dataset is left
 * unchanged on failure. */
jb_status_t jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err);

size_t jb_dataset_get_fact_count(const jb_dataset_t *ds);

/* One extracted fact (DESIGN.md, contract 1). Strings are UTF-8; fields
 * that are unknown are "" (never NULL), except that upper, qualifier and
 * basis may be NULL. The struct does not own its strings. */
typedef struct {
    const char *doc;        /* input file name, without directory */
    const char *entity;     /* subject: 历城区, 临工重机, 华润雪花啤酒项目 */
    const char *indicator;  /* normalised statistic name: 地区生产总值 */
    const char *period;     /* 2024, 2024Q1-Q3, 2024M01-M10, 2024H1 or "" */
    const char *kind;       /* amount count growth share ratio points rank */
    const char *value;      /* decimal as stated, "-" for a fall: -3.5 */
    const char *unit;       /* as stated, simplified: 亿元, %, 个百分点 */
    const char *value_base; /* value in the unit's base unit (元), or "" */
    int64_t offset;         /* byte offset of the number in the input file */
    const char *sentence;   /* the source sentence, normalised */
    const char *qualifier;  /* 余, 约, 超过, 以上, 预计, range … or NULL */
    const char *basis;      /* 同比 (year on year), 环比 (on the previous period) or NULL */
    const char *upper;      /* upper bound of a range (3-5个: value 3, upper 5) or NULL */
    double confidence;      /* 0–1, how sure the extractor is of the attribution */
} jb_fact_t;

/* Add a <source> for an article; returns its id ("s1", "s2" …), owned by
 * the dataset. title and encoding may be NULL. */
const char *jb_dataset_add_source(jb_dataset_t *ds, const char *file, const char *title,
                                  const char *encoding);

/* Add a <fact> of source source_id (from jb_dataset_add_source). The
 * dataset copies what it keeps. */
void jb_dataset_add_fact(jb_dataset_t *ds, const char *source_id, const jb_fact_t *fact);

/* Write the dataset XML (DESIGN.md, contract 1) to out. Fails with
 * JB_ERR_IO. */
jb_status_t jb_dataset_write_xml(jb_dataset_t *ds, FILE *out, jb_error_t *err);

/* Facts as CSV (contract 1 columns, RFC 4180, UTF-8) and JSON (an array of
 * objects), written one fact at a time so that memory stays bounded:
 * _begin, any number of _fact, _end. */
void jb_fact_write_csv_header(FILE *out);
void jb_fact_write_csv(FILE *out, const jb_fact_t *fact);
void jb_fact_write_json_begin(FILE *out);
void jb_fact_write_json(FILE *out, const jb_fact_t *fact, int first);
void jb_fact_write_json_end(FILE *out);
size_t jb_dataset_get_source_count(const jb_dataset_t *ds);

#ifdef __cplusplus
}
#endif
#endif
