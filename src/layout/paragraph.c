/* The paragraph engine. pango itemizes and shapes the whole paragraph as
 * one line; jibao then cuts it into clusters ("units"), decides where lines
 * may break (pango's log attributes tailored by the 禁则 table), compresses
 * punctuation, adds CJK–Latin spacing, chooses breaks (first fit or total
 * fit) and justifies each line by its own glue. Layout (flow.c) places the
 * lines; design notes in docs/internals/linebreak.md. */
#include "paragraph-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text-private.h"

enum { KIND_OTHER, KIND_HAN, KIND_LATIN, KIND_SPACE, KIND_PUNCT };
enum { BREAK_NEVER, BREAK_OK, BREAK_EMERGENCY, BREAK_FORCED };

/* One cluster of the shaped paragraph. */
typedef struct {
    PangoGlyphItem *run; /* owned by the layout */
    int glyph0, n_glyphs;
    int offset, len; /* bytes in the paragraph's text */
    gunichar first, last;
    unsigned kclass;
    int kind;
    double adv;                           /* natural advance */
    double trim_left, trim_right;         /* fixed compression (adjacent marks) */
    double can_trim_left, can_trim_right; /* optional compression left */
    int emphasis;                         /* 着重号 under it */
    int link;                             /* 1 + index into links, 0 = none */
    int highlight;                        /* a value to review: marked behind */
} unit_t;

/* The gap before a unit: CJK–Latin glue, justification stretch, break. */
typedef struct {
    double nat, shrink, stretch;
    int brk;
} gap_t;

typedef struct {
    int s, e;              /* units [s, e) shown */
    int last;              /* last line of the paragraph or before a forced break */
    double indent;         /* first-line indent */
    double trim_s, trim_e; /* line-start / line-end compression */
    double nat, shrink, stretch;
    double sf, st; /* shrink fraction used, stretch per glue weight */
    double offset; /* for centred / right-aligned lines */
} line_t;

struct jb_paragraph {
    PangoLayout *layout;
    const char *text;
    jb_para_style_t style;
    int n;
    unit_t *units;
    gap_t *gaps;             /* n + 1: gaps[i] precedes units[i]; gaps[n] the end */
    double *pu, *pus, *pust; /* prefix sums over units: natural, shrink, stretch */
    double *pg, *pgs, *pgst; /* prefix sums over gaps */
    int n_lines;
    line_t *lines;
    char **links; /* destinations of the link ranges */
};

static int
unit_kind(gunichar c, unsigned kclass)
{
    if (c == ' ')
        return KIND_SPACE;
    GUnicodeScript sc = g_unichar_get_script(c);
    if (sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
        sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_BOPOMOFO)
        return (kclass & (JB_KINSOKU_NO_START | JB_KINSOKU_NO_END)) ? KIND_PUNCT : KIND_HAN;
    if (kclass & (JB_KINSOKU_CLOSING | JB_KINSOKU_OPENING | JB_KINSOKU_CENTRED))
        return KIND_PUNCT;
    if (c == 0x2030 || c == 0x2031) /* ‰ ‱ are set like %, proportional */
        return KIND_LATIN;
    if (c >= 0x2000 && !g_unichar_isalnum(c))
        return KIND_PUNCT;
    if (c < 0x2000 && c != 0xb7 && g_unichar_isgraph(c))
        return KIND_LATIN;
    return KIND_OTHER;
}

static int
is_digit(gunichar c)
{
    return c >= '0' && c <= '9';
}

static int
by_offset(const void *a, const void *b)
{
    int x = ((const unit_t *)a)->offset, y = ((const unit_t *)b)->offset;
    return (x > y) - (x < y);
}

