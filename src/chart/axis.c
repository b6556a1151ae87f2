/* Axis ticks: a value range becomes a few round numbers (1-2-5 steps) that
 * include zero, as bar charts need; a pair of axes (bars and a growth-rate
 * line) gets the same number of steps with zero at the same height, so the
 * gridlines of one serve the other. docs/internals/ticks.md has the rules. */
#include "chart-private.h"

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

/* Decimals a step needs (0.25 → 2), at most 6. */
static int
step_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9 * pow(10, d))
        d++;
    return d;
}

static void
finish(axis_t *a)
{
    a->n = (int)lround((a->hi - a->lo) / a->step);
    a->decimals = step_decimals(a->step);
}

/* The 1-2-5 step after step. */
static double
next_nice(double step)
{
    double mag = pow(10, floor(log10(step) + 1e-9));
    double mant = step / mag;
    return (mant < 1.5 ? 2 : mant < 3.5 ? 5 : 10) * mag;
}

void
jb_chart_axis_nice(double min, double max, int max_ticks, int with_zero, axis_t *a)
{
    if (with_zero || max - min <= 0) {
        jb_chart_nice_ticks(min, max, max_ticks, &a->lo, &a->hi, &a->step);
    } else {
        /* lines need not start at zero: ticks around the data, after a
           margin of a twentieth of the range so no point sits on the frame */
        double pad = (max - min) / 20;
        double lo, hi, step;
        jb_chart_nice_ticks(0, max - min + 2 * pad, max_ticks, &lo, &hi, &step);
        a->step = step;
        a->lo = floor((min - pad) / step + 1e-9) * step;
        a->hi = ceil((max + pad) / step - 1e-9) * step;
        if (min >= 0 && a->lo < 0)
            a->lo = 0;
        while ((a->hi - a->lo) / step > max_ticks + 1e-9) {
            step = next_nice(step);
            a->step = step;
            a->lo = floor((min - pad) / step + 1e-9) * step;
            a->hi = ceil((max + pad) / step - 1e-9) * step;
        }
    }
    finish(a);
}

/* The smallest step of 1, 2 or 5 times a power of ten that is at least x. */
static double
nice_ceil(double x)
{
    double mag = pow(10, floor(log10(x)));
    static const double steps[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (steps[i] * mag >= x * (1 - 1e-9))
            return steps[i] * mag;
    return 10 * mag;
}

/* The step an axis of n intervals, zero at interval z, needs to cover
 * [min, max]; 0 when it cannot (values below zero but z = 0). */
static double
pair_step(double min, double max, int n, int z)
{
    double need = 0;
    if (max > 0) {
        if (n - z <= 0)
            return 0;
        need = max / (n - z);
    }
    if (min < 0) {
        if (z <= 0)
            return 0;
        need = fmax(need, -min / z);
    }
    return need > 0 ? nice_ceil(need) : 0;
}

int
jb_chart_axis_pair(double lmin, double lmax, double rmin, double rmax, axis_t *l, axis_t *r)
{
    /* Try every count of intervals n (4..7) and position z of zero; keep
       the pair that uses most of both axes, preferring 5 intervals. */
    double best = -1;
    lmin = fmin(lmin, 0), lmax = fmax(lmax, 0), rmin = fmin(rmin, 0), rmax = fmax(rmax, 0);
    if (lmax - lmin <= 0)
        lmax = 1;
    if (rmax - rmin <= 0)
        rmax = 1;
    for (int n = 4; n <= 7; n++)
        for (int z = 0; z <= n; z++) {
            double sl = pair_step(lmin, lmax, n, z), sr = pair_step(rmin, rmax, n, z);
            if (sl <= 0 || sr <= 0)
                continue;
            double fill = (lmax - lmin) / (n * sl) + (rmax - rmin) / (n * sr);
            fill -= 0.02 * abs(n - 5);
            if (fill > best + 1e-12) {
                best = fill;
                l->step = sl, l->lo = -z * sl, l->hi = (n - z) * sl;
                r->step = sr, r->lo = -z * sr, r->hi = (n - z) * sr;
            }
        }
    finish(l);
    finish(r);
    return best > 0;
}

char *
jb_chart_format_tick(char *buf, size_t n, const axis_t *a, double v)
{
    if (fabs(v) < a->step * 1e-9)
        v = 0;
    return jb_format_decimal(buf, n, v, a->decimals);
}

/* Decimals needed to print every value as stated, at most 2. */
int
jb_chart_value_decimals(const double *values, size_t n)
{
    int d = 0;
    for (size_t i = 0; i < n; i++) {
        double v = fabs(values[i]);
        if (isnan(v))
            continue;
        while (d < 2 && fabs(v * pow(10, d) - round(v * pow(10, d))) > 1e-6 * fmax(1, v))
            d++;
    }
    return d;
}
