/* Number formatting in Chinese report conventions (merge stage). Not
 * installed; docs/templates.md describes the attributes that fill
 * jb_number_format_t. */
#ifndef JIBAO_MERGE_FORMAT_H
#define JIBAO_MERGE_FORMAT_H

typedef enum {
    JB_NUMSTYLE_PLAIN,   /* 969.8 */
    JB_NUMSTYLE_GROWTH,  /* 增长4.6% / 下降3.5% / 持平 */
    JB_NUMSTYLE_POINTS,  /* 提高0.5个百分点 / 回落0.5个百分点 / 持平 */
    JB_NUMSTYLE_PERCENT, /* 4.6% */
    JB_NUMSTYLE_SIGNED,  /* +4.6 / -3.5 */
} jb_numstyle_t;

typedef enum {
    JB_SCALE_NONE, /* as stated */
    JB_SCALE_AUTO, /* 万 from 10^4, 亿 from 10^8, 万亿 from 10^12 */
    JB_SCALE_WAN,
    JB_SCALE_YI,
    JB_SCALE_WANYI,
} jb_scale_t;

typedef struct {
    int decimals;       /* -1: as stated */
    int thousands;      /* group digits with ',' */
    jb_scale_t scale;
    jb_numstyle_t style;
    const char *up, *down, *flat; /* growth/points words; NULL = defaults */
} jb_number_format_t;

/* Format a decimal value and its unit. unit may be NULL or "". With a
 * scale, a magnitude prefix of the unit (万元, 亿元, 万吨, …) is folded into
 * the value first, then the chosen magnitude put back: 24000 亿元 →
 * "2.4万亿元". The unit is appended when unit_out is set, or when a scale
 * changed it. Returns a new string (g_free) or NULL if value is not a
 * decimal number. */
char *jb_format_number(const char *value, const char *unit, int unit_out,
                       const jb_number_format_t *nf);

#endif