/* Cut the layout's runs into clusters. */
static void
collect_units(jb_paragraph_t *p, const jb_kinsoku_t *k, GArray *units, GArray *forced)
{
    for (GSList *l = pango_layout_get_lines_readonly(p->layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        guint line_start = units->len;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            PangoGlyphString *gs = run->glyphs;
            for (int i = 0; i < gs->num_glyphs;) {
                int start = gs->log_clusters[i], j = i;
                double adv = 0;
                while (j < gs->num_glyphs && gs->log_clusters[j] == start)
                    adv += pango_units_to_double(gs->glyphs[j++].geometry.width);
                /* a cluster ends where the logically next one starts: the
                   next glyph's in left-to-right runs, the previous glyph's
                   in right-to-left ones (odd bidi level; glyphs are in
                   visual order) */
                int rtl = run->item->analysis.level & 1;
                int end = rtl ? (i > 0 ? gs->log_clusters[i - 1] : run->item->length)
                              : (j < gs->num_glyphs ? gs->log_clusters[j] : run->item->length);
                if (end <= start) /* cannot happen with pango's clusters; never a negative length */
                    end = start + (int)(g_utf8_next_char(p->text + run->item->offset + start) -
                                        (p->text + run->item->offset + start));
                unit_t u = {.run = run,
                            .glyph0 = i,
                            .n_glyphs = j - i,
                            .offset = run->item->offset + start,
                            .len = end - start,
                            .adv = adv};
                u.first = g_utf8_get_char(p->text + u.offset);
                u.last =
                    g_utf8_get_char(g_utf8_find_prev_char(p->text, p->text + u.offset + u.len));
                u.kclass = jb_kinsoku_get_class(k, u.first);
                u.kind = unit_kind(u.first, u.kclass);
                g_array_append_val(units, u);
                i = j;
            }
        }
        /* runs and glyphs come in visual order; right-to-left text (not
           supported: Hebrew or Arabic in a Chinese briefing) is kept in
           logical order like the rest, so every character is set once */
        if (units->len - line_start > 1)
            qsort(&g_array_index(units, unit_t, line_start), units->len - line_start,
                  sizeof(unit_t), by_offset);
        if (l->next && units->len > 0) {
            int at = (int)units->len;
            g_array_append_val(forced, at);
        }
    }
}

/* May a line break between units a and b (b following a)? */
static int
break_class(const jb_kinsoku_t *k, const unit_t *a, const unit_t *b, int pango_ok)
{
    gunichar ca = a->last, cb = b->first;
    unsigned ka = jb_kinsoku_get_class(k, ca), kb = b->kclass;
    if (kb & JB_KINSOKU_NO_START || ka & JB_KINSOKU_NO_END)
        return BREAK_NEVER;
    if (is_digit(ca) && kb & JB_KINSOKU_NUMBER_SUFFIX)
        return BREAK_NEVER;
    if (ka & JB_KINSOKU_INSEPARABLE && ca == cb)
        return BREAK_NEVER;
    /* never inside a number: 268.8, 1,234, 12:30 */
    int na = is_digit(ca) || ca == '.' || ca == ',' || ca == ':';
    int nb = is_digit(cb) || cb == '.' || cb == ',' || cb == ':';
    if (na && nb && (is_digit(ca) || is_digit(cb)))
        return BREAK_NEVER;
    if (b->kind == KIND_SPACE)
        return BREAK_NEVER; /* break after the space, not before */
    if (pango_ok || a->kind == KIND_SPACE)
        return BREAK_OK;
    /* pango (UAX #14) never breaks around “ ” ‘ ’; next to Han text it may */
    int cjk_a = a->kind == KIND_HAN || a->kind == KIND_PUNCT;
    int cjk_b = b->kind == KIND_HAN || b->kind == KIND_PUNCT;
    if (cjk_a || cjk_b)
        return BREAK_OK;
    return BREAK_EMERGENCY;
}

/* A stretch without any break opportunity that is wider than a line (a
 * 20,000-digit number, a row of dashes) would run off the page and lose its
 * text. Inside such a stretch, gaps that only the number and inseparable
 * rules forbid become emergency breaks (the last resort inside a long Latin
 * word too). When 禁则 forbids every gap, a line may run into the margin
 * as before, but a stretch wider than two lines, which would leave the
 * page, breaks anywhere. */
