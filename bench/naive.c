/* The baseline for bench/run: a bare cairo + pango program that draws the
 * same content as jibao with pango's own wrapping and justification (naive
 * breaking, no 禁则, no compression, no subsetting, system fontconfig).
 *   jibao-naive body PAGES OUT.pdf    the stress document's text
 *   jibao-naive example OUT.pdf       the minimal example's content
 *   jibao-naive text FILE OUT.pdf     each line of FILE as a paragraph (the
 *                                     text of a jibao PDF, via pdftotext) */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stress-text.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 70.866

typedef struct {
    cairo_t *cr;
    PangoContext *ctx;
    double y;
} pen_t;

static PangoLayout *
layout_new(pen_t *p, const char *text, const char *family, double size, int bold, int justify,
           double indent)
{
    PangoLayout *l = pango_layout_new(p->ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_justify(l, justify);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    return l;
}

/* Draw a paragraph line by line on a fixed pitch, new page when full. */
static void
paragraph(pen_t *p, const char *text, const char *family, double size, int bold, int justify,
          double indent, double pitch)
{
    PangoLayout *l = layout_new(p, text, family, size, bold, justify, indent);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        if (p->y + pitch > PAGE_H - MARGIN) {
            cairo_show_page(p->cr);
            p->y = MARGIN;
        }
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        cairo_move_to(p->cr, MARGIN + pango_units_to_double(logical.x),
                      p->y + pitch / 2 + 0.38 * size);
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        p->y += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
}

static void
label(pen_t *p, const char *text, double x, double y, double size)
{
    PangoLayout *l = layout_new(p, text, "Noto Sans CJK SC", size, 0, 0, 0);
    pango_layout_set_width(l, -1);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

static void
example(pen_t *p)
{
    paragraph(p, "济南市部分城区经济运行简报", "Noto Sans CJK SC", 22, 1, 0, 0, 32);
    p->y += 30;
    paragraph(p, "一、总体情况", "Noto Sans CJK SC", 15, 1, 0, 0, 24);
    paragraph(p,
              "前三季度，各区经济运行总体平稳、稳中有进。历城区实现地区生产总值969.8亿元，同比增长"
              "4.6%，增速较上半年有所回升。从五个城区的对比看，历下区总量继续领先，市中区和章丘区规"
              "模相近，槐荫区体量较小但增长潜力较大。下一步，各区将围绕重点项目建设、产业链招商和营"
              "商环境优化持续发力，推动经济实现质的有效提升和量的合理增长。",
              "Noto Serif CJK SC", 11, 0, 1, 22, 20);
    /* the bar chart: title, unit, grid, bars, labels */
    static const char *names[] = {"历城区", "历下区", "市中区", "槐荫区", "章丘区"};
    static const double values[] = {969.8, 1702.3, 1068.5, 612.4, 1045.7};
    double top = p->y + 20, base = top + 180;
    label(p, "2024年前三季度五个城区地区生产总值", 200, top - 20, 10);
    label(p, "单位：亿元", MARGIN, top, 7);
    for (int t = 0; t <= 4; t++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", t * 500);
        label(p, buf, MARGIN, base - t * 36 - 5, 7);
        cairo_move_to(p->cr, MARGIN + 30, base - t * 36);
        cairo_line_to(p->cr, PAGE_W - MARGIN, base - t * 36);
    }
    cairo_set_line_width(p->cr, 0.5);
    cairo_stroke(p->cr);
    for (int i = 0; i < 5; i++) {
        double x = MARGIN + 50 + i * 85, h = values[i] / 2000 * 144;
        cairo_rectangle(p->cr, x, base - h, 48, h);
        cairo_fill(p->cr);
        char buf[16];
        snprintf(buf, sizeof buf, "%.1f", values[i]);
        label(p, buf, x + 8, base - h - 12, 7);
        label(p, names[i], x + 6, base + 4, 8);
    }
    label(p, "数据来源：各区统计部门（示例数据）", MARGIN, base + 30, 7);
}

static void
body(pen_t *p, int pages_wanted)
{
    paragraph(p, "季度经济运行分析（排版压力测试）", "Noto Sans CJK SC", 22, 1, 0, 0, 32);
    int n_paragraphs = pages_wanted * 5;
    for (int i = 0; i < n_paragraphs; i++) {
        if (i % 10 == 0)
            paragraph(p, headings[(i / 10) % G_N_ELEMENTS(headings)], "Noto Sans CJK SC", 15, 1, 0,
                      0, 24);
        else if (i % 5 == 0)
            paragraph(p, "（一）分项情况", "Noto Sans CJK SC", 13, 1, 0, 0, 22);
        GString *s = g_string_new(NULL);
        int n = 3 + (int)(next_random() % 5);
        for (int k = 0; k < n; k++)
            g_string_append(s, sentences[next_random() % G_N_ELEMENTS(sentences)]);
        paragraph(p, s->str, "Noto Serif CJK SC", 11, 0, 1, 22, 20);
        p->y += 4;
        g_string_free(s, TRUE);
    }
}

static void
text_file(pen_t *p, const char *path)
{
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return;
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++)
        if (*g_strstrip(lines[i]) && strcmp(lines[i], "\f") != 0)
            paragraph(p, lines[i], "Noto Serif CJK SC", 11, 0, 1, 0, 20);
    g_strfreev(lines);
    g_free(text);
}

int
main(int argc, char **argv)
{
    int is_body = argc == 4 && strcmp(argv[1], "body") == 0;
    int is_text = argc == 4 && strcmp(argv[1], "text") == 0;
    if (!is_body && !is_text && !(argc == 3 && strcmp(argv[1], "example") == 0)) {
        fprintf(stderr,
                "usage: jibao-naive body PAGES OUT.pdf | example OUT.pdf | text FILE OUT.pdf\n");
        return 2;
    }
    cairo_surface_t *surface = cairo_pdf_surface_create(argv[argc - 1], PAGE_W, PAGE_H);
    cairo_t *cr = cairo_create(surface);
    PangoFontMap *map = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
    pen_t p = {cr, pango_font_map_create_context(map), MARGIN};
    if (is_body)
        body(&p, atoi(argv[2]));
    else if (is_text)
        text_file(&p, argv[2]);
    else
        example(&p);
    cairo_show_page(cr);
    g_object_unref(p.ctx);
    g_object_unref(map);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    int status = cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    return status;
}
