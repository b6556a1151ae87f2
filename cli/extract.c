/* jibao extract: articles → facts as CSV, the dataset XML or JSON. The
 * option parsing and the extraction loop are shared with jibao build. */
#include "extract-cli.h"

#include <getopt.h>
#include <string.h>

#include "../src/base/util-private.h"
#include "jibao/extract.h"
#include "jibao/ingest.h"

static const char extract_help[] =
    "Usage: jibao extract [--format csv|xml|json] [-o OUT] FILE...\n"
    "Extract the statistics of articles (.txt, .html; '-' = standard input).\n"
    "\n"
    "  -f, --format FORMAT        csv (default), xml (the dataset) or json\n"
    "  -o, --output OUT           write to OUT (replaced atomically) instead of standard output\n"
    "  -e, --encoding ENC         auto (default), utf-8, gb18030, gbk, big5, utf-16\n"
    "      --encoding-errors=replace  decode bad bytes as U+FFFD instead of failing\n"
    "      --html, --text         read the input as HTML or text whatever its name\n"
    "      --limit NAME=VALUE     article-size (bytes) or html-depth (elements), 0 = none\n"
    "  -h, --help                 this help\n"
    "\n"
    "Exit status: 0 success; 1 an article could not be read or decoded (the\n"
    "others are still extracted); 2 usage error.\n";



enum { OPT_ERRORS = 1000, OPT_HTML, OPT_TEXT, OPT_STRICT, OPT_SCRIPT };

int
cli_extract_parse(const char *cmd, int argc, char **argv, extract_options_t *o)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"encoding", required_argument, NULL, 'e'}, {"encoding-errors", required_argument, NULL, OPT_ERRORS},
        {"html", no_argument, NULL, OPT_HTML},      {"text", no_argument, NULL, OPT_TEXT},
        {"param", required_argument, NULL, 'p'},    {"help", no_argument, NULL, 'h'},
        {"strict", no_argument, NULL, OPT_STRICT},  {"script", required_argument, NULL, OPT_SCRIPT},
        {"limit", required_argument, NULL, 'L'},
        {NULL, 0, NULL, 0},
    };
    o->params = jb_params_new();
    jb_limits_init(&o->limits);
    o->ingest.limits = &o->limits;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, strcmp(cmd, "build") ? "f:o:e:h" : "p:o:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            o->format = optarg;
            if (strcmp(optarg, "csv") && strcmp(optarg, "xml") && strcmp(optarg, "json"))
                return cli_usage_error(cmd, "unknown format '%s' (csv, xml or json)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'e':
            o->ingest.encoding = optarg;
            break;
        case OPT_ERRORS:
            if (strcmp(optarg, "replace") && strcmp(optarg, "strict"))
                return cli_usage_error(cmd, "--encoding-errors takes strict or replace, not '%s'", optarg);
            o->ingest.replace_errors = !strcmp(optarg, "replace");
            break;
        case OPT_HTML:
            o->ingest.format = JB_FORMAT_HTML;
            break;
        case OPT_TEXT:
            o->ingest.format = JB_FORMAT_TEXT;
            break;
        case 'p': {
            jb_error_t err;
            jb_error_clear(&err);
            if (strcmp(cmd, "build") || jb_params_parse(o->params, optarg, &err) != JB_OK)
                return cli_usage_error(cmd, "%s", err.message[0] ? err.message : "unknown option '-p'");
            break;
        }
        case 'L': {
            int lrc = cli_parse_limit(cmd, &o->limits, optarg);
            if (lrc >= 0)
                return lrc;
            break;
        }
        case OPT_STRICT:
        case OPT_SCRIPT:
            /* rendering options: build only */
            if (strcmp(cmd, "build") != 0)
                return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            if (c == OPT_STRICT)
                o->strict = 1;
            else if (strcmp(optarg, "traditional") == 0)
                o->traditional = 1;
            else if (strcmp(optarg, "simplified") != 0)
                return cli_usage_error(cmd, "--script '%s': simplified or traditional", optarg);
            break;
        case 'h':
            o->help = 1;
            break;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return -1;
}



