/* jibao — reports and batch runs: the render pipeline as one call, and the
 * scheduled export of the many reports of a job file (docs/batch.md).
 *
 * A job file (XML, templates/jobs.rng) names reports: each has an id, a
 * template, input globs, parameters and an output path pattern. A batch run
 * renders each report in its own worker process under a wall-clock and a
 * memory limit, skips reports whose recorded digest matches, and writes every
 * output atomically.
 */
#ifndef JIBAO_BATCH_H
#define JIBAO_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "jibao/error.h"
#include "jibao/limits.h"
#include "jibao/fonts.h"
#include "jibao/ingest.h"
#include "jibao/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- one report: template + datasets + params → PDF ---------------------- */

/* What to render. Zero-initialise, then set time_limit to -1 for the
 * library's default. Paths are used as given. */
typedef struct {
    const char *template_path;
    const char *const *dataset_paths; /* dataset XML or facts CSV files */
    size_t n_datasets;
    const char *const *article_paths; /* articles, extracted first (jibao build) */
    size_t n_articles;
    const jb_ingest_options_t *ingest; /* how to read the articles; NULL = detect */
    const char *const *correction_paths; /* analysts' corrections files */
    size_t n_corrections;
    const jb_params_t *params; /* may be NULL */
    const char *root;          /* files the template includes lie under it; NULL = its folder */
    double time_limit;         /* seconds of XPath evaluation; < 0 = the default */
    const char *output_path;
    int strict; /* a character missing from the fonts fails the report */
    int traditional; /* the traditional edition (繁體): OpenCC s2t, Noto CJK TC */
    const jb_limits_t *limits; /* NULL: the defaults; time_limit >= 0 overrides xpath-time */
} jb_report_t;

/* Load the template, extract the articles, load the datasets and
 * corrections, merge with the params,
 * lay out with fonts and write the PDF atomically at output_path. Every
 * problem goes to diag (may be NULL) once: schema violations, merge
 * warnings (is_warning set) and errors, and the error that stopped the
 * render, with the file, line and column it concerns (layout errors are
 * given the template's name). Returns JB_OK or the status of that error,
 * which err also holds. */
jb_status_t jb_report_render(const jb_report_t *report, jb_fonts_t *fonts, jb_diag_fn diag,
                             void *user, jb_error_t *err);

/* ---- periods ------------------------------------------------------------- */

/* A reporting period: a quarter (month == 0) or a month. */
typedef struct {
    int year;
    int quarter; /* 1..4; for a month, the quarter it falls in */
    int month;   /* 1..12, or 0 for a quarter */
} jb_period_t;

/* Evaluate a period expression: "this-quarter", "last-quarter",
 * "this-month", "last-month", "2024Q1", "2024M03". Relative expressions are
 * taken from now (seconds since 1970) in the time zone tz ("Asia/Shanghai";
 * NULL or "" = the local zone). Fails with JB_ERR_USAGE for anything else or
 * an unknown time zone. */
jb_status_t jb_period_parse(const char *expr, int64_t now, const char *tz, jb_period_t *period,
                            jb_error_t *err);

/* Format the period as "2024Q1" or "2024M03" into buf of size n; returns buf. */
char *jb_period_format(const jb_period_t *period, char *buf, size_t n);

/* Year to date in the dataset's notation (DESIGN.md contract 1): "2024Q1",
 * "2024Q1-Q3", "2024M01-M10". Returns buf. */
char *jb_period_format_ytd(const jb_period_t *period, char *buf, size_t n);

/* "Now" for batch runs: $SOURCE_DATE_EPOCH when set (JB_ERR_USAGE when it is
 * not a number), else the clock. */
jb_status_t jb_batch_get_now(int64_t *now, jb_error_t *err);

/* ---- job files ----------------------------------------------------------- */

typedef struct jb_job jb_job_t;

/* How an input file is read: a dataset XML file, or an article that needs
 * extraction first. */
typedef enum {
    JB_INPUT_DATASET = 0,
    JB_INPUT_ARTICLE = 1,
} jb_input_kind_t;

/* One report of a job file, with its variables substituted and its paths
 * resolved relative to the job file. Valid until the job is freed. */
typedef struct {
    const char *id;
    const char *template_path;
    const char *output_path;
    const char *period; /* "2024Q3" */
    size_t n_globs;
    const char *const *globs;           /* input patterns, resolved */
    const jb_input_kind_t *glob_kinds;  /* kind of each pattern */
    size_t n_params;
    const char *const *params;          /* "name=value", in job-file order */
    unsigned timeout_s;                 /* 0 = no limit */
    unsigned memory_mb;                 /* 0 = no limit */
    unsigned line;                      /* of the <report> element */
    size_t n_corrections;
    const char *const *corrections;     /* corrections file patterns, resolved */
} jb_job_report_t;

/* Read and validate a job file against jobs.rng in jibao's data folder
 * (schema problems go to diag, may be NULL), evaluate its period
 * expressions from now and substitute {id} {period} {year} {quarter}
 * {month} {ytd} {date} into inputs, params and outputs. Fails with
 * JB_ERR_IO, JB_ERR_SYNTAX, JB_ERR_SCHEMA or JB_ERR_USAGE (a bad period,
 * time zone, variable, a duplicate id or output), always with line and
 * column. The caller frees the result. */
jb_job_t *jb_job_load_file(const char *path, int64_t now, jb_diag_fn diag, void *user,
                           jb_error_t *err);