static void
allow_emergency_breaks(jb_paragraph_t *p, const jb_kinsoku_t *k)
{
    double room = p->style.width; /* a first line may still run over by its indent */
    int start = 0;
    double width = 0;
    for (int i = 0; i < p->n; i++) {
        width += p->units[i].adv;
        if (p->gaps[i + 1].brk == BREAK_NEVER)
            continue;
        if (width > room) {
            int opened = 0;
            for (int g = start + 1; g <= i; g++) {
                unsigned ka = jb_kinsoku_get_class(k, p->units[g - 1].last);
                if (p->gaps[g].brk == BREAK_NEVER && !(p->units[g].kclass & JB_KINSOKU_NO_START) &&
                    !(ka & JB_KINSOKU_NO_END) && p->units[g].kind != KIND_SPACE) {
                    p->gaps[g].brk = BREAK_EMERGENCY;
                    opened++;
                }
            }
            for (int g = start + 1; !opened && width > 2 * room && g <= i; g++)
                p->gaps[g].brk = BREAK_EMERGENCY;
        }
        start = i + 1;
        width = 0;
    }
}

static int
is_full_width(const unit_t *u, double em)
{
    return u->adv > 0.9 * em;
}

/* Which half of a full-width mark is blank, from its glyph's ink: GB
 * fonts set ，。、：；！？ and closing brackets in the left half and opening
 * brackets in the right, other fonts centre some of them, so the glyph
 * decides, not the character. */
