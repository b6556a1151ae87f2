/* A stress document for the paragraph engine and page flow: long
 * paragraphs of body text with numbers, Latin phrases, quotes, brackets,
 * dashes and ellipses, written for jibao (not taken from any article), and
 * a PDF of it. Used by bench/run and tests/e2e/typeset.sh.
 *   jibao-stress PAGES OUT.pdf [--first-fit] [--layout-only] [--toc] [--table ROWS]
 * --toc puts a table of contents (and a cover) first; --table adds a table
 * of ROWS rows with a header row after the text; --plain leaves out the
 * running header and footer (so everything lies in the text area). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jibao/layout.h"
#include "jibao/output.h"
#include "stress-text.h"

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: jibao-stress PAGES OUT.pdf [--first-fit] [--layout-only]\n");
        return 2;
    }
    int pages_wanted = atoi(argv[1]);
    jb_layout_options_t opts;
    jb_layout_options_init(&opts);
    int layout_only = 0, toc = 0, table_rows = 0, plain = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--first-fit") == 0)
            opts.total_fit = 0;
        else if (strcmp(argv[i], "--layout-only") == 0)
            layout_only = 1;
        else if (strcmp(argv[i], "--toc") == 0)
            toc = 1;
        else if (strcmp(argv[i], "--plain") == 0)
            plain = 1;
        else if (strcmp(argv[i], "--table") == 0 && i + 1 < argc)
            table_rows = atoi(argv[++i]);
    }
    jb_document_t *doc = jb_document_new();
    doc->title = g_strdup("季度经济运行分析（排版压力测试）");
    if (plain) {
        g_free(doc->footer.center);
        doc->footer.center = NULL;
    } else {
        doc->header.left = g_strdup("{title}");
        doc->header.right = g_strdup("{section}");
    }
    if (toc) {
        jb_block_t *t = jb_document_add_block(doc, JB_BLOCK_TITLE, 1);
        t->style = g_strdup("cover-title");
        jb_text_add(&t->text, doc->title, NULL, 0);
        doc->n_cover_blocks = 1;
        jb_document_add_block(doc, JB_BLOCK_TOC, 1)->level = 2;
        jb_document_add_block(doc, JB_BLOCK_PAGE_BREAK, 1);
    }
    jb_text_add(&jb_document_add_block(doc, JB_BLOCK_TITLE, 1)->text, doc->title, NULL, 0);
    /* about five paragraphs of 3 to 7 sentences make a page of 11 pt text */
    int n_paragraphs = pages_wanted * 5 < 0 ? 0 : pages_wanted * 5;
    for (int p = 0; p < n_paragraphs; p++) {
        if (p % 10 == 0) {
            jb_block_t *h = jb_document_add_block(doc, JB_BLOCK_HEADING, 2);
            h->level = 1;
            jb_text_add(&h->text, headings[(p / 10) % G_N_ELEMENTS(headings)], NULL, 0);
        } else if (p % 5 == 0) {
            jb_block_t *h = jb_document_add_block(doc, JB_BLOCK_HEADING, 2);
            h->level = 2;
            h->number = g_strdup_printf("（%s）", p % 10 == 5 ? "一" : "二");
            jb_text_add(&h->text, "分项情况", NULL, 0);
        }
        jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_PARAGRAPH, 3);
        int n = 3 + (int)(next_random() % 5);
        for (int s = 0; s < n; s++)
            jb_text_add(&b->text, sentences[next_random() % G_N_ELEMENTS(sentences)], NULL, 0);
    }
    if (table_rows > 0) {
        static const char *const districts[] = {"历城区", "历下区", "市中区", "槐荫区", "章丘区"};
        jb_block_t *b = jb_document_add_block(doc, JB_BLOCK_TABLE, 4);
        b->table = jb_table_new(4);
        b->table->caption = g_strdup("表1 各区主要指标（压力测试）");
        b->table->note = g_strdup("数据来源：jibao 测试数据。");
        jb_row_t *h = jb_table_add_row(b->table, JB_ROW_HEADER);
        static const char *const head[] = {"序号", "地区", "地区生产总值（亿元）", "同比增长（%）"};
        for (int c = 0; c < 4; c++)
            jb_text_add(&h->cells[c].text, head[c], NULL, 0);
        for (int r = 0; r < table_rows; r++) {
            jb_row_t *row = jb_table_add_row(b->table, JB_ROW_BODY);
            char buf[3][32];
            g_snprintf(buf[0], sizeof buf[0], "%d", r + 1);
            g_snprintf(buf[1], sizeof buf[1], "%d.%d", 100 + (int)(next_random() % 1900),
                       (int)(next_random() % 10));
            g_snprintf(buf[2], sizeof buf[2], "%d.%d", (int)(next_random() % 12),
                       (int)(next_random() % 10));
            jb_text_add(&row->cells[0].text, buf[0], NULL, 0);
            jb_text_add(&row->cells[1].text, districts[r % 5], NULL, 0);
            jb_text_add(&row->cells[2].text, buf[1], NULL, 0);
            jb_text_add(&row->cells[3].text, buf[2], NULL, 0);
            row->cells[2].align = row->cells[3].align = JB_ALIGN_RIGHT;
        }
    }
    jb_error_t err;
    jb_error_clear(&err);
    jb_fonts_t *fonts = jb_fonts_new(NULL, &err);
    jb_pages_t *pages = fonts ? jb_layout_document_with_options(doc, fonts, &opts, &err) : NULL;
    int status = pages ? 0 : 1;
    if (pages && !layout_only) {
        jb_pdf_info_t info = {doc->title, NULL, NULL, NULL};
        status = jb_output_write_pdf(pages, &info, argv[2], &err) == JB_OK ? 0 : 1;
    }
    if (status)
        fprintf(stderr, "jibao-stress: %s\n", err.message);
    jb_pages_free(pages);
    jb_fonts_free(fonts);
    jb_document_free(doc);
    return status;
}
