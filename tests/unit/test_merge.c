/* Unit tests of dataset loading and writing and template merging: the
 * facts CSV and JSON writers, the document tree of the minimal example
 * against its golden dump, parameters, and the errors with their template
 * line and column. */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "jibao/dataset.h"
#include "jibao/template.h"
#include "tap.h"

static const char *srcdir;

static char *
src_path(const char *rel)
{
    return g_build_filename(srcdir, rel, NULL);
}

/* Write text to a temporary file with the given extension; the caller
 * frees the path. */
static char *
temp_file_ext(const char *text, const char *ext)
{
    char *path = NULL;
    char *tmpl = g_strdup_printf("jibao-test-XXXXXX%s", ext);
    int fd = g_file_open_tmp(tmpl, &path, NULL);
    g_free(tmpl);
    close(fd);
    g_file_set_contents(path, text, -1, NULL);
    return path;
}

static char *
temp_file(const char *text)
{
    return temp_file_ext(text, ".xml");
}

/* Counts errors in user[0] and warnings in user[1]. */
static void
count_diag(const jb_error_t *d, void *user)
{
    ((int *)user)[d->is_warning ? 1 : 0]++;
}

static void
test_dataset(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_dataset_t *ds = jb_dataset_new();
    char *path = src_path("examples/districts-2024q3.xml");
    is_int(jb_dataset_load_file(ds, path, &err), JB_OK, "example dataset loads (%s)",
           err.message);
    is_int(jb_dataset_get_fact_count(ds), 6, "six facts");
    is_int(jb_dataset_get_source_count(ds), 2, "two sources");
    is_int(jb_dataset_load_file(ds, path, &err), JB_OK, "a second dataset adds to the first");
    is_int(jb_dataset_get_fact_count(ds), 12, "twelve facts");
    g_free(path);

    char *bad = temp_file("<dataset version=\"1\">\n  <fact id=\"f1\"\n</dataset>\n");
    jb_error_clear(&err);
    is_int(jb_dataset_load_file(ds, bad, &err), JB_ERR_SYNTAX, "malformed dataset: syntax error");
    is_int(err.line, 3, "at line 3");
    ok(err.col > 0, "with a column");
    is_int(jb_dataset_get_fact_count(ds), 12, "a failed load leaves the dataset unchanged");
    unlink(bad);
    g_free(bad);

    bad = temp_file("<dataset version=\"1\">\n  <fact id=\"f1\" entity=\"历城区\" indicator=\"x\" "
                    "kind=\"amount\" value=\"12亿\"/>\n</dataset>\n");
    jb_error_clear(&err);
    is_int(jb_dataset_load_file(ds, bad, &err), JB_ERR_DATA, "a non-numeric value: data error");
    is_int(err.line, 2, "at the fact's line");
    unlink(bad);
    g_free(bad);
    jb_dataset_free(ds);
    jb_dataset_free(NULL);
}

