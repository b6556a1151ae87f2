/* Unit tests of layout, chart and output: tick selection, the chart's
 * placed geometry, paragraph placement within the text area, and PDF
 * writing (dates, atomic replacement). */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/base/pages-private.h"
#include "../../src/output/links-private.h"
#include "../../src/output/subset-private.h"
#include "jibao/chart.h"
#include "jibao/layout.h"
#include "jibao/output.h"
#include "tap.h"

static jb_fonts_t *fonts;

static void
test_ticks(void)
{
    static const struct {
        double min, max;
        double lo, hi, step;
    } cases[] = {
        {0, 1702.3, 0, 2000, 500}, {612.4, 1702.3, 0, 2000, 500},
        {0, 4.6, 0, 5, 1},         {-3.5, 8.2, -5, 10, 5},
        {0, 0.37, 0, 0.4, 0.1},    {-120, -30, -150, 0, 50},
        {0, 0, 0, 1, 0.2},         {0, 96980000000.0, 0, 1e11, 2e10},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        double lo, hi, step;
        jb_chart_nice_ticks(cases[i].min, cases[i].max, 5, &lo, &hi, &step);
        ok(fabs(lo - cases[i].lo) < 1e-9 * fmax(1, fabs(cases[i].hi)) &&
               fabs(hi - cases[i].hi) < 1e-9 * fmax(1, fabs(cases[i].hi)) &&
               fabs(step - cases[i].step) < 1e-9 * fmax(1, fabs(cases[i].step)),
           "ticks for [%g, %g]: got %g..%g step %g, expected %g..%g step %g", cases[i].min,
           cases[i].max, lo, hi, step, cases[i].lo, cases[i].hi, cases[i].step);
        ok(lo <= 0 && hi >= 0, "zero is inside the axis");
    }
}

static jb_chart_spec_t *
district_chart(void)
{
    static const char *names[] = {"历城区", "历下区", "市中区", "槐荫区", "章丘区"};
    static const double values[] = {969.8, 1702.3, 1068.5, 612.4, 1045.7};
    jb_chart_spec_t *c = jb_chart_spec_new("bar");
    c->title = g_strdup("地区生产总值");
    c->unit = g_strdup("亿元");
    jb_series_t *s = jb_chart_spec_add_series(c, "地区生产总值");
    for (int i = 0; i < 5; i++)
        jb_series_add_point(s, names[i], values[i]);
    return c;
}

static void
test_chart(void)
{
    jb_pages_t *pages = jb_pages_new();
    jb_page_t *page = jb_pages_add_page(pages, 595, 842);
    jb_chart_spec_t *c = district_chart();
    jb_box_t box = {70, 100, 450, 240};
    jb_error_t err;
    jb_error_clear(&err);
    is_int(jb_chart_draw(c, fonts, page, box, &err), JB_OK, "bar chart draws");

    /* bars: the five filled rectangles, heights proportional to the values */
    double heights[5];
    int n = 0, inside = 1;
    double base = -1;
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *it = jb_page_get_item(page, i);
        if (it->type == JB_ITEM_RECT && n < 5) {
            heights[n++] = it->u.rect.height;
            double bottom = it->u.rect.y + it->u.rect.height;
            if (base < 0)
                base = bottom;
            inside &= fabs(bottom - base) < 1e-6;
        }
        if (it->type == JB_ITEM_GLYPHS)
            for (int g = 0; g < it->u.glyphs.n_glyphs; g++) {
                double x = it->u.glyphs.glyphs[g].x, y = it->u.glyphs.glyphs[g].y;
                inside &= x >= box.x - 0.01 && x <= box.x + box.width && y >= box.y &&
                          y <= box.y + box.height;
            }
    }
    is_int(n, 5, "five bars");
    ok(inside, "bars share a baseline and every glyph lies in the chart box");
    if (n == 5)
        ok(fabs(heights[1] / heights[0] - 1702.3 / 969.8) < 1e-6,
           "bar heights are proportional to the values");
    char *text = jb_page_get_text(page);
    has_str(text, "单位：亿元", "the unit note");
    has_str(text, "1702.3", "a value label");
    has_str(text, "槐荫区", "a category label");
    has_str(text, "2000", "the top tick");
    free(text);

    /* a NaN is refused, naming the series */
    c->series[0].values[2] = NAN;
    jb_error_clear(&err);
    is_int(jb_chart_draw(c, fonts, page, box, &err), JB_ERR_DATA, "a NaN value is a data error");
    has_str(err.message, "地区生产总值", "naming the series");
    has_str(err.message, "市中区", "and the point");
    jb_chart_spec_free(c);

    /* no data: a 无数据 box, not an empty frame */
    page = jb_pages_add_page(pages, 595, 842);
    c = jb_chart_spec_new("bar");
    jb_chart_spec_add_series(c, "空");
    is_int(jb_chart_draw(c, fonts, page, box, &err), JB_OK, "an empty chart draws");
    text = jb_page_get_text(page);
    has_str(text, "无数据", "as 无数据");
    free(text);
    jb_chart_spec_free(c);

    c = jb_chart_spec_new("sankey");
    is_int(jb_chart_draw(c, fonts, page, box, &err), JB_ERR_UNSUPPORTED, "unknown kind refused");
    jb_chart_spec_free(c);
    jb_pages_free(pages);
}

