/* Ingest, last pass: decoded UTF-8 → the normalised text extract reads.
 * Full-width digits, letters and ％ become ASCII; conversion artefacts
 * (pinyin in parentheses after a Han character, 產業(yè)) are removed;
 * doubled punctuation is collapsed and an ASCII comma in Chinese text
 * becomes ，; lines holding traditional characters go through OpenCC t2s.
 * Every output byte keeps the original offset of the character it came from. */
#include "ingest-private.h"

#include <opencc/opencc.h>
#include <string.h>

#define CJK_FIRST 0x3400u
#define CJK_LAST 0x9FFFu

static opencc_t t2s = (opencc_t)-1;
static unsigned char *traditional; /* bitmap over CJK_FIRST..CJK_LAST */

/* Which characters OpenCC t2s changes, asked of OpenCC itself once per
 * process: a line with none of them is left alone, which keeps the common
 * (simplified) case fast — OpenCC converts about 5 MB/s. */
static void
t2s_init(void)
{
    static gsize done;
    if (!g_once_init_enter(&done))
        return;
    t2s = opencc_open("t2s.json");
    if (t2s == (opencc_t)-1)
        t2s = opencc_open("/usr/share/opencc/t2s.json");
    traditional = g_malloc0((CJK_LAST - CJK_FIRST + 1) / 8 + 1);
    if (t2s != (opencc_t)-1) {
        GString *all = g_string_sized_new((CJK_LAST - CJK_FIRST + 1) * 4);
        for (uint32_t cp = CJK_FIRST; cp <= CJK_LAST; cp++) {
            g_string_append_unichar(all, cp);
            g_string_append_c(all, '\n');
        }
        char *conv = opencc_convert_utf8(t2s, all->str, all->len);
        if (conv) {
            const char *p = conv;
            for (uint32_t cp = CJK_FIRST; cp <= CJK_LAST && *p; cp++) {
                const char *nl = strchr(p, '\n');
                if (!nl)
                    break;
                if (g_utf8_get_char(p) != cp || g_utf8_next_char(p) != nl)
                    traditional[(cp - CJK_FIRST) / 8] |= (unsigned char)(1u << ((cp - CJK_FIRST) % 8));
                p = nl + 1;
            }
            opencc_convert_utf8_free(conv);
        }
        g_string_free(all, TRUE);
    }
    g_once_init_leave(&done, 1);
}

static int
is_traditional(uint32_t cp)
{
    return cp >= CJK_FIRST && cp <= CJK_LAST &&
           (traditional[(cp - CJK_FIRST) / 8] >> ((cp - CJK_FIRST) % 8) & 1);
}

static int
is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int
is_pinyin_letter(uint32_t cp)
{
    static const char tones[] = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê";
    if (cp >= 'a' && cp <= 'z')
        return 1;
    for (const char *p = tones; *p; p = g_utf8_next_char(p))
        if (g_utf8_get_char(p) == cp)
            return 1;
    return 0;
}

static int
is_punct(uint32_t cp)
{
    return cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x3002 || cp == 0xFF1B ||
           cp == ';' || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?';
}

/* A decoded character and where it came from. */
typedef struct {
    uint32_t cp;
    uint32_t off;
} mchar_t;

/* Convert one line (chars[0..n)) with OpenCC and append it to out. When the
 * conversion keeps the number of characters, character i of the result
 * comes from character i of the line; otherwise each traditional character
 * is converted on its own. */
static void
append_t2s(const mchar_t *chars, size_t n, jb_mapped_t *out)
{
    GString *line = g_string_sized_new(n * 3);
    for (size_t i = 0; i < n; i++)
        g_string_append_unichar(line, chars[i].cp);
    char *conv = opencc_convert_utf8(t2s, line->str, line->len);
    if (conv && (size_t)g_utf8_strlen(conv, -1) == n) {
        const char *p = conv;
        for (size_t i = 0; i < n; i++, p = g_utf8_next_char(p))
            jb_mapped_append_cp(out, g_utf8_get_char(p), chars[i].off);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (!is_traditional(chars[i].cp)) {
                jb_mapped_append_cp(out, chars[i].cp, chars[i].off);
                continue;
            }
            char one[8];
            int k = g_unichar_to_utf8(chars[i].cp, one);
            char *c1 = opencc_convert_utf8(t2s, one, (size_t)k);
            for (const char *p = c1 ? c1 : one; *p; p = g_utf8_next_char(p))
                jb_mapped_append_cp(out, g_utf8_get_char(p), chars[i].off);
            if (c1)
                opencc_convert_utf8_free(c1);
        }
    }
    if (conv)
        opencc_convert_utf8_free(conv);
    g_string_free(line, TRUE);
}

/* The characters of the line being normalised. */
typedef struct {
    mchar_t *c;
    size_t len, cap;
} line_t;

static inline void
line_push(line_t *line, uint32_t cp, uint32_t off)
{
    if (line->len == line->cap) {
        line->cap = line->cap ? line->cap * 2 : 256;
        line->c = g_renew(mchar_t, line->c, line->cap);
    }
    line->c[line->len].cp = cp;
    line->c[line->len].off = off;
    line->len++;
}

