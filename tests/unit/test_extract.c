/* Unit tests of ingest and extract: numbers, decimal shifts, encodings and
 * the offset map, HTML, traditional text, and bad input (empty, invalid
 * UTF-8, NUL bytes, binary, a 50 MB line, a 400-digit number, HTML nested
 * 10,000 deep). */
#include <glib.h>
#include <iconv.h>
#include <string.h>
#include <time.h>

#include "../../src/extract/extract-private.h"
#include "jibao/extract.h"
#include "../../src/base/decimal-private.h"
#include "tap.h"

static jb_extractor_t *ex;

typedef struct {
    GString *csv; /* value|unit|kind|entity|indicator|period|base|offset; … */
    size_t n;
} facts_t;

static void
on_fact(const jb_fact_t *f, void *user)
{
    facts_t *fs = user;
    g_string_append_printf(fs->csv, "%s%s|%s|%s|%s|%s|%s|%s|%lld", fs->n ? "; " : "", f->value,
                           f->unit, f->kind, f->entity, f->indicator, f->period, f->value_base,
                           (long long)f->offset);
    fs->n++;
}

static void
on_long_fact(const jb_fact_t *f, void *user)
{
    size_t *longest = user;
    if (strlen(f->sentence) > *longest)
        *longest = strlen(f->sentence);
}

/* extract from bytes; returns "" or the facts, NULL on an ingest error */
static char *
extract(const char *name, const char *data, size_t len, const jb_ingest_options_t *o, jb_error_t *err)
{
    jb_error_clear(err);
    jb_article_t *a = jb_ingest_parse(name, data, len, o, err);
    if (!a)
        return NULL;
    facts_t fs = {g_string_new(NULL), 0};
    jb_extract_article(ex, a, on_fact, &fs);
    jb_article_free(a);
    return g_string_free(fs.csv, FALSE);
}

static char *
recode(const char *utf8, const char *to, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t inl = strlen(utf8), outl = inl * 4 + 8;
    char *out = g_malloc0(outl), *o = out, *in = (char *)utf8;
    iconv(cd, &in, &inl, &o, &outl);
    iconv_close(cd);
    *outlen = (size_t)(o - out);
    return out;
}

static void
test_numbers(void)
{
    static const struct {
        const char *text, *value;
    } cn[] = {{"三", "3"},          {"十五", "15"},         {"一百零八", "108"}, {"两", "2"},
              {"二〇二三", "2023"}, {"三千二百", "3200"},   {"五点二", "5.2"},  {"十", "10"},
              {"一万二千", "12000"},  {"三千二百万", "3200"}, {"二十万", "20"}};
    jb_number_t num;
    for (size_t i = 0; i < G_N_ELEMENTS(cn); i++) {
        int ok1 = jb_number_read_chinese(cn[i].text, strlen(cn[i].text), &num);
        ok(ok1, "%s reads", cn[i].text);
        is_str(num.digits, cn[i].value, "%s", cn[i].text);
    }
    ok(jb_number_read_arabic("1,234.5亿", 11, &num) && !strcmp(num.digits, "1234.5"), "1,234.5 reads as 1234.5");
    ok(jb_number_read_arabic("12,34", 5, &num) && !strcmp(num.digits, "12"), "12,34 is not a thousands separator");
    /* value_base: exact decimal shifts (src/base/decimal.c) */
    char *out = jb_decimal_shift("268.8", 8);
    is_str(out, "26880000000", "268.8亿 = 26880000000");
    g_free(out);
    out = jb_decimal_shift("1.5", -3);
    is_str(out, "0.0015", "1.5公斤 = 0.0015 吨");
    g_free(out);
    out = jb_decimal_shift("0.25", 4);
    is_str(out, "2500", "0.25万 = 2500");
    g_free(out);
    char big[401];
    memset(big, '9', 400);
    big[400] = 0;
    out = jb_decimal_shift(big, 8);
    ok(out && strlen(out) == 408, "a 400-digit number shifts exactly");
    g_free(out);
}

