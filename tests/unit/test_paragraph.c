/* Unit tests of the paragraph engine: line-break dumps checked for the
 * properties cjk_check measures on PDFs (no line starting or ending with a
 * forbidden mark, no split numbers, both edges flush, CJK–Latin spacing,
 * compression, no one-character last line), so they run without poppler. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/base/base-private.h"
#include "../../src/layout/paragraph-private.h"
#include "jibao/fonts.h"
#include "tap.h"

static jb_fonts_t *fonts;
static PangoContext *ctx;
static const jb_kinsoku_t *kinsoku;

static const char *const texts[] = {
    "本季度全市规模以上工业增加值同比增长6.8%，较上季度加快0.7个百分点，其中高技术制造业增长"
    "12.4%。“稳中求进”仍是全年工作的总基调，各部门在落实政策时既要“立得住”，也要“跟得上”。"
    "据测算，若外需保持当前水平，第四季度出口增速有望回升至3.5%左右（不含船舶和集装箱）。",
    "消费市场延续恢复态势：社会消费品零售总额达到2847.36亿元，餐饮收入增长9.2%，线上零售占比"
    "升至27.5%。部分企业反映，原材料价格波动、账款回收偏慢、用工成本上升——这些压力在中小企业"
    "中更为集中。从结构看，第一产业增长3.1%……服务业对经济增长的贡献率超过六成。",
    "在“十四五”规划中期评估中，课题组采用了PMI、CPI和PPI等指标，并参考了OECD的相关方法。"
    "研究团队使用Python和R语言对2015—2024年的月度数据进行了季节调整，结果显示趋势项总体平稳。"
    "《关于进一步优化营商环境的若干措施》提出，涉企审批事项原则上在5个工作日内办结。",
};

/* Measures that make the interesting cases happen somewhere: every width
 * from 10 to 40 em in half-em steps. */
typedef struct {
    int lines, bad_start, bad_end, num_split, ragged, one_char_last;
} tally_t;

static int
is_num(gunichar c)
{
    return g_unichar_isdigit(c) || c == '.' || c == ',';
}

static void
check_dump(const char *dump, double width, tally_t *t)
{
    static const char *no_start = "，。、；：？！）》」』】〕”’·～〃々%℃‰";
    static const char *no_end = "（《「『【〔“‘";
    char **lines = g_strsplit(dump, "\n", -1);
    gunichar prev_last = 0;
    for (int i = 0; lines[i] && *lines[i]; i++) {
        char **f = g_strsplit(lines[i], " | ", 3);
        double x1 = g_ascii_strtod(strchr(f[0], ' ') + 1, NULL);
        const char *text = f[1];
        gunichar first = g_utf8_get_char(text);
        gunichar last = g_utf8_get_char(g_utf8_find_prev_char(text, text + strlen(text)));
        char fs[8] = {0}, ls[8] = {0};
        g_unichar_to_utf8(first, fs);
        g_unichar_to_utf8(last, ls);
        t->lines++;
        t->bad_start += strstr(no_start, fs) != NULL;
        t->bad_end += strstr(no_end, ls) != NULL;
        t->num_split += i > 0 && is_num(prev_last) && is_num(first) &&
                        (g_unichar_isdigit(prev_last) || g_unichar_isdigit(first));
        int last_line = strstr(f[2], " last") != NULL;
        if (!last_line && fabs(x1 - width) > 0.01)
            t->ragged++;
        int visible = 0;
        for (const char *q = text; *q; q = g_utf8_next_char(q))
            visible +=
                !g_unichar_ispunct(g_utf8_get_char(q)) && !g_unichar_isspace(g_utf8_get_char(q));
        if (last_line && i > 0 && visible < 2)
            t->one_char_last++;
        prev_last = last;
        g_strfreev(f);
    }
    g_strfreev(lines);
}

static jb_paragraph_t *
set(const char *text, double width, int total_fit)
{
    jb_para_style_t st = {.family = "serif",
                          .size = 11,
                          .width = width,
                          .first_indent = 22,
                          .align = JB_PARA_JUSTIFY,
                          .cjk_latin_space = 0.25,
                          .total_fit = total_fit};
    return jb_paragraph_new(ctx, kinsoku, text, NULL, &st);
}