static void
test_csv(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_dataset_t *ds = jb_dataset_new();
    char *csv = temp_file_ext("doc,entity,indicator,period,kind,value,unit,value_base,offset,"
                              "sentence\r\n"
                              "a.txt,历城区,地区生产总值,2024Q1-Q3,amount,969.8,亿元,96980000000,"
                              "97,\"前三季度,全区实现地区生产总值969.8亿元。\"\r\n"
                              "a.txt,历城区,地区生产总值,2024Q1-Q3,growth,4.6,%,,126,"
                              "\"他说\"\"增长\"\"了\"\n"
                              "\n"
                              "b.txt,章丘区,重点项目数,2024,count,53,个,,,\n",
                              ".csv");
    is_int(jb_dataset_load_file(ds, csv, &err), JB_OK, "facts CSV loads (%s)", err.message);
    is_int(jb_dataset_get_fact_count(ds), 3, "three facts (a blank line skipped)");
    is_int(jb_dataset_get_source_count(ds), 2, "one source per document");

    /* the CSV's facts are bound like extracted ones */
    static const char tpl[] =
        "<report><meta><title>t</title></meta><body><p><value select=\"fact[@kind='growth']\" "
        "style=\"growth\"/>，<value select=\"fact[@kind='growth']/sentence\"/>，<value "
        "select=\"fact[@kind='amount']/@base\"/></p></body></report>";
    char *path = temp_file(tpl);
    jb_template_t *t = jb_template_load_file(path, NULL, NULL, &err);
    jb_document_t *doc = t ? jb_template_merge(t, ds, NULL, &err) : NULL;
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "增长4.6%，他说\"增长\"了，96980000000", "quoted fields, doubled quotes");
        free(text);
    } else {
        ok(0, "a template over CSV facts merges (%s)", err.message);
    }
    jb_document_free(doc);
    jb_template_free(t);
    unlink(path);
    g_free(path);
    unlink(csv);
    g_free(csv);

    /* errors name line and column; nothing is added */
    static const struct {
        const char *text, *why;
        unsigned line, col;
    } bad[] = {
        {"entity,indicator,kind,value\n历城区,x,amount,12亿\n", "value must be a decimal", 2, 14},
        {"entity,indicator,kind,value\n历城区,x,sum,1\n", "kind must be", 2, 7},
        {"entity,indicator,kind,value,colour\n", "unknown column 'colour'", 1, 29},
        {"entity,indicator,value\n", "no 'kind' column", 1, 1},
        {"entity,indicator,kind,value\n历城区,x,amount\n", "3 fields where the header has 4",
         2, 1},
        {"entity,indicator,kind,value\n\"历城区,x,amount,1\n", "quoted field is not closed", 2,
         1},
        {"", "the CSV is empty", 1, 1},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *p = temp_file_ext(bad[i].text, ".csv");
        jb_error_clear(&err);
        size_t before = jb_dataset_get_fact_count(ds);
        ok(jb_dataset_load_file(ds, p, &err) != JB_OK, "bad CSV %zu refused", i + 1);
        has_str(err.message, bad[i].why, "bad CSV %zu: says why", i + 1);
        ok(err.line == bad[i].line && err.col == bad[i].col, "bad CSV %zu: at %u:%u (got %u:%u)",
           i + 1, bad[i].line, bad[i].col, err.line, err.col);
        is_int(jb_dataset_get_fact_count(ds), before, "bad CSV %zu: nothing added", i + 1);
        unlink(p);
        g_free(p);
    }
    jb_dataset_free(ds);
}

static void
test_corrections(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_dataset_t *ds = jb_dataset_new();
    char *data = src_path("examples/districts-2024q3.xml");
    jb_dataset_load_file(ds, data, &err);
    char *corr = temp_file("<corrections version=\"1\" by=\"王分析师\">\n"
                           "  <correct fact=\"f1\" value=\"970.1\" note=\"统计局修订\"/>\n"
                           "  <correct entity=\"天桥区\" indicator=\"地区生产总值\" "
                           "period=\"2024Q1-Q3\" kind=\"amount\" unit=\"亿元\" value=\"588.0\" "
                           "by=\"李四\"/>\n"
                           "</corrections>\n");
    size_t n = 0;
    is_int(jb_dataset_load_corrections(ds, corr, &n, &err), JB_OK, "corrections apply (%s)",
           err.message);
    is_int(n, 2, "one fact corrected, one added");
    is_int(jb_dataset_get_fact_count(ds), 7, "the added fact is in the dataset");

    static const char tpl[] =
        "<report><meta><title>t</title></meta><body><p><value select=\"fact[@id='f1']\"/>/<value "
        "select=\"fact[@id='f1']/@original-value\"/>/<value "
        "select=\"fact[@id='f1']/@corrected-by\"/>/<value select=\"fact[@entity='天桥区']\" "
        "unit=\"true\"/>/<value select=\"fact[@entity='天桥区']/@corrected-by\"/>/<value "
        "select=\"count(fact[@id='f1']/@base)\"/></p></body></report>";
    char *path = temp_file(tpl);
    jb_template_t *t = jb_template_load_file(path, NULL, NULL, &err);
    jb_document_t *doc = t ? jb_template_merge(t, ds, NULL, &err) : NULL;
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "970.1/969.8/王分析师/588.0亿元/李四/0",
               "corrected value, original kept, who corrected, added fact, stale base dropped");
        free(text);
    } else {
        ok(0, "template over corrected data merges (%s)", err.message);
    }
    jb_document_free(doc);
    jb_template_free(t);
    unlink(path);
    g_free(path);
    unlink(corr);
    g_free(corr);

    corr = temp_file("<corrections>\n  <correct fact=\"f1\" value=\"1\"/>\n"
                     "  <correct fact=\"f99\" value=\"2\"/>\n</corrections>\n");
    jb_error_clear(&err);
    is_int(jb_dataset_load_corrections(ds, corr, &n, &err), JB_ERR_DATA,
           "a correction of an unknown fact is an error");
    is_int(err.line, 3, "at its line");
    has_str(err.message, "f99", "naming the fact");
    unlink(corr);
    g_free(corr);

    /* the same file loaded twice: ids stay unique, facts follow their source */
    jb_dataset_load_file(ds, data, &err);
    path = temp_file("<report><meta><title>t</title></meta><body><p><value "
                     "select=\"count(fact[@id='f1-2'][@source='s1-2'])\"/>,<value "
                     "select=\"count(fact[@id='f1'][@source='s1'])\"/></p></body></report>");
    t = jb_template_load_file(path, NULL, NULL, &err);
    doc = t ? jb_template_merge(t, ds, NULL, &err) : NULL;
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "1,1", "a clashing id gets a suffix and its source follows");
        free(text);
    }
    jb_document_free(doc);
    jb_template_free(t);
    unlink(path);
    g_free(path);
    g_free(data);
    jb_dataset_free(ds);
}

