/* jibao build: articles → facts (in memory) → a template rendered to PDF,
 * what jibao extract followed by jibao render does, without the dataset
 * file in between. */
#include "extract-cli.h"
#include "jibao/batch.h"

#include <getopt.h>

#include "jibao/layout.h"
#include "jibao/output.h"

static const char build_help[] =
    "Usage: jibao build TEMPLATE [--param NAME=VALUE]... -o OUT.pdf ARTICLE...\n"
    "Extract the statistics of the articles, then render the template with them.\n"
    "\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "  -e, --encoding ENC     encoding of the articles (default: detected)\n"
    "      --limit NAME=VALUE set a resource limit, 0 = none (docs/cli.md)\n"
    "      --strict           a character missing from jibao's fonts is an error\n"
    "      --script SCRIPT    simplified (default) or traditional: the 繁體 edition\n"
    "  -h, --help             this help\n";

int
cmd_build(int argc, char **argv)
{
    extract_options_t o = {0};
    int rc = cli_extract_parse("build", argc, argv, &o);
    jb_fonts_t *fonts = NULL;
    jb_status_t status = JB_OK;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(build_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (argc - optind < 2) {
        rc = cli_usage_error("build", "%s", optind >= argc ? "missing TEMPLATE" : "missing ARTICLE");
        goto out;
    }
    if (!o.output) {
        rc = cli_usage_error("build", "%s", "missing -o OUT.pdf");
        goto out;
    }
    if (!(fonts = cli_load_fonts(&status)))
        goto done;
    /* the same pipeline as render and batch, with the articles extracted
       first; every problem is printed once by cli_print_diag */
    jb_report_t rep = {.template_path = argv[optind],
                       .article_paths = (const char *const *)(argv + optind + 1),
                       .n_articles = (size_t)(argc - optind - 1),
                       .ingest = &o.ingest,
                       .params = o.params,
                       .time_limit = -1,
                       .output_path = o.output,
                       .strict = o.strict,
                       .traditional = o.traditional,
                       .limits = &o.limits};
    int reported = 0;
    jb_error_t err;
    jb_error_clear(&err);
    status = jb_report_render(&rep, fonts, cli_print_diag, &reported, &err);
done:
    rc = cli_exit_code(status);
out:
    jb_fonts_free(fonts);
    jb_params_free(o.params);
    return rc;
}
