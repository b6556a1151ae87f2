/* Ingest, first pass: bytes of the file → UTF-8, with the offset of every
 * output byte in the file. UTF-8 (BOM or not) and UTF-16 (BOM) are decoded
 * here; GB18030 and Big5 one character at a time through glibc iconv, so the
 * map stays exact. Detection: BOM, then valid UTF-8, then GB18030 vs Big5 by
 * their byte statistics (docs/extraction.md). */
#include "ingest-private.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

void
jb_mapped_init(jb_mapped_t *m, size_t reserve)
{
    m->text = g_string_sized_new(reserve + 1);
    m->map = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), reserve + 1);
}

void
jb_mapped_clear(jb_mapped_t *m)
{
    if (m->text)
        g_string_free(m->text, TRUE);
    if (m->map)
        g_array_free(m->map, TRUE);
    m->text = NULL;
    m->map = NULL;
}

void
jb_mapped_append_cp(jb_mapped_t *m, uint32_t cp, uint32_t off)
{
    char buf[4];
    int n = g_unichar_to_utf8(cp, buf);
    g_string_append_len(m->text, buf, n);
    for (int i = 0; i < n; i++)
        g_array_append_val(m->map, off);
}

/* Line and column (1-based, column in bytes) of offset in data. */
static void
locate(const char *data, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *col = (unsigned)(off - ls + 1);
}

static jb_status_t
bad_byte(jb_error_t *err, const char *name, const char *data, size_t off, const char *enc,
         const char *what)
{
    unsigned line, col;
    locate(data, off, &line, &col);
    return jb_error_set(err, JB_ERR_INPUT, name, line, col, (int64_t)off,
                        "%s at byte offset %zu (0x%02x) is not %s (try --encoding, or "
                        "--encoding-errors=replace)",
                        what, off, (unsigned char)data[off], enc);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static inline int
utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    /* the common case first: a three-byte sequence of the BMP (E1–EC, EE, EF) */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
        return 3;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* Eight bytes of s as a little-endian number (one load on most machines). */
static inline uint64_t
load_le64(const unsigned char *s)
{
    return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 | (uint64_t)s[3] << 24 |
           (uint64_t)s[4] << 32 | (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
           (uint64_t)s[7] << 56;
}

/* Length of the longest prefix of s (n bytes) made of whole valid UTF-8
 * sequences, NUL included: the same steps as utf8_valid_len, with two fast
 * paths for what articles are made of, ASCII eight bytes at a time and
 * three-byte characters two at a time (a lead byte E1–EC, EE or EF and any
 * two continuation bytes: all Han characters). */
static size_t
utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (n - i >= 8 && !(load_le64(s + i) & UINT64_C(0x8080808080808080)))
            i += 8;
        while (i < n && s[i] < 0x80)
            i++;
        while (n - i >= 8) {
            uint64_t w = load_le64(s + i);
            unsigned char lead1 = (unsigned char)w, lead2 = (unsigned char)(w >> 24);
            if ((w & UINT64_C(0xC0C0F0C0C0F0)) != UINT64_C(0x8080E08080E0) || lead1 == 0xE0 ||
                lead1 == 0xED || lead2 == 0xE0 || lead2 == 0xED)
                break;
            i += 6;
        }
        if (i >= n || s[i] < 0x80)
            continue;
        int k = utf8_valid_len(s + i, n - i);
        if (!k)
            break;
        i += (size_t)k;
    }
    return i;
}

/* The number of multi-byte sequences in the valid UTF-8 s (n bytes), up to
 * most. */
static size_t
count_multi(const unsigned char *s, size_t n, size_t most)
{
    size_t i = 0, multi = 0;
    while (i < n && multi < most) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        multi++;
        i += (size_t)utf8_valid_len(s + i, n - i);
    }
    return multi;
}

/* UTF-8 from data[start] on; the first valid bytes after start are known
 * to be valid UTF-8 (detection checked them). */
