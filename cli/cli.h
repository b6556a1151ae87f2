/* The command-line program's shared pieces: exit codes, error printing and
 * option parsing used by every command file. Not part of the library. */
#ifndef JIBAO_CLI_H
#define JIBAO_CLI_H

#include <glib.h>
#include <stdio.h>

#include "jibao/dataset.h"
#include "jibao/error.h"
#include "jibao/limits.h"
#include "jibao/fonts.h"
#include "jibao/template.h"

/* Exit codes (documented in README.md and docs/cli.md). */
enum {
    EXIT_OK = 0,     /* success */
    EXIT_FAILED = 1, /* a report failed: input or output problem */
    EXIT_USAGE = 2,  /* usage, template or data error */
};

/* The exit code a status ends the program with. */
int cli_exit_code(jb_status_t status);

/* Print err as "file:line:col: error: message" on stderr. */
void cli_print_error(const jb_error_t *err);

/* jb_diag_fn that prints each diagnostic; user points to an int counter. */
void cli_print_diag(const jb_error_t *diag, void *user);

/* Print "jibao CMD: MESSAGE" and a hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);

/* Apply "--limit NAME=VALUE" to limits; on error prints the usage error
 * and returns EXIT_USAGE, else -1. */
int cli_parse_limit(const char *cmd, jb_limits_t *limits, const char *arg);

/* Options the commands share. */
typedef struct {
    const char *output;
    const char *format;
    GPtrArray *data; /* of const char* into argv */
    GPtrArray *corrections; /* of const char* into argv */
    const char *root;
    double time_limit; /* < 0: the library's default */
    jb_limits_t limits; /* --limit NAME=VALUE over the defaults */
    jb_params_t *params;
    int help;
    int verbose;
    int strict; /* --strict: missing glyphs are errors */
    int traditional; /* --script traditional */
} cli_options_t;

void cli_options_clear(cli_options_t *o);

/* Parse options with getopt_long: h (help), o (output), f (format), d (data,
 * repeatable), p (param NAME=VALUE, repeatable), v (verbose), c (corrections,
 * repeatable), r (root), T (time limit in seconds). Returns -1 to go
 * on, or an exit code. Arguments are left at argv[optind..]. */
struct option;
int cli_parse_options(const char *cmd, int argc, char **argv, const char *shortopts,
                      const struct option *longopts, cli_options_t *o);

/* Load a template (printing every schema problem), apply --root and
 * --time-limit, load the datasets and apply the corrections. */
jb_status_t cli_load_inputs(const char *template_path, const cli_options_t *o, jb_template_t **tpl,
                            jb_dataset_t **ds);

/* jibao's fonts, or NULL with the error printed and *status set. */
jb_fonts_t *cli_load_fonts(jb_status_t *status);

/* The commands, one file each. */
int cmd_extract(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_fonts(int argc, char **argv);

#endif
