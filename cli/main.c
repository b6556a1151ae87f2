/* jibao — the command-line program: parse arguments, call the library, print
 * its errors as file:line:col: error: message, map statuses to exit codes.
 * Nothing here knows how a stage works; each command has its own file. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <libxml/xmlversion.h>
#include <pango/pango.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jibao/version.h"

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
    fprintf(stderr, "jibao: unknown command '%s'\nTry 'jibao --help'.\n", cmd);
    return EXIT_USAGE;
}
