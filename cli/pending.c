/* Commands whose stage a later version fills. Each moves to its own file
 * when its stage lands. */
#include "cli.h"

#include <getopt.h>

#include "jibao/version.h"

static const char extract_help[] =
    "Usage: jibao extract [--format csv|xml|json] [-o OUT] FILE...\n"
    "Extract the statistics of articles (.txt, .html; '-' = standard input).\n"
    "\n"
    "  -f, --format FORMAT    csv (default), xml (the dataset) or json\n"
    "  -o, --output OUT       write to OUT instead of standard output\n"
    "  -h, --help             this help\n";

static const char build_help[] =
    "Usage: jibao build TEMPLATE [--param NAME=VALUE]... -o OUT.pdf ARTICLE...\n"
    "Extract the statistics of the articles, then render the template with them.\n"
    "\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "  -h, --help             this help\n";

/* Commands whose stage a later version fills: they accept --help and say
 * plainly that they cannot run yet. */
static int
pending(const char *cmd, const char *help, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},     {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'}, {"data", required_argument, NULL, 'd'},
        {"param", required_argument, NULL, 'p'},  {"jobs", required_argument, NULL, 'j'},
        {"shard", required_argument, NULL, 's'},  {"force", no_argument, NULL, 'F'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o = {0};
    int rc = cli_parse_options(cmd, argc, argv, "hf:o:d:p:j:", longopts, &o);
    if (rc < 0 && o.help) {
        fputs(help, stdout);
        rc = EXIT_OK;
    } else if (rc < 0) {
        fprintf(stderr, "jibao %s: not implemented yet in jibao %s\n", cmd, JB_VERSION);
        rc = EXIT_USAGE;
    }
    cli_options_clear(&o);
    return rc;
}

int
cmd_extract(int argc, char **argv)
{
    return pending("extract", extract_help, argc, argv);
}

int
cmd_build(int argc, char **argv)
{
    return pending("build", build_help, argc, argv);
}