static void
test_facts(void)
{
    jb_error_t err;
    const char *g = "2023年，天桥区地区生产总值1085.6亿元，同比增长5.2%。";
    char *r = extract("a.txt", g, strlen(g), NULL, &err);
    r = r ? r : g_strdup("(error)");
    has_str(r, "1085.6|亿元|amount|天桥区|地区生产总值|2023|108560000000|", "amount with base");
    has_str(r, "5.2|%|growth|天桥区|地区生产总值|2023", "growth of the same indicator");
    g_free(r);
    const char *s = "2024年，钢城区进出口总额下降3.5%，新增企业近200家。";
    r = extract("a.txt", s, strlen(s), NULL, &err);
    has_str(r, "-3.5|%|growth", "a fall is negative");
    has_str(r, "200|家|count|钢城区|新增企业数", "a count names the thing counted");
    g_free(r);
    /* the offset of the number in the original bytes */
    s = "2024年，历城区完成投资80亿元。";
    r = extract("a.txt", s, strlen(s), NULL, &err);
    char *want = g_strdup_printf("|%lld", (long long)(strstr(s, "80") - s));
    has_str(r, want, "offset of 80 in UTF-8 input");
    g_free(want);
    g_free(r);
}

static void
test_encodings(void)
{
    jb_error_t err;
    const char *s = "2024年，历城区完成投资80亿元。";
    size_t len;
    char *gb = recode(s, "GB18030", &len);
    char *r = extract("gb.txt", gb, len, NULL, &err);
    ok(r && strstr(r, "80|亿元|amount|历城区"), "GB18030 detected and decoded");
    /* 80 comes after 2024年，历城区完成投资 = 4 + 2 + 2 + 6 + 8 bytes in GB */
    has_str(r, "|22", "offset counts GB18030 bytes");
    g_free(r);
    g_free(gb);

    const char *t = "2024年，歷城區完成投資80億元，增長5%。";
    char *b5 = recode(t, "BIG5", &len);
    r = extract("b5.txt", b5, len, NULL, &err);
    ok(r && strstr(r, "80|亿元|amount|历城区|完成投资"), "Big5 detected, traditional converted");
    g_free(r);
    g_free(b5);

    char *u16 = recode(s, "UTF-16", &len); /* glibc writes a BOM */
    r = extract("u16.txt", u16, len, NULL, &err);
    ok(r && strstr(r, "80|亿元"), "UTF-16 with BOM");
    g_free(r);
    g_free(u16);

    GString *bom = g_string_new("\xEF\xBB\xBF");
    g_string_append(bom, s);
    r = extract("bom.txt", bom->str, bom->len, NULL, &err);
    char *bom_at = g_strdup_printf("|%lld", (long long)(strstr(s, "80") - s + 3));
    has_str(r, bom_at, "UTF-8 BOM skipped, offsets still count it");
    g_free(bom_at);
    g_free(r);
    g_string_free(bom, TRUE);

    jb_ingest_options_t o = {.encoding = "klingon"};
    r = extract("x.txt", s, strlen(s), &o, &err);
    ok(!r && err.status == JB_ERR_USAGE, "unknown --encoding is a usage error");
    has_str(err.message, "klingon", "and names it");
}

static void
test_normalise(void)
{
    jb_error_t err;
    const char *s = "產業(yè)發(fā)展方面，2024年章丘區(qū)總投資548.5億元，,增長１２％。";
    jb_article_t *a = jb_ingest_parse("t.txt", s, strlen(s), NULL, &err);
    ok(a != NULL, "traditional text with artefacts reads");
    const char *text = a ? jb_article_get_text(a, NULL) : "";
    has_str(text, "产业发展方面", "t2s and (yè) artefacts removed");
    has_str(text, "章丘区总投资548.5亿元，增长12%", "doubled comma collapsed, full width to ASCII");
    size_t at = (size_t)(strstr(text, "548.5") - text);
    is_int(jb_article_get_offset(a, at), strstr(s, "548.5") - s, "offset map through t2s and clean-up");
    jb_article_free(a);
    s = "新年伊始,生机勃勃,投资1,234亿元";
    a = jb_ingest_parse("t.txt", s, strlen(s), NULL, &err);
    has_str(jb_article_get_text(a, NULL), "新年伊始，生机勃勃，投资1,234亿元", "ASCII comma between Han is ，, not in 1,234");
    jb_article_free(a);
}