static jb_document_t *
sample_document(int paragraphs)
{
    jb_document_t *doc = jb_document_new();
    doc->title = g_strdup("测试简报");
    jb_text_add(&jb_document_add_block(doc, JB_BLOCK_TITLE, 1)->text, "测试简报", NULL, 0);
    for (int i = 0; i < paragraphs; i++) {
        jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, 2);
        jb_text_add(&b->text, "前三季度，全区实现地区生产总值", NULL, 0);
        jb_text_add(&b->text, "969.8", "f1", 0);
        jb_text_add(&b->text,
                    "亿元，同比增长4.6%。重点项目建设提速，产业结构持续优化，"
                    "新动能加快成长，经济运行总体平稳、稳中有进，为全年目标任务"
                    "的完成打下了坚实基础。",
                    NULL, 0);
    }
    return doc;
}

static void
test_layout(void)
{
    jb_document_t *doc = sample_document(1);
    jb_error_t err;
    jb_error_clear(&err);
    jb_pages_t *pages = jb_layout_document(doc, fonts, &err);
    ok(pages != NULL, "a document lays out");
    is_int(jb_pages_get_count(pages), 1, "on one page");
    jb_page_t *page = jb_pages_get_page(pages, 0);
    char *text = jb_page_get_text(page);
    has_str(text, "969.8", "the bound value is on the page");
    free(text);

    /* every glyph within the text area; the first body line is indented */
    double left = doc->margin_left, right = doc->page_width - doc->margin_right;
    int inside = 1;
    double first_body_x = -1;
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *it = jb_page_get_item(page, i);
        if (it->type != JB_ITEM_GLYPHS)
            continue;
        for (int g = 0; g < it->u.glyphs.n_glyphs; g++)
            inside &= it->u.glyphs.glyphs[g].x >= left - 0.01 && it->u.glyphs.glyphs[g].x <= right;
        if (first_body_x < 0 && strstr(it->u.glyphs.text, "前三季度"))
            first_body_x = it->u.glyphs.glyphs[0].x;
    }
    ok(inside, "every glyph starts inside the margins");
    ok(fabs(first_body_x - (left + 22)) < 0.01, "first line indented 2 em (22 pt), got %.2f",
       first_body_x - left);
    jb_pages_free(pages);
    jb_document_free(doc);

    /* a long document flows onto more pages */
    doc = sample_document(60);
    pages = jb_layout_document(doc, fonts, &err);
    ok(pages && jb_pages_get_count(pages) >= 3, "60 paragraphs fill several pages (%zu)",
       pages ? jb_pages_get_count(pages) : 0);
    jb_pages_free(pages);

    doc->margin_left = doc->margin_right = 290;
    jb_error_clear(&err);
    ok(jb_layout_document(doc, fonts, &err) == NULL && err.status == JB_ERR_DATA,
       "margins that leave no room are an error");
    jb_document_free(doc);
}