static jb_document_t *
merge_text(const char *tpl_text, jb_params_t *params, jb_error_t *err, char **path_out)
{
    char *path = temp_file(tpl_text);
    jb_template_t *tpl = jb_template_load_file(path, NULL, NULL, err);
    jb_document_t *doc = NULL;
    if (tpl) {
        jb_dataset_t *ds = jb_dataset_new();
        char *data = src_path("examples/districts-2024q3.xml");
        jb_dataset_load_file(ds, data, NULL);
        g_free(data);
        doc = jb_template_merge(tpl, ds, params, err);
        jb_dataset_free(ds);
        jb_template_free(tpl);
    }
    if (path_out)
        *path_out = path;
    else {
        unlink(path);
        g_free(path);
    }
    return doc;
}

static void
test_minimal_golden(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    char *tpl_path = src_path("templates/minimal.xml");
    jb_template_t *tpl = jb_template_load_file(tpl_path, NULL, NULL, &err);
    ok(tpl != NULL, "minimal template loads and validates (%s)", err.message);
    jb_dataset_t *ds = jb_dataset_new();
    char *data = src_path("examples/districts-2024q3.xml");
    jb_dataset_load_file(ds, data, &err);
    jb_document_t *doc = tpl ? jb_template_merge(tpl, ds, NULL, &err) : NULL;
    ok(doc != NULL, "minimal template merges (%s)", err.message);
    if (doc) {
        char *dump = jb_document_dump(doc);
        char *golden_path = src_path("tests/golden/minimal.doc");
        char *golden = tap_slurp(golden_path);
        is_str(dump, golden, "document tree equals tests/golden/minimal.doc");
        if (getenv("JIBAO_UPDATE_GOLDEN"))
            g_file_set_contents(golden_path, dump, -1, NULL);
        free(golden);
        free(dump);
        g_free(golden_path);
    }
    jb_document_free(doc);

    /* a parameter changes what is bound: another period selects nothing */
    jb_params_t *params = jb_params_new();
    jb_params_parse(params, "period=2023Q1-Q3", NULL);
    jb_error_clear(&err);
    doc = jb_template_merge(tpl, ds, params, &err);
    ok(doc == NULL, "period=2023Q1-Q3 has no data: merge fails");
    is_int(err.status, JB_ERR_DATA, "with a data error");
    has_str(err.message, "selects nothing", "saying the selection is empty");
    is_str(err.file, tpl_path, "naming the template");
    ok(err.line >= 20 && err.col > 1, "with the <value>'s line and column (%u:%u)", err.line,
       err.col);
    jb_params_free(params);
    jb_dataset_free(ds);
    jb_template_free(tpl);
    g_free(data);
    g_free(tpl_path);
}

