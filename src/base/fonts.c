/* jibao's own font configuration: a private FcConfig built from
 * fonts/fonts.conf, the pango font map over it, and the list of families it
 * resolves. Every stage that shapes text gets its pango context from here. */
#include "base-private.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef JB_SOURCE_DATADIR
#define JB_SOURCE_DATADIR ""
#endif
#ifndef JB_INSTALL_DATADIR
#define JB_INSTALL_DATADIR "/usr/local/share/jibao"
#endif

/* The requests whose resolution `jibao fonts` reports; the first two must
 * resolve to a CJK SC face or jibao refuses to run. */
static const struct {
    const char *request;
    int weight;
    int required;
} font_requests[] = {
    {"sans-serif", FC_WEIGHT_REGULAR, 1},
    {"sans-serif", FC_WEIGHT_BOLD, 0},
    {"serif", FC_WEIGHT_REGULAR, 1},
    {"serif", FC_WEIGHT_BOLD, 0},
};

struct jb_fonts {
    FcConfig *config;
    PangoFontMap *font_map;
    GPtrArray *infos; /* of jb_font_info_t*, strings owned by the array element */
    FcCharSet *coverage; /* every font's characters, for jb_fonts_has_char */
};

static void
font_info_free(gpointer p)
{
    jb_font_info_t *info = p;
    g_free((char *)info->request);
    g_free((char *)info->family);
    g_free((char *)info->style);
    g_free((char *)info->file);
    g_free(info);
}

const char *
jb_get_data_dir(void)
{
    const char *env = getenv("JIBAO_DATADIR");
    if (env && *env)
        return env;
    if (JB_SOURCE_DATADIR[0] && access(JB_SOURCE_DATADIR "/fonts/fonts.conf", R_OK) == 0)
        return JB_SOURCE_DATADIR;
    return JB_INSTALL_DATADIR;
}

const char *
jb_fonts_get_default_dir(void)
{
    static char *dir;
    const char *env = getenv("JIBAO_FONTS_DIR");
    if (env && *env)
        return env;
    if (!dir)
        dir = g_build_filename(jb_get_data_dir(), "fonts", NULL);
    return dir;
}

static jb_font_info_t *
resolve_request(FcConfig *config, const char *request, int weight)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)request);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern *match = FcFontMatch(config, pat, &result);
    FcPatternDestroy(pat);
    if (!match)
        return NULL;

    FcChar8 *family = NULL, *style = NULL, *file = NULL;
    int index = 0;
    jb_font_info_t *info = NULL;
    if (FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
        FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetString(match, FC_STYLE, 0, &style);
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        info = g_new0(jb_font_info_t, 1);
        info->request = g_strdup(request);
        info->family = g_strdup((const char *)family);
        info->style = g_strdup(style ? (const char *)style : "");
        info->file = g_strdup((const char *)file);
        info->index = index;
    }
    FcPatternDestroy(match);
    return info;
}

/* Fonts placed in fonts/ beside fonts.conf, each listed under its own family. */
static void
add_extra_fonts(jb_fonts_t *fonts, const char *dir)
{
    FcFontSet *set = FcConfigGetFonts(fonts->config, FcSetSystem);
    if (!set)
        return;
    char *real_dir = realpath(dir, NULL);
    if (!real_dir)
        return;
    size_t dir_len = strlen(real_dir);
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file = NULL, *family = NULL, *style = NULL;
        int index = 0;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (strncmp((const char *)file, real_dir, dir_len) != 0 || file[dir_len] != '/')
            continue;
        FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family);
        FcPatternGetString(set->fonts[i], FC_STYLE, 0, &style);
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        jb_font_info_t *info = g_new0(jb_font_info_t, 1);
        info->request = g_strdup(family ? (const char *)family : "");
        info->family = g_strdup(family ? (const char *)family : "");
        info->style = g_strdup(style ? (const char *)style : "");
        info->file = g_strdup((const char *)file);
        info->index = index;
        g_ptr_array_add(fonts->infos, info);
    }
    free(real_dir);
}

