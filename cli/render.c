/* jibao render and jibao check: a template and its datasets, merged and
 * either typeset into a PDF or only checked. */
#include "cli.h"

#include <getopt.h>

#include "jibao/batch.h"

static const char render_help[] =
    "Usage: jibao render TEMPLATE [--data DATASET]... [--param NAME=VALUE]... -o OUT.pdf\n"
    "Merge a template with datasets and typeset it into a PDF.\n"
    "\n"
    "  -d, --data DATASET     a dataset: XML from 'jibao extract', or facts CSV (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -c, --corrections FILE an analyst's corrections file (repeatable)\n"
    "  -r, --root DIR         files the template includes must lie under DIR\n"
    "                         (default: the template's folder)\n"
    "      --time-limit SECS  wall-clock limit on XPath evaluation (default 60)\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "      --strict           a character missing from jibao's fonts is an error\n"
    "                         (by default a warning: no tofu reaches a PDF silently)\n"
    "      --script SCRIPT    simplified (default) or traditional: the 繁體 edition\n"
    "                         (OpenCC s2t, Noto CJK TC faces)\n"
    "  -h, --help             this help\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, fixes the PDF's dates: same input, same bytes.\n";

static const char check_help[] =
    "Usage: jibao check TEMPLATE [--data DATASET]... [--param NAME=VALUE]...\n"
    "Validate a template against the schema and evaluate every binding against\n"
    "the datasets; report every problem as file:line:col. Renders nothing.\n"
    "\n"
    "  -d, --data DATASET     a dataset: XML or facts CSV (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -c, --corrections FILE an analyst's corrections file (repeatable)\n"
    "  -r, --root DIR         files the template includes must lie under DIR\n"
    "      --time-limit SECS  wall-clock limit on XPath evaluation (default 60)\n"
    "  -h, --help             this help\n";

static const struct option render_longopts[] = {
    {"data", required_argument, NULL, 'd'},
    {"param", required_argument, NULL, 'p'},
    {"corrections", required_argument, NULL, 'c'},
    {"root", required_argument, NULL, 'r'},
    {"time-limit", required_argument, NULL, 'T'},
    {"output", required_argument, NULL, 'o'},
    {"strict", no_argument, NULL, 'S'},
    {"script", required_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int
cmd_render(int argc, char **argv)
{
    cli_options_t o = {0};
    int rc = cli_parse_options("render", argc, argv, "d:p:c:r:o:h", render_longopts, &o);
    jb_status_t status = JB_OK;
    jb_fonts_t *fonts = NULL;
    jb_error_t err;
    jb_error_clear(&err);
    int reported = 0;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(render_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("render", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if (!o.output) {
        rc = cli_usage_error("render", "%s", "missing -o OUT.pdf");
        goto out;
    }
    if (!(fonts = cli_load_fonts(&status)))
        goto done;
    /* the pipeline batch workers run too; every problem comes through
       cli_print_diag, once */
    jb_report_t report = {
        .template_path = argv[optind],
        .dataset_paths = (const char *const *)o.data->pdata,
        .n_datasets = o.data->len,
        .correction_paths = (const char *const *)o.corrections->pdata,
        .n_corrections = o.corrections->len,
        .params = o.params,
        .root = o.root,
        .time_limit = o.time_limit,
        .output_path = o.output,
        .strict = o.strict,
        .traditional = o.traditional,
    };
    status = jb_report_render(&report, fonts, cli_print_diag, &reported, &err);
done:
    rc = cli_exit_code(status);
out:
    jb_fonts_free(fonts);
    cli_options_clear(&o);
    return rc;
}

int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", required_argument, NULL, 'd'},
        {"param", required_argument, NULL, 'p'},
        {"corrections", required_argument, NULL, 'c'},
        {"root", required_argument, NULL, 'r'},
        {"time-limit", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o = {0};
    int rc = cli_parse_options("check", argc, argv, "d:p:c:r:h", longopts, &o);
    jb_template_t *tpl = NULL;
    jb_dataset_t *ds = NULL;
    jb_status_t status = JB_OK;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(check_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("check", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if ((status = cli_load_inputs(argv[optind], &o, &tpl, &ds)) == JB_OK) {
        jb_error_t err;
        jb_error_clear(&err);
        int reported = 0;
        status = jb_template_check(tpl, ds, o.params, cli_print_diag, &reported, &err);
        if (status == JB_OK)
            printf("%s: ok (%zu facts from %u datasets)\n", argv[optind],
                   jb_dataset_get_fact_count(ds), o.data->len);
        else if (!reported)
            cli_print_error(&err);
    }
    rc = cli_exit_code(status);
out:
    jb_dataset_free(ds);
    jb_template_free(tpl);
    cli_options_clear(&o);
    return rc;
}