/* Is every item of the page inside the box? */
static int
inside_box(const jb_page_t *page, jb_box_t box, double size)
{
    int inside = 1;
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *it = jb_page_get_item(page, i);
        if (it->type == JB_ITEM_GLYPHS)
            for (int g = 0; g < it->u.glyphs.n_glyphs; g++) {
                double x = it->u.glyphs.glyphs[g].x, y = it->u.glyphs.glyphs[g].y;
                inside &= x >= box.x - 0.01 && x + size <= box.x + box.width + 0.01 &&
                          y - size >= box.y - 0.01 && y <= box.y + box.height + 0.01;
            }
        else if (it->type == JB_ITEM_LINE)
            inside &= it->u.line.x0 >= box.x - 0.01 && it->u.line.x1 <= box.x + box.width + 0.01 &&
                      it->u.line.y0 >= box.y - 0.01 && it->u.line.y1 <= box.y + box.height + 0.01;
    }
    return inside;
}

static void
test_table(void)
{
    jb_document_t *doc = jb_document_new();
    free(doc->footer.center);
    doc->footer.center = NULL; /* only the table on the pages */
    jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_TABLE, 1);
    b->table = jb_table_new(3);
    b->table->caption = g_strdup("表1 五千行");
    jb_row_t *h = jb_table_add_row(b->table, JB_ROW_HEADER);
    jb_text_add(&h->cells[0].text, "序号", NULL, 0);
    jb_text_add(&h->cells[1].text, "地区", NULL, 0);
    jb_text_add(&h->cells[2].text, "数值（亿元）", NULL, 0);
    for (int r = 1; r <= 5000; r++) {
        jb_row_t *row = jb_table_add_row(b->table, JB_ROW_BODY);
        char n[16];
        g_snprintf(n, sizeof n, "%d", r);
        jb_text_add(&row->cells[0].text, n, NULL, 0);
        jb_text_add(&row->cells[1].text, r % 2 ? "历城区" : "章丘区", NULL, 0);
        jb_text_add(&row->cells[2].text, "969.8", NULL, 0);
    }
    jb_error_t err;
    jb_error_clear(&err);
    jb_pages_t *pages = jb_layout_document(doc, fonts, &err);
    ok(pages != NULL, "a 5,000-row table lays out");
    size_t n = pages ? jb_pages_get_count(pages) : 0;
    ok(n > 100 && n < 200, "on %zu pages", n);
    jb_box_t area = {doc->margin_left, doc->margin_top,
                     doc->page_width - doc->margin_left - doc->margin_right,
                     doc->page_height - doc->margin_top - doc->margin_bottom};
    int headers = 0, inside = 1, rows = 0, in_order = 1, last = 0;
    for (size_t p = 0; p < n; p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        char *text = jb_page_get_text(page);
        /* the caption (marked 续 after the first page), then the header row */
        headers += g_str_has_prefix(text, p ? "表1 五千行（续）\n序号\n地区\n数值"
                                            : "表1 五千行\n序号\n地区\n数值");
        /* the first cell of each row: its number, rising by one */
        char **lines = g_strsplit(text, "\n", -1);
        for (int i = 0; lines[i]; i++) {
            char *end = NULL;
            long v = strtol(lines[i], &end, 10);
            if (end != lines[i] && !*end && !strchr(lines[i], '.')) {
                in_order &= v == last + 1;
                last = (int)v;
                rows++;
            }
        }
        g_strfreev(lines);
        free(text);
        inside &= inside_box(page, area, 9.5);
    }
    is_int(headers, (int)n, "the header row opens every page");
    is_int(rows, 5000, "every row set once");
    ok(in_order, "rows in order");
    ok(inside, "nothing outside the text area");
    jb_pages_free(pages);
    jb_document_free(doc);
}