static void
test_properties(int total_fit)
{
    tally_t t = {0};
    for (size_t k = 0; k < G_N_ELEMENTS(texts); k++)
        for (double em = 10; em <= 40; em += 0.5) {
            jb_paragraph_t *p = set(texts[k], em * 11, total_fit);
            char *dump = jb_paragraph_dump(p);
            check_dump(dump, em * 11, &t);
            g_free(dump);
            jb_paragraph_free(p);
        }
    const char *how = total_fit ? "total fit" : "first fit";
    ok(t.lines > 1000, "%s: %d lines set", how, t.lines);
    is_int(t.bad_start, 0, "%s: no line starts with a closing or pause mark", how);
    is_int(t.bad_end, 0, "%s: no line ends with an opening mark", how);
    is_int(t.num_split, 0, "%s: no number split over two lines", how);
    is_int(t.ragged, 0, "%s: every line but the last ends at the measure", how);
    is_int(t.one_char_last, 0, "%s: no last line of one character", how);
}

/* The line whose text starts with prefix, its dump line, or NULL. */
static char *
dump_line(const char *text, double width, const char *prefix)
{
    jb_paragraph_t *p = set(text, width, 1);
    char *dump = jb_paragraph_dump(p);
    char *found = NULL;
    char **lines = g_strsplit(dump, "\n", -1);
    for (int i = 0; lines[i] && !found; i++)
        if (strstr(lines[i], prefix))
            found = g_strdup(lines[i]);
    g_strfreev(lines);
    g_free(dump);
    jb_paragraph_free(p);
    return found;
}

static double
natural(const char *line)
{
    const char *n = strstr(line, "nat=");
    return n ? g_ascii_strtod(n + 4, NULL) : -1;
}

static void
test_spacing(void)
{
    /* one line, flush left: its natural width shows each rule */
    char *plain = dump_line("增长率", 400, "增长率");
    char *latin = dump_line("增长GDP率", 400, "增长");
    char *pair = dump_line("增长。”率", 400, "增长");
    char *single = dump_line("增长。率", 400, "增长");
    ok(plain && latin && pair && single, "one-line dumps");
    if (plain && latin && pair && single) {
        double em = 11, gdp = natural(latin) - natural(plain) - 2 * 0.25 * em;
        ok(gdp > 15 && gdp < 30, "GDP is set between two quarter-em spaces (%.2f pt left)", gdp);
        ok(fabs(natural(pair) - natural(single) - 0.5 * em) < 0.01,
           "。” together take 1.5 em, not 2 (%.2f)", natural(pair) - natural(plain));
        ok(fabs(natural(single) - natural(plain) - em) < 0.01, "a lone 。 keeps its full em");
    }
    /* ：“ also takes 1.5 em, and ； (left half in SC fonts) is half width at
     * a line end */
    char *colon = dump_line("增长：“率", 400, "增长");
    char *semi = dump_line("增长；", 400, "增长");
    ok(colon && plain && fabs(natural(colon) - natural(plain) - 1.5 * 11) < 0.01,
       "：“ take 1.5 em");
    ok(semi && plain && fabs(natural(semi) - (natural(plain) - 11 + 5.5)) < 0.01,
       "a line-end ； is trimmed to half an em (%.2f)", semi ? natural(semi) : -1);
    g_free(colon);
    g_free(semi);
    g_free(plain);
    g_free(latin);
    g_free(pair);
    g_free(single);

    /* 268.8亿元 never breaks between the number and 亿, at any measure */
    int split = 0;
    for (double w = 60; w < 200; w += 1) {
        jb_paragraph_t *p = set("全年实现地区生产总值268.8亿元左右。", w, 1);
        char *dump = jb_paragraph_dump(p);
        split += strstr(dump, "8 | nat") != NULL || strstr(dump, "| 亿") != NULL;
        g_free(dump);
        jb_paragraph_free(p);
    }
    is_int(split, 0, "268.8 stays with 亿 at every measure");

    /* breaks around “ ” next to Han text are allowed: a narrow measure can
     * end a line before “ */
    int before_quote = 0;
    for (double w = 60; w < 200; w += 1) {
        jb_paragraph_t *p = set("各部门既要“立得住”也要“跟得上”才行。", w, 0);
        char *dump = jb_paragraph_dump(p);
        before_quote += strstr(dump, "| “") != NULL;
        g_free(dump);
        jb_paragraph_free(p);
    }
    ok(before_quote > 0, "lines may start with “ (%d measures)", before_quote);
}

