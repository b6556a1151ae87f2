/* The dataset built and written: sources and facts added by extract, then
 * written as the dataset XML (contract 1), CSV (RFC 4180) or JSON. */
#include "dataset-private.h"

#include <glib.h>
#include <libxml/xmlsave.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* A signed integer in decimal, as printf's %lld writes it, ending just
 * before end; returns where it starts. Two digits a step. */
static char *
format_int(char *end, int64_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char *p = end;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    while (u >= 100) {
        p -= 2;
        memcpy(p, pairs + u % 100 * 2, 2);
        u /= 100;
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, pairs + u * 2, 2);
    } else {
        *--p = (char)('0' + u);
    }
    if (v < 0)
        *--p = '-';
    return p;
}

/* A number with two decimals, as printf's "%.2f" writes it in the C locale
 * (correctly rounded, ties to even). The common case, 0 ≤ x < 10000 and not
 * within a millionth of a cent of a tie, is done here: there the rounding
 * error of x * 100 (under 1e-9) cannot change the digits. Anything else
 * goes to g_ascii_formatd. Returns the length written to buf (at least 32
 * bytes). */
static size_t
format_2dp(char *buf, size_t size, double x)
{
    if (x >= 0 && x < 10000 && !signbit(x)) {
        double y = x * 100;
        uint64_t cents = (uint64_t)y;
        double frac = y - (double)cents;
        if (frac < 0.499999 || frac > 0.500001) {
            cents += frac > 0.5;
            char *p = buf;
            char digits[8];
            size_t n = 0;
            uint64_t whole = cents / 100;
            do {
                digits[n++] = (char)('0' + whole % 10);
                whole /= 10;
            } while (whole);
            while (n)
                *p++ = digits[--n];
            *p++ = '.';
            *p++ = (char)('0' + cents / 10 % 10);
            *p++ = (char)('0' + cents % 10);
            *p = '\0';
            return (size_t)(p - buf);
        }
    }
    g_ascii_formatd(buf, (int)size, "%.2f", x);
    return strlen(buf);
}

const char *
jb_dataset_add_source(jb_dataset_t *ds, const char *file, const char *title, const char *encoding)
{
    xmlDocPtr doc = jb_dataset_get_xml(ds);
    size_t n = jb_dataset_get_source_count(ds) + 1;
    char id[32];
    snprintf(id, sizeof id, "s%zu", n);
    xmlNodePtr src = xmlNewDocNode(doc, NULL, (const xmlChar *)"source", NULL);
    xmlSetProp(src, (const xmlChar *)"id", (const xmlChar *)id);
    xmlSetProp(src, (const xmlChar *)"file", (const xmlChar *)file);
    if (title && *title)
        xmlSetProp(src, (const xmlChar *)"title", (const xmlChar *)title);
    if (encoding && *encoding)
        xmlSetProp(src, (const xmlChar *)"encoding", (const xmlChar *)encoding);
    jb_dataset_adopt(ds, src, NULL); /* keeps ids unique across loaded files */
    return (const char *)xmlHasProp(src, (const xmlChar *)"id")->children->content;
}

/* The fact element is new, so its attributes are added with xmlNewProp
 * rather than xmlSetProp, which first looks for one of the same name. */
