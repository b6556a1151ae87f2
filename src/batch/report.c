/* One report: template → datasets (+ corrections) → merge → layout → PDF.
 * The pipeline that both 'jibao render' and every batch worker run, so
 * they cannot drift. */
#include <stdio.h>

#include "jibao/batch.h"
#include "jibao/dataset.h"
#include "jibao/extract.h"
#include "jibao/layout.h"
#include "jibao/output.h"

/* Passes diagnostics on and counts the errors among them, so that the
 * error that stops the render is reported exactly once. */
typedef struct {
    jb_diag_fn diag;
    void *user;
    int errors;
} relay_t;

static void
relay_diag(const jb_error_t *d, void *user)
{
    relay_t *r = user;
    if (!d->is_warning)
        r->errors++;
    if (r->diag)
        r->diag(d, r->user);
}

jb_status_t
jb_report_render(const jb_report_t *report, jb_fonts_t *fonts, jb_diag_fn diag, void *user,
                 jb_error_t *err)
{
    jb_status_t status = JB_OK;
    jb_template_t *tpl = NULL;
    jb_dataset_t *ds = NULL;
    jb_document_t *doc = NULL;
    jb_pages_t *pages = NULL;
    jb_params_t *no_params = NULL;
    const jb_params_t *params = report->params;
    relay_t relay = {diag, user, 0};
    jb_error_t local;
    jb_error_clear(&local);

    /* input-size first: nothing is read from a file over the limit */
    jb_limits_t limits;
    if (report->limits)
        limits = *report->limits;
    else
        jb_limits_init(&limits);
    if ((status = jb_limits_check_file(&limits, report->template_path, &local)) != JB_OK)
        goto out;
    for (size_t i = 0; i < report->n_datasets; i++)
        if ((status = jb_limits_check_file(&limits, report->dataset_paths[i], &local)) != JB_OK)
            goto out;
    for (size_t i = 0; i < report->n_corrections; i++)
        if ((status = jb_limits_check_file(&limits, report->correction_paths[i], &local)) != JB_OK)
            goto out;
    if (!(tpl = jb_template_load_file(report->template_path, relay_diag, &relay, &local))) {
        status = local.status;
        goto out;
    }
    if (report->root)
        jb_template_set_root(tpl, report->root);
    jb_template_set_limits(tpl, &limits);
    if (report->time_limit >= 0)
        jb_template_set_time_limit(tpl, report->time_limit);
    ds = jb_dataset_new();
    if (report->n_articles) {
        /* an article that cannot be read fails the report, after every
           article has been tried and reported */
        jb_extractor_t *ex = jb_extractor_new(NULL, &local);
        if (!ex) {
            status = local.status;
            goto out;
        }
        status = jb_extract_files(ex, report->article_paths, report->n_articles, report->ingest,
                                  ds, relay_diag, &relay, &local);
        jb_extractor_free(ex);
        if (status != JB_OK)
            goto out;
    }
    for (size_t i = 0; i < report->n_datasets; i++)
        if ((status = jb_dataset_load_file(ds, report->dataset_paths[i], &local)) != JB_OK)
            goto out;
    for (size_t i = 0; i < report->n_corrections; i++)
        if ((status = jb_dataset_load_corrections(ds, report->correction_paths[i], NULL,
                                                  &local)) != JB_OK)
            goto out;
    if (!params)
        params = no_params = jb_params_new();
    if (!(doc = jb_template_merge_full(tpl, ds, params, relay_diag, &relay, &local)) ||
        (report->traditional && jb_document_set_traditional(doc, &local) != JB_OK) ||
        jb_layout_preflight(doc, fonts, report->strict, report->template_path, relay_diag,
                            &relay, &local) != JB_OK ||
        !(pages = jb_layout_document(doc, fonts, &local))) {
        /* layout knows template lines, not the template's name */
        if (!local.file[0] && local.line)
            snprintf(local.file, sizeof local.file, "%s", report->template_path);
        status = local.status;
        goto out;
    }
    jb_pdf_info_t info = {doc->title, doc->author, doc->subject, doc->keywords};
    status = jb_output_write_pdf(pages, &info, report->output_path, &local);
out:
    if (status != JB_OK) {
        if (relay.errors == 0 && diag)
            diag(&local, user);
        if (err)
            *err = local;
    }
    jb_params_free(no_params);
    jb_pages_free(pages);
    jb_document_free(doc);
    jb_dataset_free(ds);
    jb_template_free(tpl);
    return status;
}