static void
test_html(void)
{
    jb_error_t err;
    const char *h = "<html><head><title>简报</title><style>p{}</style></head><body><nav>首页 3个栏目</nav>"
                    "<p>2024年，槐荫区完成投资<b>60</b>亿元。</p><script>var x='5个';</script>"
                    "<!-- 9个 --><p>全区新增企业300家。</p></body></html>";
    char *r = extract("p.html", h, strlen(h), NULL, &err);
    ok(r != NULL, "HTML reads");
    has_str(r, "60|亿元|amount|槐荫区|完成投资|2024", "text across inline tags");
    has_str(r, "300|家|count|槐荫区", "a second paragraph");
    ok(r && !strstr(r, "|5|") && !strstr(r, "9|个") && !strstr(r, "3|个"), "script, comments and nav dropped");
    char *want = g_strdup_printf("|%lld", (long long)(strstr(h, "60") - h));
    has_str(r, want, "offset in the HTML source");
    g_free(want);
    g_free(r);

    /* entities before the number: the offset still points at it */
    const char *ent = "<p>2024年&nbsp;槐荫区&ldquo;新增&rdquo;企业<i>300</i>家</p>";
    r = extract("e.html", ent, strlen(ent), NULL, &err);
    want = g_strdup_printf("300|家|count|槐荫区|新增企业数|2024||%lld", (long long)(strstr(ent, "300") - ent));
    has_str(r, want, "offsets through entities and tags");
    g_free(want);
    g_free(r);

    GString *deep = g_string_new("<html><body>");
    for (int i = 0; i < 10000; i++)
        g_string_append(deep, "<div>");
    g_string_append(deep, "完成投资5亿元");
    time_t t0 = time(NULL);
    r = extract("deep.html", deep->str, deep->len, NULL, &err);
    ok(!r && err.status == JB_ERR_LIMIT, "HTML nested 10,000 deep is refused");
    has_str(err.message, "nested deeper", "with a clear message");
    ok(err.offset > 0, "naming the byte offset (%lld)", (long long)err.offset);
    ok(time(NULL) - t0 < 5, "in bounded time");
    g_free(r);
    g_string_free(deep, TRUE);
}

/* 今年 is the article's latest year outside sentences about the future. A
 * future word in the piece before a long run without end marks is cut off
 * (the segmenter cuts such a run at a clause mark after 12 KB) does not make
 * the run's own year a future one. */
static void
test_article_year(void)
{
    GString *text = g_string_new("今年，天桥区营业收入100亿元。\n2022年，天桥区营业收入80亿元。\n将");
    while (text->len < 12800)
        g_string_append(text, "发展经济，");
    g_string_append(text, "2023年，天桥区营业收入90亿元。\n");
    jb_ingest_options_t o = {0};
    jb_error_t err;
    char *r = extract("year.txt", text->str, text->len, &o, &err);
    ok(r && g_str_has_prefix(r, "100|亿元|amount|天桥区|营业收入|2023|"),
       "今年 takes the latest year named, though a future word came before its long sentence");
    g_free(r);
    g_string_free(text, TRUE);
}

