/* jibao — the command-line program: parse arguments, call the library, print
 * its errors as file:line:col: error: message, map statuses to exit codes.
 * Nothing here knows how a stage works. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <getopt.h>
#include <hb.h>
#include <libxml/xmlversion.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jibao/chart.h"
#include "jibao/dataset.h"
#include "jibao/fonts.h"
#include "jibao/layout.h"
#include "jibao/output.h"
#include "jibao/template.h"
#include "jibao/version.h"

/* Exit codes (documented in README.md and docs/cli.md). */
enum {
    EXIT_OK = 0,     /* success */
    EXIT_FAILED = 1, /* a report failed: input or output problem */
    EXIT_USAGE = 2,  /* usage, template or data error */
};

static const char *program = "jibao";

/* How each status ends the program: input and output problems fail the
 * report (1); everything the user must fix in a command, template or dataset
 * is 2. */
static int
exit_code_for(jb_status_t status)
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

static void
print_error(const jb_error_t *err)
{
    char buf[2300];
    fprintf(stderr, "%s\n", jb_error_format(err, "error", buf, sizeof buf));
}

static void
print_diag(const jb_error_t *diag, void *user)
{
    int *count = user;
    (*count)++;
    print_error(diag);
}

static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s %s: ", program, cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s %s --help'.\n", program, cmd);
    return EXIT_USAGE;
}

/* ---- help texts ---- */

static const char main_help[] =
    "Usage: jibao COMMAND [OPTION]... [ARG]...\n"
    "Turn Chinese economic articles and bulletins into briefing PDFs.\n"
    "\n"
    "Commands:\n"
    "  extract   extract statistics from articles into a dataset\n"
    "  render    render a template with datasets into a PDF\n"
    "  build     extract from articles, then render (extract + render)\n"
    "  check     validate a template and its bindings; render nothing\n"
    "  chart     render one chart spec into a PDF, SVG or PNG\n"
    "  batch     run the reports of a job file (for cron and systemd timers)\n"
    "  fonts     list the fonts jibao resolves, and their files\n"
    "\n"
    "Options:\n"
    "  -h, --help             this help; 'jibao COMMAND --help' for a command\n"
    "  -V, --version          print the version; with --verbose also the libraries'\n"
    "\n"
    "Exit status: 0 success, 1 a report failed (input or output problem),\n"
    "2 usage, template or data error.\n";

static const char extract_help[] =
    "Usage: jibao extract [--format csv|xml|json] [-o OUT] FILE...\n"
    "Extract the statistics of articles (.txt, .html; '-' = standard input).\n"
    "\n"
    "  -f, --format FORMAT    csv (default), xml (the dataset) or json\n"
    "  -o, --output OUT       write to OUT instead of standard output\n"
    "  -h, --help             this help\n";

static const char render_help[] =
    "Usage: jibao render TEMPLATE [--data DATASET]... [--param NAME=VALUE]... -o OUT.pdf\n"
    "Merge a template with datasets and typeset it into a PDF.\n"
    "\n"
    "  -d, --data DATASET     a dataset XML file from 'jibao extract' (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "  -h, --help             this help\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, fixes the PDF's dates: same input, same bytes.\n";

static const char build_help[] =
    "Usage: jibao build TEMPLATE [--param NAME=VALUE]... -o OUT.pdf ARTICLE...\n"
    "Extract the statistics of the articles, then render the template with them.\n"
    "\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "  -h, --help             this help\n";

static const char check_help[] =
    "Usage: jibao check TEMPLATE [--data DATASET]... [--param NAME=VALUE]...\n"
    "Validate a template against the schema and evaluate every binding against\n"
    "the datasets; report every problem as file:line:col. Renders nothing.\n"
    "\n"
    "  -d, --data DATASET     a dataset XML file (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -h, --help             this help\n";

static const char chart_help[] =
    "Usage: jibao chart SPEC.xml [--data DATASET]... -o OUT.pdf|OUT.svg|OUT.png\n"
    "Render one chart element on its own.\n"
    "\n"
    "  -d, --data DATASET     a dataset XML file (repeatable)\n"
    "  -o, --output OUT       PDF, SVG or PNG, chosen by the extension\n"
    "  -h, --help             this help\n";

