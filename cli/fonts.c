/* jibao fonts: the families jibao resolves from its own fontconfig setup. */
#include "cli.h"

#include <getopt.h>

static const char fonts_help[] =
    "Usage: jibao fonts\n"
    "List the font families jibao resolves (from its own fontconfig setup in\n"
    "fonts/, not the system's) and the files they come from.\n"
    "\n"
    "  -h, --help             this help\n"
    "\n"
    "JIBAO_FONTS_DIR names another folder holding a fonts.conf.\n";

int
cmd_fonts(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o = {0};
    int rc = cli_parse_options("fonts", argc, argv, "h", longopts, &o);
    if (rc < 0 && o.help) {
        fputs(fonts_help, stdout);
        rc = EXIT_OK;
    } else if (rc < 0 && optind != argc) {
        rc = cli_usage_error("fonts", "unexpected argument '%s'", argv[optind]);
    } else if (rc < 0) {
        jb_status_t status = JB_OK;
        jb_fonts_t *fonts = cli_load_fonts(&status);
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
        rc = cli_exit_code(status);
    }
    cli_options_clear(&o);
    return rc;
}