static void
test_bad_input(void)
{
    jb_error_t err;
    char *r = extract("empty.txt", "", 0, NULL, &err);
    is_str(r, "", "empty file: no facts, no error");
    g_free(r);
    r = extract("ws.txt", " \n\t\r\n  \n", 8, NULL, &err);
    is_str(r, "", "whitespace only: no facts");
    g_free(r);

    const char bad[] = "2024年，完成投资80亿元。\n第二行 \xE4\xB8 坏字节";
    r = extract("bad.txt", bad, sizeof bad - 1, NULL, &err);
    ok(!r && err.status == JB_ERR_INPUT, "invalid UTF-8 is an input error");
    is_int(err.offset, strchr(bad, '\n') - bad + 1 + strlen("第二行 "), "at the byte offset of the bad byte");
    is_int(err.line, 2, "on line 2");
    has_str(err.message, "encoding-errors=replace", "suggesting the way on");
    jb_ingest_options_t o = {.replace_errors = 1};
    r = extract("bad.txt", bad, sizeof bad - 1, &o, &err);
    ok(r && strstr(r, "80|亿元"), "--encoding-errors=replace carries on");
    g_free(r);

    const char nul[] = "完成投资80亿元\0\0\0";
    r = extract("nul.txt", nul, sizeof nul - 1, NULL, &err);
    ok(!r && err.status == JB_ERR_INPUT, "NUL bytes are an input error");
    has_str(err.message, "NUL", "named as such");

    unsigned char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)(i * 7919 % 256);
    r = extract("bin.dat", (const char *)bin, sizeof bin, NULL, &err);
    ok(!r && err.status == JB_ERR_INPUT && err.offset >= 0, "binary data is an input error with an offset");

    /* 50 MB on one line, with a fact at the end */
    size_t big = 50u * 1024 * 1024 / 3 * 3 + 3; /* whole characters, over 50 MB */
    char *line = g_malloc(big + 64);
    for (size_t i = 0; i < big; i += 3)
        memcpy(line + i, "发", 3);
    strcpy(line + big, "完成投资80亿元");
    time_t t0 = time(NULL);
    r = extract("line.txt", line, strlen(line), NULL, &err);
    ok(r && strstr(r, "80|亿元"), "a 50 MB single line is read to its end");
    ok(time(NULL) - t0 < 30, "in bounded time (%lds)", (long)(time(NULL) - t0));
    g_free(r);
    g_free(line);

    /* a long line of many clauses and many facts: linear, quotes bounded */
    GString *many = g_string_new(NULL);
    while (many->len < 4u * 1024 * 1024)
        g_string_append(many, "全区完成投资80亿元，新增企业5家，");
    t0 = time(NULL);
    jb_article_t *ma = jb_ingest_parse("many.txt", many->str, many->len, NULL, &err);
    size_t longest = 0, nfacts = 0;
    if (ma)
        nfacts = jb_extract_article(ex, ma, on_long_fact, &longest);
    ok(nfacts >= 174000, "a 4 MB line of clauses gives its %zu facts (two per clause pair)", nfacts);
    ok(longest <= 1300, "each quoting at most about 1200 bytes of it (%zu)", longest);
    ok(time(NULL) - t0 < 20, "in bounded time (%lds)", (long)(time(NULL) - t0));
    jb_article_free(ma);
    g_string_free(many, TRUE);

    GString *num = g_string_new("2024年，完成投资");
    for (int i = 0; i < 400; i++)
        g_string_append_c(num, '7');
    g_string_append(num, "亿元。");
    r = extract("num.txt", num->str, num->len, NULL, &err);
    ok(r && strstr(r, "7777777777777777777777777777777777777777"), "a 400-digit number keeps its stated digits");
    ok(r && strstr(r, "|亿元|amount|"), "and its unit");
    g_free(r);
    g_string_free(num, TRUE);
}

int
main(void)
{
    const char *srcdir = g_getenv("SRCDIR") ? g_getenv("SRCDIR") : ".";
    char *data = g_build_filename(srcdir, "data", NULL);
    jb_error_t err;
    ex = jb_extractor_new(data, &err);
    ok(ex != NULL, "extractor loads data/units.tsv, indicators.tsv, entities.tsv");
    jb_extractor_t *none = jb_extractor_new("/nonexistent", &err);
    ok(!none && err.status == JB_ERR_IO, "a missing data folder is an I/O error");
    has_str(err.file, "units.tsv", "naming the file");
    test_numbers();
    test_facts();
    test_encodings();
    test_normalise();
    test_html();
    test_bad_input();
    test_article_year();
    jb_extractor_free(ex);
    g_free(data);
    return done_testing();
}