void jb_job_free(jb_job_t *job);

size_t jb_job_get_report_count(const jb_job_t *job);
const jb_job_report_t *jb_job_get_report(const jb_job_t *job, size_t i);
const char *jb_job_get_path(const jb_job_t *job);

/* ---- sharding ------------------------------------------------------------ */

/* The shard (0..count-1) a report id belongs to: the first 8 bytes of the
 * SHA-256 of the id, big-endian, modulo count. Stable across versions and
 * machines, so N hosts each running --shard i/N do every report once. */
unsigned jb_batch_get_shard(const char *id, unsigned count);

/* ---- digests ------------------------------------------------------------- */

/* A fingerprint of the fonts jibao would use (fonts.conf, each face's file,
 * index, size and modification time), computed once per run. Returns a new
 * hex string the caller frees with free(). */
char *jb_batch_fonts_fingerprint(const jb_fonts_t *fonts);

/* The digest of a report: SHA-256 over the jibao version, the template's
 * contents, each input's kind and contents (in path order), each
 * corrections file's contents, the params and the fonts fingerprint.
 * Expands the globs: one that matches no file fails with JB_ERR_IO. On
 * success *inputs (datasets), *articles and *corrections (each may be NULL)
 * receive the expanded
 * paths (NULL-terminated, free with g_strfreev) and *digest a hex string to
 * free with free(). */
jb_status_t jb_batch_digest_report(const jb_job_report_t *report, const char *fonts_fingerprint,
                                   char ***inputs, char ***articles, char ***corrections,
                                   char **digest, jb_error_t *err);

/* The sidecar file recording the digest of an output: OUTPUT.jibao-digest.
 * A new string the caller frees with free(). */
char *jb_batch_digest_path(const char *output_path);

/* Whether output_path is up to date for digest: the sidecar records this
 * digest and the SHA-256 of the output file as it is now. */
int jb_batch_digest_is_current(const char *output_path, const char *digest);

/* Record digest (and the output's SHA-256) in the sidecar, atomically. */
jb_status_t jb_batch_digest_write(const char *output_path, const char *digest, jb_error_t *err);

/* ---- overlap lock -------------------------------------------------------- */

typedef struct jb_batch_lock jb_batch_lock_t;

/* Take an exclusive flock(2) on path (created if missing) and write our PID
 * into it. When another process holds it, returns NULL with JB_ERR_LIMIT
 * and *holder set to its PID (0 if unknown); other failures are JB_ERR_IO.
 * The kernel drops the lock when the holder dies, so it is never stale. */
jb_batch_lock_t *jb_batch_lock_acquire(const char *path, long *holder, jb_error_t *err);

/* Release and free the lock (the file stays). NULL is a no-op. */
void jb_batch_lock_release(jb_batch_lock_t *lock);

/* ---- running ------------------------------------------------------------- */

typedef enum {
    JB_BATCH_WRITTEN = 0,
    JB_BATCH_UP_TO_DATE = 1,
    JB_BATCH_FAILED = 2,
    JB_BATCH_WOULD_RENDER = 3, /* --dry-run */
    JB_BATCH_NOT_RUN = 4,      /* --fail-fast stopped the run first */
} jb_batch_outcome_t;

/* Options of a run. Zero-initialised = one worker, no shard, defaults of
 * the job file for the limits. */
typedef struct {
    unsigned jobs;        /* worker processes; 0 = 1 */
    unsigned shard_index; /* 0..shard_count-1 */
    unsigned shard_count; /* 0 or 1 = no sharding */
    int force;            /* render even up-to-date reports */
    int dry_run;          /* compute digests, render nothing */
    int fail_fast;        /* start no report after the first failure */
    unsigned timeout_s;   /* when non-zero, overrides the job file */
    unsigned memory_mb;   /* when non-zero, overrides the job file */
    const jb_limits_t *limits; /* the library's limits for every report; NULL =
                                  defaults (render time and memory: above) */
} jb_batch_options_t;

/* What happened to one report; valid only during the callback. */
typedef struct {
    const char *id;
    const char *output_path;
    jb_batch_outcome_t outcome;
    jb_error_t error; /* for JB_BATCH_FAILED */
    int killed;       /* the worker was stopped by its limit or died by a signal */
    double seconds;   /* wall-clock time of the worker */
} jb_batch_result_t;

typedef struct {
    size_t selected; /* reports in this shard */
    size_t written;
    size_t up_to_date;
    size_t failed;
    size_t would_render;
    size_t not_run;
} jb_batch_summary_t;

/* Called in the parent as each report ends, in the order they end; done
 * counts the results so far out of total. */
typedef void (*jb_batch_result_fn)(const jb_batch_result_t *result, size_t done, size_t total,
                                   void *user);

/* Run the reports of job: each in a forked worker (at most opts->jobs at
 * once) that expands the inputs, compares digests and renders; a worker
 * that passes its wall-clock limit is killed with SIGKILL; its memory is
 * capped with RLIMIT_DATA. Every report runs even when others fail (unless
 * fail_fast). Returns JB_OK when the run itself worked (reports may still
 * have failed: see summary), or JB_ERR_IO when workers cannot be started. */
jb_status_t jb_batch_run(const jb_job_t *job, const jb_batch_options_t *opts, jb_fonts_t *fonts,
                         jb_batch_result_fn on_result, void *user, jb_batch_summary_t *summary,
                         jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