static const char batch_help[] =
    "Usage: jibao batch JOBFILE [-j N] [--shard I/N] [--force]\n"
    "Run every report of a job file; skip outputs that are up to date.\n"
    "\n"
    "  -j, --jobs N           run N reports at once\n"
    "      --shard I/N        run only the I-th of N shards of the reports\n"
    "      --force            render even up-to-date reports\n"
    "  -h, --help             this help\n";

static const char fonts_help[] =
    "Usage: jibao fonts\n"
    "List the font families jibao resolves (from its own fontconfig setup in\n"
    "fonts/, not the system's) and the files they come from.\n"
    "\n"
    "  -h, --help             this help\n"
    "\n"
    "JIBAO_FONTS_DIR names another folder holding a fonts.conf.\n";

/* ---- shared option handling ---- */

typedef struct {
    const char *output;
    const char *format;
    GPtrArray *data;   /* of const char* into argv */
    jb_params_t *params;
    int help;
    int verbose;
} options_t;

static void
options_clear(options_t *o)
{
    if (o->data)
        g_ptr_array_free(o->data, TRUE);
    jb_params_free(o->params);
}

/* Parse the options common to the commands; returns -1 to go on or an exit
 * code. Non-option arguments are left at argv[optind..]. */
static int
parse_options(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, options_t *o)
{
    o->data = g_ptr_array_new();
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
                return usage_error(cmd, "%s", err.message);
            break;
        }
        case 'v':
            o->verbose = 1;
            break;
        case 'j':
        case 's':
        case 'F':
            break;
        case ':':
            return usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return -1;
}

static const struct option render_longopts[] = {
    {"data", required_argument, NULL, 'd'},   {"param", required_argument, NULL, 'p'},
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Load the template (printing every schema problem) and the datasets. */
static jb_status_t
load_inputs(const char *template_path, GPtrArray *data, jb_template_t **tpl, jb_dataset_t **ds)
{
    jb_error_t err;
    jb_error_clear(&err);
    int reported = 0;
    *ds = NULL;
    *tpl = jb_template_load_file(template_path, print_diag, &reported, &err);
    if (!*tpl) {
        if (!reported)
            print_error(&err);
        return err.status;
    }
    *ds = jb_dataset_new();
    for (guint i = 0; i < data->len; i++) {
        if (jb_dataset_load_file(*ds, g_ptr_array_index(data, i), &err) != JB_OK) {
            print_error(&err);
            return err.status;
        }
    }
    return JB_OK;
}

static jb_fonts_t *
load_fonts(jb_status_t *status)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_fonts_t *fonts = jb_fonts_new(NULL, &err);
    if (!fonts) {
        print_error(&err);
        *status = err.status;
    }
    return fonts;
}

/* ---- commands ---- */

