/* Extract: reading numbers — Arabic (1,234.5), Chinese numerals (三千二百,
 * 一百零八, 两, 二〇二三, 五点二) — and exact decimal arithmetic for
 * value_base (a decimal string shifted by a power of ten, so a 400-digit
 * number never overflows). */
#include "extract-private.h"

#include <stdio.h>
#include <string.h>

int
jb_number_read_arabic(const char *s, size_t n, jb_number_t *num)
{
    size_t i = 0, o = 0;
    num->digits[0] = 0;
    num->chinese = num->bare_magnitude = num->percent_words = 0;
    while (i < n && g_ascii_isdigit(s[i])) {
        if (o >= JB_NUMBER_MAX)
            return 0;
        num->digits[o++] = s[i++];
        /* thousands separators: ,ddd not followed by a fourth digit */
        if (i + 3 < n + 0 && s[i] == ',' && g_ascii_isdigit(s[i + 1]) && g_ascii_isdigit(s[i + 2]) &&
            g_ascii_isdigit(s[i + 3]) && (i + 4 >= n || !g_ascii_isdigit(s[i + 4])))
            i++;
    }
    if (!o)
        return 0;
    if (i + 1 < n && s[i] == '.' && g_ascii_isdigit(s[i + 1])) {
        num->digits[o++] = s[i++];
        while (i < n && g_ascii_isdigit(s[i])) {
            if (o >= JB_NUMBER_MAX)
                return 0;
            num->digits[o++] = s[i++];
        }
    }
    num->digits[o] = 0;
    num->len = i;
    return 1;
}

/* The value of a Chinese numeral character: 0–9 digits, 10/100/1000 small
 * units, 10000/100000000 big units, -1 for 点, -2 for anything else. */
static long long
cn_value(uint32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
        return 0;
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C: return 2; /* 二 */
    case 0x4E24: return 2; /* 两 */
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
    case 0x5341: return 10; /* 十 */
    case 0x767E: return 100; /* 百 */
    case 0x5343: return 1000; /* 千 */
    case 0x4E07: return 10000; /* 万 */
    case 0x4EBF: return 100000000; /* 亿 */
    case 0x70B9: return -1; /* 点 */
    default: return -2;
    }
}

int
jb_number_read_chinese(const char *s, size_t n, jb_number_t *num)
{
    num->digits[0] = 0;
    num->chinese = 1;
    num->bare_magnitude = num->percent_words = 0;
    /* the run of numeral characters */
    long long vals[64];
    size_t ends[64];
    size_t k = 0, i = 0;
    while (i + 2 < n && k < 64) {
        uint32_t cp = g_utf8_get_char_validated(s + i, (gssize)(n - i));
        if (cp == (uint32_t)-1 || cp == (uint32_t)-2)
            break;
        long long v = cn_value(cp);
        if (v == -2)
            break;
        vals[k] = v;
        i += (size_t)(g_utf8_next_char(s + i) - (s + i));
        ends[k++] = i;
    }
    /* a final 万/亿 (万亿) belongs to the unit; 点 must have digits after */
    while (k && (vals[k - 1] >= 10000 || vals[k - 1] == -1))
        k--;
    if (!k || vals[0] == -1)
        return 0;
    if (vals[0] >= 100) { /* 百亿元, 千亿元级: no digit */
        num->bare_magnitude = 1;
    }
    /* 二〇二三: digits only, more than one */
    int digits_only = k > 1;
    for (size_t j = 0; j < k; j++)
        if (vals[j] < 0 || vals[j] > 9)
            digits_only = 0;
    if (digits_only) {
        for (size_t j = 0; j < k; j++)
            num->digits[j] = (char)('0' + vals[j]);
        num->digits[k] = 0;
        num->len = ends[k - 1];
        return 1;
    }
    unsigned long long total = 0, section = 0, digit = 0;
    size_t j = 0;
    for (; j < k && vals[j] != -1; j++) {
        long long v = vals[j];
        if (v <= 9) {
            digit = (unsigned long long)v;
        } else if (v < 10000) {
            section += (digit == 0 && v == 10 ? 1 : digit) * (unsigned long long)v;
            digit = 0;
        } else {
            section += digit;
            if (v == 100000000) {
                total = (total + section) * 100000000ULL;
            } else {
                total += section * 10000ULL;
            }
            if (total > 1000000000000000000ULL)
                return 0;
            section = digit = 0;
        }
    }
    total += section + digit;
    int o = snprintf(num->digits, sizeof num->digits, "%llu", total);
    if (j < k && vals[j] == -1) { /* 五点二: digits after 点 */
        num->digits[o++] = '.';
        for (j++; j < k && vals[j] >= 0 && vals[j] <= 9 && o < JB_NUMBER_MAX; j++)
            num->digits[o++] = (char)('0' + vals[j]);
        num->digits[o] = 0;
    }
    num->len = ends[j - 1 < k ? j - 1 : k - 1];
    return 1;
}

