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

/* Which characters OpenCC t2s changes, asked of OpenCC itself the first
 * time each character is met (a line with none of them is left alone,
 * which keeps the common, simplified case fast: OpenCC converts about
 * 5 MB/s). Two bitmaps of 32-bit words over 0..CJK_LAST: asked, and
 * traditional. Bits are only ever set, under the lock; reads are atomic. */
#define T2S_WORDS (CJK_LAST / 32 + 1)
static gint asked[T2S_WORDS], traditional[T2S_WORDS];
static GMutex learning;

static void
t2s_init(void)
{
    static gsize done;
    if (!g_once_init_enter(&done))
        return;
    t2s = opencc_open("t2s.json");
    if (t2s == (opencc_t)-1)
        t2s = opencc_open("/usr/share/opencc/t2s.json");
    g_once_init_leave(&done, 1);
}

static inline int
test_bit(const gint *map, uint32_t cp)
{
    return (guint)g_atomic_int_get(&map[cp / 32]) >> (cp % 32) & 1;
}

/* 1 or 0 when known, -1 when the character must first be asked about */
static inline int
trad_state(uint32_t cp)
{
    if (cp < CJK_FIRST || cp > CJK_LAST)
        return 0;
    if (!test_bit(asked, cp))
        return -1;
    return test_bit(traditional, cp);
}

/* Ask OpenCC about the characters of cps not asked about yet, in one call
 * (one character a line). */
static void
learn(const uint32_t *cps, size_t n)
{
    g_mutex_lock(&learning);
    GString *q = g_string_new(NULL);
    GArray *order = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (test_bit(asked, cp))
            continue;
        g_string_append_unichar(q, cp);
        g_string_append_c(q, '\n');
        g_array_append_val(order, cp);
    }
    char *conv = order->len && t2s != (opencc_t)-1 ? opencc_convert_utf8(t2s, q->str, q->len) : NULL;
    const char *p = conv;
    for (guint k = 0; p && *p && k < order->len; k++) {
        uint32_t cp = g_array_index(order, uint32_t, k);
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        if (g_utf8_get_char(p) != cp || g_utf8_next_char(p) != nl)
            g_atomic_int_or((guint *)&traditional[cp / 32], 1u << (cp % 32));
        p = nl + 1;
    }
    if (conv)
        opencc_convert_utf8_free(conv);
    /* known only now: a reader never sees asked without the answer */
    for (guint k = 0; k < order->len; k++) {
        uint32_t cp = g_array_index(order, uint32_t, k);
        g_atomic_int_or((guint *)&asked[cp / 32], 1u << (cp % 32));
    }
    g_array_free(order, TRUE);
    g_string_free(q, TRUE);
    g_mutex_unlock(&learning);
}