static int
cmd_render(int argc, char **argv)
{
    options_t o = {0};
    int rc = parse_options("render", argc, argv, "d:p:o:h", render_longopts, &o);
    jb_status_t status = JB_OK;
    jb_template_t *tpl = NULL;
    jb_dataset_t *ds = NULL;
    jb_fonts_t *fonts = NULL;
    jb_document_t *doc = NULL;
    jb_pages_t *pages = NULL;
    jb_error_t err;
    jb_error_clear(&err);

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(render_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = usage_error("render", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if (!o.output) {
        rc = usage_error("render", "%s", "missing -o OUT.pdf");
        goto out;
    }
    if ((status = load_inputs(argv[optind], o.data, &tpl, &ds)) != JB_OK)
        goto done;
    if (!(fonts = load_fonts(&status)))
        goto done;
    if (!(doc = jb_template_merge(tpl, ds, o.params, &err)) ||
        !(pages = jb_layout_document(doc, fonts, &err))) {
        print_error(&err);
        status = err.status;
        goto done;
    }
    jb_pdf_info_t info = {doc->title, doc->author, doc->subject, doc->keywords};
    if ((status = jb_output_write_pdf(pages, &info, o.output, &err)) != JB_OK)
        print_error(&err);
done:
    rc = exit_code_for(status);
out:
    jb_pages_free(pages);
    jb_document_free(doc);
    jb_fonts_free(fonts);
    jb_dataset_free(ds);
    jb_template_free(tpl);
    options_clear(&o);
    return rc;
}

static int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", required_argument, NULL, 'd'},
        {"param", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    options_t o = {0};
    int rc = parse_options("check", argc, argv, "d:p:h", longopts, &o);
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
        rc = usage_error("check", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if ((status = load_inputs(argv[optind], o.data, &tpl, &ds)) == JB_OK) {
        jb_error_t err;
        jb_error_clear(&err);
        int reported = 0;
        status = jb_template_check(tpl, ds, o.params, print_diag, &reported, &err);
        if (status == JB_OK)
            printf("%s: ok (%zu facts from %u datasets)\n", argv[optind],
                   jb_dataset_get_fact_count(ds), o.data->len);
        else if (!reported)
            print_error(&err);
    }
    rc = exit_code_for(status);
out:
    jb_dataset_free(ds);
    jb_template_free(tpl);
    options_clear(&o);
    return rc;
}

static int
cmd_fonts(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    options_t o = {0};
    int rc = parse_options("fonts", argc, argv, "h", longopts, &o);
    if (rc < 0 && o.help) {
        fputs(fonts_help, stdout);
        rc = EXIT_OK;
    } else if (rc < 0 && optind != argc) {
        rc = usage_error("fonts", "unexpected argument '%s'", argv[optind]);
    } else if (rc < 0) {
        jb_status_t status = JB_OK;
        jb_fonts_t *fonts = load_fonts(&status);
        if (fonts) {
            printf("font configuration: %s/fonts.conf\n", jb_fonts_get_default_dir());
            for (size_t i = 0; i < jb_fonts_get_count(fonts); i++) {
                const jb_font_info_t *f = jb_fonts_get_info(fonts, i);
                printf("%-12s %s %s\t%s", f->request, f->family, f->style, f->file);
                if (f->index)
                    printf(" (face %d)", f->index);
                putchar('\n');
            }
            jb_fonts_free(fonts);
        }
        rc = exit_code_for(status);
    }
    options_clear(&o);
    return rc;
}

/* Commands whose stage a later version fills: they accept --help and say
 * plainly that they cannot run yet. */
static int
cmd_pending(const char *cmd, const char *help, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},     {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'}, {"data", required_argument, NULL, 'd'},
        {"param", required_argument, NULL, 'p'},  {"jobs", required_argument, NULL, 'j'},
        {"shard", required_argument, NULL, 's'},  {"force", no_argument, NULL, 'F'},
        {NULL, 0, NULL, 0},
    };
    options_t o = {0};
    int rc = parse_options(cmd, argc, argv, "hf:o:d:p:j:", longopts, &o);
    if (rc < 0 && o.help) {
        fputs(help, stdout);
        rc = EXIT_OK;
    } else if (rc < 0) {
        fprintf(stderr, "%s %s: not implemented yet in jibao %s\n", program, cmd, JB_VERSION);
        rc = EXIT_USAGE;
    }
    options_clear(&o);
    return rc;
}

static int
cmd_extract(int argc, char **argv)
{
    return cmd_pending("extract", extract_help, argc, argv);
}

static int
cmd_build(int argc, char **argv)
{
    return cmd_pending("build", build_help, argc, argv);
}

static int
cmd_chart(int argc, char **argv)
{
    return cmd_pending("chart", chart_help, argc, argv);
}

static int
cmd_batch(int argc, char **argv)
{
    return cmd_pending("batch", batch_help, argc, argv);
}

static int
print_version(int verbose)
{
    printf("jibao %s\n", JB_VERSION);
    if (verbose) {
        int fc = FcGetVersion();
        printf("cairo %s\n", cairo_version_string());
        printf("pango %s\n", pango_version_string());
        printf("harfbuzz %s\n", hb_version_string());
        printf("libxml2 %s\n", LIBXML_DOTTED_VERSION);
        printf("fontconfig %d.%d.%d\n", fc / 10000, fc / 100 % 100, fc % 100);
    }
    return EXIT_OK;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"extract", cmd_extract}, {"render", cmd_render}, {"build", cmd_build},
    {"check", cmd_check},     {"chart", cmd_chart},   {"batch", cmd_batch},
    {"fonts", cmd_fonts},
};

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_help, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(main_help, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        int verbose = argc > 2 && (strcmp(argv[2], "--verbose") == 0 || strcmp(argv[2], "-v") == 0);
        return print_version(verbose);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\nTry '%s --help'.\n", program, cmd, program);
    return EXIT_USAGE;
}
