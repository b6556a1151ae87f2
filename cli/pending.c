/* Commands whose stage a later version fills. Each moves to its own file
 * when its stage lands. */
#include "cli.h"

#include <getopt.h>

#include "jibao/version.h"

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
cmd_chart(int argc, char **argv)
{
    return pending("chart", chart_help, argc, argv);
}

int
cmd_batch(int argc, char **argv)
{
    return pending("batch", batch_help, argc, argv);
}