static void
test_toc(void)
{
    jb_document_t *doc = sample_document(0);
    doc->n_cover_blocks = 1; /* the title alone on a cover */
    doc->blocks[0].style = g_strdup("cover-title");
    jb_document_add_block(doc, JB_BLOCK_TOC, 1)->level = 1;
    for (int s = 0; s < 6; s++) {
        jb_block_t *h = jb_document_add_block(doc, JB_BLOCK_HEADING, 2);
        h->level = 1;
        h->number = g_strdup_printf("%d. ", s + 1);
        jb_text_add(&h->text, "章节", NULL, 0);
        for (int i = 0; i < 12; i++)
            jb_text_add(&jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, 3)->text,
                        "前三季度，全区经济运行总体平稳、稳中有进，重点项目建设提速，产业结构持续"
                        "优化，新动能加快成长，为全年目标任务的完成打下了坚实基础。",
                        NULL, 0);
    }
    jb_error_t err;
    jb_error_clear(&err);
    jb_pages_t *pages = jb_layout_document(doc, fonts, &err);
    ok(pages && jb_pages_get_count(pages) > 4, "a document with contents lays out");
    if (!pages)
        return;
    /* where each heading landed (its destination), as a body page number */
    int landed[6] = {0};
    int links = 0;
    for (size_t p = 0; p < jb_pages_get_count(pages); p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
            const jb_item_t *it = jb_page_get_item(page, i);
            if (it->type == JB_ITEM_DEST) {
                int k = 0;
                for (size_t b = 0; b < doc->n_blocks; b++)
                    if (doc->blocks[b].type == JB_BLOCK_HEADING) {
                        char name[16];
                        g_snprintf(name, sizeof name, "h%zu", b);
                        if (strcmp(name, it->u.dest.name) == 0)
                            landed[k] = (int)p; /* page 0 is the cover */
                        k++;
                    }
            }
            links += it->type == JB_ITEM_LINK && p == 1;
        }
    }
    char *toc = jb_page_get_text(jb_pages_get_page(pages, 1));
    int right = 0;
    for (int s = 0; s < 6; s++) {
        char want[64];
        g_snprintf(want, sizeof want, "%d. 章节\n%d\n", s + 1, landed[s]);
        right += strstr(toc, want) != NULL;
    }
    is_int(right, 6, "every contents entry shows the page its heading is on");
    ok(strstr(toc, "目录") && strstr(toc, "....."), "a title and dot leaders");
    is_int(links, 6, "every entry links to its heading");
    is_int((int)jb_pages_get_outline_count(pages), 6, "one bookmark per heading");
    char *cover = jb_page_get_text(jb_pages_get_page(pages, 0));
    ok(!strstr(cover, "第"), "no footer on the cover");
    const jb_item_t *title = jb_page_get_item(jb_pages_get_page(pages, 0), 0);
    ok(title && title->type == JB_ITEM_GLYPHS &&
           title->u.glyphs.glyphs[0].y > doc->margin_top + 160,
       "the cover title sits below its 160 pt of space before");
    char *first = jb_page_get_text(jb_pages_get_page(pages, 1));
    has_str(first, "第 1 页", "numbering starts after the cover");
    free(cover);
    free(first);
    free(toc);
    jb_pages_free(pages);
    jb_document_free(doc);
}

/* A chart that does not fit moves to the next page whole; a floating one
 * lets the paragraph after it fill the gap first. */
static void
test_chart_float(void)
{
    for (int floating = 0; floating < 2; floating++) {
        jb_document_t *doc = sample_document(7); /* about 630 of the page's 700 pt */
        jb_block_t *c = jb_document_add_block(doc, JB_BLOCK_CHART, 5);
        c->chart = district_chart();
        c->chart->height = 300;
        c->may_float = floating;
        jb_block_t *after = jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, 6);
        jb_text_add(&after->text, "图后文字：这一段在图之后，可以填补图留下的空白。", NULL, 0);
        jb_error_t err;
        jb_error_clear(&err);
        jb_pages_t *pages = jb_layout_document(doc, fonts, &err);
        ok(pages && jb_pages_get_count(pages) == 2, "%s chart: two pages",
           floating ? "floating" : "fixed");
        if (pages && jb_pages_get_count(pages) == 2) {
            char *p1 = jb_page_get_text(jb_pages_get_page(pages, 0));
            char *p2 = jb_page_get_text(jb_pages_get_page(pages, 1));
            ok(!strstr(p1, "单位：亿元") && strstr(p2, "单位：亿元"),
               "the chart is whole on page 2");
            if (floating)
                ok(strstr(p1, "图后文字") != NULL, "the text after it fills page 1");
            else
                ok(strstr(p2, "图后文字") != NULL, "the text after it follows it on page 2");
            /* the chart opens page 2: its first item is at the top margin */
            const jb_page_t *page = jb_pages_get_page(pages, 1);
            double top = 1e9;
            for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
                const jb_item_t *it = jb_page_get_item(page, i);
                if (it->type == JB_ITEM_GLYPHS && strstr(it->u.glyphs.text, "图后文字"))
                    top = fmin(top, it->u.glyphs.glyphs[0].y);
            }
            if (!floating)
                ok(top > doc->margin_top + 300, "and below the chart (%.1f)", top);
            free(p1);
            free(p2);
        }
        jb_pages_free(pages);
        jb_document_free(doc);
    }
}