static void
set(xmlNodePtr n, const char *name, const char *value)
{
    if (value && *value)
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void
jb_dataset_add_fact(jb_dataset_t *ds, const char *source_id, const jb_fact_t *f)
{
    char buf[64];
    char *end = buf + sizeof buf - 1;
    *end = '\0';
    char *id = format_int(end, (int64_t)(jb_dataset_get_fact_count(ds) + 1));
    *--id = 'f';
    xmlNodePtr n = xmlNewDocNode(jb_dataset_get_xml(ds), NULL, (const xmlChar *)"fact", NULL);
    xmlNewProp(n, (const xmlChar *)"id", (const xmlChar *)id);
    set(n, "source", source_id);
    set(n, "offset", format_int(end, f->offset));
    xmlNewProp(n, (const xmlChar *)"entity", (const xmlChar *)f->entity);
    xmlNewProp(n, (const xmlChar *)"indicator", (const xmlChar *)f->indicator);
    set(n, "period", f->period);
    set(n, "kind", f->kind);
    set(n, "value", f->value);
    set(n, "unit", f->unit);
    set(n, "base", f->value_base);
    set(n, "qualifier", f->qualifier);
    set(n, "basis", f->basis);
    set(n, "upper", f->upper);
    format_2dp(buf, sizeof buf, f->confidence); /* never 0,85 */
    set(n, "confidence", buf);
    xmlNewTextChild(n, NULL, (const xmlChar *)"sentence", (const xmlChar *)f->sentence);
    jb_dataset_adopt(ds, n, NULL);
}

jb_status_t
jb_dataset_write_xml(jb_dataset_t *ds, FILE *out, jb_error_t *err)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT);
    jb_status_t status = JB_OK;
    if (!save || xmlSaveDoc(save, jb_dataset_get_xml(ds)) < 0) {
        if (save)
            xmlSaveClose(save);
        status = jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "cannot serialise the dataset");
        goto out;
    }
    xmlSaveClose(save);
    if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) !=
        (size_t)xmlBufferLength(buf))
        status = jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "write failed");
out:
    xmlBufferFree(buf);
    return status;
}

/* Output gathered in a buffer and handed to stdio in large blocks, instead
 * of a stdio call per field or per byte. The buffer is a fact writer's (64
 * KB, reused for every fact) or, for the one-fact functions, on the stack.
 * A string longer than the buffer goes to stdio directly; the bytes and
 * their order are always what unbuffered writes would give. */
typedef struct {
    FILE *out;
    char *buf;
    size_t len;
    size_t cap;
} outbuf_t;

static void
outbuf_flush(outbuf_t *k)
{
    if (k->len)
        fwrite(k->buf, 1, k->len, k->out);
    k->len = 0;
}

/* Make room for n more bytes; FALSE if n does not fit even when empty. */
static inline int
outbuf_reserve(outbuf_t *k, size_t n)
{
    if (n > k->cap - k->len) {
        outbuf_flush(k);
        return n <= k->cap;
    }
    return 1;
}

static inline void
outbuf_put(outbuf_t *k, const char *s, size_t n)
{
    if (!outbuf_reserve(k, n)) {
        fwrite(s, 1, n, k->out);
        return;
    }
    memcpy(k->buf + k->len, s, n);
    k->len += n;
}

#define outbuf_put_literal(k, s) outbuf_put((k), (s), sizeof(s) - 1)

static inline void
outbuf_putc(outbuf_t *k, char c)
{
    if (k->len == k->cap)
        outbuf_flush(k);
    k->buf[k->len++] = c;
}

static void
outbuf_put_int(outbuf_t *k, int64_t v)
{
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = format_int(end, v);
    outbuf_put(k, p, (size_t)(end - p));
}

/* Scanning eight bytes at a time (SWAR): a word is read with memcpy, only
 * ever within the string, and tested for the bytes that need attention.
 * has_less is exact as a yes/no for n <= 128 (it may not say which byte). */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t
has_less(uint64_t w, unsigned n)
{
    return (w - ONES * n) & ~w & HIGHS;
}

static inline uint64_t
has_byte(uint64_t w, unsigned char c)
{
    return has_less(w ^ (ONES * c), 1);
}

/* Whether words hold a byte RFC 4180 quotes: comma, quote, CR, LF. All
 * four are below '-' (0x2d), like few bytes of Chinese text, digits or
 * letters, so one test clears most words; a pair is tested at once. */
static inline int
csv_word_needs_quotes(uint64_t w)
{
    return (has_byte(w, ',') | has_byte(w, '"') | has_byte(w, '\r') | has_byte(w, '\n')) != 0;
}

static inline int
csv_pair_needs_quotes(uint64_t a, uint64_t b)
{
    uint64_t low_a = has_less(a, '-'), low_b = has_less(b, '-');
    if (!(low_a | low_b))
        return 0;
    return (low_a && csv_word_needs_quotes(a)) || (low_b && csv_word_needs_quotes(b));
}

/* Copy the n bytes of s to d unless one needs quoting; returns whether
 * they were copied. Pairs of 8-byte words, the last pair overlapping the
 * one before; 8 to 15 bytes as two overlapping words; 4 to 7 as a word of
 * two overlapping halves; under 4 as a word padded with 0xff bytes (which
 * need nothing). */
