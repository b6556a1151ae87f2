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
    /* one pass over the text into one buffer: this runs for every amount
     * extracted (value_base) */
    const char *p = text;
    gboolean neg = FALSE;
    if (*p == '-' || *p == '+')
        neg = (*p++ == '-');
    const char *ip = p;
    while (g_ascii_isdigit(*p))
        p++;
    size_t il = (size_t)(p - ip), fl = 0;
    const char *fp = p;
    if (*p == '.') {
        fp = ++p;
        if (!g_ascii_isdigit(*p))
            return NULL;
        while (g_ascii_isdigit(*p))
            p++;
        fl = (size_t)(p - fp);
    }
    if (*p || (il == 0 && fl == 0))
        return NULL;
    /* the digits without the integer part's leading zeros */
    while (il > 0 && *ip == '0') {
        ip++;
        il--;
    }
    size_t n = il + fl, mag = shift < 0 ? (size_t)-(long)shift : (size_t)shift;
    char *out = g_malloc(n + mag + 4), *o = out;
    /* the point's position among the digits, and the zeros the shift
     * brings in on either side */
    long point = (long)il + shift;
    size_t lead = point < 1 ? (size_t)(1 - point) : 0;
    size_t trail = point > (long)n ? (size_t)(point - (long)n) : 0;
    size_t int_len = point < 1 ? 1 : (size_t)point; /* after the leading zeros */
    if (neg)
        *o++ = '-';
    char *digits = o;
    for (size_t i = 0; i < lead; i++)
        *o++ = '0';
    memcpy(o, ip, il);
    o += il;
    memcpy(o, fp, fl);
    o += fl;
    for (size_t i = 0; i < trail; i++)
        *o++ = '0';
    size_t total = (size_t)(o - digits);
    /* the integer part: one digit at least, no leading zeros */
    size_t z = 0;
    while (z + 1 < int_len && digits[z] == '0')
        z++;
    /* the fraction, without trailing zeros */
    size_t frac_len = total - int_len;
    while (frac_len && digits[int_len + frac_len - 1] == '0')
        frac_len--;
    memmove(digits, digits + z, int_len - z);
    char *q = digits + int_len - z;
    if (frac_len) {
        memmove(q + 1, digits + int_len, frac_len);
        *q = '.';
        q += 1 + frac_len;
    }
    *q = 0;
    /* no sign on zero */
    if (neg && strspn(digits, "0.") == (size_t)(q - digits))
        memmove(out, digits, (size_t)(q - digits) + 1);
    return out;
}