/* List items hang: the lines after the first align with the text after
 * the marker; a second-level item is indented 2 em more. */
static void
test_list(void)
{
    jb_document_t *doc = jb_document_new();
    for (int level = 1; level <= 2; level++) {
        jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_LIST_ITEM, 1);
        b->level = level;
        b->number = g_strdup("（1）");
        jb_text_add(
            &b->text,
            "重点项目建设提速，产业结构持续优化，新动能加快成长，经济运行总体平稳、稳中有进，"
            "为全年目标任务的完成打下了坚实基础，各区将围绕重点项目建设持续发力。",
            NULL, 0);
    }
    jb_pages_t *pages = jb_layout_document(doc, fonts, NULL);
    const jb_page_t *page = jb_pages_get_page(pages, 0);
    /* the left edge of each line: the first glyph of each run at a new y */
    double xs[8], text_x = -1;
    int n = 0;
    double last_y = -1;
    for (size_t i = 0; i < jb_page_get_item_count(page) && n < 8; i++) {
        const jb_item_t *it = jb_page_get_item(page, i);
        if (it->type == JB_ITEM_GLYPHS && text_x < 0 && g_str_has_prefix(it->u.glyphs.text, "重"))
            text_x = it->u.glyphs.glyphs[0].x - doc->margin_left;
        if (it->type != JB_ITEM_GLYPHS || it->u.glyphs.glyphs[0].y == last_y)
            continue;
        last_y = it->u.glyphs.glyphs[0].y;
        xs[n++] = it->u.glyphs.glyphs[0].x - doc->margin_left;
    }
    ok(n >= 4, "two items of two or more lines (%d lines)", n);
    if (n >= 4) {
        /* （ at a line start is pulled back half an em: the marker starts at -5.5 */
        ok(fabs(xs[0] + 5.5) < 0.01, "the marker opens the line (%.2f)", xs[0]);
        ok(xs[1] > 15 && fabs(xs[1] - text_x) < 0.01,
           "the next line hangs under the text after the marker (%.2f, %.2f)", xs[1], text_x);
        const jb_style_t *st = jb_document_get_style(doc, "list");
        ok(fabs(xs[2] - xs[0] - 2 * st->size) < 0.01, "level 2 is indented 2 em (%.2f)",
           xs[2] - xs[0]);
    }
    jb_pages_free(pages);
    jb_document_free(doc);
}

/* 着重号: one dot under each emphasised Han character, below its baseline
 * and centred on it; none under punctuation or Latin. */
static void
test_emphasis(void)
{
    jb_document_t *doc = jb_document_new();
    jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, 1);
    jb_text_add(&b->text, "全年目标是", NULL, 0);
    jb_text_add(&b->text, "稳中求进，GDP", NULL, JB_INLINE_EMPHASIS);
    jb_text_add(&b->text, "增长。", NULL, 0);
    jb_pages_t *pages = jb_layout_document(doc, fonts, NULL);
    const jb_page_t *page = jb_pages_get_page(pages, 0);
    int dots = 0, centred = 0;
    double baseline = 0;
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *it = jb_page_get_item(page, i);
        if (it->type == JB_ITEM_GLYPHS)
            baseline = it->u.glyphs.glyphs[0].y;
        if (it->type != JB_ITEM_DOT)
            continue;
        dots++;
        /* the glyph above it: body text is 11 pt, full-width Han */
        for (size_t k = 0; k < jb_page_get_item_count(page); k++) {
            const jb_item_t *g = jb_page_get_item(page, k);
            if (g->type == JB_ITEM_GLYPHS)
                for (int j = 0; j < g->u.glyphs.n_glyphs; j++)
                    centred += fabs(g->u.glyphs.glyphs[j].x + 5.5 - it->u.dot.x) < 0.01 &&
                               it->u.dot.y > g->u.glyphs.glyphs[j].y;
        }
    }
    is_int(dots, 4, "four dots for 稳中求进, none for ， or GDP");
    is_int(centred, 4, "each centred under its character, below the baseline");
    ok(baseline > 0, "the paragraph is set");
    jb_pages_free(pages);
    jb_document_free(doc);
}

