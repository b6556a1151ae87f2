/* The chart entry point: checks the data every chart kind relies on, then
 * hands the spec to the file that draws its kind. */
#include "chart-private.h"

#include <math.h>
#include <string.h>


jb_status_t
jb_chart_draw(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page, jb_box_t box,
              jb_error_t *err)
{
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->series[s].n; i++)
            if (!isfinite(spec->series[s].values[i]))
                return jb_error_set(err, JB_ERR_DATA, NULL, 0, 0, -1,
                                    "chart '%s': series '%s' has a value that is not a finite "
                                    "number at point %zu (%s)",
                                    spec->title ? spec->title : "", spec->series[s].name, i + 1,
                                    spec->series[s].labels[i]);
    if (strcmp(spec->type, "bar") == 0)
        return jb_chart_draw_bar(spec, fonts, page, box, err);
    return jb_error_set(err, JB_ERR_UNSUPPORTED, NULL, 0, 0, -1,
                        "chart type '%s' is not supported yet", spec->type);
}
