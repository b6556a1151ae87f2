/* Fuzz target: the number parser of extraction, Arabic (1,234.5) and
 * Chinese (三千二百, 二〇二三, 五点二). A number read must lie inside the
 * input and be written as plain decimal digits with at most one point. */
#include <stdlib.h>
#include <string.h>

#include "../../src/extract/extract-private.h"
#include "fuzz.h"

static void
check(const jb_number_t *num, size_t n)
{
    if (num->len == 0 || num->len > n)
        abort();
    size_t dl = strlen(num->digits);
    if (dl == 0 || dl > JB_NUMBER_MAX + 7)
        abort();
    int points = 0;
    for (size_t i = 0; i < dl; i++) {
        char c = num->digits[i];
        if (c == '.')
            points++;
        else if ((c < '0' || c > '9') && !(c == '-' && i == 0))
            abort();
    }
    if (points > 1)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    jb_number_t num;
    /* every starting byte, as extraction tries them */
    for (size_t i = 0; i < size && i < 64; i++) {
        memset(&num, 0, sizeof num);
        if (jb_number_read_arabic(s + i, size - i, &num))
            check(&num, size - i);
        memset(&num, 0, sizeof num);
        if (jb_number_read_chinese(s + i, size - i, &num))
            check(&num, size - i);
    }
    return 0;
}
