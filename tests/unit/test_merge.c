/* Unit tests of dataset loading and template merging: the document tree of
 * the minimal example against its golden dump, parameters, and the errors
 * with their template line and column. */
#include <glib.h>
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

/* Write text to a temporary template file; the caller frees the path. */
static char *
temp_file(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("jibao-tpl-XXXXXX.xml", &path, NULL);
    close(fd);
    g_file_set_contents(path, text, -1, NULL);
    return path;
}

static void
count_diag(const jb_error_t *d, void *user)
{
    (void)d;
    (*(int *)user)++;
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
    int n = 0;
    is_int(jb_template_check(t, ds, NULL, count_diag, &n, &err), JB_ERR_XPATH,
           "check fails on the XPath error");
    is_int(n, 1, "one problem: the optional value is not one");
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
    n = 0;
    jb_error_clear(&err);
    ok(jb_template_load_file(path, count_diag, &n, &err) == NULL, "schema violations refuse it");
    is_int(err.status, JB_ERR_SCHEMA, "JB_ERR_SCHEMA");
    is_int(err.line, 2, "the first at line 2");
    is_int(n, 2, "both violations reported");
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

int
main(void)
{
    srcdir = getenv("SRCDIR");
    if (!srcdir)
        srcdir = ".";
    test_dataset();
    test_minimal_golden();
    test_params();
    test_errors();
    return done_testing();
}
