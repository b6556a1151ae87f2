/* A tiny TAP producer for jibao's unit tests: ok(), is_int(), is_str(),
 * done_testing(). Each failing assertion prints what it got and expected. */
#ifndef JIBAO_TAP_H
#define JIBAO_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static void __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    if (!pass)
        tap_failed++;
    printf("%sok %d - ", pass ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!pass)
        printf("#   failed at %s:%d\n", file, line);
}

#define is_int(got, want, ...)                                                                     \
    do {                                                                                           \
        long long tap_g = (long long)(got), tap_w = (long long)(want);                             \
        ok(tap_g == tap_w, __VA_ARGS__);                                                           \
        if (tap_g != tap_w)                                                                        \
            printf("#   got %lld, expected %lld\n", tap_g, tap_w);                                 \
    } while (0)

/* Print a value as TAP diagnostics, every line behind "# ". */
__attribute__((unused)) static void
tap_diag(const char *label, const char *text)
{
    printf("#   %s:\n", label);
    if (!text) {
        printf("#     (null)\n");
        return;
    }
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        printf("#     %.*s\n", len, p);
        p += len + (nl ? 1 : 0);
    }
}

#define is_str(got, want, ...)                                                                     \
    do {                                                                                           \
        const char *tap_g = (got), *tap_w = (want);                                                \
        int tap_same = tap_g && tap_w && strcmp(tap_g, tap_w) == 0;                                \
        ok(tap_same, __VA_ARGS__);                                                                 \
        if (!tap_same) {                                                                           \
            tap_diag("got", tap_g);                                                                \
            tap_diag("expected", tap_w);                                                           \
        }                                                                                          \
    } while (0)

#define has_str(hay, needle, ...)                                                                  \
    do {                                                                                           \
        const char *tap_h = (hay), *tap_n = (needle);                                              \
        int tap_in = tap_h && strstr(tap_h, tap_n) != NULL;                                        \
        ok(tap_in, __VA_ARGS__);                                                                   \
        if (!tap_in)                                                                               \
            printf("#   \"%s\" not found in \"%s\"\n", tap_n, tap_h ? tap_h : "(null)");           \
    } while (0)

__attribute__((unused)) static int
done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

/* Read a whole file (golden files); NULL if it cannot be read. */
__attribute__((unused)) static char *
tap_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

#endif
