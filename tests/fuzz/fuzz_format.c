/* Fuzz target: number formatting. The input is a decimal text (first line)
 * and a format selector (first byte of the second line); checks the
 * invariants of exact decimal rounding besides not crashing. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/base/decimal-private.h"
#include "../../src/merge/format.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = g_strndup((const char *)data, size);
    char *nl = strchr(text, '\n');
    unsigned sel = 0;
    if (nl) {
        sel = (unsigned char)nl[1];
        *nl = '\0';
    }
    int decimals = (int)(sel % 8) - 1;
    char *r = jb_decimal_round(text, decimals);
    if (r && decimals >= 0) {
        /* exactly `decimals` digits after the point */
        const char *dot = strchr(r, '.');
        size_t got = dot ? strlen(dot + 1) : 0;
        if (got != (size_t)decimals)
            abort();
    }
    g_free(r);
    char *s = jb_decimal_shift(text, (int)(sel % 25) - 12);
    g_free(s);
    static const char *const units[] = {"亿元", "万元", "元", "千米", "%", "", "万亿元", "户"};
    jb_number_format_t nf = {decimals, (int)(sel & 1), (jb_scale_t)(sel % 5),
                             (jb_numstyle_t)((sel / 5) % 5), NULL, NULL, NULL};
    char *f = jb_format_number(text, units[sel % 8], (int)(sel & 2), &nf);
    g_free(f);
    g_free(text);
    return 0;
}
