/* jibao build: articles → facts (in memory) → a template rendered to PDF,
 * what jibao extract followed by jibao render does, without the dataset
 * file in between. */
#include "extract-cli.h"

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
    "  -h, --help             this help\n";

int
cmd_build(int argc, char **argv)
{
    extract_options_t o = {0};
    int rc = cli_extract_parse("build", argc, argv, &o);
    jb_extractor_t *ex = NULL;
    jb_template_t *tpl = NULL;
    jb_fonts_t *fonts = NULL;
    jb_document_t *doc = NULL;
    jb_pages_t *pages = NULL;
    sink_t sink = {0};
    jb_error_t err;
    jb_error_clear(&err);
    jb_status_t status = JB_OK;
    int reported = 0;

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
    if (!(tpl = jb_template_load_file(argv[optind], cli_print_diag, &reported, &err))) {
        if (!reported)
            cli_print_error(&err);
        status = err.status;
        goto done;
    }
    if (!(ex = jb_extractor_new(NULL, &err))) {
        cli_print_error(&err);
        status = err.status;
        goto done;
    }
    sink.ds = jb_dataset_new();
    sink.format = "xml";
    if ((status = cli_extract_all(ex, argv + optind + 1, argc - optind - 1, &o.ingest, &sink)) != JB_OK)
        goto done;
    if (!(fonts = cli_load_fonts(&status)))
        goto done;
    if (!(doc = jb_template_merge(tpl, sink.ds, o.params, &err)) ||
        !(pages = jb_layout_document(doc, fonts, &err))) {
        if (!err.file[0] && err.line)
            snprintf(err.file, sizeof err.file, "%s", argv[optind]);
        cli_print_error(&err);
        status = err.status;
        goto done;
    }
    jb_pdf_info_t info = {doc->title, doc->author, doc->subject, doc->keywords};
    if ((status = jb_output_write_pdf(pages, &info, o.output, &err)) != JB_OK)
        cli_print_error(&err);
done:
    rc = cli_exit_code(status);
out:
    jb_pages_free(pages);
    jb_document_free(doc);
    jb_fonts_free(fonts);
    jb_dataset_free(sink.ds);
    jb_template_free(tpl);
    jb_extractor_free(ex);
    jb_params_free(o.params);
    return rc;
}