/* Inputs that have broken line breakers elsewhere: nothing, only spaces, a
 * word wider than the measure, forced breaks in a row, a long run of one
 * mark, a 100,000-character paragraph (must take well under a second). */
static void
test_pathological(void)
{
    static const char *const cases[] = {
        "",
        "   ",
        "\n\n",
        "https://example.org/a/very/long/path/that/does/not/fit/anywhere/at/all/x",
        "。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。",
        "（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（",
        "甲\n乙\n\n丙",
        "——————————————————————————————————————————",
    };
    int lines_ok = 1;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        jb_paragraph_t *p = set(cases[i], 100, 1);
        char *dump = jb_paragraph_dump(p);
        lines_ok &= jb_paragraph_get_line_count(p) >= 0 && dump != NULL;
        g_free(dump);
        jb_paragraph_free(p);
    }
    ok(lines_ok, "odd inputs are set without crashing");
    jb_paragraph_t *p = set("甲\n乙\n\n丙", 100, 1);
    ok(jb_paragraph_get_line_count(p) >= 3, "forced breaks end lines (%d lines)",
       jb_paragraph_get_line_count(p));
    jb_paragraph_free(p);
    p = set(cases[3], 100, 1);
    double widest = 0;
    for (int i = 0; i < jb_paragraph_get_line_count(p); i++)
        widest = fmax(widest, jb_paragraph_get_line_width(p, i));
    ok(jb_paragraph_get_line_count(p) > 1 && widest <= 100.01,
       "a word wider than the measure is broken inside as a last resort (%d lines, %.2f pt)",
       jb_paragraph_get_line_count(p), widest);
    jb_paragraph_free(p);

    GString *big = g_string_new(NULL);
    while (big->len < 300000)
        g_string_append(big, texts[big->len % 3 ? 1 : 0]);
    gint64 t0 = g_get_monotonic_time();
    p = set(big->str, 450, 1);
    double seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    ok(jb_paragraph_get_line_count(p) > 2000 && seconds < 2.0,
       "a 100,000-character paragraph: %d lines in %.2f s", jb_paragraph_get_line_count(p),
       seconds);
    jb_paragraph_free(p);
    g_string_free(big, TRUE);
}

/* Golden line-break dumps: tests/data/linebreak/NAME.txt set at 30 em and
 * at 17.5 em must give NAME.dump; JIBAO_UPDATE_GOLDEN=1 rewrites them. */
static void
test_golden(const char *name)
{
    const char *srcdir = g_getenv("SRCDIR") ? g_getenv("SRCDIR") : ".";
    char *txt = g_strdup_printf("%s/tests/data/linebreak/%s.txt", srcdir, name);
    char *gold = g_strdup_printf("%s/tests/data/linebreak/%s.dump", srcdir, name);
    char *text = NULL, *want = NULL;
    if (!g_file_get_contents(txt, &text, NULL, NULL)) {
        ok(0, "read %s", txt);
        goto out;
    }
    g_strchomp(text);
    GString *got = g_string_new(NULL);
    for (int k = 0; k < 2; k++) {
        double em = k ? 17.5 : 30;
        jb_paragraph_t *p = set(text, em * 11, 1);
        char *dump = jb_paragraph_dump(p);
        g_string_append_printf(got, "# %g em\n%s", em, dump);
        g_free(dump);
        jb_paragraph_free(p);
    }
    if (g_getenv("JIBAO_UPDATE_GOLDEN"))
        g_file_set_contents(gold, got->str, -1, NULL);
    g_file_get_contents(gold, &want, NULL, NULL);
    is_str(got->str, want ? want : "", "line-break dump of %s matches its golden file", name);
    g_string_free(got, TRUE);
out:
    g_free(text);
    g_free(want);
    g_free(txt);
    g_free(gold);
}

