/* Number formatting for bound values: exact decimal rounding and scaling on
 * the stated digits (never through binary floating point, so 2.675 rounds
 * to 2.68 and 400-digit numbers survive), 万/亿 magnitudes, and the growth
 * and 百分点 wording of Chinese statistical reports. */
#include "format.h"
#include "../base/decimal-private.h"

#include <glib.h>
#include <string.h>

/* Magnitude prefixes a unit may start with, longest first. */
static const struct {
    const char *prefix;
    int power;
} magnitudes[] = {{"万亿", 12}, {"亿", 8}, {"千万", 7}, {"百万", 6}, {"万", 4}, {"千", 3}};

/* Units that begin with a magnitude character but are units of their own. */
static gboolean
unit_is_atomic(const char *unit)
{
    /* 千米/千克/千瓦/千升 are metric units, not thousands of metres */
    return g_str_has_prefix(unit, "千米") || g_str_has_prefix(unit, "千克") ||
           g_str_has_prefix(unit, "千瓦") || g_str_has_prefix(unit, "千升") ||
           g_str_has_prefix(unit, "千伏");
}

static int
unit_power(const char *unit, const char **base)
{
    *base = unit;
    if (!unit || unit_is_atomic(unit))
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(magnitudes); i++)
        if (g_str_has_prefix(unit, magnitudes[i].prefix)) {
            *base = unit + strlen(magnitudes[i].prefix);
            return magnitudes[i].power;
        }
    return 0;
}

/* Number of integer digits of a decimal text's absolute value (0 for 0.x). */
static int
integer_digits(const char *text)
{
    const char *p = text;
    if (*p == '-' || *p == '+')
        p++;
    while (*p == '0')
        p++;
    int n = 0;
    while (g_ascii_isdigit(p[n]))
        n++;
    return n;
}

static void
group_thousands(GString *s)
{
    gsize start = s->str[0] == '-' ? 1 : 0;
    gsize end = start;
    while (end < s->len && g_ascii_isdigit(s->str[end]))
        end++;
    for (gssize i = (gssize)end - 3; i > (gssize)start; i -= 3)
        g_string_insert_c(s, i, ',');
}

char *
jb_format_number(const char *value, const char *unit, int unit_out, const jb_number_format_t *nf)
{
    static const jb_number_format_t defaults = {-1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, NULL,
                                                NULL, NULL};
    if (!nf)
        nf = &defaults;
    if (!unit)
        unit = "";
    char *v = jb_decimal_round(value, -1); /* validates and normalises */
    if (!v)
        return NULL;

    /* scaling: fold the unit's magnitude into the value, choose a new one */
    const char *base_unit = unit;
    char *scaled_unit = NULL;
    if (nf->scale != JB_SCALE_NONE) {
        int power = unit_power(unit, &base_unit);
        char *raw = jb_decimal_shift(v, power); /* value in the base unit */
        int target = nf->scale == JB_SCALE_WAN     ? 4
                     : nf->scale == JB_SCALE_YI    ? 8
                     : nf->scale == JB_SCALE_WANYI ? 12
                                                   : 0;
        if (nf->scale == JB_SCALE_AUTO) {
            int digits = integer_digits(raw);
            target = digits > 12 ? 12 : digits > 8 ? 8 : digits > 4 ? 4 : 0;
        }
        g_free(v);
        v = jb_decimal_shift(raw, -target);
        g_free(raw);
        const char *prefix = target == 12 ? "万亿" : target == 8 ? "亿" : target == 4 ? "万" : "";
        scaled_unit = g_strconcat(prefix, base_unit, NULL);
        unit_out = 1;
    }

    /* the sign belongs to the wording in growth and points styles */
    gboolean negative = v[0] == '-';
    gboolean wording = nf->style == JB_NUMSTYLE_GROWTH || nf->style == JB_NUMSTYLE_POINTS;
    char *rounded = jb_decimal_round(wording && negative ? v + 1 : v, nf->decimals);
    GString *num = g_string_new(rounded);
    g_free(rounded);
    if (nf->thousands)
        group_thousands(num);
    gboolean zero = strspn(num->str, "-0.,") == num->len;

    GString *out = g_string_new(NULL);
    const char *u = scaled_unit ? scaled_unit : unit;
    switch (nf->style) {
    case JB_NUMSTYLE_GROWTH:
    case JB_NUMSTYLE_POINTS: {
        gboolean growth = nf->style == JB_NUMSTYLE_GROWTH;
        const char *up = nf->up ? nf->up : growth ? "增长" : "提高";
        const char *down = nf->down ? nf->down : growth ? "下降" : "回落";
        const char *flat = nf->flat ? nf->flat : "持平";
        if (zero)
            g_string_append(out, flat);
        else
            g_string_append_printf(out, "%s%s%s", negative ? down : up, num->str,
                                   growth ? "%" : "个百分点");
        break;
    }
    case JB_NUMSTYLE_PERCENT:
        g_string_append_printf(out, "%s%%", num->str);
        break;
    case JB_NUMSTYLE_SIGNED:
        g_string_append_printf(out, "%s%s", !negative && !zero ? "+" : "", num->str);
        if (unit_out)
            g_string_append(out, u);
        break;
    case JB_NUMSTYLE_PLAIN:
        g_string_append(out, num->str);
        if (unit_out)
            g_string_append(out, u);
        break;
    }
    g_string_free(num, TRUE);
    g_free(scaled_unit);
    g_free(v);
    return g_string_free(out, FALSE);
}