static jb_status_t
decode_utf8(const char *name, const char *data, size_t len, size_t start, size_t valid,
            int replace, jb_mapped_t *out, jb_error_t *err)
{
    const unsigned char *s = (const unsigned char *)data;
    /* the common case: all valid and free of NUL, copied in one go, each
     * byte mapping to its own offset (no map needed) */
    size_t n = len - start;
    valid += utf8_valid_prefix(s + start + valid, n - valid);
    const unsigned char *nul = memchr(s + start, 0, valid);
    size_t bad = start + (nul ? (size_t)(nul - (s + start)) : valid);
    if (bad == len) {
        out->text = g_string_new_len(data + start, (gssize)n);
        out->map = NULL;
        out->shift = (uint32_t)start;
        return JB_OK;
    }
    if (!replace)
        return bad_byte(err, name, data, bad, "UTF-8",
                        s[bad] == 0 ? "a NUL byte (binary data?)" : "the byte");

    jb_mapped_init(out, len);
    size_t i = start;
    while (i < len) {
        /* runs of ASCII go in one copy */
        size_t j = i;
        while (j < len && s[j] < 0x80 && s[j] != 0)
            j++;
        if (j > i) {
            size_t old = out->map->len;
            g_string_append_len(out->text, data + i, (gssize)(j - i));
            g_array_set_size(out->map, old + (j - i));
            uint32_t *m = &g_array_index(out->map, uint32_t, old);
            for (size_t k = 0; k < j - i; k++)
                m[k] = (uint32_t)(i + k);
            i = j;
            continue;
        }
        int k = s[i] == 0 ? 0 : utf8_valid_len(s + i, len - i);
        if (k == 0) {
            jb_mapped_append_cp(out, 0xFFFD, (uint32_t)i);
            i++;
            continue;
        }
        g_string_append_len(out->text, data + i, k);
        for (int b = 0; b < k; b++) {
            uint32_t off = (uint32_t)i;
            g_array_append_val(out->map, off);
        }
        i += (size_t)k;
    }
    return JB_OK;
}

static jb_status_t
decode_utf16(const char *name, const char *data, size_t len, size_t start, int big,
             int replace, jb_mapped_t *out, jb_error_t *err)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = start;
    while (i + 1 < len) {
        uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        size_t at = i;
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            uint32_t lo = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (u == 0 || (u >= 0xD800 && u <= 0xDFFF)) {
            if (!replace)
                return bad_byte(err, name, data, at, "UTF-16", u == 0 ? "a NUL character" : "a lone surrogate");
            u = 0xFFFD;
        }
        jb_mapped_append_cp(out, u, (uint32_t)at);
    }
    if (i < len && !replace)
        return bad_byte(err, name, data, i, "UTF-16", "a trailing odd byte");
    return JB_OK;
}

/* Length of the multi-byte character at s in GB18030 or Big5, by the
 * structure of the encodings; 0 if the lead byte cannot start one. */
static size_t
mb_char_len(const unsigned char *s, size_t n, int big5)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF || n < 2)
        return 0;
    if (!big5 && s[1] >= 0x30 && s[1] <= 0x39)
        return n >= 4 ? 4 : 0;
    return 2;
}

static jb_status_t
decode_iconv(const char *name, const char *data, size_t len, const char *enc, int replace,
             jb_mapped_t *out, jb_error_t *err)
{
    int big5 = strcmp(enc, "big5") == 0;
    iconv_t cd = iconv_open("UTF-8", big5 ? "BIG5-HKSCS" : "GB18030");
    if (cd == (iconv_t)-1)
        return jb_error_set(err, JB_ERR_UNSUPPORTED, name, 0, 0, -1,
                            "this system's iconv cannot decode %s", enc);
    jb_status_t status = JB_OK;
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80 && s[i] != 0) {
            uint32_t off = (uint32_t)i;
            g_string_append_c(out->text, data[i]);
            g_array_append_val(out->map, off);
            i++;
            continue;
        }
        size_t n = s[i] == 0 ? 0 : mb_char_len(s + i, len - i, big5);
        char buf[16];
        char *in = (char *)data + i, *o = buf;
        size_t inleft = n, outleft = sizeof buf;
        if (n == 0 || iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft != 0) {
            iconv(cd, NULL, NULL, NULL, NULL);
            if (!replace) {
                status = bad_byte(err, name, data, i, big5 ? "Big5" : "GB18030",
                                  s[i] == 0 ? "a NUL byte (binary data?)" : "the byte");
                goto out;
            }
            jb_mapped_append_cp(out, 0xFFFD, (uint32_t)i);
            i++;
            continue;
        }
        g_string_append_len(out->text, buf, o - buf);
        for (char *p = buf; p < o; p++) {
            uint32_t off = (uint32_t)i;
            g_array_append_val(out->map, off);
        }
        i += n;
    }
