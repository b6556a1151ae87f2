/* jibao chart: one chart spec (the <chart> element of templates, as the
 * root of its own file) rendered alone into a PDF, SVG or PNG. */
#include "cli.h"

#include <getopt.h>

#include "jibao/chart.h"
#include "jibao/output.h"

/* The width of an A4 text column (170 mm), so a chart looks as it will in
 * a briefing; the height is the spec's, else 300 pt. */
#define CHART_WIDTH 482.0
#define CHART_HEIGHT 300.0

static const char chart_help[] =
    "Usage: jibao chart SPEC.xml [--data DATASET]... -o OUT.pdf|OUT.svg|OUT.png\n"
    "Render one chart element on its own (docs/charts.md).\n"
    "\n"
    "  -d, --data DATASET     a dataset XML file for select= series (repeatable)\n"
    "  -o, --output OUT       PDF, SVG or PNG, chosen by the extension (replaced atomically)\n"
    "  -h, --help             this help\n";

int
cmd_chart(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o = {0};
    int rc = cli_parse_options("chart", argc, argv, "d:o:h", longopts, &o);
    jb_status_t status = JB_OK;
    jb_dataset_t *ds = NULL;
    jb_chart_spec_t *spec = NULL;
    jb_fonts_t *fonts = NULL;
    jb_error_t err;
    jb_error_clear(&err);

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(chart_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("chart", "%s", optind >= argc ? "missing SPEC.xml" : "one SPEC.xml only");
        goto out;
    }
    if (!o.output) {
        rc = cli_usage_error("chart", "%s", "missing -o OUT.pdf|OUT.svg|OUT.png");
        goto out;
    }
    if (o.data->len > 0) {
        ds = jb_dataset_new();
        for (guint i = 0; i < o.data->len; i++)
            if ((status = jb_dataset_load_file(ds, g_ptr_array_index(o.data, i), &err)) != JB_OK)
                goto fail;
    }
    if (!(spec = jb_chart_spec_load_file(argv[optind], ds, &err))) {
        status = err.status;
        goto fail;
    }
    if (!(fonts = cli_load_fonts(&status)))
        goto done;
    status = jb_output_write_chart(spec, fonts, CHART_WIDTH,
                                 spec->height > 0 ? spec->height : CHART_HEIGHT, o.output, &err);
    if (status == JB_OK)
        goto done;
fail:
    /* the chart stage knows no file: name the spec */
    if (!err.file[0])
        snprintf(err.file, sizeof err.file, "%s", argv[optind]);
    cli_print_error(&err);
done:
    rc = cli_exit_code(status);
out:
    jb_fonts_free(fonts);
    jb_chart_spec_free(spec);
    jb_dataset_free(ds);
    cli_options_clear(&o);
    return rc;
}
