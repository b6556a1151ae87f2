/* Job files: read safely, validated against templates/jobs.rng, period
 * expressions evaluated and {variables} substituted, paths resolved
 * relative to the job file. The batch runner (run.c) takes it from here. */
#include <glib.h>
#include <libxml/tree.h>
#include <string.h>

#include "../base/xml-private.h"
#include "jibao/batch.h"

/* Limits when the job file names none (docs/batch.md). */
#define DEFAULT_TIMEOUT_S 600
#define DEFAULT_MEMORY_MB 2048

typedef struct {
    jb_job_report_t pub;
    GPtrArray *globs;  /* char*, NULL-terminated */
    GArray *kinds;     /* jb_input_kind_t */
    GPtrArray *params; /* char* "name=value", NULL-terminated */
    GPtrArray *corrections; /* char*, NULL-terminated */
    char *id, *template_path, *output_path, *period;
} job_report_t;

struct jb_job {
    char *path;
    GPtrArray *reports; /* job_report_t* */
};

static void
job_report_free(gpointer data)
{
    job_report_t *r = data;
    g_ptr_array_free(r->globs, TRUE);
    g_array_free(r->kinds, TRUE);
    g_ptr_array_free(r->params, TRUE);
    g_ptr_array_free(r->corrections, TRUE);
    g_free(r->id);
    g_free(r->template_path);
    g_free(r->output_path);
    g_free(r->period);
    g_free(r);
}

void
jb_job_free(jb_job_t *job)
{
    if (!job)
        return;
    g_ptr_array_free(job->reports, TRUE);
    g_free(job->path);
    g_free(job);
}

size_t
jb_job_get_report_count(const jb_job_t *job)
{
    return job->reports->len;
}

const jb_job_report_t *
jb_job_get_report(const jb_job_t *job, size_t i)
{
    return &((job_report_t *)g_ptr_array_index(job->reports, i))->pub;
}

const char *
jb_job_get_path(const jb_job_t *job)
{
    return job->path;
}

/* The variables of one report. */
typedef struct {
    const char *id;
    char period[16], year[8], quarter[4], month[4], ytd[24], date[16];
} vars_t;

static const char *
var_lookup(const vars_t *v, const char *name, size_t len)
{
    static const char *const names[] = {"id", "period", "year", "quarter", "month", "ytd", "date"};
    const char *values[] = {v->id, v->period, v->year, v->quarter, v->month, v->ytd, v->date};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0)
            return values[i];
    return NULL;
}

/* Substitute {name} in s; "{{" and "}}" stand for braces. Returns a new
 * string, or NULL with err set (at the node's place) for an unknown
 * variable or an unmatched brace. */
static char *
substitute(const char *s, const vars_t *v, const char *path, xmlNodePtr node, jb_error_t *err)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            g_string_append_c(out, *p++);
            continue;
        }
        if (*p == '}')
            goto bad_brace;
        if (*p != '{') {
            g_string_append_c(out, *p);
            continue;
        }
        const char *end = strchr(p, '}');
        if (!end)
            goto bad_brace;
        const char *value = var_lookup(v, p + 1, (size_t)(end - p - 1));
        if (!value) {
            jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(node),
                         jb_xml_get_node_col(node, path), -1,
                         "unknown variable '%.*s' in '%s' (id, period, year, quarter, month, "
                         "ytd, date)",
                         (int)(end - p + 1), p, s);
            g_string_free(out, TRUE);
            return NULL;
        }
        g_string_append(out, value);
        p = end;
    }
    return g_string_free(out, FALSE);
bad_brace:
    jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(node),
                 jb_xml_get_node_col(node, path), -1,
                 "unmatched brace in '%s' (write {{ or }} for a literal brace)", s);
    g_string_free(out, TRUE);
    return NULL;
}

/* The element's text, trimmed, with its {name}s substituted (NULL with err
 * set, as substitute). */
static char *
substituted_content(xmlNodePtr node, const vars_t *v, const char *path, jb_error_t *err)
{
    xmlChar *text = xmlNodeGetContent(node);
    char *trimmed = g_strstrip(g_strdup((const char *)text));
    xmlFree(text);
    char *s = substitute(trimmed, v, path, node, err);
    g_free(trimmed);
    return s;
}

static unsigned
get_uint_attr(xmlNodePtr node, const char *name, unsigned fallback)
{
    char *v = jb_xml_get_prop(node, name);
    unsigned n = v ? (unsigned)g_ascii_strtoull(v, NULL, 10) : fallback;
    g_free(v);
    return n;
}

/* Resolve a path relative to the job file's folder. */
static char *
resolve(const char *dir, const char *p)
{
    if (g_path_is_absolute(p) || strcmp(dir, ".") == 0)
        return g_strdup(p);
    return g_build_filename(dir, p, NULL);
}