/* Layouts that could loop or crash: a table row taller than a page, a
 * table without rows or columns, a chart taller than the text area,
 * contents without headings, a heading as the last block, page breaks in a
 * row, a page-tall cover. */
static void
test_odd_layouts(void)
{
    jb_document_t *doc = jb_document_new();
    jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_TOC, 1);
    b = jb_document_add_block(doc, JB_BLOCK_TABLE, 2);
    b->table = jb_table_new(2);
    jb_row_t *row = jb_table_add_row(b->table, JB_ROW_HEADER);
    jb_text_add(&row->cells[0].text, "表头", NULL, 0);
    row = jb_table_add_row(b->table, JB_ROW_BODY);
    GString *tall = g_string_new(NULL);
    for (int i = 0; i < 120; i++)
        g_string_append(tall, "一行很长的单元格文字，反复出现以超过一页。");
    jb_text_add(&row->cells[1].text, tall->str, NULL, 0);
    g_string_free(tall, TRUE);
    b = jb_document_add_block(doc, JB_BLOCK_TABLE, 3);
    b->table = jb_table_new(3); /* no rows */
    b = jb_document_add_block(doc, JB_BLOCK_TABLE, 4);
    b->table = jb_table_new(0); /* no columns */
    b = jb_document_add_block(doc, JB_BLOCK_CHART, 5);
    b->chart = district_chart();
    b->chart->height = 5000;
    b->may_float = 1;
    jb_document_add_block(doc, JB_BLOCK_PAGE_BREAK, 6);
    jb_document_add_block(doc, JB_BLOCK_PAGE_BREAK, 7);
    b = jb_document_add_block(doc, JB_BLOCK_HEADING, 8);
    jb_text_add(&b->text, "最后的标题", NULL, 0);
    jb_error_t err;
    jb_error_clear(&err);
    jb_pages_t *pages = jb_layout_document(doc, fonts, &err);
    ok(pages != NULL, "odd layouts are set (%s)", err.message);
    size_t n = pages ? jb_pages_get_count(pages) : 0;
    ok(n >= 3 && n < 20, "on a bounded number of pages (%zu)", n);
    char *last = n ? jb_page_get_text(jb_pages_get_page(pages, n - 1)) : NULL;
    ok(last && strstr(last, "最后的标题"), "the last heading is on the last page");
    /* the page-tall row is split over pages: nothing below the text area */
    double bottom = doc->page_height - doc->margin_bottom;
    int below = 0, cell_pages = 0;
    for (size_t p = 0; p < n; p++) {
        const jb_page_t *page = jb_pages_get_page(pages, p);
        int has_cell = 0;
        for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
            const jb_item_t *it = jb_page_get_item(page, i);
            if (it->type == JB_ITEM_GLYPHS) {
                below += it->u.glyphs.glyphs[0].y > bottom + 0.01 &&
                         !g_str_has_prefix(it->u.glyphs.text, "第"); /* the footer */
                has_cell |= strstr(it->u.glyphs.text, "单元格") != NULL;
            }
        }
        cell_pages += has_cell;
    }
    is_int(below, 0, "no line below the text area");
    ok(cell_pages >= 3, "the page-tall row runs over %d pages", cell_pages);
    free(last);
    jb_pages_free(pages);
    jb_document_free(doc);
}