static inline int
csv_copy_plain(char *d, const char *s, size_t n)
{
    uint64_t a, b;
    if (n >= 16) {
        for (size_t i = 0; i + 16 < n; i += 16) {
            memcpy(&a, s + i, 8);
            memcpy(&b, s + i + 8, 8);
            if (csv_pair_needs_quotes(a, b))
                return 0;
            memcpy(d + i, &a, 8);
            memcpy(d + i + 8, &b, 8);
        }
        memcpy(&a, s + n - 16, 8);
        memcpy(&b, s + n - 8, 8);
        if (csv_pair_needs_quotes(a, b))
            return 0;
        memcpy(d + n - 16, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        if (csv_pair_needs_quotes(a, b))
            return 0;
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        a = lo | (uint64_t)hi << 32;
        if (has_less(a, '-') && csv_word_needs_quotes(a))
            return 0;
        memcpy(d, &lo, 4);
        memcpy(d + n - 4, &hi, 4);
    } else {
        a = ~UINT64_C(0);
        for (size_t i = 0; i < n; i++)
            a = a << 8 | (unsigned char)s[i];
        if (has_less(a, '-') && csv_word_needs_quotes(a))
            return 0;
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
    return 1;
}

/* RFC 4180 for a field the fast path of csv_row did not take (one to
 * quote, or one the buffer has no room for): quoted if it holds a comma,
 * quote, CR or LF, with quotes doubled; a comma follows it. */
static void
csv_field(outbuf_t *k, const char *s, size_t n)
{
    if (!s[strcspn(s, ",\"\r\n")]) {
        outbuf_put(k, s, n);
    } else {
        outbuf_putc(k, '"');
        for (const char *q; (q = strchr(s, '"')); s = q + 1) {
            outbuf_put(k, s, (size_t)(q - s) + 1);
            outbuf_putc(k, '"');
        }
        outbuf_put(k, s, strlen(s));
        outbuf_putc(k, '"');
    }
    outbuf_putc(k, ',');
}

static const char csv_header[] =
    "doc,entity,indicator,period,kind,value,unit,value_base,offset,sentence\r\n";

static void
csv_row(outbuf_t *k, const jb_fact_t *f)
{
    char offset[24];
    offset[sizeof offset - 1] = '\0';
    /* in column order; the offset's digits and '-' never need quoting */
    const char *fields[] = {f->doc,   f->entity, f->indicator, f->period,
                            f->kind,  f->value,  f->unit,      f->value_base,
                            format_int(offset + sizeof offset - 1, f->offset), f->sentence};

    /* The usual field, short with nothing to quote, is checked and copied
     * straight into the buffer. The cursor is a local: through k, every
     * byte stored would make the compiler load k's members again. */
    char *p = k->buf + k->len;
    const char *lim = k->buf + k->cap;
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
        const char *s = fields[i] ? fields[i] : "";
        size_t n = strlen(s);
        if (n < (size_t)(lim - p) && csv_copy_plain(p, s, n)) {
            p += n;
            *p++ = ',';
            continue;
        }
        k->len = (size_t)(p - k->buf);
        csv_field(k, s, n);
        p = k->buf + k->len;
    }
    /* the row ends with CRLF, not the comma after the last field (which
     * both paths leave in the buffer) */
    p[-1] = '\r';
    k->len = (size_t)(p - k->buf);
    outbuf_putc(k, '\n');
}

/* Bytes a JSON string escapes: control characters, quote and backslash. */
static const unsigned char json_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00-0x0f */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10-0x1f */
    ['"'] = 1, ['\\'] = 1,
};

/* A JSON string: runs of plain bytes copied, the others escaped as \" \\
 * and \u00XX (lower-case hex). NULL is written as "". */
static void
json_string(outbuf_t *k, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    outbuf_putc(k, '"');
    if (s) {
        for (;;) {
            size_t n = 0;
            while (!json_escape[(unsigned char)s[n]])
                n++;
            outbuf_put(k, s, n);
            s += n;
            unsigned char c = (unsigned char)*s;
            if (!c)
                break;
            if (c == '"' || c == '\\') {
                char esc[2] = {'\\', (char)c};
                outbuf_put(k, esc, 2);
            } else {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                outbuf_put(k, esc, 6);
            }
            s++;
        }
    }
    outbuf_putc(k, '"');
}