static void
blank_halves(const unit_t *u, double em, int *left_blank, int *right_blank)
{
    *left_blank = *right_blank = 0;
    if (u->n_glyphs != 1)
        return;
    PangoGlyphInfo *gi = &u->run->glyphs->glyphs[u->glyph0];
    if (gi->glyph == PANGO_GLYPH_EMPTY || gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
        return;
    PangoRectangle ink;
    pango_font_get_glyph_extents(u->run->item->analysis.font, gi->glyph, &ink, NULL);
    double x0 = pango_units_to_double(ink.x), x1 = pango_units_to_double(ink.x + ink.width);
    *right_blank = x1 <= 0.55 * em;
    *left_blank = x0 >= 0.45 * em;
}

/* Fixed compression of adjacent full-width marks (2 em -> 1.5 em: the
 * first loses its blank right half, else the second its blank left half)
 * and the optional compression justification may use. */
static void
set_compression(jb_paragraph_t *p, double em)
{
    const unsigned marks = JB_KINSOKU_CLOSING | JB_KINSOKU_OPENING | JB_KINSOKU_CENTRED;
    for (int i = 0; i < p->n; i++) {
        unit_t *u = &p->units[i];
        if (!is_full_width(u, em) || !(u->kclass & marks))
            continue;
        int left_blank, right_blank;
        blank_halves(u, em, &left_blank, &right_blank);
        if (right_blank)
            u->can_trim_right = u->adv - 0.5 * em;
        if (left_blank)
            u->can_trim_left = u->adv - 0.5 * em;
    }
    for (int i = 0; i < p->n; i++) {
        unit_t *u = &p->units[i];
        unit_t *next = i + 1 < p->n && p->gaps[i + 1].brk != BREAK_FORCED ? &p->units[i + 1] : NULL;
        unit_t *prev = i > 0 && p->gaps[i].brk != BREAK_FORCED ? &p->units[i - 1] : NULL;
        if (u->can_trim_right > 0 && next && next->kclass & marks && is_full_width(next, em)) {
            u->trim_right = u->can_trim_right;
            u->can_trim_right = 0;
        }
        if (u->can_trim_left > 0 && prev && prev->kclass & marks && is_full_width(prev, em) &&
            prev->trim_right == 0) {
            u->trim_left = u->can_trim_left;
            u->can_trim_left = 0;
        }
    }
}

/* Glue between units: CJK–Latin space, where justification may stretch. */
static void
set_glue(jb_paragraph_t *p, double em)
{
    for (int i = 1; i < p->n; i++) {
        const unit_t *a = &p->units[i - 1], *b = &p->units[i];
        gap_t *g = &p->gaps[i];
        int ha = a->kind == KIND_HAN, hb = b->kind == KIND_HAN;
        int la = a->kind == KIND_LATIN, lb = b->kind == KIND_LATIN;
        if ((ha && lb) || (la && hb)) {
            g->nat = p->style.cjk_latin_space * em;
            g->shrink = g->nat / 2;
        }
        int cjk_a = ha || a->kind == KIND_PUNCT, cjk_b = hb || b->kind == KIND_PUNCT;
        if ((cjk_a || cjk_b) && a->kind != KIND_SPACE && b->kind != KIND_SPACE &&
            !(is_digit(a->last) && b->kclass & JB_KINSOKU_NUMBER_SUFFIX))
            g->stretch = 1;
    }
}

static void
prefix_sums(jb_paragraph_t *p)
{
    int n = p->n;
    p->pu = g_new0(double, n + 1);
    p->pus = g_new0(double, n + 1);
    p->pust = g_new0(double, n + 1);
    p->pg = g_new0(double, n + 1);
    p->pgs = g_new0(double, n + 1);
    p->pgst = g_new0(double, n + 1);
    for (int i = 0; i < n; i++) {
        const unit_t *u = &p->units[i];
        int space = u->kind == KIND_SPACE;
        p->pu[i + 1] = p->pu[i] + u->adv - u->trim_left - u->trim_right;
        p->pus[i + 1] = p->pus[i] + u->can_trim_left + u->can_trim_right + (space ? u->adv / 3 : 0);
        p->pust[i + 1] = p->pust[i] + (space ? 1 : 0);
        p->pg[i + 1] = p->pg[i] + p->gaps[i + 1].nat * (i + 1 < n);
        p->pgs[i + 1] = p->pgs[i] + p->gaps[i + 1].shrink * (i + 1 < n);
        p->pgst[i + 1] = p->pgst[i] + p->gaps[i + 1].stretch * (i + 1 < n);
    }
}

/* Measure the line from break a to break b: what it shows, its natural
 * width, how much it can shrink and how many glue weights can stretch. */
static line_t
measure(const jb_paragraph_t *p, int a, int b)
{
    line_t L = {.s = a, .e = b};
    while (L.e > L.s && p->units[L.e - 1].kind == KIND_SPACE)
        L.e--;
    while (L.s < L.e && p->units[L.s].kind == KIND_SPACE)
        L.s++;
    L.last = b == p->n || p->gaps[b].brk == BREAK_FORCED;
    L.indent = a == 0 ? p->style.first_indent : 0;
    if (L.s == L.e)
        return L;
    int s = L.s, e = L.e;
    /* gaps s+1 .. e-1 lie inside the line: pg[i+1] holds gaps[1..i+1] */
    L.nat = p->pu[e] - p->pu[s] + p->pg[e - 1] - p->pg[s];
    L.shrink = p->pus[e] - p->pus[s] + p->pgs[e - 1] - p->pgs[s];
    L.stretch = p->pust[e] - p->pust[s] + p->pgst[e - 1] - p->pgst[s];
    const unit_t *first = &p->units[s], *lastu = &p->units[e - 1];
    if (first->can_trim_left > 0) { /* opening mark pulled back at line start */
        L.trim_s = first->can_trim_left;
        L.nat -= L.trim_s;
        L.shrink -= L.trim_s;
    }
    if (lastu->can_trim_right > 0) { /* closing mark half width at line end */
        L.trim_e = lastu->can_trim_right;
        L.nat -= L.trim_e;
        L.shrink -= L.trim_e;
    }
    return L;
}

static int
visible_chars(const jb_paragraph_t *p, const line_t *L)
{
    int n = 0;
    for (int i = L->s; i < L->e; i++)
        n += p->units[i].kind == KIND_HAN || p->units[i].kind == KIND_LATIN;
    return n;
}

/* Demerits of a line; INFINITY when it cannot be set. */
static double
line_cost(const jb_paragraph_t *p, const line_t *L, double em)
{
    double room = p->style.width - L->indent;
    double excess = L->nat - room;
    if (excess > 0.01 && excess > L->shrink + 0.01)
        return INFINITY;
    double badness = 0;
    if (excess > 0) {
        double r = excess / fmax(L->shrink, 1e-6);
        badness = 50 * r * r * r;
    } else if (!L->last && p->style.align == JB_PARA_JUSTIFY) {
        double per = L->stretch > 0 ? -excess / L->stretch / (0.25 * em) : -excess / em * 4;
        badness = 100 * per * per * per;
    }
    double d = (10 + fmin(badness, 1e4));
    d *= d;
    if (p->gaps[L->e < p->n ? L->e : p->n].brk == BREAK_EMERGENCY && !L->last)
        d += 1e8;
    if (L->last && L->s > 0 && p->gaps[L->s].brk != BREAK_FORCED && visible_chars(p, L) < 2)
        d += 1e6; /* no paragraph ends with a single character on its last line */
    return d;
}

static void
choose_breaks(jb_paragraph_t *p, double em)
{
    int n = p->n;
    /* break positions: 0, every allowed gap, n */
    GArray *cand = g_array_new(FALSE, FALSE, sizeof(int));
    for (int i = 0; i <= n; i++)
        if (i == 0 || i == n || p->gaps[i].brk != BREAK_NEVER)
            g_array_append_val(cand, i);
    int nc = (int)cand->len;
    int *pos = (int *)(void *)cand->data;
    GArray *brks = g_array_new(FALSE, FALSE, sizeof(int));
    if (p->style.total_fit) {
        double *best = g_new(double, nc);
        int *from = g_new(int, nc);
        best[0] = 0;
        from[0] = -1;
        int barrier = 0; /* the last forced break before the candidate */
        for (int j = 1; j < nc; j++) {
            best[j] = INFINITY;
            from[j] = -1;
            int fallback = -1;
            for (int i = j - 1; i >= barrier; i--) {
                line_t L = measure(p, pos[i], pos[j]);
                double c = line_cost(p, &L, em);
                if (!isfinite(c)) {
                    if (fallback < 0)
                        fallback = i;
                    /* nat - shrink only grows as the line starts earlier */
                    if (L.nat - L.shrink > p->style.width - L.indent + 0.01)
                        break;
                    continue;
                }
                if (best[i] + c < best[j]) {
                    best[j] = best[i] + c;
                    from[j] = i;
                }
            }
            if (from[j] < 0) { /* nothing fits: an overfull line rather than none */
                from[j] = fallback >= 0 ? fallback : j - 1;
                best[j] = best[from[j]] + 1e15;
            }
            if (pos[j] < n && p->gaps[pos[j]].brk == BREAK_FORCED)
                barrier = j;
        }
        for (int j = nc - 1; j > 0; j = from[j])
            g_array_prepend_val(brks, j);
        g_free(best);
        g_free(from);
    } else {
        /* first fit: walk forward taking the furthest line that fits */
        int i = 0;
        while (i < nc - 1) {
            int next = -1;
            for (int j = i + 1; j < nc; j++) {
                line_t L = measure(p, pos[i], pos[j]);
                if (isfinite(line_cost(p, &L, em)) || next < 0)
                    next = j;
                else if (L.nat - L.shrink > p->style.width - L.indent + 0.01)
                    break; /* only longer from here */
                if (pos[j] < n && p->gaps[pos[j]].brk == BREAK_FORCED)
                    break;
            }
            g_array_append_val(brks, next);
            i = next;
        }
        /* no last line of one character: end the line before it earlier */
        guint nb = brks->len;
        if (nb >= 2) {
            int *b = (int *)(void *)brks->data;
            int s0 = nb >= 3 ? b[nb - 3] : 0;
            line_t last = measure(p, pos[b[nb - 2]], pos[b[nb - 1]]);
            if (last.last && p->gaps[pos[b[nb - 2]]].brk != BREAK_FORCED &&
                visible_chars(p, &last) < 2)
                for (int k = b[nb - 2] - 1; k > s0; k--) {
                    line_t a = measure(p, pos[s0], pos[k]), z = measure(p, pos[k], pos[b[nb - 1]]);
                    if (isfinite(line_cost(p, &a, em)) && line_cost(p, &z, em) < 1e6) {
                        b[nb - 2] = k;
                        break;
                    }
                }
        }
    }
    p->n_lines = (int)brks->len;
    p->lines = g_new0(line_t, p->n_lines);
    int prev = 0;
    for (int l = 0; l < p->n_lines; l++) {
        int j = g_array_index(brks, int, l);
        line_t L = measure(p, pos[prev], pos[j]);
        double room = p->style.width - L.indent;
        double diff = room - L.nat;
        if (diff < 0)
            L.sf = L.shrink > 0 ? fmin(1, -diff / L.shrink) : 0;
        else if (!L.last && p->style.align == JB_PARA_JUSTIFY && L.stretch > 0)
            L.st = diff / L.stretch;
        double set = L.nat - L.sf * L.shrink + L.st * L.stretch;
        if (p->style.align == JB_PARA_CENTER)
            L.offset = (room - set) / 2;
        else if (p->style.align == JB_PARA_RIGHT)
            L.offset = room - set;
        p->lines[l] = L;
        prev = j;
    }
    g_array_free(brks, TRUE);
    g_array_free(cand, TRUE);
}

jb_paragraph_t *
jb_paragraph_new(PangoContext *ctx, const jb_kinsoku_t *kinsoku, const char *text,
                 PangoAttrList *attrs, const jb_para_style_t *style)
{
    jb_paragraph_t *p = g_new0(jb_paragraph_t, 1);
    p->style = *style;
    p->style.emphasis = NULL; /* only read while the units are made */
    p->style.links = NULL;
    p->style.highlight = NULL;
    jb_text_style_t ts = {style->family, style->size, style->bold};
    p->layout = jb_text_layout_new(ctx, text, &ts, 0);
    if (attrs)
        pango_layout_set_attributes(p->layout, attrs);
    p->text = pango_layout_get_text(p->layout);
    double em = style->size;

    GArray *units = g_array_new(FALSE, TRUE, sizeof(unit_t));
    GArray *forced = g_array_new(FALSE, FALSE, sizeof(int));
    collect_units(p, kinsoku, units, forced);
    p->n = (int)units->len;
    p->units = (unit_t *)(void *)g_array_free(units, FALSE);
    for (int r = 0; r < style->n_emphasis; r++)
        for (int i = 0; i < p->n; i++)
            p->units[i].emphasis |= p->units[i].kind == KIND_HAN &&
                                    p->units[i].offset >= style->emphasis[r].start &&
                                    p->units[i].offset < style->emphasis[r].end;
    for (int r = 0; r < style->n_highlight; r++)
        for (int i = 0; i < p->n; i++)
            p->units[i].highlight |= p->units[i].offset >= style->highlight[r].start &&
                                     p->units[i].offset < style->highlight[r].end;
    p->links = g_new0(char *, style->n_links + 1);
    for (int r = 0; r < style->n_links; r++) {
        p->links[r] = g_strdup(style->links[r].dest);
        for (int i = 0; i < p->n; i++)
            if (p->units[i].offset >= style->links[r].start &&
                p->units[i].offset < style->links[r].end)
                p->units[i].link = r + 1;
    }
    p->gaps = g_new0(gap_t, p->n + 1);

    /* break opportunities: pango's log attributes, tailored */
    int n_attrs = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(p->layout, &n_attrs);
    long char_index = 0;
    int byte = 0;
    for (int i = 1; i < p->n; i++) {
        const unit_t *b = &p->units[i];
        char_index += g_utf8_pointer_to_offset(p->text + byte, p->text + b->offset);
        byte = b->offset;
        int pango_ok = char_index < n_attrs && la[char_index].is_line_break;
        p->gaps[i].brk = break_class(kinsoku, &p->units[i - 1], b, pango_ok);
    }
    for (guint f = 0; f < forced->len; f++)
        p->gaps[g_array_index(forced, int, f)].brk = BREAK_FORCED;
    g_array_free(forced, TRUE);
    p->gaps[p->n].brk = BREAK_FORCED;
    allow_emergency_breaks(p, kinsoku);

    set_compression(p, em);
    set_glue(p, em);
    prefix_sums(p);
    choose_breaks(p, em);
    return p;
}

void
jb_paragraph_free(jb_paragraph_t *p)
{
    if (!p)
        return;
    g_object_unref(p->layout);
    g_free(p->units);
    g_free(p->gaps);
    g_free(p->pu);
    g_free(p->pus);
    g_free(p->pust);
    g_free(p->pg);
    g_free(p->pgs);
    g_free(p->pgst);
    g_free(p->lines);
    g_strfreev(p->links);
    g_free(p);
}

int
jb_paragraph_get_line_count(const jb_paragraph_t *p)
{
    return p->n_lines;
}

/* The pen position of each unit of a line (where its first glyph's origin
 * goes) and the line's right edge, relative to the measure's left edge. */
static double
place(const jb_paragraph_t *p, const line_t *L, double *origin)
{
    double x = L->indent + L->offset;
    for (int i = L->s; i < L->e; i++) {
        const unit_t *u = &p->units[i];
        if (i > L->s) {
            const gap_t *g = &p->gaps[i];
            x += g->nat - g->shrink * L->sf + g->stretch * L->st;
        }
        double tl = u->trim_left, tr = u->trim_right;
        tl += i == L->s && L->trim_s > 0 ? L->trim_s : u->can_trim_left * L->sf;
        tr += i == L->e - 1 && L->trim_e > 0 ? L->trim_e : u->can_trim_right * L->sf;
        double w = u->adv - tl - tr;
        if (u->kind == KIND_SPACE)
            w = u->adv - u->adv / 3 * L->sf + L->st;
        if (origin)
            origin[i - L->s] = x - tl;
        x += w;
    }
    return x;
}

double
jb_paragraph_get_line_width(const jb_paragraph_t *p, int i)
{
    return place(p, &p->lines[i], NULL);
}

double
jb_paragraph_get_line_end_untrimmed(const jb_paragraph_t *p, int i)
{
    return place(p, &p->lines[i], NULL) + p->lines[i].trim_e;
}

/* Flush the units [a, b) of a line, all in one font, as one glyph run. */
static void
add_run(const jb_paragraph_t *p, int a, int b, const double *origin, jb_page_t *page, double x,
        double y, jb_rgba_t colour)
{
    int n_glyphs = 0;
    for (int i = a; i < b; i++)
        n_glyphs += p->units[i].n_glyphs;
    const unit_t *first = &p->units[a], *last = &p->units[b - 1];
    int text_len = last->offset + last->len - first->offset;
    cairo_glyph_t *glyphs = g_new(cairo_glyph_t, (gsize)(n_glyphs > 0 ? n_glyphs : 1));
    cairo_text_cluster_t *clusters = g_new(cairo_text_cluster_t, (gsize)(b > a ? b - a : 1));
    int ng = 0;
    for (int i = a; i < b; i++) {
        const unit_t *u = &p->units[i];
        PangoGlyphString *gs = u->run->glyphs;
        double pen = x + origin[i - a];
        int drawn = 0;
        for (int g = u->glyph0; g < u->glyph0 + u->n_glyphs; g++) {
            PangoGlyphInfo *gi = &gs->glyphs[g];
            if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
                glyphs[ng].index = gi->glyph;
                glyphs[ng].x = pen + pango_units_to_double(gi->geometry.x_offset);
                glyphs[ng].y = y + pango_units_to_double(gi->geometry.y_offset);
                ng++;
                drawn++;
            }
            pen += pango_units_to_double(gi->geometry.width);
        }
        /* bytes between units of a line (none in practice) join the cluster */
        int next = i + 1 < b ? p->units[i + 1].offset : u->offset + u->len;
        clusters[i - a].num_bytes = next - u->offset;
        clusters[i - a].num_glyphs = drawn;
    }
    jb_page_add_glyph_run(page, first->run->item->analysis.font, glyphs, ng,
                          p->text + first->offset, text_len, clusters, b - a, colour);
    g_free(glyphs);
    g_free(clusters);
}

