/* What jibao extract and jibao build share: their options and the loop
 * that extracts a list of articles into a CSV/JSON stream or a dataset. Not
 * part of the library. */
#ifndef JIBAO_EXTRACT_CLI_H
#define JIBAO_EXTRACT_CLI_H

#include "cli.h"
#include "jibao/extract.h"
#include "jibao/ingest.h"

typedef struct {
    const char *output;
    const char *format;
    jb_ingest_options_t ingest;
    jb_params_t *params;
    int help;
    jb_limits_t limits; /* --limit NAME=VALUE; ingest.limits points here */
    int strict;      /* build: a character missing from the fonts fails */
    int traditional; /* build: the traditional edition */
} extract_options_t;

/* Parse the options of cmd ("extract" or "build"); returns -1 to go on or an
 * exit code. Arguments are left at argv[optind..]. */
int cli_extract_parse(const char *cmd, int argc, char **argv, extract_options_t *o);

/* Where the facts go: a CSV or JSON stream (writer, on out), or the
 * dataset ds. */
typedef struct {
    FILE *out;
    jb_fact_writer_t *writer;
    jb_dataset_t *ds;
    const char *source;
    size_t n;
    size_t n_articles; /* articles read (not skipped) */
} sink_t;

/* Extract every article into the sink; returns the worst status (an
 * article that cannot be read is reported on stderr and skipped; a usage
 * error stops at once). */
jb_status_t cli_extract_all(const jb_extractor_t *ex, char **files, int n,
                            const jb_ingest_options_t *opts, sink_t *sink);

#endif
