/* Exact decimal arithmetic on numbers as stated: rounding half away from
 * zero (四舍五入) and multiplying by powers of ten, on the digits, never
 * through binary floating point. Used by extraction (value_base) and by
 * number formatting in templates. */
#include "decimal-private.h"

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

