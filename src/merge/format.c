/* Number formatting for bound values: exact decimal rounding and scaling on
 * the stated digits (never through binary floating point, so 2.675 rounds
 * to 2.68 and 400-digit numbers survive), 万/亿 magnitudes, and the growth
 * and 百分点 wording of Chinese statistical reports. */
#include "format.h"

#include <glib.h>
#include <string.h>

/* Split a decimal text into sign, integer digits and fraction digits.
 * Returns FALSE when it is not [-+]?digits[.digits]. */
static gboolean
decimal_split(const char *text, gboolean *neg, GString *intpart, GString *frac)
{
    const char *p = text;
    *neg = FALSE;
    if (*p == '-' || *p == '+')
        *neg = (*p++ == '-');
    const char *start = p;
    while (g_ascii_isdigit(*p))
        g_string_append_c(intpart, *p++);
    if (*p == '.') {
        p++;
        if (!g_ascii_isdigit(*p))
            return FALSE;
        while (g_ascii_isdigit(*p))
            g_string_append_c(frac, *p++);
    }
    if (*p || (p == start) || (intpart->len == 0 && frac->len == 0))
        return FALSE;
    /* strip leading zeros of the integer part, keep one */
    gsize z = 0;
    while (z + 1 < intpart->len && intpart->str[z] == '0')
        z++;
    g_string_erase(intpart, 0, (gssize)z);
    if (intpart->len == 0)
        g_string_append_c(intpart, '0');
    return TRUE;
}

static gboolean
all_zero(const GString *a, const GString *b)
{
    for (gsize i = 0; i < a->len; i++)
        if (a->str[i] != '0')
            return FALSE;
    for (gsize i = 0; i < b->len; i++)
        if (b->str[i] != '0')
            return FALSE;
    return TRUE;
}

static char *
decimal_join(gboolean neg, GString *intpart, GString *frac)
{
    gboolean zero = all_zero(intpart, frac);
    GString *out = g_string_new(neg && !zero ? "-" : "");
    g_string_append_len(out, intpart->str, (gssize)intpart->len);
    if (frac->len) {
        g_string_append_c(out, '.');
        g_string_append_len(out, frac->str, (gssize)frac->len);
    }
    return g_string_free(out, FALSE);
}

char *
jb_decimal_round(const char *text, int decimals)
{
    gboolean neg;
    GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
    char *out = NULL;
    if (!decimal_split(text, &neg, ip, fp))
        goto out;
    if (decimals < 0) {
        out = decimal_join(neg, ip, fp);
        goto out;
    }
    if ((gsize)decimals >= fp->len) {
        while (fp->len < (gsize)decimals)
            g_string_append_c(fp, '0');
        out = decimal_join(neg, ip, fp);
        goto out;
    }
    /* round half away from zero on the digit after the last kept */
    int carry = fp->str[decimals] >= '5';
    g_string_truncate(fp, (gsize)decimals);
    for (gssize i = (gssize)fp->len - 1; carry && i >= 0; i--) {
        if (fp->str[i] == '9') {
            fp->str[i] = '0';
        } else {
            fp->str[i]++;
            carry = 0;
        }
    }
    for (gssize i = (gssize)ip->len - 1; carry && i >= 0; i--) {
        if (ip->str[i] == '9') {
            ip->str[i] = '0';
        } else {
            ip->str[i]++;
            carry = 0;
        }
    }
    if (carry)
        g_string_prepend_c(ip, '1');
    out = decimal_join(neg, ip, fp);
out:
    g_string_free(ip, TRUE);
    g_string_free(fp, TRUE);
    return out;
}

char *
jb_decimal_shift(const char *text, int shift)
{
    gboolean neg;
    GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
    char *out = NULL;
    if (!decimal_split(text, &neg, ip, fp))
        goto out;
    GString *digits = g_string_new(ip->str);
    g_string_append(digits, fp->str);
    gssize point = (gssize)ip->len + shift; /* new position of the point */
    while (point > (gssize)digits->len)
        g_string_append_c(digits, '0');
    while (point < 1) {
        g_string_prepend_c(digits, '0');
        point++;
    }
    g_string_truncate(ip, 0);
    g_string_truncate(fp, 0);
    g_string_append_len(ip, digits->str, point);
    g_string_append(fp, digits->str + point);
    /* drop trailing zeros of the fraction that the shift created */
    while (fp->len && fp->str[fp->len - 1] == '0')
        g_string_truncate(fp, fp->len - 1);
    g_string_free(digits, TRUE);
    GString *tmp_i = g_string_new(NULL), *tmp_f = g_string_new(NULL);
    gboolean dummy;
    char *joined = decimal_join(FALSE, ip, fp);
    decimal_split(joined, &dummy, tmp_i, tmp_f); /* normalise leading zeros */
    g_free(joined);
    out = decimal_join(neg, tmp_i, tmp_f);
    g_string_free(tmp_i, TRUE);
    g_string_free(tmp_f, TRUE);
out:
    g_string_free(ip, TRUE);
    g_string_free(fp, TRUE);
    return out;
}

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