static jb_status_t
input_kind(const char *pattern, xmlNodePtr node, const char *path, jb_input_kind_t *kind,
           jb_error_t *err)
{
    char *k = jb_xml_get_prop(node, "kind");
    if (k) {
        *kind = strcmp(k, "article") == 0 ? JB_INPUT_ARTICLE : JB_INPUT_DATASET;
        g_free(k);
        return JB_OK;
    }
    char *lower = g_ascii_strdown(pattern, -1);
    jb_status_t status = JB_OK;
    if (g_str_has_suffix(lower, ".xml") || g_str_has_suffix(lower, ".csv"))
        *kind = JB_INPUT_DATASET;
    else if (g_str_has_suffix(lower, ".txt") || g_str_has_suffix(lower, ".html") ||
             g_str_has_suffix(lower, ".htm"))
        *kind = JB_INPUT_ARTICLE;
    else
        status = jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(node),
                              jb_xml_get_node_col(node, path), -1,
                              "cannot tell the kind of input '%s' from its extension: add "
                              "kind=\"dataset\" or kind=\"article\"",
                              pattern);
    g_free(lower);
    return status;
}

static jb_status_t
set_vars(vars_t *v, const char *id, const char *expr, int64_t now, const char *tz,
         const char *path, xmlNodePtr node, jb_error_t *err)
{
    jb_period_t p;
    jb_error_t local;
    jb_error_clear(&local);
    if (jb_period_parse(expr, now, tz, &p, &local) != JB_OK)
        return jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(node),
                            jb_xml_get_node_col(node, path), -1, "%s", local.message);
    v->id = id;
    jb_period_format(&p, v->period, sizeof v->period);
    jb_period_format_ytd(&p, v->ytd, sizeof v->ytd);
    snprintf(v->year, sizeof v->year, "%04d", p.year);
    snprintf(v->quarter, sizeof v->quarter, "%d", p.quarter);
    snprintf(v->month, sizeof v->month, "%02d", p.month ? p.month : p.quarter * 3);

    /* {date}: the run's day in the job's time zone */
    GTimeZone *zone = tz && *tz ? g_time_zone_new_identifier(tz) : g_time_zone_new_local();
    GDateTime *utc = g_date_time_new_from_unix_utc(now);
    GDateTime *local_dt = zone && utc ? g_date_time_to_timezone(utc, zone) : NULL;
    if (local_dt) {
        char *d = g_date_time_format(local_dt, "%Y-%m-%d");
        snprintf(v->date, sizeof v->date, "%s", d);
        g_free(d);
        g_date_time_unref(local_dt);
    }
    if (utc)
        g_date_time_unref(utc);
    if (zone)
        g_time_zone_unref(zone);
    return JB_OK;
}

static job_report_t *
load_report(xmlNodePtr node, const char *path, const char *dir, const char *job_period,
            const char *tz, unsigned timeout, unsigned memory, int64_t now, jb_error_t *err)
{
    job_report_t *r = g_new0(job_report_t, 1);
    r->globs = g_ptr_array_new_with_free_func(g_free);
    r->kinds = g_array_new(FALSE, FALSE, sizeof(jb_input_kind_t));
    r->params = g_ptr_array_new_with_free_func(g_free);
    r->corrections = g_ptr_array_new_with_free_func(g_free);
    char *period = jb_xml_get_prop(node, "period");
    char *tpl = jb_xml_get_prop(node, "template");
    char *output = jb_xml_get_prop(node, "output");
    char *s = NULL;
    vars_t v = {0};
    jb_status_t status = JB_OK;

    r->id = jb_xml_get_prop(node, "id");
    if ((status = set_vars(&v, r->id, period ? period : job_period ? job_period : "last-quarter",
                           now, tz, path, node, err)) != JB_OK)
        goto out;
    r->period = g_strdup(v.period);
    if (!(s = substitute(tpl, &v, path, node, err)))
        goto fail;
    r->template_path = resolve(dir, s);
    g_free(s);
    if (!(s = substitute(output, &v, path, node, err)))
        goto fail;
    r->output_path = resolve(dir, s);
    g_free(s);
    s = NULL;

    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "input") == 0) {
            if (!(s = substituted_content(c, &v, path, err)))
                goto fail;
            jb_input_kind_t kind;
            if ((status = input_kind(s, c, path, &kind, err)) != JB_OK)
                goto out;
            g_ptr_array_add(r->globs, resolve(dir, s));
            g_array_append_val(r->kinds, kind);
            g_free(s);
            s = NULL;
        } else if (strcmp((const char *)c->name, "corrections") == 0) {
            if (!(s = substituted_content(c, &v, path, err)))
                goto fail;
            g_ptr_array_add(r->corrections, resolve(dir, s));
            g_free(s);
            s = NULL;
        } else if (strcmp((const char *)c->name, "param") == 0) {
            char *name = jb_xml_get_prop(c, "name");
            char *value = jb_xml_get_prop(c, "value");
            s = substitute(value, &v, path, c, err);
            if (s)
                g_ptr_array_add(r->params, g_strdup_printf("%s=%s", name, s));
            g_free(name);
            g_free(value);
            if (!s)
                goto fail;
            g_free(s);
            s = NULL;
        }
    }
    g_ptr_array_add(r->globs, NULL);
    g_ptr_array_add(r->params, NULL);
    g_ptr_array_add(r->corrections, NULL);

    r->pub.id = r->id;
    r->pub.template_path = r->template_path;
    r->pub.output_path = r->output_path;
    r->pub.period = r->period;
    r->pub.n_globs = r->kinds->len;
    r->pub.globs = (const char *const *)r->globs->pdata;
    r->pub.glob_kinds = (const jb_input_kind_t *)(void *)r->kinds->data;
    r->pub.n_params = r->params->len - 1;
    r->pub.params = (const char *const *)r->params->pdata;
    r->pub.timeout_s = get_uint_attr(node, "timeout", timeout);
    r->pub.memory_mb = get_uint_attr(node, "memory", memory);
    r->pub.line = (unsigned)xmlGetLineNo(node);
    r->pub.n_corrections = r->corrections->len - 1;
    r->pub.corrections = (const char *const *)r->corrections->pdata;
    goto out;
