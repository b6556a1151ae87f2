/* Exact decimal arithmetic on numbers written as text. Not installed. */
#ifndef JIBAO_DECIMAL_PRIVATE_H
#define JIBAO_DECIMAL_PRIVATE_H

/* Round a decimal number given as text ("-2.675") half away from zero
 * (四舍五入) to `decimals` places, exactly, without going through binary
 * floating point. Returns a new string (g_free) or NULL if text is not a
 * decimal number. */
char *jb_decimal_round(const char *text, int decimals);

/* Multiply a decimal text by 10^shift exactly (shift may be negative).
 * Returns a new string (g_free) or NULL if text is not a decimal. */
char *jb_decimal_shift(const char *text, int shift);

#endif
