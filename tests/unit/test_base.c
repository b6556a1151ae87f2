/* Unit tests of the base module: error records, fonts, the display list,
 * atomic output, resource limits. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/base/util-private.h"
#include "jibao/error.h"
#include "jibao/fonts.h"
#include "jibao/limits.h"
#include "jibao/pages.h"
#include "tap.h"

static void
test_error(void)
{
    jb_error_t err;
    char buf[2300];
    jb_error_clear(&err);
    is_int(err.status, JB_OK, "a cleared error is JB_OK");
    is_int(err.offset, -1, "a cleared error has no offset");

    is_int(jb_error_set(&err, JB_ERR_SYNTAX, "t.xml", 3, 7, 42, "bad %s", "tag"), JB_ERR_SYNTAX,
           "jb_error_set returns its status");
    is_str(jb_error_format(&err, "error", buf, sizeof buf), "t.xml:3:7: error: bad tag",
           "file:line:col: error: message");

    jb_error_set(&err, JB_ERR_IO, "out.pdf", 0, 0, -1, "disk full");
    is_str(jb_error_format(&err, "error", buf, sizeof buf), "out.pdf: error: disk full",
           "no line: file: error: message");

    jb_error_set(&err, JB_ERR_USAGE, NULL, 0, 0, -1, "%s", "");
    is_str(jb_error_format(&err, "error", buf, sizeof buf), "error: usage error",
           "no message: the status name stands in");

    int named = 1;
    for (int s = 0; s < JB_STATUS_COUNT; s++)
        named &= strcmp(jb_status_get_name((jb_status_t)s), "unknown error") != 0;
    ok(named, "every status has a name");
    is_str(jb_status_get_name((jb_status_t)999), "unknown error", "out of range status");
    is_int(jb_error_set(NULL, JB_ERR_IO, NULL, 0, 0, -1, "x"), JB_ERR_IO, "NULL err is allowed");
}

static void
test_fonts(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    jb_fonts_t *fonts = jb_fonts_new(NULL, &err);
    ok(fonts != NULL, "jibao's font set loads (%s)", err.message);
    if (!fonts)
        return;
    int sans = 0, serif = 0;
    for (size_t i = 0; i < jb_fonts_get_count(fonts); i++) {
        const jb_font_info_t *f = jb_fonts_get_info(fonts, i);
        if (strcmp(f->request, "sans-serif") == 0 && strcmp(f->family, "Noto Sans CJK SC") == 0)
            sans++;
        if (strcmp(f->request, "serif") == 0 && strcmp(f->family, "Noto Serif CJK SC") == 0)
            serif++;
        ok(access(f->file, R_OK) == 0, "font file %s is readable", f->file);
    }
    ok(sans >= 1, "sans-serif resolves to Noto Sans CJK SC");
    ok(serif >= 1, "serif resolves to Noto Serif CJK SC");
    ok(jb_fonts_get_info(fonts, jb_fonts_get_count(fonts)) == NULL, "info past the end is NULL");
    jb_fonts_free(fonts);
    jb_fonts_free(NULL);

    /* a configuration with no fonts in it: a clear error naming the package */
    char *dir = g_dir_make_tmp("jibao-fonts-XXXXXX", NULL);
    char *conf = g_build_filename(dir, "fonts.conf", NULL);
    g_file_set_contents(conf, "<?xml version=\"1.0\"?><fontconfig></fontconfig>\n", -1, NULL);
    jb_error_clear(&err);
    fonts = jb_fonts_new(dir, &err);
    ok(fonts == NULL, "a font set without CJK faces is refused");
    is_int(err.status, JB_ERR_FONT, "status JB_ERR_FONT");
    has_str(err.message, "fonts-noto-cjk", "the message names the package to install");
    g_unlink(conf);

    jb_error_clear(&err);
    fonts = jb_fonts_new(dir, &err);
    ok(fonts == NULL && err.status == JB_ERR_FONT, "a missing fonts.conf is JB_ERR_FONT");
    has_str(err.file, "fonts.conf", "the error names the file");
    g_rmdir(dir);
    g_free(conf);
    g_free(dir);
}

static void
test_pages(void)
{
    jb_pages_t *pages = jb_pages_new();
    is_int(jb_pages_get_count(pages), 0, "new pages are empty");
    jb_page_t *p = jb_pages_add_page(pages, 595.28, 841.89);
    jb_page_add_rect(p, (jb_box_t){10, 20, 30, 40}, (jb_rgba_t){1, 0, 0, 1});
    jb_page_add_line(p, 0, 0, 100, 0, 0.5, (jb_rgba_t){0, 0, 0, 0.5});
    is_int(jb_page_get_item_count(p), 2, "two items on the page");
    ok(jb_pages_get_page(pages, 1) == NULL, "page past the end is NULL");
    char *dump = jb_pages_dump(pages);
    is_str(dump,
           "page 1 595.28 841.89\n"
           "  rect 10.00 20.00 30.00 40.00 #ff0000\n"
           "  line 0.00 0.00 100.00 0.00 0.50 #000000/50%\n",
           "display list dump");
    free(dump);
    jb_pages_free(pages);
    jb_pages_free(NULL);
}

