/* One report: template → datasets → merge → layout → PDF. The pipeline that
 * both 'jibao render' and every batch worker run, so they cannot drift. */
#include <stdio.h>

#include "jibao/batch.h"
#include "jibao/dataset.h"
#include "jibao/layout.h"
#include "jibao/output.h"

jb_status_t
jb_report_render(const char *template_path, const char *const *dataset_paths, size_t n_datasets,
                 const jb_params_t *params, jb_fonts_t *fonts, const char *output_path,
                 jb_diag_fn diag, void *user, jb_error_t *err)
{
    jb_status_t status = JB_OK;
    jb_template_t *tpl = NULL;
    jb_dataset_t *ds = NULL;
    jb_document_t *doc = NULL;
    jb_pages_t *pages = NULL;
    jb_params_t *no_params = NULL;
    jb_error_t local;
    jb_error_clear(&local);

    if (!(tpl = jb_template_load_file(template_path, diag, user, &local))) {
        status = local.status;
        goto out;
    }
    ds = jb_dataset_new();
    for (size_t i = 0; i < n_datasets; i++)
        if ((status = jb_dataset_load_file(ds, dataset_paths[i], &local)) != JB_OK)
            goto out;
    if (!params)
        params = no_params = jb_params_new();
    if (!(doc = jb_template_merge(tpl, ds, params, &local)) ||
        !(pages = jb_layout_document(doc, fonts, &local))) {
        /* layout knows template lines, not the template's name */
        if (!local.file[0] && local.line)
            snprintf(local.file, sizeof local.file, "%s", template_path);
        status = local.status;
        goto out;
    }
    jb_pdf_info_t info = {doc->title, doc->author, doc->subject, doc->keywords};
    status = jb_output_write_pdf(pages, &info, output_path, &local);
out:
    if (status != JB_OK && err)
        *err = local;
    jb_params_free(no_params);
    jb_pages_free(pages);
    jb_document_free(doc);
    jb_dataset_free(ds);
    jb_template_free(tpl);
    return status;
}