fail:
    status = JB_ERR_USAGE;
out:
    g_free(s);
    g_free(period);
    g_free(tpl);
    g_free(output);
    if (status != JB_OK) {
        job_report_free(r);
        r = NULL;
    }
    return r;
}

jb_job_t *
jb_job_load_file(const char *path, int64_t now, jb_diag_fn diag, void *user, jb_error_t *err)
{
    jb_job_t *job = NULL;
    xmlDocPtr doc = NULL;
    char *schema = NULL, *dir = NULL, *tz = NULL, *period = NULL;
    GHashTable *ids = NULL, *outputs = NULL;
    jb_status_t status = JB_OK;

    if (!(doc = jb_xml_read_file(path, err)))
        goto out;
    schema = g_build_filename(jb_get_data_dir(), "templates", "jobs.rng", NULL);
    if (jb_xml_validate(doc, path, schema, diag, user, err) != JB_OK)
        goto out;

    xmlNodePtr root = xmlDocGetRootElement(doc);
    dir = g_path_get_dirname(path);
    tz = jb_xml_get_prop(root, "timezone");
    period = jb_xml_get_prop(root, "period");
    unsigned timeout = get_uint_attr(root, "timeout", DEFAULT_TIMEOUT_S);
    unsigned memory = get_uint_attr(root, "memory", DEFAULT_MEMORY_MB);
    if (tz) {
        GTimeZone *zone = g_time_zone_new_identifier(tz);
        if (!zone) {
            jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(root),
                         jb_xml_get_node_col(root, path), -1, "unknown time zone '%s'", tz);
            goto out;
        }
        g_time_zone_unref(zone);
    }

    job = g_new0(jb_job_t, 1);
    job->path = g_strdup(path);
    job->reports = g_ptr_array_new_with_free_func(job_report_free);
    ids = g_hash_table_new(g_str_hash, g_str_equal);
    outputs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        job_report_t *r = load_report(c, path, dir, period, tz, timeout, memory, now, err);
        if (!r) {
            status = JB_ERR_USAGE;
            goto out;
        }
        g_ptr_array_add(job->reports, r);
        char *canon = g_canonicalize_filename(r->output_path, NULL);
        const char *dup = NULL;
        if (g_hash_table_contains(ids, r->id))
            dup = "id";
        else if (g_hash_table_contains(outputs, canon))
            dup = "output";
        g_hash_table_add(ids, r->id);
        g_hash_table_insert(outputs, canon, r);
        if (dup) {
            status = jb_error_set(err, JB_ERR_USAGE, path, (unsigned)xmlGetLineNo(c),
                                  jb_xml_get_node_col(c, path), -1,
                                  "report '%s': another report has the same %s%s%s", r->id, dup,
                                  *dup == 'o' ? " " : "", *dup == 'o' ? r->output_path : "");
            goto out;
        }
    }
out:
    if (ids)
        g_hash_table_destroy(ids);
    if (outputs)
        g_hash_table_destroy(outputs);
    if (job && status != JB_OK) {
        jb_job_free(job);
        job = NULL;
    }
    g_free(period);
    g_free(tz);
    g_free(dir);
    g_free(schema);
    xmlFreeDoc(doc);
    return job;
}