static void
on_fact(const jb_fact_t *fact, void *user)
{
    sink_t *k = user;
    if (k->ds)
        jb_dataset_add_fact(k->ds, k->source, fact);
    else
        jb_fact_writer_add(k->writer, fact);
    k->n++;
}

/* Extract every article into the sink; returns the worst status (an
 * article that cannot be read is reported and skipped). */
jb_status_t
cli_extract_all(const jb_extractor_t *ex, char **files, int n, const jb_ingest_options_t *opts,
            sink_t *sink)
{
    jb_status_t worst = JB_OK;
    for (int i = 0; i < n; i++) {
        jb_error_t err;
        jb_error_clear(&err);
        jb_article_t *a = jb_ingest_load_file(files[i], opts, &err);
        if (!a) {
            if (!err.file[0])
                snprintf(err.file, sizeof err.file, "%s", files[i]);
            cli_print_error(&err);
            if (err.status == JB_ERR_USAGE)
                return err.status;
            worst = err.status;
            continue;
        }
        if (sink->ds)
            sink->source = jb_dataset_add_source(sink->ds, jb_article_get_name(a),
                                                 jb_article_get_title(a), jb_article_get_encoding(a));
        jb_extract_article(ex, a, on_fact, sink);
        sink->n_articles++;
        jb_article_free(a);
    }
    return worst;
}

int
cmd_extract(int argc, char **argv)
{
    extract_options_t o = {0};
    o.format = "csv";
    int rc = cli_extract_parse("extract", argc, argv, &o);
    jb_extractor_t *ex = NULL;
    jb_atomic_file_t *af = NULL;
    sink_t sink = {0};
    jb_error_t err;
    jb_error_clear(&err);
    jb_status_t status = JB_OK;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(extract_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind >= argc) {
        rc = cli_usage_error("extract", "%s", "missing FILE (use - for standard input)");
        goto out;
    }
    if (!(ex = jb_extractor_new(NULL, &err))) {
        cli_print_error(&err);
        rc = cli_exit_code(err.status);
        goto out;
    }
    sink.out = stdout;
    if (o.output) {
        if (!(af = jb_atomic_file_open(o.output, &err))) {
            cli_print_error(&err);
            rc = cli_exit_code(err.status);
            goto out;
        }
        sink.out = jb_atomic_file_get_stream(af);
    }
    if (!strcmp(o.format, "xml"))
        sink.ds = jb_dataset_new();
    else
        sink.writer = jb_fact_writer_new(sink.out, strcmp(o.format, "json") ? JB_FACT_CSV
                                                                             : JB_FACT_JSON);

    status = cli_extract_all(ex, argv + optind, argc - optind, &o.ingest, &sink);
    if (status == JB_ERR_USAGE) {
        rc = EXIT_USAGE;
        goto out;
    }
    if (sink.ds && jb_dataset_write_xml(sink.ds, sink.out, &err) != JB_OK) {
        cli_print_error(&err);
        status = err.status;
    } else if (sink.writer) {
        jb_fact_writer_end(sink.writer);
    }
    if (af && sink.n_articles == 0) {
        /* not one article could be read: the previous output stays */
        rc = cli_exit_code(status);
        goto out;
    }
    if (af) {
        jb_status_t s2 = jb_atomic_file_commit(af, &err);
        af = NULL;
        if (s2 != JB_OK) {
            cli_print_error(&err);
            status = s2;
        }
    } else if (fflush(stdout) != 0) {
        status = JB_ERR_IO;
    }
    rc = cli_exit_code(status);
out:
    jb_fact_writer_free(sink.writer); /* before af: flushes what is left to it */
    jb_atomic_file_abort(af);
    jb_dataset_free(sink.ds);
    jb_extractor_free(ex);
    jb_params_free(o.params);
    return rc;
}