static void
test_output(void)
{
    jb_document_t *doc = sample_document(1);
    jb_pages_t *pages = jb_layout_document(doc, fonts, NULL);
    char *dir = g_dir_make_tmp("jibao-out-XXXXXX", NULL);
    char *path = g_build_filename(dir, "t.pdf", NULL);
    jb_pdf_info_t info = {"测试简报", NULL, NULL, NULL};
    jb_error_t err;
    jb_error_clear(&err);

    g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
    is_int(jb_output_write_pdf(pages, &info, path, &err), JB_OK, "PDF written (%s)", err.message);
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    g_file_get_contents(path, &a, &na, NULL);
    ok(a && na > 1000 && memcmp(a, "%PDF-", 5) == 0, "the file is a PDF");
    ok(a && memmem(a, na, "/CreationDate (20231114221320", 28) != NULL,
       "creation date from SOURCE_DATE_EPOCH");
    ok(a && memmem(a, na, "/Creator (jibao ", 16) != NULL, "creator is jibao VERSION");
    is_int(jb_output_write_pdf(pages, &info, path, &err), JB_OK, "written again");
    g_file_get_contents(path, &b, &nb, NULL);
    ok(na == nb && memcmp(a, b, na) == 0, "same input, same bytes");
    /* fonts subset by HarfBuzz: cairo alone writes over 200 KB for this page */
    ok(na < 60000, "fonts are subset: %zu bytes for one paragraph", na);
    ok(a && memmem(a, na, "+NotoSerifCJKsc-Regular", 23) != NULL,
       "the subset keeps the face's name, with a subset tag");
    jb_font_subsets_t *subsets = jb_font_subsets_new(pages);
    int n_faces = 0;
    size_t bytes_in = 0, bytes_out = 0;
    jb_font_subsets_get_stats(subsets, &n_faces, &bytes_in, &bytes_out);
    ok(n_faces >= 2 && bytes_out * 20 < bytes_in, "every face subset (%d faces, %zu -> %zu bytes)",
       n_faces, bytes_in, bytes_out);
    jb_font_subsets_free(subsets);
    g_free(a);
    g_free(b);

    g_setenv("SOURCE_DATE_EPOCH", "yesterday", TRUE);
    jb_error_clear(&err);
    is_int(jb_output_write_pdf(pages, &info, path, &err), JB_ERR_USAGE,
           "a malformed SOURCE_DATE_EPOCH is refused");
    g_unsetenv("SOURCE_DATE_EPOCH");

    /* /dev/full: the write fails, nothing is left behind */
    if (access("/dev/full", W_OK) == 0) {
        jb_error_clear(&err);
        is_int(jb_output_write_pdf(pages, &info, "/dev/full", &err), JB_ERR_IO,
               "a full disk (/dev/full) is an IO error");
        struct stat st;
        ok(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode),
           "and /dev/full is still a device, not replaced by a file");
    }
    char *missing = g_build_filename(dir, "nope", "t.pdf", NULL);
    jb_error_clear(&err);
    is_int(jb_output_write_pdf(pages, &info, missing, &err), JB_ERR_IO, "missing folder: IO error");
    ok(!g_file_test(missing, G_FILE_TEST_EXISTS), "and no file");
    g_free(missing);

    /* links are appended only to a file of the shape cairo 1.16 writes */
    GByteArray *junk = g_byte_array_new();
    g_byte_array_append(junk, (const guint8 *)"%PDF-1.5\nnot really\n", 21);
    ok(!jb_pdf_append_update(junk, pages, TRUE) && junk->len == 21,
       "no links added to a foreign file");
    g_byte_array_free(junk, TRUE);

    jb_pages_t *empty = jb_pages_new();
    is_int(jb_output_write_pdf(empty, &info, path, &err), JB_ERR_RENDER, "no pages: refused");
    jb_pages_free(empty);

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    jb_pages_free(pages);
    jb_document_free(doc);
}

int
main(void)
{
    jb_error_t err;
    jb_error_clear(&err);
    fonts = jb_fonts_new(NULL, &err);
    if (!fonts) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_ticks();
    test_chart();
    test_layout();
    test_table();
    test_toc();
    test_chart_float();
    test_list();
    test_emphasis();
    test_odd_layouts();
    test_output();
    jb_fonts_free(fonts);
    return done_testing();
}
