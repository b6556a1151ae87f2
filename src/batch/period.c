/* Period expressions of job files (this-quarter, last-month, 2024Q1 …),
 * evaluated from a moment in a time zone, and the run's "now". */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jibao/batch.h"

jb_status_t
jb_batch_get_now(int64_t *now, jb_error_t *err)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde) {
        *now = (int64_t)time(NULL);
        return JB_OK;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(sde, &end, 10);
    if (errno || *end || v < 0)
        return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                            "SOURCE_DATE_EPOCH is not a number of seconds: '%s'", sde);
    *now = (int64_t)v;
    return JB_OK;
}

/* "2024Q1" or "2024M03" (also "2024M3"); returns 1 when expr is one. */
static int
parse_absolute(const char *expr, jb_period_t *p)
{
    int year, n, len = 0;
    char kind;
    if (sscanf(expr, "%4d%c%2d%n", &year, &kind, &n, &len) != 3 || expr[len] != '\0' ||
        strlen(expr) < 6 || year < 1000)
        return 0;
    if (kind == 'Q' && n >= 1 && n <= 4 && len == 6) {
        *p = (jb_period_t){year, n, 0};
        return 1;
    }
    if (kind == 'M' && n >= 1 && n <= 12) {
        *p = (jb_period_t){year, (n - 1) / 3 + 1, n};
        return 1;
    }
    return 0;
}

jb_status_t
jb_period_parse(const char *expr, int64_t now, const char *tz, jb_period_t *period,
                jb_error_t *err)
{
    if (parse_absolute(expr, period))
        return JB_OK;

    int rel_quarter = strcmp(expr, "this-quarter") == 0 ? 0 : strcmp(expr, "last-quarter") == 0 ? -1 : 1;
    int rel_month = strcmp(expr, "this-month") == 0 ? 0 : strcmp(expr, "last-month") == 0 ? -1 : 1;
    if (rel_quarter > 0 && rel_month > 0)
        return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                            "unknown period '%s' (this-quarter, last-quarter, this-month, "
                            "last-month, 2024Q1, 2024M03)",
                            expr);

    GTimeZone *zone = tz && *tz ? g_time_zone_new_identifier(tz) : g_time_zone_new_local();
    if (!zone)
        return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1, "unknown time zone '%s'", tz);
    GDateTime *dt = g_date_time_new_from_unix_utc(now);
    GDateTime *local = dt ? g_date_time_to_timezone(dt, zone) : NULL;
    int year = local ? g_date_time_get_year(local) : 1970;
    int month = local ? g_date_time_get_month(local) : 1;
    if (local)
        g_date_time_unref(local);
    if (dt)
        g_date_time_unref(dt);
    g_time_zone_unref(zone);

    if (rel_quarter <= 0) {
        int q = (month - 1) / 3 + 1 + rel_quarter;
        if (q < 1) {
            q = 4;
            year--;
        }
        *period = (jb_period_t){year, q, 0};
    } else {
        int m = month + rel_month;
        if (m < 1) {
            m = 12;
            year--;
        }
        *period = (jb_period_t){year, (m - 1) / 3 + 1, m};
    }
    return JB_OK;
}

char *
jb_period_format(const jb_period_t *p, char *buf, size_t n)
{
    if (p->month)
        snprintf(buf, n, "%04dM%02d", p->year, p->month);
    else
        snprintf(buf, n, "%04dQ%d", p->year, p->quarter);
    return buf;
}

char *
jb_period_format_ytd(const jb_period_t *p, char *buf, size_t n)
{
    if (p->month == 1 || (!p->month && p->quarter == 1))
        return jb_period_format(p, buf, n);
    if (p->month)
        snprintf(buf, n, "%04dM01-M%02d", p->year, p->month);
    else
        snprintf(buf, n, "%04dQ1-Q%d", p->year, p->quarter);
    return buf;
}
