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

/* Read a dataset file ("-" = standard input) and add its sources and facts:
 * dataset XML checked against data/dataset.rng, or facts CSV (by the .csv
 * extension; see jb_dataset_load_csv). An id another loaded file already
 * uses gets a -2, -3 … suffix (facts follow their renamed source). Fails
 * with JB_ERR_IO, JB_ERR_SYNTAX (with line and column) or JB_ERR_DATA; the
 * dataset is left unchanged on failure. */
jb_status_t jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err);

/* Add a dataset XML document held in memory; name stands for the file in
 * errors. */
jb_status_t jb_dataset_load_memory(jb_dataset_t *ds, const char *buf, size_t len,
                                   const char *name, jb_error_t *err);

/* Read facts in CSV with the columns of `jibao extract --format csv` (a
 * header row naming them, in any order; entity, indicator, kind and value
 * required; RFC 4180 quoting; UTF-8). Each distinct doc becomes a source.
 * Errors name the line and column of the bad field; on failure nothing is
 * added. */
jb_status_t jb_dataset_load_csv(jb_dataset_t *ds, const char *path, jb_error_t *err);

/* Apply an analyst's corrections file (data/corrections.rng): each
 * <correct> names a fact by id, or by entity, indicator, period and kind,
 * and gives the value to use. The fact keeps its original value and who
 * corrected it (original-value, corrected-by, correction-note attributes); a
 * correction by entity/indicator/period/kind that matches no fact adds one.
 * A correction naming an unknown fact id is an error (JB_ERR_DATA with its
 * line and column); on failure the dataset is unchanged. Returns JB_OK and
 * the number of facts changed or added in *n_applied (may be NULL). */
jb_status_t jb_dataset_load_corrections(jb_dataset_t *ds, const char *path, size_t *n_applied,
                                        jb_error_t *err);

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

/* The same CSV or JSON, for many facts: a writer keeps one buffer across
 * facts and hands stdio large blocks, several times faster than the
 * one-fact functions. _new writes the CSV header or the JSON '['; _add
 * writes a fact; _end writes what closes the JSON array and flushes the
 * buffer to out. _free flushes anything still buffered (without the JSON
 * end) and frees the writer, not out; NULL is a no-op. Write errors are
 * left on out, for ferror or fflush to report. */
typedef enum { JB_FACT_CSV, JB_FACT_JSON } jb_fact_format_t;
typedef struct jb_fact_writer jb_fact_writer_t;
jb_fact_writer_t *jb_fact_writer_new(FILE *out, jb_fact_format_t format);
void jb_fact_writer_add(jb_fact_writer_t *w, const jb_fact_t *fact);
void jb_fact_writer_end(jb_fact_writer_t *w);
void jb_fact_writer_free(jb_fact_writer_t *w);
size_t jb_dataset_get_source_count(const jb_dataset_t *ds);

#ifdef __cplusplus
}
#endif
#endif