out:
    iconv_close(cd);
    return status;
}

/* GB18030 or Big5 for bytes that are not UTF-8: Big5 text has many
 * characters whose second byte is 0x40–0x7E, which GB2312 text never has and
 * GBK text rarely; a lead byte that Big5 never uses (0x81–0xA0) means GB. */
static const char *
guess_cjk(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t pairs = 0, low_trail = 0, gb_only = 0;
    for (size_t i = 0; i + 1 < len && pairs < 100000; i++) {
        if (s[i] < 0x81)
            continue;
        pairs++;
        if (s[i] <= 0xA0)
            gb_only++;
        if (s[i + 1] >= 0x40 && s[i + 1] <= 0x7E)
            low_trail++;
        i++;
    }
    if (pairs == 0 || gb_only * 20 > pairs)
        return "gb18030";
    return low_trail * 10 > pairs ? "big5" : "gb18030";
}

static const char *
canonical_encoding(const char *e)
{
    static const char *const names[][2] = {
        {"utf-8", "utf-8"},     {"utf8", "utf-8"},       {"gb18030", "gb18030"},
        {"gbk", "gb18030"},     {"gb2312", "gb18030"},   {"cp936", "gb18030"},
        {"big5", "big5"},       {"big5-hkscs", "big5"},  {"utf-16", "utf-16"},
        {"utf-16le", "utf-16le"}, {"utf-16be", "utf-16be"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (g_ascii_strcasecmp(e, names[i][0]) == 0)
            return names[i][1];
    return NULL;
}

jb_status_t
jb_ingest_decode(const char *name, const char *data, size_t len, const jb_ingest_options_t *opts,
                 jb_mapped_t *out, const char **used, jb_error_t *err)
{
    const unsigned char *s = (const unsigned char *)data;
    const char *want = opts && opts->encoding && strcmp(opts->encoding, "auto") != 0
                           ? opts->encoding : NULL;
    int replace = opts && opts->replace_errors;
    const char *enc = NULL;
    if (want && !(enc = canonical_encoding(want)))
        return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                            "unknown encoding '%s' (utf-8, gb18030, gbk, gb2312, big5, utf-16, "
                            "utf-16le, utf-16be)", want);

    /* a BOM decides, unless the user said otherwise */
    size_t start = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF && (!enc || !strcmp(enc, "utf-8"))) {
        enc = "utf-8";
        start = 3;
    } else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE && (!enc || !strncmp(enc, "utf-16", 6))) {
        enc = "utf-16le";
        start = 2;
    } else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF && (!enc || !strncmp(enc, "utf-16", 6))) {
        enc = "utf-16be";
        start = 2;
    }
    if (enc && !strcmp(enc, "utf-16"))
        enc = "utf-16le";
    size_t valid = 0;
    if (!enc) {
        /* valid UTF-8 (NUL aside, reported by the UTF-8 decoder) is UTF-8;
         * UTF-8 text with a bad byte further on is still UTF-8 (and the
         * byte is reported); GB and Big5 text hardly ever form valid
         * multi-byte UTF-8 sequences before their first invalid one */
        valid = utf8_valid_prefix(s, len);
        enc = valid == len || count_multi(s, valid, 4) >= 4 ? "utf-8" : guess_cjk(data, len);
    }
    *used = enc;
    if (!strcmp(enc, "utf-8"))
        return decode_utf8(name, data, len, start, valid, replace, out, err);
    jb_mapped_init(out, len);
    if (!strncmp(enc, "utf-16", 6))
        return decode_utf16(name, data, len, start, !strcmp(enc, "utf-16be"), replace, out, err);
    return decode_iconv(name, data, len, enc, replace, out, err);
}
