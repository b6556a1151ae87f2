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

static const char *const sentences[] = {
    "本季度全市规模以上工业增加值同比增长6.8%，较上季度加快0.7个百分点，其中高技术制造业增长12.4%。",
    "“稳中求进”仍是全年工作的总基调，各部门在落实政策时既要“立得住”，也要“跟得上”。",
    "据测算，若外需保持当前水平，第四季度出口增速有望回升至3.5%左右（不含船舶和集装箱）。",
    "消费市场延续恢复态势：社会消费品零售总额达到2847.36亿元，餐饮收入增长9.2%，线上零售占比升至27.5%。",
    "部分企业反映，原材料价格波动、账款回收偏慢、用工成本上升——这些压力在中小企业中更为集中。",
    "项目库共收录在建项目1,286个，总投资约4.37万亿元，其中单体超过10亿元的项目有213个。",
    "在“十四五”规划中期评估中，课题组采用了PMI、CPI和PPI等指标，并参考了OECD的相关方法。",
    "从结构看，第一产业增长3.1%，第二产业增长5.6%，第三产业增长6.2%……服务业对经济增长的贡献率超过六成。",
    "居民人均可支配收入为38,415元，扣除价格因素实际增长5.1%；城镇与农村居民收入之比缩小至2.39。",
    "《关于进一步优化营商环境的若干措施》提出，涉企审批事项原则上在5个工作日内办结。",
    "气温方面，第三季度平均气温为26.4℃，较常年偏高0.8℃，用电负荷一度创下历史新高。",
    "有分析人士指出：“数字经济核心产业增加值占比提高到10.3%，意味着新动能正在加快积聚。”",
    "新能源汽车产量达到15.6万辆，同比增长41.2%；锂电池、光伏组件（即所谓“新三样”）合计出口增长18.9%。",
    "金融机构本外币贷款余额同比增长9.7%，制造业中长期贷款增长26.3%，普惠小微贷款增速保持在20%以上。",
    "研究团队使用Python和R语言对2015—2024年的月度数据进行了季节调整，结果显示趋势项总体平稳。",
    "房地产开发投资下降8.4%，但保障性住房建设提速，全年计划开工的12,000套已完成87‰以上的前期手续。",
    "会议强调，要把扩大内需同深化供给侧结构性改革有机结合起来，增强国内大循环的内生动力和可靠性。",
    "港口集装箱吞吐量为1,045.7万标准箱，增长7.3%，“海铁联运”班列开行数量首次突破3000列。",
    "在调查的512家企业中，有68.2%表示订单“基本稳定”，有21.5%表示“明显增加”，其余表示“有所减少”。",
    "财政收入完成年度预算的76.9%，税收收入占比为81.4%，比上年同期提高2.6个百分点。",
};

static const char *const headings[] = {
    "一、总体运行情况", "二、工业和投资", "三、消费和外贸", "四、金融和财政", "五、下一步工作建议",
};

static guint32 seed = 20241;

static guint32
next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
}

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
