/* Unit tests of number formatting: exact decimal rounding and shifting,
 * 万/亿 scaling, growth and 百分点 wording. */
#include <glib.h>

#include "../../src/base/decimal-private.h"
#include "../../src/merge/format.h"
#include "tap.h"

static void
test_round(void)
{
    static const struct {
        const char *in;
        int decimals;
        const char *want;
    } cases[] = {
        {"969.8", 1, "969.8"},   {"969.84", 1, "969.8"}, {"969.85", 1, "969.9"},
        {"2.675", 2, "2.68"},    {"-2.675", 2, "-2.68"}, {"9.99", 1, "10.0"},
        {"999.5", 0, "1000"},    {"0.004", 2, "0.00"},   {"-0.004", 2, "0.00"},
        {"12", 2, "12.00"},      {"007.50", -1, "7.50"}, {"+3", 0, "3"},
        {"1.", 1, NULL},         {"abc", 1, NULL},       {"", 0, NULL},
        {"1.2.3", 1, NULL},      {"-", 0, NULL},         {".5", 0, "1"},
        {"123456789012345678901234567890.45", 1, "123456789012345678901234567890.5"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = jb_decimal_round(cases[i].in, cases[i].decimals);
        if (cases[i].want)
            is_str(got, cases[i].want, "round %s to %d", cases[i].in, cases[i].decimals);
        else
            ok(got == NULL, "'%s' is not a decimal", cases[i].in);
        g_free(got);
    }
}

static void
test_shift(void)
{
    static const struct {
        const char *in;
        int shift;
        const char *want;
    } cases[] = {
        {"969.8", 8, "96980000000"}, {"2.4", 4, "24000"},    {"24000", -4, "2.4"},
        {"16800", -4, "1.68"},       {"0.5", -2, "0.005"},   {"-3.5", 1, "-35"},
        {"100", -2, "1"},            {"0", 8, "0"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = jb_decimal_shift(cases[i].in, cases[i].shift);
        is_str(got, cases[i].want, "%s × 10^%d", cases[i].in, cases[i].shift);
        g_free(got);
    }
}

static void
test_format(void)
{
    static const struct {
        const char *value, *unit;
        int unit_out, decimals, thousands;
        jb_scale_t scale;
        jb_numstyle_t style;
        const char *want;
    } cases[] = {
        {"969.8", "亿元", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, "969.8"},
        {"969.8", "亿元", 1, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, "969.8亿元"},
        {"24000", "亿元", 0, 1, 0, JB_SCALE_AUTO, JB_NUMSTYLE_PLAIN, "2.4万亿元"},
        {"969.8", "亿元", 0, 1, 0, JB_SCALE_AUTO, JB_NUMSTYLE_PLAIN, "969.8亿元"},
        {"16800", "户", 0, 2, 0, JB_SCALE_AUTO, JB_NUMSTYLE_PLAIN, "1.68万户"},
        {"3200", "万元", 0, 2, 0, JB_SCALE_YI, JB_NUMSTYLE_PLAIN, "0.32亿元"},
        {"1400", "个", 0, -1, 0, JB_SCALE_AUTO, JB_NUMSTYLE_PLAIN, "1400个"},
        {"5000", "千米", 0, 1, 0, JB_SCALE_AUTO, JB_NUMSTYLE_PLAIN, "5000.0千米"},
        {"4.6", "%", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, "增长4.6%"},
        {"-3.5", "%", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, "下降3.5%"},
        {"0.0", "%", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, "持平"},
        {"-0.04", "%", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, "持平"},
        {"0.5", "", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_POINTS, "提高0.5个百分点"},
        {"-1.2", "", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_POINTS, "回落1.2个百分点"},
        {"96.8", "%", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_PERCENT, "96.8%"},
        {"4.6", "", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_SIGNED, "+4.6"},
        {"-4.6", "", 0, 1, 0, JB_SCALE_NONE, JB_NUMSTYLE_SIGNED, "-4.6"},
        {"1234567.891", "", 0, 2, 1, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, "1,234,567.89"},
        {"-1234", "", 0, 0, 1, JB_SCALE_NONE, JB_NUMSTYLE_PLAIN, "-1,234"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        jb_number_format_t nf = {cases[i].decimals, cases[i].thousands, cases[i].scale,
                                 cases[i].style, NULL, NULL, NULL};
        char *got = jb_format_number(cases[i].value, cases[i].unit, cases[i].unit_out, &nf);
        is_str(got, cases[i].want, "format %s %s", cases[i].value, cases[i].unit);
        g_free(got);
    }
    jb_number_format_t words = {1, 0, JB_SCALE_NONE, JB_NUMSTYLE_GROWTH, "提高", "回落", "持平"};
    char *got = jb_format_number("-2.25", "%", 0, &words);
    is_str(got, "回落2.3%", "custom growth words");
    g_free(got);
    ok(jb_format_number("12亿", "", 0, NULL) == NULL, "a value that is not a decimal is refused");
    got = jb_format_number("3.10", NULL, 0, NULL);
    is_str(got, "3.10", "no format: the digits as stated");
    g_free(got);
}

int
main(void)
{
    test_round();
    test_shift();
    test_format();
    return done_testing();
}