static void
json_object(outbuf_t *k, const jb_fact_t *f, int first)
{
    /* keys with the text that goes before each value */
    static const struct {
        const char *key;
        size_t len;
    } keys[] = {
#define KEY(name) {", \"" name "\": ", sizeof(", \"" name "\": ") - 1}
        KEY("doc"),       KEY("entity"),    KEY("indicator"), KEY("period"),
        KEY("kind"),      KEY("unit"),      KEY("value_base"), KEY("qualifier"),
        KEY("basis"),     KEY("sentence"),
#undef KEY
    };
    const char *vals[] = {f->doc,        f->entity,    f->indicator, f->period, f->kind,
                          f->unit,       f->value_base, f->qualifier, f->basis, f->sentence};
    if (first)
        outbuf_put_literal(k, "\n  {");
    else
        outbuf_put_literal(k, ",\n  {");
    /* values are strings: a 400-digit number stays exact */
    outbuf_put_literal(k, "\"value\": ");
    json_string(k, f->value);
    if (f->upper) {
        outbuf_put_literal(k, ", \"upper\": ");
        json_string(k, f->upper);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        if (!vals[i] || (!*vals[i] && i >= 5))
            continue;
        outbuf_put(k, keys[i].key, keys[i].len);
        json_string(k, vals[i]);
    }
    outbuf_put_literal(k, ", \"offset\": ");
    outbuf_put_int(k, f->offset);
    char num[64];
    outbuf_put_literal(k, ", \"confidence\": ");
    outbuf_put(k, num, format_2dp(num, sizeof num, f->confidence));
    outbuf_putc(k, '}');
}

/* The one-fact functions: a buffer on the stack, written out at once. */
enum { ROW_BUFFER = 2048 };

void
jb_fact_write_csv_header(FILE *out)
{
    fputs(csv_header, out);
}

void
jb_fact_write_csv(FILE *out, const jb_fact_t *f)
{
    char buf[ROW_BUFFER];
    outbuf_t k = {out, buf, 0, sizeof buf};
    csv_row(&k, f);
    outbuf_flush(&k);
}

void
jb_fact_write_json_begin(FILE *out)
{
    fputs("[", out);
}

void
jb_fact_write_json(FILE *out, const jb_fact_t *f, int first)
{
    char buf[ROW_BUFFER];
    outbuf_t k = {out, buf, 0, sizeof buf};
    json_object(&k, f, first);
    outbuf_flush(&k);
}

void
jb_fact_write_json_end(FILE *out)
{
    fputs("\n]\n", out);
}

/* A fact writer: an output buffer of its own, kept across facts. */
enum { WRITER_BUFFER = 64 * 1024 };

struct jb_fact_writer {
    outbuf_t buf;
    jb_fact_format_t format;
    size_t n_facts;
};

jb_fact_writer_t *
jb_fact_writer_new(FILE *out, jb_fact_format_t format)
{
    jb_fact_writer_t *w = g_new0(jb_fact_writer_t, 1);
    w->buf.out = out;
    w->buf.buf = g_malloc(WRITER_BUFFER);
    w->buf.cap = WRITER_BUFFER;
    w->format = format;
    if (format == JB_FACT_JSON)
        outbuf_put_literal(&w->buf, "[");
    else
        outbuf_put_literal(&w->buf, csv_header);
    return w;
}

void
jb_fact_writer_add(jb_fact_writer_t *w, const jb_fact_t *fact)
{
    if (w->format == JB_FACT_JSON)
        json_object(&w->buf, fact, w->n_facts == 0);
    else
        csv_row(&w->buf, fact);
    w->n_facts++;
}

void
jb_fact_writer_end(jb_fact_writer_t *w)
{
    if (w->format == JB_FACT_JSON)
        outbuf_put_literal(&w->buf, "\n]\n");
    outbuf_flush(&w->buf);
}

void
jb_fact_writer_free(jb_fact_writer_t *w)
{
    if (!w)
        return;
    outbuf_flush(&w->buf);
    g_free(w->buf.buf);
    g_free(w);
}