jb_fonts_t *
jb_fonts_new(const char *dir, jb_error_t *err)
{
    if (!dir)
        dir = jb_fonts_get_default_dir();
    char *conf = g_build_filename(dir, "fonts.conf", NULL);
    jb_fonts_t *fonts = g_new0(jb_fonts_t, 1);
    fonts->infos = g_ptr_array_new_with_free_func(font_info_free);

    if (access(conf, R_OK) != 0) {
        jb_error_set(err, JB_ERR_FONT, conf, 0, 0, -1,
                     "jibao's font configuration is missing (set JIBAO_FONTS_DIR or "
                     "JIBAO_DATADIR to the folder that holds fonts/)");
        goto fail;
    }
    fonts->config = FcConfigCreate();
    if (!FcConfigParseAndLoad(fonts->config, (const FcChar8 *)conf, FcTrue)) {
        jb_error_set(err, JB_ERR_FONT, conf, 0, 0, -1, "fontconfig cannot load this file");
        goto fail;
    }
    if (!FcConfigBuildFonts(fonts->config)) {
        jb_error_set(err, JB_ERR_FONT, conf, 0, 0, -1, "fontconfig cannot build the font set");
        goto fail;
    }

    for (size_t i = 0; i < G_N_ELEMENTS(font_requests); i++) {
        jb_font_info_t *info =
            resolve_request(fonts->config, font_requests[i].request, font_requests[i].weight);
        int is_cjk_sc = info && strstr(info->family, "CJK SC") != NULL;
        if (font_requests[i].required && !is_cjk_sc) {
            jb_error_set(err, JB_ERR_FONT, conf, 0, 0, -1,
                         "no Noto CJK SC font for '%s' (found %s); install the Debian package "
                         "fonts-noto-cjk",
                         font_requests[i].request, info ? info->family : "nothing");
            if (info)
                font_info_free(info);
            goto fail;
        }
        if (info)
            g_ptr_array_add(fonts->infos, info);
    }
    add_extra_fonts(fonts, dir);

    fonts->font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fonts->font_map) {
        jb_error_set(err, JB_ERR_FONT, NULL, 0, 0, -1, "pango has no FreeType font map");
        goto fail;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->font_map), fonts->config);
    g_free(conf);
    return fonts;

fail:
    g_free(conf);
    jb_fonts_free(fonts);
    return NULL;
}

void
jb_fonts_free(jb_fonts_t *fonts)
{
    if (!fonts)
        return;
    if (fonts->font_map)
        g_object_unref(fonts->font_map);
    if (fonts->coverage)
        FcCharSetDestroy(fonts->coverage);
    if (fonts->config)
        FcConfigDestroy(fonts->config);
    g_ptr_array_free(fonts->infos, TRUE);
    g_free(fonts);
}

size_t
jb_fonts_get_count(const jb_fonts_t *fonts)
{
    return fonts->infos->len;
}

const jb_font_info_t *
jb_fonts_get_info(const jb_fonts_t *fonts, size_t i)
{
    return i < fonts->infos->len ? g_ptr_array_index(fonts->infos, i) : NULL;
}

int
jb_fonts_has_char(jb_fonts_t *fonts, gunichar c)
{
    if (!fonts->coverage) {
        fonts->coverage = FcCharSetCreate();
        FcSetName sets[] = {FcSetSystem, FcSetApplication};
        for (size_t s = 0; s < G_N_ELEMENTS(sets); s++) {
            FcFontSet *set = FcConfigGetFonts(fonts->config, sets[s]);
            for (int i = 0; set && i < set->nfont; i++) {
                FcCharSet *cs = NULL;
                if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
                    FcCharSetMerge(fonts->coverage, cs, NULL);
            }
        }
    }
    return FcCharSetHasChar(fonts->coverage, c);
}

PangoFontMap *
jb_fonts_get_font_map(jb_fonts_t *fonts)
{
    return fonts->font_map;
}

PangoContext *
jb_fonts_new_context(jb_fonts_t *fonts)
{
    PangoContext *ctx = pango_font_map_create_context(fonts->font_map);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));

    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, opts);
    cairo_font_options_destroy(opts);
    return ctx;
}