static int
count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (d && g_dir_read_name(d))
        n++;
    if (d)
        g_dir_close(d);
    return n;
}

static void
test_atomic(void)
{
    char *dir = g_dir_make_tmp("jibao-atomic-XXXXXX", NULL);
    char *path = g_build_filename(dir, "report.pdf", NULL);
    jb_error_t err;
    jb_error_clear(&err);

    g_file_set_contents(path, "old", -1, NULL);
    jb_atomic_file_t *af = jb_atomic_file_open(path, &err);
    ok(af != NULL, "temporary file opened beside the target");
    fputs("half", jb_atomic_file_get_stream(af));
    fflush(jb_atomic_file_get_stream(af));
    char *content = NULL;
    g_file_get_contents(path, &content, NULL, NULL);
    is_str(content, "old", "while writing, the target still holds the old file");
    g_free(content);
    jb_atomic_file_abort(af);
    g_file_get_contents(path, &content, NULL, NULL);
    is_str(content, "old", "after abort, the old file is intact");
    g_free(content);
    is_int(count_entries(dir), 1, "after abort, no temporary file is left");

    af = jb_atomic_file_open(path, &err);
    fputs("new", jb_atomic_file_get_stream(af));
    is_int(jb_atomic_file_commit(af, &err), JB_OK, "commit succeeds");
    g_file_get_contents(path, &content, NULL, NULL);
    is_str(content, "new", "after commit, the target holds the new file");
    g_free(content);
    is_int(count_entries(dir), 1, "after commit, no temporary file is left");
    GStatBuf st;
    g_stat(path, &st);
    ok((st.st_mode & 0044) == 0044 || (st.st_mode & 0777) == (0666 & ~(mode_t)umask(022)),
       "the committed file has the usual permissions, not mkstemp's 0600 (mode %o)",
       st.st_mode & 0777);

    char *missing = g_build_filename(dir, "no-such-dir", "x.pdf", NULL);
    jb_error_clear(&err);
    ok(jb_atomic_file_open(missing, &err) == NULL, "a missing folder fails at open");
    is_int(err.status, JB_ERR_IO, "with JB_ERR_IO");
    is_str(err.file, missing, "naming the target");
    g_free(missing);

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

/* Limits: defaults, NAME=VALUE, refusals, the input-size check. */
static void
test_limits(void)
{
    jb_limits_t l;
    jb_limits_init(&l);
    ok(l.xpath_ops == 50000000 && l.xpath_time == 60 && l.include_depth == 8 &&
           l.chart_points == 100000 && l.table_rows == 100000 && l.render_time == 600 &&
           l.memory == 2048 && l.input_size == 1024.0 * 1024 * 1024,
       "limits: the defaults of docs/cli.md");
    jb_error_t err;
    jb_error_clear(&err);
    is_int(jb_limits_parse(&l, "table-rows=5000", &err), JB_OK, "limits: table-rows=5000 parses");
    ok(l.table_rows == 5000, "limits: and is set");
    is_int(jb_limits_parse(&l, "render-time=0.5", &err), JB_OK, "limits: fractions parse");
    ok(l.render_time == 0.5, "limits: render-time=0.5 is half a second");
    is_int(jb_limits_parse(&l, "memory=0", &err), JB_OK, "limits: 0 (no limit) parses");
    static const char *const bad[] = {"rows=1", "table-rows", "table-rows=", "table-rows=-1",
                                      "table-rows=abc", "table-rows=nan", "table-rows=1e99"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        jb_error_clear(&err);
        is_int(jb_limits_parse(&l, bad[i], &err), JB_ERR_USAGE, "limits: '%s' is refused", bad[i]);
    }
    ok(l.table_rows == 5000, "limits: a refused value changes nothing");
    jb_error_clear(&err);
    jb_limits_parse(&l, "rows=1", &err);
    ok(strstr(err.message, "known: input-size") != NULL, "limits: an unknown name lists the known");

    char *path = g_build_filename(g_get_tmp_dir(), "jibao-limit-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    ok(fd >= 0 && write(fd, "0123456789", 10) == 10, "limits: a 10-byte file");
    close(fd);
    l.input_size = 10;
    is_int(jb_limits_check_file(&l, path, &err), JB_OK, "limits: 10 bytes pass input-size=10");
    l.input_size = 9;
    jb_error_clear(&err);
    is_int(jb_limits_check_file(&l, path, &err), JB_ERR_LIMIT, "limits: 10 bytes fail input-size=9");
    ok(strstr(err.message, "limit input-size") && strcmp(err.file, path) == 0,
       "limits: the message names the limit and the file");
    l.input_size = 0;
    is_int(jb_limits_check_file(&l, path, &err), JB_OK, "limits: input-size=0 is no limit");
    is_int(jb_limits_check_file(&l, "/nonexistent/x", &err), JB_OK,
           "limits: a missing file is left to the reader to report");
    g_unlink(path);
    g_free(path);
}

int
main(void)
{
    test_error();
    test_fonts();
    test_pages();
    test_atomic();
    test_limits();
    return done_testing();
}
