/* Error records and status names: the one place where a status becomes text.
 * Every stage fills a jb_error_t; only the CLI prints it. */
#include "jibao/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[JB_STATUS_COUNT] = {
    [JB_OK] = "ok",
    [JB_ERR_USAGE] = "usage error",
    [JB_ERR_IO] = "input/output error",
    [JB_ERR_SYNTAX] = "syntax error",
    [JB_ERR_SCHEMA] = "schema violation",
    [JB_ERR_XPATH] = "XPath error",
    [JB_ERR_DATA] = "data error",
    [JB_ERR_FONT] = "font error",
    [JB_ERR_RENDER] = "render error",
    [JB_ERR_LIMIT] = "limit exceeded",
    [JB_ERR_UNSUPPORTED] = "not supported",
    [JB_ERR_PARAM] = "parameter error",
    [JB_ERR_INPUT] = "input error",
};

void
jb_error_clear(jb_error_t *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

jb_status_t
jb_error_set(jb_error_t *err, jb_status_t status, const char *file, unsigned line, unsigned col,
             int64_t offset, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

const char *
jb_status_get_name(jb_status_t status)
{
    if ((int)status < 0 || status >= JB_STATUS_COUNT || !status_names[status])
        return "unknown error";
    return status_names[status];
}

char *
jb_error_format(const jb_error_t *err, const char *severity, char *buf, size_t n)
{
    char where[1100] = "";
    if (err->file[0] && err->line)
        snprintf(where, sizeof where, "%s:%u:%u: ", err->file, err->line, err->col ? err->col : 1);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    snprintf(buf, n, "%s%s: %s", where, severity ? severity : "error",
             err->message[0] ? err->message : jb_status_get_name(err->status));
    return buf;
}