static void
flush_line(line_t *line, int has_trad, jb_mapped_t *out)
{
    const mchar_t *c = line->c;
    if (has_trad && t2s != (opencc_t)-1) {
        append_t2s(c, line->len, out);
    } else {
        /* the common case in one go: room for 4 bytes a character, then
         * the text and its map written directly */
        size_t t0 = out->text->len, m0 = out->map->len;
        g_string_set_size(out->text, t0 + line->len * 4);
        g_array_set_size(out->map, m0 + line->len * 4);
        char *t = out->text->str + t0;
        uint32_t *m = (uint32_t *)(void *)out->map->data + m0;
        size_t k = 0;
        for (size_t i = 0; i < line->len; i++) {
            uint32_t cp = c[i].cp, off = c[i].off;
            if (cp < 0x80) {
                t[k] = (char)cp;
                m[k++] = off;
            } else if (cp < 0x800) {
                t[k] = (char)(0xC0 | cp >> 6);
                t[k + 1] = (char)(0x80 | (cp & 0x3F));
                m[k] = m[k + 1] = off;
                k += 2;
            } else if (cp < 0x10000) {
                t[k] = (char)(0xE0 | cp >> 12);
                t[k + 1] = (char)(0x80 | (cp >> 6 & 0x3F));
                t[k + 2] = (char)(0x80 | (cp & 0x3F));
                m[k] = m[k + 1] = m[k + 2] = off;
                k += 3;
            } else {
                int n = g_unichar_to_utf8(cp, t + k);
                for (int j = 0; j < n; j++)
                    m[k + (size_t)j] = off;
                k += (size_t)n;
            }
        }
        g_string_set_size(out->text, t0 + k);
        g_array_set_size(out->map, m0 + k);
    }
    line->len = 0;
}

void
jb_ingest_normalize(const jb_mapped_t *in, jb_mapped_t *out)
{
    t2s_init();
    const unsigned char *s = (const unsigned char *)in->text->str;
    size_t n = in->text->len;
    line_t line_buf = {0}, *line = &line_buf;
    int has_trad = 0;
    uint32_t prev = '\n'; /* the last character kept */

    size_t i = 0;
    /* the character after the current one, decoded for a look ahead, is
     * kept for the next round */
    size_t ahead_at = (size_t)-1;
    uint32_t ahead_cp = 0;
    int ahead_len = 0;
    while (i < n) {
        int len;
        uint32_t cp;
        if (ahead_at == i) {
            cp = ahead_cp;
            len = ahead_len;
        } else {
            cp = jb_utf8_get(s + i, n - i, &len);
        }
        uint32_t off = jb_mapped_get_offset(in, i);
        size_t next = i + (size_t)len;
        int nlen = 0;
        uint32_t ncp = next < n ? jb_utf8_get(s + next, n - next, &nlen) : 0;
        ahead_at = next < n ? next : (size_t)-1;
        ahead_cp = ncp;
        ahead_len = nlen;

        /* line ends: \r\n, \r, \n, U+2028/2029 */
        if (cp == '\r' || cp == 0x2028 || cp == 0x2029) {
            if (cp == '\r' && ncp == '\n') {
                i = next;
                continue;
            }
            cp = '\n';
        }
        if (cp == '\n') {
            flush_line(line, has_trad, out);
            has_trad = 0;
            jb_mapped_append_cp(out, '\n', off);
            prev = '\n';
            i = next;
            continue;
        }
        /* full width → ASCII; ideographic space → space; BOM and controls out */
        if (cp >= 0xFF10 && cp <= 0xFF19)
            cp = cp - 0xFF10 + '0';
        else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
            cp = cp - 0xFF21 + 'A';
        else if (cp == 0xFF05)
            cp = '%';
        else if (cp == 0xFF0E)
            cp = '.';
        else if (cp == 0x3000 || cp == 0xA0)
            cp = ' ';
        else if (cp == 0xFEFF || cp == 0x200B || (cp < 0x20 && cp != '\t'))
            goto skip;

        /* 產業(yè): a Han character then (pinyin) — drop the parentheses */
        if ((cp == '(' || cp == 0xFF08) && is_han(prev)) {
            size_t j = next, letters = 0;
            uint32_t c2 = 0;
            int l2 = 0;
            while (j < n && letters <= 8) {
                c2 = jb_utf8_get(s + j, n - j, &l2);
                if (!is_pinyin_letter(c2))
                    break;
                letters++;
                j += (size_t)l2;
            }
            if (letters >= 1 && letters <= 7 && j < n && (c2 == ')' || c2 == 0xFF09)) {
                i = j + (size_t)l2;
                continue;
            }
        }
        /* doubled punctuation: a comma before another mark goes; a mark
         * repeated goes; an ASCII comma between non-digits is ， */
        if ((cp == ',' || cp == 0xFF0C) && is_punct(ncp))
            goto skip;
        if ((cp == 0x3001 || cp == 0x3002 || cp == 0xFF1B) && cp == ncp)
            goto skip;
        if (cp == ',' && !(g_ascii_isdigit((int)(prev & 0x7F)) && prev < 0x80 && ncp < 0x80 &&
                           g_ascii_isdigit((int)ncp)))
            cp = is_han(prev) || is_han(ncp) || prev >= 0x80 ? 0xFF0C : ',';
        if (cp == ';' && (is_han(prev) || is_han(ncp)))
            cp = 0xFF1B;

        if (is_traditional(cp))
            has_trad = 1;
        line_push(line, cp, off);
        prev = cp;
    skip:
        i = next;
    }
    flush_line(line, has_trad, out);
    g_free(line_buf.c);
}