void
jb_paragraph_add_line(const jb_paragraph_t *p, int i, jb_page_t *page, double x, double y,
                      jb_rgba_t colour)
{
    const line_t *L = &p->lines[i];
    if (L->s == L->e)
        return;
    double *origin = g_new(double, L->e - L->s);
    place(p, L, origin);
    /* 着重号: a dot under the centre of each emphasised character */
    for (int k = L->s; k < L->e; k++)
        if (p->units[k].emphasis)
            jb_page_add_dot(page, x + origin[k - L->s] + p->units[k].adv / 2,
                            y + 0.28 * p->style.size, 0.07 * p->style.size, colour);
    /* values to review: a light yellow box behind each stretch, drawn
     * before the glyphs */
    for (int k = L->s; k < L->e;) {
        int j = k + 1;
        while (j < L->e && p->units[j].highlight == p->units[k].highlight)
            j++;
        if (p->units[k].highlight) {
            double x0 = x + origin[k - L->s];
            double x1 = x + origin[j - 1 - L->s] + p->units[j - 1].adv;
            jb_box_t box = {x0 - 0.1 * p->style.size, y - 0.92 * p->style.size,
                            x1 - x0 + 0.2 * p->style.size, 1.1 * p->style.size};
            jb_page_add_rect(page, box, (jb_rgba_t){1.0, 0.93, 0.45, 1});
        }
        k = j;
    }
    /* links: one box per stretch of units of the same range, over the em
     * box (0.88 em above the baseline, 0.12 em below in Noto CJK) */
    for (int k = L->s; k < L->e;) {
        int link = p->units[k].link, j = k + 1;
        while (j < L->e && p->units[j].link == link)
            j++;
        if (link) {
            double x0 = x + origin[k - L->s];
            double x1 = x + origin[j - 1 - L->s] + p->units[j - 1].adv;
            jb_box_t box = {x0, y - 0.88 * p->style.size, x1 - x0, p->style.size};
            jb_page_add_link(page, box, p->links[link - 1]);
        }
        k = j;
    }
    int a = L->s;
    for (int k = L->s + 1; k <= L->e; k++)
        if (k == L->e ||
            p->units[k].run->item->analysis.font != p->units[a].run->item->analysis.font) {
            add_run(p, a, k, origin + (a - L->s), page, x, y, colour);
            a = k;
        }
    g_free(origin);
}