/* Random paragraphs over an alphabet of Han, marks of every 禁则 class,
 * Latin, digits, spaces and forced breaks: every character lands on
 * exactly one line, in order (spaces at line ends and forced breaks may
 * go), and no line starts with a no-start mark unless the line before
 * ended at a forced break. */
static void
test_random(void)
{
    static const char *const alphabet[] = {
        "经", "济", "增", "长", "，", "。", "、", "；", "：", "？", "！", "（", "）", "“",
        "”",  "《", "》", "—",  "…",  "·",  "%",  "‰",  "℃",  "亿", "万", "1",  "2",  "9",
        ".",  ",",  "A",  "b",  "Z",  " ",  "\n", "¥",  "々", "～", "「", "」",
    };
    guint32 seed = 42;
    int lost = 0, bad = 0;
    for (int k = 0; k < 400; k++) {
        GString *text = g_string_new(NULL);
        seed = seed * 1103515245u + 12345u;
        int len = 1 + (int)((seed >> 16) % 200);
        for (int i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            g_string_append(text, alphabet[(seed >> 16) % G_N_ELEMENTS(alphabet)]);
        }
        jb_paragraph_t *p = set(text->str, 60 + (k % 20) * 10, k % 2);
        char *dump = jb_paragraph_dump(p);
        /* the lines' text joined, against the input without spaces and \n */
        GString *joined = g_string_new(NULL), *want = g_string_new(NULL);
        char **lines = g_strsplit(dump, "\n", -1);
        int forced = strchr(text->str, '\n') != NULL;
        for (int i = 0; lines[i] && *lines[i]; i++) {
            char **f = g_strsplit(lines[i], " | ", 3);
            g_string_append(joined, f[1] ? f[1] : "");
            /* without forced breaks, no line after the first starts with a
             * mark the table forbids there */
            if (!forced && i > 0 && f[1] && *f[1])
                bad += (jb_kinsoku_get_class(kinsoku, g_utf8_get_char(f[1])) &
                        JB_KINSOKU_NO_START) != 0;
            g_strfreev(f);
        }
        g_strfreev(lines);
        for (const char *q = text->str; *q; q++)
            if (*q != ' ' && *q != '\n')
                g_string_append_c(want, *q);
        GString *got = g_string_new(NULL);
        for (const char *q = joined->str; *q; q++)
            if (*q != ' ')
                g_string_append_c(got, *q);
        lost += strcmp(got->str, want->str) != 0;
        g_string_free(got, TRUE);
        g_string_free(joined, TRUE);
        g_string_free(want, TRUE);
        g_string_free(text, TRUE);
        g_free(dump);
        jb_paragraph_free(p);
    }
    is_int(lost, 0, "random paragraphs: every character set once, in order");
    is_int(bad, 0, "random paragraphs: no line starts with a no-start mark");
}

static void
test_kinsoku_table(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    ok(kinsoku != NULL, "data/kinsoku.txt loads");
    ok(jb_kinsoku_get_class(kinsoku, 0x3002) & JB_KINSOKU_NO_START, "。 may not start a line");
    ok(jb_kinsoku_get_class(kinsoku, 0x201c) & JB_KINSOKU_NO_END, "“ may not end a line");
    ok(jb_kinsoku_get_class(kinsoku, 0x4ebf) & JB_KINSOKU_NUMBER_SUFFIX,
       "亿 stays with its number");
    jb_kinsoku_t *k = jb_kinsoku_parse("no-start: ，\nbogus: x\n", "k.txt", &err);
    ok(k == NULL && err.status == JB_ERR_DATA && err.line == 2,
       "an unknown class is refused at its line");
}

int
main(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    fonts = jb_fonts_new(NULL, &err);
    kinsoku = jb_kinsoku_get_default(&err);
    if (!fonts || !kinsoku) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    ctx = jb_fonts_new_context(fonts);
    test_kinsoku_table();
    test_properties(1);
    test_properties(0);
    test_spacing();
    test_pathological();
    test_golden("mixed");
    test_random();
    g_object_unref(ctx);
    jb_fonts_free(fonts);
    return done_testing();
}