static void
test_params(void)
{
    jb_error_t err;
    jb_params_t *params = jb_params_new();
    jb_error_clear(&err);
    is_int(jb_params_parse(params, "noequals", &err), JB_ERR_PARAM, "NAME=VALUE required");
    is_int(jb_params_parse(params, "=x", &err), JB_ERR_PARAM, "empty name refused");
    is_int(jb_params_parse(params, "1abc=x", &err), JB_ERR_PARAM, "non-XML name refused");
    is_int(jb_params_parse(params, "who=历城区", &err), JB_OK, "a Chinese value is fine");

    static const char tpl[] =
        "<report><meta><title>参数</title></meta>\n"
        "<param name=\"who\"/>\n"
        "<body><p><value select=\"fact[@entity=$who and @kind='amount']\"/>亿元</p></body>"
        "</report>\n";
    jb_document_t *doc = merge_text(tpl, params, &err, NULL);
    ok(doc && doc->n_blocks == 1, "the parameter binds as an XPath variable");
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "969.8亿元", "$who selects 历城区's value");
        is_str(doc->blocks[0].text.inlines[0].fact_id, "f1", "the value remembers its fact");
        free(text);
    }
    jb_document_free(doc);

    jb_error_clear(&err);
    doc = merge_text(tpl, NULL, &err, NULL);
    ok(doc == NULL && err.status == JB_ERR_PARAM, "a required parameter left unset is an error");
    has_str(err.message, "--param who=", "saying how to set it");
    is_int(err.line, 2, "at the <param>'s line");

    jb_params_parse(params, "typo=1", NULL);
    jb_error_clear(&err);
    doc = merge_text(tpl, params, &err, NULL);
    ok(doc == NULL && err.status == JB_ERR_PARAM, "an undeclared --param is an error");
    has_str(err.message, "typo", "naming it");
    jb_params_free(params);
}

static void
test_errors(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    char *path = NULL;
    /* line 3: bad XPath; line 4: optional missing value */
    static const char tpl[] = "<report><meta><title>t</title></meta>\n"
                              "<body>\n"
                              "  <p>a<value select=\"fact[\"/></p>\n"
                              "  <p>b<value select=\"fact[@id='none']\" optional=\"true\"/></p>\n"
                              "</body></report>\n";
    jb_document_t *doc = merge_text(tpl, NULL, &err, &path);
    ok(doc == NULL, "an XPath syntax error stops the merge");
    is_int(err.status, JB_ERR_XPATH, "JB_ERR_XPATH");
    is_int(err.line, 3, "line 3");
    is_int(err.col, 7, "column 7 (the <value>)");
    has_str(err.message, "fact[", "the message quotes the expression");

    /* check reports every problem, not only the first */
    jb_template_t *t = jb_template_load_file(path, NULL, NULL, &err);
    jb_dataset_t *ds = jb_dataset_new();
    int n[2] = {0, 0};
    is_int(jb_template_check(t, ds, NULL, count_diag, n, &err), JB_ERR_XPATH,
           "check fails on the XPath error");
    is_int(n[0], 1, "one error: the optional value is not one");
    is_int(n[1], 1, "the optional value that selects nothing is a warning");
    jb_dataset_free(ds);
    jb_template_free(t);
    unlink(path);
    g_free(path);

    static const char opt[] =
        "<report><meta><title>t</title></meta><body>\n"
        "<p>b<value select=\"fact[@id='none']\" optional=\"true\"/>c</p></body></report>\n";
    doc = merge_text(opt, NULL, &err, NULL);
    ok(doc != NULL, "a missing optional value merges");
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "b—c", "as the placeholder —");
        free(text);
    }
    jb_document_free(doc);

    /* schema: every violation reported */
    static const char schema[] = "<report><meta><title>t</title></meta><body>\n"
                                 "<chart type=\"sankey\"><series select=\"fact\" label=\"@entity\" "
                                 "value=\"@value\"/></chart>\n"
                                 "<bogus/>\n"
                                 "</body></report>\n";
    path = temp_file(schema);
    n[0] = n[1] = 0;
    jb_error_clear(&err);
    ok(jb_template_load_file(path, count_diag, n, &err) == NULL, "schema violations refuse it");
    is_int(err.status, JB_ERR_SCHEMA, "JB_ERR_SCHEMA");
    is_int(err.line, 2, "the first at line 2");
    is_int(n[0], 2, "both violations reported");
    unlink(path);
    g_free(path);

    /* safety: a DOCTYPE (entity declarations) is refused outright */
    path = temp_file("<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM "
                     "\"file:///etc/passwd\">]>\n<report>&x;</report>\n");
    jb_error_clear(&err);
    ok(jb_template_load_file(path, NULL, NULL, &err) == NULL, "a DOCTYPE is refused");
    is_int(err.status, JB_ERR_SYNTAX, "as a syntax error");
    is_int(err.line, 2, "at its line");
    has_str(err.message, "DOCTYPE", "saying why");
    unlink(path);
    g_free(path);

    /* text wrapped in the XML source: no stray spaces between Han characters */
    static const char wrap[] = "<report><meta><title>t</title></meta><body>\n"
                               "<p>\n  第一行\n  第二行 and English\n  words</p></body></report>\n";
    doc = merge_text(wrap, NULL, &err, NULL);
    if (doc) {
        char *text = jb_text_get_string(&doc->blocks[0].text);
        is_str(text, "第一行第二行 and English words", "source line breaks vanish next to Han");
        free(text);
    } else {
        ok(0, "wrapped text merges (%s)", err.message);
    }
    jb_document_free(doc);
}

