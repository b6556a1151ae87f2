/* Exit codes, error printing and option parsing shared by the commands. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* How each status ends the program: input and output problems fail the
 * report (1); everything the user must fix in a command, template or dataset
 * is 2. */
int
cli_exit_code(jb_status_t status)
{
    switch (status) {
    case JB_OK:
        return EXIT_OK;
    case JB_ERR_IO:
    case JB_ERR_INPUT:
    case JB_ERR_RENDER:
    case JB_ERR_LIMIT:
        return EXIT_FAILED;
    default:
        return EXIT_USAGE;
    }
}

void
cli_print_error(const jb_error_t *err)
{
    char buf[2300];
    fprintf(stderr, "%s\n",
            jb_error_format(err, err->is_warning ? "warning" : "error", buf, sizeof buf));
}

void
cli_print_diag(const jb_error_t *diag, void *user)
{
    int *count = user;
    (*count)++;
    cli_print_error(diag);
}

int
cli_parse_limit(const char *cmd, jb_limits_t *limits, const char *arg)
{
    jb_error_t err;
    jb_error_clear(&err);
    if (jb_limits_parse(limits, arg, &err) != JB_OK)
        return cli_usage_error(cmd, "%s", err.message);
    return -1;
}

int
cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "jibao %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'jibao %s --help'.\n", cmd);
    return EXIT_USAGE;
}

void
cli_options_clear(cli_options_t *o)
{
    if (o->data)
        g_ptr_array_free(o->data, TRUE);
    if (o->corrections)
        g_ptr_array_free(o->corrections, TRUE);
    jb_params_free(o->params);
}

/* Parse the options common to the commands; returns -1 to go on or an exit
 * code. Non-option arguments are left at argv[optind..]. */
int
cli_parse_options(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, cli_options_t *o)
{
    o->data = g_ptr_array_new();
    o->corrections = g_ptr_array_new();
    o->time_limit = -1;
    jb_limits_init(&o->limits);
    o->params = jb_params_new();
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            o->help = 1;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'f':
            o->format = optarg;
            break;
        case 'd':
            g_ptr_array_add(o->data, optarg);
            break;
        case 'p': {
            jb_error_t err;
            jb_error_clear(&err);
            if (jb_params_parse(o->params, optarg, &err) != JB_OK)
                return cli_usage_error(cmd, "%s", err.message);
            break;
        }
        case 'v':
            o->verbose = 1;
            break;
        case 'c':
            g_ptr_array_add(o->corrections, optarg);
            break;
        case 'r':
            o->root = optarg;
            break;
        case 'T': {
            char *end = NULL;
            o->time_limit = g_ascii_strtod(optarg, &end);
            if (!end || *end || o->time_limit < 0)
                return cli_usage_error(cmd, "--time-limit '%s' is not a number of seconds",
                                       optarg);
            o->limits.xpath_time = o->time_limit;
            break;
        }
        case 'L': {
            int lrc = cli_parse_limit(cmd, &o->limits, optarg);
            if (lrc >= 0)
                return lrc;
            break;
        }
        case 'S':
            o->strict = 1;
            break;
        case 'X':
            if (strcmp(optarg, "traditional") == 0)
                o->traditional = 1;
            else if (strcmp(optarg, "simplified") != 0)
                return cli_usage_error(cmd, "--script '%s': simplified or traditional", optarg);
            break;
        case 'j':
        case 's':
        case 'F':
            break;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return -1;
}

/* Load the template (printing every schema problem) and the datasets. */
jb_status_t
cli_load_inputs(const char *template_path, const cli_options_t *o, jb_template_t **tpl,
                jb_dataset_t **ds)
{
    jb_error_t err;
    jb_error_clear(&err);
    int reported = 0;
    *ds = NULL;
    *tpl = NULL;
    /* input-size before anything is read */
    const char *const *groups[] = {(const char *const *)o->data->pdata,
                                   (const char *const *)o->corrections->pdata};
    guint counts[] = {o->data->len, o->corrections->len};
    if (jb_limits_check_file(&o->limits, template_path, &err) != JB_OK)
        goto too_large;
    for (int g = 0; g < 2; g++)
        for (guint i = 0; i < counts[g]; i++)
            if (jb_limits_check_file(&o->limits, groups[g][i], &err) != JB_OK)
                goto too_large;
    *tpl = jb_template_load_file(template_path, cli_print_diag, &reported, &err);
    if (!*tpl) {
        if (!reported)
            cli_print_error(&err);
        return err.status;
    }
    if (o->root)
        jb_template_set_root(*tpl, o->root);
    jb_template_set_limits(*tpl, &o->limits);
    *ds = jb_dataset_new();
    for (guint i = 0; i < o->data->len; i++) {
        if (jb_dataset_load_file(*ds, g_ptr_array_index(o->data, i), &err) != JB_OK) {
            cli_print_error(&err);
            return err.status;
        }
    }
    for (guint i = 0; i < o->corrections->len; i++) {
        if (jb_dataset_load_corrections(*ds, g_ptr_array_index(o->corrections, i), NULL, &err) !=
            JB_OK) {
            cli_print_error(&err);
            return err.status;
        }
    }
    return JB_OK;
too_large:
    cli_print_error(&err);
    return err.status;
}

jb_fonts_t *
cli_load_fonts(jb_status_t *status)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_fonts_t *fonts = jb_fonts_new(NULL, &err);
    if (!fonts) {
        cli_print_error(&err);
        *status = err.status;
    }
    return fonts;
}

