/* Axis ticks: a value range becomes a few round numbers (1-2-5 steps) that
 * include zero, as bar charts need. docs/internals/ticks.md has the rule. */
#include "jibao/chart.h"

#include <math.h>

void
jb_chart_nice_ticks(double min, double max, int max_ticks, double *lo, double *hi, double *step)
{
    if (min > 0)
        min = 0;
    if (max < 0)
        max = 0;
    if (max_ticks < 1)
        max_ticks = 1;
    if (max - min <= 0) {
        /* all zeros: a unit axis upwards */
        *lo = 0;
        *hi = 1;
        *step = 0.2;
        return;
    }
    double raw = (max - min) / max_ticks;
    double mag = pow(10, floor(log10(raw)));
    static const double steps[] = {1, 2, 5, 10};
    double s = 10 * mag;
    for (int i = 0; i < 4; i++) {
        double cand = steps[i] * mag;
        if (ceil(max / cand - 1e-9) - floor(min / cand + 1e-9) <= max_ticks) {
            s = cand;
            break;
        }
    }
    *step = s;
    *lo = floor(min / s + 1e-9) * s;
    *hi = ceil(max / s - 1e-9) * s;
}