static int
is_traditional(uint32_t cp)
{
    int t = trad_state(cp);
    if (t < 0) {
        learn(&cp, 1);
        t = trad_state(cp);
    }
    return t;
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

/* Writing the normalised text: the map gets a new run only where the
 * offset of the character written at text byte at does not continue the
 * last run. */
static inline void
note_offset(jb_normalized_t *out, size_t at, uint32_t off)
{
    GArray *runs = out->runs;
    if (runs->len) {
        const jb_run_t *last = &g_array_index(runs, jb_run_t, runs->len - 1);
        if ((uint32_t)(last->file_at + (at - last->text_at)) == off)
            return;
    }
    jb_run_t run = {at, off};
    g_array_append_val(runs, run);
}

static void
append_cp(jb_normalized_t *out, uint32_t cp, uint32_t off)
{
    char buf[8];
    int n = g_unichar_to_utf8(cp, buf);
    note_offset(out, out->text->len, off);
    g_string_append_len(out->text, buf, n);
}

uint32_t
jb_normalized_get_offset(const jb_normalized_t *t, size_t pos)
{
    /* the character's first byte, then the last run starting at or before it */
    const char *s = t->text->str;
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
        pos--;
    const jb_run_t *runs = (const jb_run_t *)(void *)t->runs->data;
    size_t lo = 0, hi = t->runs->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (runs[mid].text_at <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return (uint32_t)(runs[lo].file_at + (pos - runs[lo].text_at));
}

void
jb_normalized_clear(jb_normalized_t *t)
{
    if (t->text)
        g_string_free(t->text, TRUE);
    if (t->runs)
        g_array_free(t->runs, TRUE);
    t->text = NULL;
    t->runs = NULL;
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
append_t2s(const mchar_t *chars, size_t n, jb_normalized_t *out)
{
    GString *line = g_string_sized_new(n * 3);
    for (size_t i = 0; i < n; i++)
        g_string_append_unichar(line, chars[i].cp);
    char *conv = opencc_convert_utf8(t2s, line->str, line->len);
    if (conv && (size_t)g_utf8_strlen(conv, -1) == n) {
        const char *p = conv;
        for (size_t i = 0; i < n; i++, p = g_utf8_next_char(p))
            append_cp(out, g_utf8_get_char(p), chars[i].off);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (!is_traditional(chars[i].cp)) {
                append_cp(out, chars[i].cp, chars[i].off);
                continue;
            }
            char one[8];
            int k = g_unichar_to_utf8(chars[i].cp, one);
            char *c1 = opencc_convert_utf8(t2s, one, (size_t)k);
            for (const char *p = c1 ? c1 : one; *p; p = g_utf8_next_char(p))
                append_cp(out, g_utf8_get_char(p), chars[i].off);
            if (c1)
                opencc_convert_utf8_free(c1);
        }
    }
    if (conv)
        opencc_convert_utf8_free(conv);
    g_string_free(line, TRUE);
}

/* The line written from text byte from on holds traditional characters:
 * its characters and their offsets are read back, taken out of out and
 * written again through OpenCC. */
static void
convert_line(jb_normalized_t *out, size_t from)
{
    const char *s = out->text->str;
    size_t len = out->text->len;
    const jb_run_t *runs = (const jb_run_t *)(void *)out->runs->data;
    size_t nruns = out->runs->len, kept_runs = nruns; /* those that start before the line */
    while (kept_runs > 0 && runs[kept_runs - 1].text_at >= from)
        kept_runs--;
    size_t r = kept_runs > 0 ? kept_runs - 1 : 0;
    mchar_t *chars = g_new(mchar_t, len - from);
    size_t n = 0;
    for (size_t p = from; p < len; p = (size_t)(g_utf8_next_char(s + p) - s)) {
        while (r + 1 < nruns && runs[r + 1].text_at <= p)
            r++;
        chars[n].cp = g_utf8_get_char(s + p);
        chars[n].off = (uint32_t)(runs[r].file_at + (p - runs[r].text_at));
        n++;
    }
    g_string_truncate(out->text, from);
    g_array_set_size(out->runs, kept_runs);
    append_t2s(chars, n, out);
    g_free(chars);
}

/* ASCII that normalisation keeps and never looks at around it. */
static inline int
is_plain_ascii(unsigned char c)
{
    return (c >= 0x20 && c != '(' && c != ',' && c != ';') || c == '\t';
}

/* Copy in's text [from, to), which normalisation keeps as it is, to out. */
static void
copy_kept(const jb_mapped_t *in, size_t from, size_t to, jb_normalized_t *out)
{
    if (from == to)
        return;
    const unsigned char *s = (const unsigned char *)in->text->str;
    size_t at = out->text->len;
    g_string_append_len(out->text, (const char *)s + from, (gssize)(to - from));
    if (!in->map) {
        /* one run covers it: offsets advance with the bytes */
        note_offset(out, at, (uint32_t)(from + in->shift));
        return;
    }
    const uint32_t *map = (const uint32_t *)(void *)in->map->data;
    for (size_t i = from; i < to; i += s[i] < 0xC0 ? 1 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4)
        note_offset(out, at + (i - from), map[i]);
}

/* Are any of the characters not asked about before traditional? They are
 * asked about now, and the list emptied. */
static int
line_has_trad(GArray *unknown, unsigned char *queued)
{
    int any = 0;
    if (!unknown->len)
        return 0;
    learn((const uint32_t *)(void *)unknown->data, unknown->len);
    for (guint k = 0; k < unknown->len; k++) {
        uint32_t cp = g_array_index(unknown, uint32_t, k);
        any |= trad_state(cp) > 0;
        queued[cp / 8] &= (unsigned char)~(1u << (cp % 8));
    }
    g_array_set_size(unknown, 0);
    return any;
}

/* Note a character not asked about yet, once a line (a 50 MB line of a
 * few characters holds a few). */
static inline void
queue_unknown(GArray *unknown, unsigned char *queued, uint32_t cp)
{
    if (queued[cp / 8] >> (cp % 8) & 1)
        return;
    queued[cp / 8] |= (unsigned char)(1u << (cp % 8));
    g_array_append_val(unknown, cp);
}

/* in's text is valid UTF-8 (decode and html make it so). */
void
jb_ingest_normalize(const jb_mapped_t *in, jb_normalized_t *out)
{
    t2s_init();
    const unsigned char *s = (const unsigned char *)in->text->str;
    size_t n = in->text->len;
    out->text = g_string_sized_new(n + 1);
    out->runs = g_array_new(FALSE, FALSE, sizeof(jb_run_t));
    size_t line_start = 0; /* in out's text */
    int has_trad = 0;
    uint32_t prev = '\n'; /* the last character kept */
    /* the line's characters not asked about yet, each once: asked at the
     * line's end */
    GArray *unknown = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    unsigned char *queued = g_malloc0(CJK_LAST / 8 + 1);

    /* characters kept as they are collect in in[kept, i) and are copied
     * in one go when one that changes or goes comes */
    size_t i = 0, kept = 0;
    while (i < n) {
        /* most characters are plain ASCII or Han (U+4000–U+9FFF: E4–E9
         * and two bytes), kept whatever is around them */
        unsigned char c = s[i];
        if (c < 0x80 && is_plain_ascii(c)) {
            prev = c;
            i++;
            continue;
        }
        if (c >= 0xE4 && c <= 0xE9 && n - i >= 3) {
            uint32_t cp;
            do {
                cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                     (s[i + 2] & 0x3F);
                int t = trad_state(cp);
                if (t >= 0)
                    has_trad |= t;
                else
                    queue_unknown(unknown, queued, cp);
                i += 3;
            } while (n - i >= 3 && (c = s[i]) >= 0xE4 && c <= 0xE9);
            prev = cp;
            continue;
        }

        int len;
        uint32_t cp = jb_utf8_get(s + i, n - i, &len), was = cp;
        size_t next = i + (size_t)len;
        int nlen = 0;
        uint32_t ncp = next < n ? jb_utf8_get(s + next, n - next, &nlen) : 0;

        /* line ends: \r\n, \r, \n, U+2028/2029 */
        if (cp == '\r' || cp == 0x2028 || cp == 0x2029) {
            if (cp == '\r' && ncp == '\n')
                goto drop;
            cp = '\n';
        }
        if (cp == '\n') {
            copy_kept(in, kept, i, out);
            has_trad |= line_has_trad(unknown, queued);
            if (has_trad && t2s != (opencc_t)-1)
                convert_line(out, line_start);
            has_trad = 0;
            append_cp(out, '\n', jb_mapped_get_offset(in, i));
            line_start = out->text->len;
            prev = '\n';
            i = kept = next;
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
            goto drop;

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
                next = j + (size_t)l2;
                goto drop;
            }
        }
        /* doubled punctuation: a comma before another mark goes; a mark
         * repeated goes; an ASCII comma between non-digits is ， */
        if ((cp == ',' || cp == 0xFF0C) && is_punct(ncp))
            goto drop;
        if ((cp == 0x3001 || cp == 0x3002 || cp == 0xFF1B) && cp == ncp)
            goto drop;
        if (cp == ',' && !(g_ascii_isdigit((int)(prev & 0x7F)) && prev < 0x80 && ncp < 0x80 &&
                           g_ascii_isdigit((int)ncp)))
            cp = is_han(prev) || is_han(ncp) || prev >= 0x80 ? 0xFF0C : ',';
        if (cp == ';' && (is_han(prev) || is_han(ncp)))
            cp = 0xFF1B;

        int t = trad_state(cp);
        if (t >= 0)
            has_trad |= t;
        else
            queue_unknown(unknown, queued, cp);
        prev = cp;
        if (cp != was) {
            copy_kept(in, kept, i, out);
            append_cp(out, cp, jb_mapped_get_offset(in, i));
            kept = next;
        }
        i = next;
        continue;
    drop:
        copy_kept(in, kept, i, out);
        i = kept = next;
    }
    copy_kept(in, kept, i, out);
    has_trad |= line_has_trad(unknown, queued);
    if (has_trad && t2s != (opencc_t)-1)
        convert_line(out, line_start);
    g_array_free(unknown, TRUE);
    g_free(queued);
}
