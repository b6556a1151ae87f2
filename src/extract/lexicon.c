/* Extract: the dictionaries of data/ (units.tsv, indicators.tsv,
 * entities.tsv) loaded into hash tables with longest-match lookups. The
 * tables live in the data files only (STYLE.md: no copies in C). */
#include "extract-private.h"

#include <stdint.h>
#include <string.h>

#include "../base/util-private.h"

static uint32_t
pair_hash(uint32_t a, uint32_t b)
{
    return (a * 40503u ^ b * 2654435761u) >> 8 & 0xFFFF;
}

static void
set_bit(unsigned char *set, uint32_t cp)
{
    if (cp < 0x10000)
        set[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static int
bit(const unsigned char *set, uint32_t cp)
{
    return cp >= 0x10000 || (set[cp >> 3] >> (cp & 7) & 1);
}

/* Is word one of the space-separated words of list? */
static int
is_listed(const char *list, const char *word)
{
    size_t l = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += l)
        if ((p == list || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
            return 1;
    return 0;
}

static inline uint32_t
fnv_add(uint32_t h, const char *s, size_t l)
{
    for (size_t i = 0; i < l; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

#define FNV_SEED 2166136261u

/* never 0, which marks an empty slot */
static inline uint32_t
fnv_final(uint32_t h)
{
    return h ? h : 1;
}

/* The hash of a key: FNV-1a of the word, mixed with that of the class for
 * a word\tclass key, so that a lookup hashes the text once for all its
 * prefixes and the class once per call. */
static inline uint32_t
key_hash(uint32_t hword, int has_cls, uint32_t hcls)
{
    return fnv_final(has_cls ? (hword ^ (hcls * 0x9E3779B1u)) * 16777619u : hword);
}

/* Copy the keys of d->words into the open-addressing table d->slots. */
static void
build_slots(jb_dict_t *d)
{
    size_t cap = 16;
    while (cap < (size_t)g_hash_table_size(d->words) * 2 + 1)
        cap *= 2;
    d->slots = g_new0(jb_dict_slot_t, cap);
    d->mask = cap - 1;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, d->words);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        size_t l = strlen(k);
        const char *tab = memchr(k, '\t', l);
        size_t wl = tab ? (size_t)(tab - (const char *)k) : l;
        uint32_t h = key_hash(fnv_add(FNV_SEED, k, wl), tab != NULL,
                              tab ? fnv_add(FNV_SEED, tab + 1, l - wl - 1) : 0);
        size_t i = h & d->mask;
        while (d->slots[i].hash)
            i = (i + 1) & d->mask;
        d->slots[i] = (jb_dict_slot_t){h, (uint32_t)l, k, v};
    }
}

static void
word_free(gpointer p)
{
    jb_word_t *w = p;
    g_free(w->word);
    g_free(w->a);
    g_free(w->b);
    g_free(w);
}

jb_status_t
jb_dict_load(jb_dict_t *d, const char *path, int class_col, const char *only, jb_error_t *err)
{
    char *buf = NULL;
    size_t len = 0;
    GError *gerr = NULL;
    memset(d, 0, sizeof *d);
    d->words = g_hash_table_new(g_str_hash, g_str_equal);
    d->all = g_ptr_array_new_with_free_func(word_free);
    if (!jb_read_file(path, &buf, &len, &gerr)) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "%s", gerr ? gerr->message : "cannot read");
        g_clear_error(&gerr);
        return JB_ERR_IO;
    }
    jb_status_t status = JB_OK;
    char **lines = g_strsplit(buf, "\n", -1);
    for (unsigned i = 0; lines[i]; i++) {
        char *l = lines[i];
        if (!*l || *l == '#')
            continue;
        char **cols = g_strsplit(l, "\t", 5);
        if (!cols[0] || !*cols[0] || !cols[1]) {
            status = jb_error_set(err, JB_ERR_DATA, path, i + 1, 1, -1,
                                  "expected tab-separated columns");
            g_strfreev(cols);
            break;
        }
        /* only the classes asked for */
        const char *cls = class_col == 2 ? (cols[2] ? cols[2] : "") : cols[1];
        if (only && !is_listed(only, cls)) {
            g_strfreev(cols);
            continue;
        }
        jb_word_t *w = g_new0(jb_word_t, 1);
        w->word = g_strdup(cols[0]);
        w->a = g_strdup(cols[1]);
        w->b = g_strdup(cols[2] ? cols[2] : "");
        w->n = cols[2] && cols[3] ? atoi(cols[3]) : 0;
        g_strfreev(cols);
        g_ptr_array_add(d->all, w);
        /* a word listed twice keeps its first line; lookups by class see
         * the others through the "class" suffix key */
        char *key = g_strconcat(w->word, "\t", class_col == 2 ? w->b : w->a, NULL);
        if (!g_hash_table_contains(d->words, w->word))
            g_hash_table_insert(d->words, w->word, w);
        if (g_hash_table_contains(d->words, key))
            g_free(key);
        else
            g_hash_table_insert(d->words, key, w);
        size_t wl = strlen(w->word);
        if (wl > d->max_len)
            d->max_len = wl;
        if (wl < 64)
            d->lengths |= (uint64_t)1 << wl;
        d->first[(unsigned char)w->word[0]] = 1;
        d->last[(unsigned char)w->word[wl - 1]] = 1;
        if (g_utf8_validate(w->word, -1, NULL)) {
            glong chars = g_utf8_strlen(w->word, -1);
            const char *second = g_utf8_next_char(w->word);
            uint32_t f = g_utf8_get_char(w->word);
            set_bit(d->starts, f);
            set_bit(d->ends, g_utf8_get_char(g_utf8_prev_char(w->word + wl)));
            if (chars == 1)
                set_bit(d->single_cp, f);
            else {
                /* only with two characters or more: before a one-character
                   word's last there is nothing to step back to (valgrind) */
                const char *before_last = g_utf8_prev_char(g_utf8_prev_char(w->word + wl));
                set_bit(d->first_pair, pair_hash(f, g_utf8_get_char(second)));
                set_bit(d->last_pair, pair_hash(g_utf8_get_char(before_last),
                                                 g_utf8_get_char(g_utf8_next_char(before_last))));
            }
        }
    }
    g_strfreev(lines);
    g_free(buf);
    build_slots(d);
    return status;
}

static void
free_key(gpointer key, gpointer value, gpointer user)
{
    (void)user;
    jb_word_t *w = value;
    if (key != w->word)
        g_free(key);
}

void
jb_dict_clear(jb_dict_t *d)
{
    if (d->words) {
        g_hash_table_foreach(d->words, free_key, NULL);
        g_hash_table_destroy(d->words);
    }
    if (d->all)
        g_ptr_array_free(d->all, TRUE);
    g_free(d->slots);
    memset(d, 0, sizeof *d);
}

/* The word s[0..l) (with class cls of length cl, hash hcls; NULL = any),
 * whose FNV-1a hash is hword. */
static const jb_word_t *
lookup_h(const jb_dict_t *d, const char *s, size_t l, uint32_t hword, const char *cls, size_t cl,
         uint32_t hcls)
{
    if (!d->slots || l + 2 + cl >= 128) /* keys are shorter */
        return NULL;
    uint32_t h = key_hash(hword, cls != NULL, hcls);
    size_t kl = cls ? l + 1 + cl : l;
    for (size_t i = h & d->mask;; i = (i + 1) & d->mask) {
        const jb_dict_slot_t *e = &d->slots[i];
        if (!e->hash)
            return NULL;
        if (e->hash == h && e->len == kl && memcmp(e->key, s, l) == 0 &&
            (!cls || (e->key[l] == '\t' && memcmp(e->key + l + 1, cls, cl) == 0)))
            return e->word;
    }
}

/* UTF-8 lead bytes only: words start and end on character boundaries */
static int
is_lead(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

/* The code point at s (n bytes), or 0x10000 for one outside the BMP or
 * an invalid sequence (never filtered out). */
static inline uint32_t
cp_of(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return s[0];
    if (s[0] >= 0xE0 && s[0] < 0xF0 && n >= 3)
        return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    if (s[0] >= 0xC0 && s[0] < 0xE0 && n >= 2)
        return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    return 0x10000;
}



/* the length in bytes of the UTF-8 sequence starting with c */
static size_t
seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

const jb_word_t *
jb_dict_match_at(const jb_dict_t *d, const char *s, size_t n, const char *cls, size_t *len)
{
    if (!n || !d->first[(unsigned char)s[0]])
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t l1 = seq_len(u[0]);
    uint32_t c1 = cp_of(u, n);
    if (!bit(d->starts, c1))
        return NULL;
    int single = bit(d->single_cp, c1);
    int longer = l1 < n && bit(d->first_pair, c1 >= 0x10000 ? 0x10000 : pair_hash(c1, cp_of(u + l1, n - l1)));
    if (c1 < 0x10000 && l1 < n && cp_of(u + l1, n - l1) >= 0x10000)
        longer = 1;
    if (!single && !longer)
        return NULL;
    size_t max = n < d->max_len ? n : d->max_len;
    if (!longer)
        max = l1 <= n ? l1 : n;
    size_t cl = cls ? strlen(cls) : 0;
    uint32_t hcls = cls ? fnv_add(FNV_SEED, cls, cl) : 0;
    /* the hashes of all prefixes, in one pass (keys are under 128 bytes) */
    uint32_t ph[128];
    size_t hmax = max < 127 ? max : 127;
    ph[0] = FNV_SEED;
    for (size_t l = 1; l <= hmax; l++)
        ph[l] = fnv_add(ph[l - 1], s + l - 1, 1);
    for (size_t l = max; l > 0; l--) {
        if ((l < 64 && !(d->lengths >> l & 1)) || (l < n && !is_lead((unsigned char)s[l])))
            continue;
        if (l > hmax)
            continue; /* no key is that long */
        const jb_word_t *w = lookup_h(d, s, l, ph[l], cls, cl, hcls);
        if (w) {
            *len = l;
            return w;
        }
    }
    return NULL;
}

const jb_word_t *
jb_dict_match_before(const jb_dict_t *d, const char *s, size_t lo, size_t end, const char *cls,
                     size_t *len)
{
    if (end <= lo || !d->last[(unsigned char)s[end - 1]])
        return NULL;
    size_t b = end - 1;
    while (b > lo && ((unsigned char)s[b] & 0xC0) == 0x80)
        b--;
    uint32_t cl = cp_of((const unsigned char *)s + b, end - b);
    if (!bit(d->ends, cl))
        return NULL;
    int single = bit(d->single_cp, cl);
    int longer = 0;
    if (b > lo) {
        size_t b2 = b - 1;
        while (b2 > lo && ((unsigned char)s[b2] & 0xC0) == 0x80)
            b2--;
        uint32_t cp2 = cp_of((const unsigned char *)s + b2, b - b2);
        longer = cl >= 0x10000 || cp2 >= 0x10000 || bit(d->last_pair, pair_hash(cp2, cl));
    }
    if (!single && !longer)
        return NULL;
    size_t max = end - lo < d->max_len ? end - lo : d->max_len;
    if (!longer)
        max = end - b;
    size_t clsl = cls ? strlen(cls) : 0;
    uint32_t hcls = cls ? fnv_add(FNV_SEED, cls, clsl) : 0;
    for (size_t l = max; l > 0; l--) {
        if ((l < 64 && !(d->lengths >> l & 1)) || !is_lead((unsigned char)s[end - l]))
            continue;
        if (l + 2 + clsl >= 128)
            continue; /* no key is that long */
        const jb_word_t *w = lookup_h(d, s + end - l, l, fnv_add(FNV_SEED, s + end - l, l), cls, clsl, hcls);
        if (w) {
            *len = l;
            return w;
        }
    }
    return NULL;
}
