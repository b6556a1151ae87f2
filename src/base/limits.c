/* Resource limits (jibao/limits.h): defaults, and NAME=VALUE from the
 * command line or a job file. The table is the single list of names. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>

#include "jibao/limits.h"

static const struct {
    const char *name;
    size_t offset;
    double fallback;
} limit_table[] = {
    {"input-size", offsetof(jb_limits_t, input_size), 1024.0 * 1024 * 1024},
    {"xpath-ops", offsetof(jb_limits_t, xpath_ops), 50000000},
    {"xpath-time", offsetof(jb_limits_t, xpath_time), 60},
    {"include-depth", offsetof(jb_limits_t, include_depth), 8},
    {"chart-points", offsetof(jb_limits_t, chart_points), 100000},
    {"table-rows", offsetof(jb_limits_t, table_rows), 100000},
    {"render-time", offsetof(jb_limits_t, render_time), 600},
    {"memory", offsetof(jb_limits_t, memory), 2048},
    {"article-size", offsetof(jb_limits_t, article_size), 512.0 * 1024 * 1024},
    {"html-depth", offsetof(jb_limits_t, html_depth), 1000},
};

void
jb_limits_init(jb_limits_t *limits)
{
    for (size_t i = 0; i < G_N_ELEMENTS(limit_table); i++)
        *(double *)(void *)((char *)limits + limit_table[i].offset) = limit_table[i].fallback;
}

const char *
jb_limits_get_names(void)
{
    return "input-size xpath-ops xpath-time include-depth chart-points table-rows render-time "
           "memory article-size html-depth";
}

jb_status_t
jb_limits_parse(jb_limits_t *limits, const char *assignment, jb_error_t *err)
{
    const char *eq = strchr(assignment, '=');
    size_t len = eq ? (size_t)(eq - assignment) : strlen(assignment);
    for (size_t i = 0; i < G_N_ELEMENTS(limit_table); i++) {
        if (strlen(limit_table[i].name) != len || strncmp(assignment, limit_table[i].name, len))
            continue;
        char *end = NULL;
        double v = eq ? g_ascii_strtod(eq + 1, &end) : -1;
        if (!eq || end == eq + 1 || *end || !(v >= 0) || v > 1e15)
            return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                                "--limit %s: the value must be a number >= 0 (0 = no limit)",
                                limit_table[i].name);
        /* libxml2's HTML parser drops text nested deeper than 2048 without a
           word: jibao never lets such an article through */
        if (limit_table[i].offset == offsetof(jb_limits_t, html_depth) && (v == 0 || v > 2048))
            return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                                "--limit html-depth: at most 2048 (deeper HTML loses text in "
                                "libxml2's parser)");
        *(double *)(void *)((char *)limits + limit_table[i].offset) = v;
        return JB_OK;
    }
    return jb_error_set(err, JB_ERR_USAGE, NULL, 0, 0, -1,
                        "--limit '%.*s': unknown limit (known: %s)", (int)len, assignment,
                        jb_limits_get_names());
}

jb_status_t
jb_limits_check_file(const jb_limits_t *limits, const char *path, jb_error_t *err)
{
    GStatBuf st;
    if (!limits || limits->input_size <= 0 || strcmp(path, "-") == 0 || g_stat(path, &st) != 0 ||
        !S_ISREG(st.st_mode) || (double)st.st_size <= limits->input_size)
        return JB_OK; /* unreadable files fail where they are read */
    return jb_error_set(err, JB_ERR_LIMIT, path, 0, 0, -1,
                        "%.0f bytes are more than the limit of %.0f (limit input-size; "
                        "--limit input-size=BYTES)",
                        (double)st.st_size, limits->input_size);
}