/* What the fact writers write, read back from a temporary stream; the
 * caller frees it. Each call of write() adds to the same stream. */
static char *
written(void (*write)(FILE *out, const void *arg), const void *arg)
{
    FILE *out = tmpfile();
    write(out, arg);
    long size = ftell(out);
    char *text = g_malloc0((size_t)size + 1);
    rewind(out);
    if (fread(text, 1, (size_t)size, out) != (size_t)size)
        text[0] = '\0';
    fclose(out);
    return text;
}

/* RFC 4180 the plain way, to compare the fast writer with */
static void
expect_field(GString *row, const char *s, const char *sep)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n")) {
        g_string_append_c(row, '"');
        for (; *s; s++) {
            if (*s == '"')
                g_string_append_c(row, '"');
            g_string_append_c(row, *s);
        }
        g_string_append_c(row, '"');
    } else {
        g_string_append(row, s);
    }
    g_string_append(row, sep);
}

static char *
expect_row(const jb_fact_t *f)
{
    GString *row = g_string_new(NULL);
    const char *fields[] = {f->doc,  f->entity, f->indicator, f->period,    f->kind,
                            f->value, f->unit,  f->value_base};
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        expect_field(row, fields[i], ",");
    g_string_append_printf(row, "%lld,", (long long)f->offset);
    expect_field(row, f->sentence, "\r\n");
    return g_string_free(row, FALSE);
}

static void
write_csv_one(FILE *out, const void *arg)
{
    jb_fact_write_csv(out, arg);
}

typedef struct {
    const jb_fact_t *facts;
    size_t n;
    jb_fact_format_t format;
} fact_list_t;

static void
write_with_writer(FILE *out, const void *arg)
{
    const fact_list_t *l = arg;
    jb_fact_writer_t *w = jb_fact_writer_new(out, l->format);
    for (size_t i = 0; i < l->n; i++)
        jb_fact_writer_add(w, &l->facts[i]);
    jb_fact_writer_end(w);
    jb_fact_writer_free(w);
}

static void
write_one_at_a_time(FILE *out, const void *arg)
{
    const fact_list_t *l = arg;
    if (l->format == JB_FACT_JSON)
        jb_fact_write_json_begin(out);
    else
        jb_fact_write_csv_header(out);
    for (size_t i = 0; i < l->n; i++) {
        if (l->format == JB_FACT_JSON)
            jb_fact_write_json(out, &l->facts[i], i == 0);
        else
            jb_fact_write_csv(out, &l->facts[i]);
    }
    if (l->format == JB_FACT_JSON)
        jb_fact_write_json_end(out);
}

/* The CSV writer checks and copies fields a word at a time, with special
 * cases by length: every length up to 40 bytes, with each byte that needs
 * quoting (and '%', which only looks like one to the first test) at every
 * position, must come out as plain RFC 4180 says. */