void
jb_paragraph_add_leader(const jb_paragraph_t *p, jb_page_t *page, double x0, double x1, double step,
                        double y, jb_rgba_t colour)
{
    if (p->n_lines < 1 || p->n < 1 || step <= 0)
        return;
    const unit_t *u = &p->units[0];
    PangoGlyphInfo *gi = &u->run->glyphs->glyphs[u->glyph0];
    double first = ceil(x0 / step) * step;
    int n = first + gi->geometry.width / (double)PANGO_SCALE <= x1
                ? (int)floor((x1 - first - pango_units_to_double(gi->geometry.width)) / step) + 1
                : 0;
    if (n <= 0)
        return;
    cairo_glyph_t *glyphs = g_new(cairo_glyph_t, (gsize)n);
    cairo_text_cluster_t *clusters = g_new(cairo_text_cluster_t, (gsize)n);
    char *text = g_strnfill((gsize)n, '.');
    for (int i = 0; i < n; i++) {
        glyphs[i].index = gi->glyph;
        glyphs[i].x = first + i * step;
        glyphs[i].y = y;
        clusters[i].num_bytes = 1;
        clusters[i].num_glyphs = 1;
    }
    jb_page_add_glyph_run(page, u->run->item->analysis.font, glyphs, n, text, n, clusters, n,
                          colour);
    g_free(glyphs);
    g_free(clusters);
    g_free(text);
}

char *
jb_paragraph_dump(const jb_paragraph_t *p)
{
    GString *s = g_string_new(NULL);
    for (int l = 0; l < p->n_lines; l++) {
        const line_t *L = &p->lines[l];
        char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
            d[G_ASCII_DTOSTR_BUF_SIZE];
        double x0 = L->indent + L->offset;
        double x1 = place(p, L, NULL);
        double adj = L->st * L->stretch - L->sf * L->shrink;
        const char *t0 = L->s < L->e ? p->text + p->units[L->s].offset : "";
        int len = L->s < L->e
                      ? p->units[L->e - 1].offset + p->units[L->e - 1].len - p->units[L->s].offset
                      : 0;
        g_string_append_printf(s, "%s %s | %.*s | nat=%s adj=%s%s\n",
                               g_ascii_formatd(a, sizeof a, "%.2f", x0),
                               g_ascii_formatd(b, sizeof b, "%.2f", x1), len, t0,
                               g_ascii_formatd(c, sizeof c, "%.2f", L->nat),
                               g_ascii_formatd(d, sizeof d, "%+.2f", adj), L->last ? " last" : "");
    }
    return g_string_free(s, FALSE);
}