static void
test_fact_csv(void)
{
    static const char specials[] = ",\"\r\n%";
    const char *filler = "0123456789济南高新区abcdefghijklmnopqrstuvwxyz地区生产总值";
    int bad = 0, cases = 0;
    for (size_t len = 0; len <= 40; len++) {
        for (size_t pos = 0; pos <= len; pos++) {
            for (size_t c = 0; c < sizeof specials; c++) { /* the last: none */
                char field[64];
                memcpy(field, filler, len);
                field[len] = '\0';
                if (pos < len && specials[c])
                    field[pos] = specials[c];
                jb_fact_t f = {field, field, "指标", "", "amount", "1", "%", "", 7, field,
                               NULL, NULL, NULL, 0.9};
                char *got = written(write_csv_one, &f);
                char *want = expect_row(&f);
                cases++;
                if (strcmp(got, want) != 0 && bad++ < 3)
                    tap_diag("field", field);
                g_free(got);
                g_free(want);
            }
        }
    }
    is_int(bad, 0, "CSV quoting of %d fields: any length, a special byte anywhere", cases);

    /* NULL fields, offsets of every width and sign, a sentence longer than
     * the writer's buffer */
    char *big = g_strnfill(100000, 'x');
    big[50000] = ',';
    jb_fact_t facts[] = {
        {NULL, "历城区", "完成投资", NULL, "amount", "12.5", "亿元", NULL, 0, "句子。", NULL,
         NULL, NULL, 0.9},
        {"a.txt", "e", "i", "2024", "count", "3", "个", "", -1, "s", NULL, NULL, NULL, 0.8},
        {"a.txt", "e", "i", "2024", "count", "3", "个", "", INT64_MIN, "", NULL, NULL, NULL, 0},
        {"a.txt", "e", "i", "2024", "count", "3", "个", "", INT64_MAX, big + 50001, NULL, NULL,
         NULL, 1},
        {"a.txt", "e", "i", "2024", "count", "3", "个", "", 100, big, NULL, NULL, NULL, 1},
        {"a.txt", "e", "i", "2024", "count", "3", "个", "", 99, "\"", NULL, NULL, NULL, 1},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(facts); i++) {
        char *got = written(write_csv_one, &facts[i]);
        char *want = expect_row(&facts[i]);
        ok(strcmp(got, want) == 0, "CSV row %zu as RFC 4180 says", i);
        g_free(got);
        g_free(want);
    }

    /* a writer gives the bytes of the one-fact functions */
    for (int format = JB_FACT_CSV; format <= JB_FACT_JSON; format++) {
        fact_list_t l = {facts, G_N_ELEMENTS(facts), (jb_fact_format_t)format};
        char *a = written(write_with_writer, &l);
        char *b = written(write_one_at_a_time, &l);
        ok(strcmp(a, b) == 0, "%s: a writer writes what the one-fact functions write",
           format == JB_FACT_JSON ? "json" : "csv");
        g_free(a);
        g_free(b);
    }
    g_free(big);
}

static void
write_json_one(FILE *out, const void *arg)
{
    jb_fact_write_json(out, arg, 1);
}

/* JSON: escapes, and the confidence as printf's "%.2f" writes it (the
 * writer formats it itself), ties and near-ties included */
static void
test_fact_json(void)
{
    jb_fact_t f = {"d\"q\\.txt", "e\x01\x1f", "i", "", "share", "5", "%", "", 3, "句\t子\n",
                   "约", NULL, "9", 0.9};
    char *got = written(write_json_one, &f);
    is_str(got,
           "\n  {\"value\": \"5\", \"upper\": \"9\", \"doc\": \"d\\\"q\\\\.txt\", \"entity\": "
           "\"e\\u0001\\u001f\", \"indicator\": \"i\", \"period\": \"\", \"kind\": \"share\", "
           "\"unit\": \"%\", \"qualifier\": \"约\", \"sentence\": \"句\\u0009子\\u000a\", "
           "\"offset\": 3, \"confidence\": 0.90}",
           "JSON object with escapes");
    g_free(got);

    double values[] = {0,     1,      0.005, 0.015,  0.025,  0.125, 0.375, 0.625, 0.875,
                       0.845, 0.8449999, 0.995, 0.9949999999, 99.995, 1e-300, 9999.999,
                       1e5,   -0.0,   -0.5,  1.0 / 3, 2.0 / 3, 0.1 + 0.2};
    int bad = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(values) + 2000; i++) {
        f.confidence = i < G_N_ELEMENTS(values) ? values[i] : (double)(i - G_N_ELEMENTS(values)) / 1999;
        char want[64];
        snprintf(want, sizeof want, ", \"confidence\": %.2f}", f.confidence);
        got = written(write_json_one, &f);
        if (!g_str_has_suffix(got, want) && bad++ < 3)
            tap_diag("confidence", want);
        g_free(got);
    }
    is_int(bad, 0, "the confidence as \"%%.2f\" writes it");
}

int
main(void)
{
    srcdir = getenv("SRCDIR");
    if (!srcdir)
        srcdir = ".";
    test_dataset();
    test_csv();
    test_fact_csv();
    test_fact_json();
    test_corrections();
    test_minimal_golden();
    test_params();
    test_errors();
    return done_testing();
}
