/* Unit tests of the batch module: period expressions, shard hashing, job
 * files (variables, paths, errors with line and column), digests and the
 * sidecar, the overlap lock. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jibao/batch.h"
#include "tap.h"

/* 2024-07-01 00:30 in Shanghai is still 2024-06-30 in UTC. */
#define JUL1_SHANGHAI 1719765000

static const char *
period(const char *expr, int64_t now, const char *tz)
{
    static char buf[32];
    jb_period_t p;
    jb_error_t err;
    jb_error_clear(&err);
    if (jb_period_parse(expr, now, tz, &p, &err) != JB_OK) {
        snprintf(buf, sizeof buf, "error");
        return buf;
    }
    return jb_period_format(&p, buf, sizeof buf);
}

static void
test_periods(void)
{
    is_str(period("2024Q1", 0, NULL), "2024Q1", "2024Q1 is itself");
    is_str(period("2024M03", 0, NULL), "2024M03", "2024M03 is itself");
    is_str(period("2024M3", 0, NULL), "2024M03", "2024M3 is March");
    is_str(period("this-quarter", JUL1_SHANGHAI, "Asia/Shanghai"), "2024Q3",
           "this-quarter on 1 July in Shanghai");
    is_str(period("this-quarter", JUL1_SHANGHAI, "UTC"), "2024Q2",
           "the same moment in UTC is still Q2");
    is_str(period("last-quarter", JUL1_SHANGHAI, "Asia/Shanghai"), "2024Q2", "last-quarter");
    is_str(period("last-month", JUL1_SHANGHAI, "Asia/Shanghai"), "2024M06", "last-month");
    is_str(period("this-month", JUL1_SHANGHAI, "UTC"), "2024M06", "this-month in UTC");
    /* 2024-01-15 12:00 UTC: last quarter and last month are in 2023 */
    is_str(period("last-quarter", 1705320000, "UTC"), "2023Q4", "last-quarter wraps the year");
    is_str(period("last-month", 1705320000, "UTC"), "2023M12", "last-month wraps the year");
    is_str(period("2024Q5", 0, NULL), "error", "2024Q5 is refused");
    is_str(period("2024M13", 0, NULL), "error", "2024M13 is refused");
    is_str(period("next-quarter", 0, NULL), "error", "unknown words are refused");
    is_str(period("this-quarter", 0, "Mars/Olympus"), "error", "an unknown time zone is refused");

    jb_period_t p = {2024, 3, 0};
    char buf[32];
    is_str(jb_period_format_ytd(&p, buf, sizeof buf), "2024Q1-Q3", "year to date of Q3");
    p = (jb_period_t){2024, 1, 0};
    is_str(jb_period_format_ytd(&p, buf, sizeof buf), "2024Q1", "year to date of Q1");
    p = (jb_period_t){2023, 4, 10};
    is_str(jb_period_format_ytd(&p, buf, sizeof buf), "2023M01-M10", "year to date of October");

    int64_t now = 0;
    g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
    is_int(jb_batch_get_now(&now, NULL), JB_OK, "SOURCE_DATE_EPOCH is read");
    is_int(now, 1700000000, "and is now");
    g_setenv("SOURCE_DATE_EPOCH", "soon", TRUE);
    is_int(jb_batch_get_now(&now, NULL), JB_ERR_USAGE, "a SOURCE_DATE_EPOCH that is no number");
    g_unsetenv("SOURCE_DATE_EPOCH");
}

static void
test_shards(void)
{
    /* fixed values: the hash must never change between versions, or a
       cluster mixing two versions would skip or repeat reports */
    is_int(jb_batch_get_shard("districts", 3), 2, "districts is in shard 2 of 3");
    is_int(jb_batch_get_shard("districts", 5), 3, "districts is in shard 3 of 5");
    is_int(jb_batch_get_shard("r01", 4), 3, "r01 is in shard 3 of 4");
    is_int(jb_batch_get_shard("report-42", 2), 1, "report-42 is in shard 1 of 2");
    is_int(jb_batch_get_shard("anything", 1), 0, "one shard holds everything");

    /* 1000 ids over 4 shards: each shard gets a fair share */
    int counts[4] = {0};
    for (int i = 0; i < 1000; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        counts[jb_batch_get_shard(id, 4)]++;
    }
    ok(counts[0] > 200 && counts[1] > 200 && counts[2] > 200 && counts[3] > 200,
       "1000 ids spread over 4 shards (%d %d %d %d)", counts[0], counts[1], counts[2], counts[3]);
}

static char *
write_file(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    g_file_set_contents(path, text, -1, NULL);
    return path;
}

static const char job_head[] = "<?xml version=\"1.0\"?>\n<jobs version=\"1\" timezone=\"UTC\" period=\"last-quarter\">\n";

static void
test_job(const char *dir)
{
    jb_error_t err;
    jb_error_clear(&err);
    char *text = g_strdup_printf(
        "%s"
        "  <report id=\"a\" template=\"t.xml\" output=\"out/{year}/{id}-{period}-Q{quarter}-{date}.pdf\">\n"
        "    <input>d-{period}.xml</input>\n"
        "    <input kind=\"dataset\">/abs/x.data</input>\n"
        "    <param name=\"period\" value=\"{ytd}\"/>\n"
        "    <param name=\"braces\" value=\"{{{id}}}\"/>\n"
        "  </report>\n"
        "  <report id=\"b\" template=\"t.xml\" output=\"b.pdf\" period=\"2023M02\" timeout=\"5\" memory=\"64\"/>\n"
        "</jobs>\n",
        job_head);
    char *path = write_file(dir, "jobs.xml", text);
    g_free(text);
    /* 2024-01-15 12:00 UTC */
    jb_job_t *job = jb_job_load_file(path, 1705320000, NULL, NULL, &err);
    ok(job != NULL, "a job file loads (%s)", err.message);
    if (job) {
        is_int(jb_job_get_report_count(job), 2, "two reports");
        const jb_job_report_t *a = jb_job_get_report(job, 0);
        char *want = g_strdup_printf("%s/out/2023/a-2023Q4-Q4-2024-01-15.pdf", dir);
        is_str(a->output_path, want, "output: variables substituted, relative to the job file");
        g_free(want);
        want = g_strdup_printf("%s/t.xml", dir);
        is_str(a->template_path, want, "template relative to the job file");
        g_free(want);
        want = g_strdup_printf("%s/d-2023Q4.xml", dir);
        is_str(a->globs[0], want, "input pattern with {period}");
        g_free(want);
        is_str(a->globs[1], "/abs/x.data", "absolute input kept");
        is_int(a->glob_kinds[0], JB_INPUT_DATASET, ".xml is a dataset");
        is_int(a->n_params, 2, "two params");
        is_str(a->params[0], "period=2023Q1-Q4", "{ytd} of the last quarter");
        is_str(a->params[1], "braces={a}", "{{ and }} are literal braces");
        is_int(a->timeout_s, 600, "default wall-clock limit");
        const jb_job_report_t *b = jb_job_get_report(job, 1);
        is_str(b->period, "2023M02", "a report's own period");
        is_int(b->timeout_s, 5, "a report's own timeout");
        is_int(b->memory_mb, 64, "a report's own memory limit");
    }
    jb_job_free(job);
    g_free(path);

    /* errors: each with the line and column of the report */
    static const struct {
        const char *body, *message;
        jb_status_t status;
        unsigned line, col;
    } bad[] = {
        {"  <report id=\"a\" template=\"t.xml\" output=\"{nope}.pdf\"/>\n",
         "unknown variable '{nope}'", JB_ERR_USAGE, 3, 3},
        {"  <report id=\"a\" template=\"t.xml\" output=\"a.pdf\"/>\n"
         "  <report id=\"a\" template=\"t.xml\" output=\"b.pdf\"/>\n",
         "report 'a': another report has the same id", JB_ERR_USAGE, 4, 3},
        {"  <report id=\"a\" template=\"t.xml\" output=\"x.pdf\"/>\n"
         "  <report id=\"b\" template=\"t.xml\" output=\"./x.pdf\"/>\n",
         "another report has the same output", JB_ERR_USAGE, 4, 3},
        {"  <report id=\"a\" template=\"t.xml\" output=\"a.pdf\"><input>notes</input></report>\n",
         "cannot tell the kind of input 'notes'", JB_ERR_USAGE, 3, 50},
        {"  <report id=\"a/b\" template=\"t.xml\" output=\"a.pdf\"/>\n", "", JB_ERR_SCHEMA, 3, 3},
        {"  <report id=\"a\" template=\"t.xml\"/>\n", "", JB_ERR_SCHEMA, 3, 3},
        {"  <report id=\"a\" template=\"t.xml\" output=\"a.pdf\" period=\"2024Q5\"/>\n", "",
         JB_ERR_SCHEMA, 3, 3},
        {"  <report id=\"a\" template=\"t.xml\" output=\"a.pdf\">\n</jobs>\n", "", JB_ERR_SYNTAX,
         4, 8},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        text = g_strdup_printf("%s%s%s", job_head, bad[i].body,
                               bad[i].status == JB_ERR_SYNTAX ? "" : "</jobs>\n");
        path = write_file(dir, "bad.xml", text);
        jb_error_clear(&err);
        job = jb_job_load_file(path, 0, NULL, NULL, &err);
        ok(job == NULL, "bad job file %zu is refused", i);
        is_int(err.status, bad[i].status, "bad job file %zu: status", i);
        has_str(err.message, bad[i].message, "bad job file %zu: message", i);
        ok(err.line == bad[i].line && err.col == bad[i].col,
           "bad job file %zu: at %u:%u (got %u:%u)", i, bad[i].line, bad[i].col, err.line,
           err.col);
        jb_job_free(job);
        g_free(path);
        g_free(text);
    }
}

static void
test_digest(const char *dir)
{
    char *tpl = write_file(dir, "tpl.xml", "<report/>");
    char *d1 = write_file(dir, "in-1.xml", "<dataset version=\"1\"/>");
    char *d2 = write_file(dir, "in-2.xml", "<dataset version=\"1\"></dataset>");
    char *glob = g_build_filename(dir, "in-*.xml", NULL);
    char *out = g_build_filename(dir, "digest-out.pdf", NULL);
    const char *globs[] = {glob, NULL};
    jb_input_kind_t kinds[] = {JB_INPUT_DATASET};
    const char *params[] = {"period=2024Q1", NULL};
    jb_job_report_t r = {.id = "x", .template_path = tpl, .output_path = out, .n_globs = 1,
                         .globs = globs, .glob_kinds = kinds, .n_params = 1, .params = params};
    char **inputs = NULL;
    char *first = NULL, *again = NULL, *other = NULL;
    jb_error_t err;
    jb_error_clear(&err);

    is_int(jb_batch_digest_report(&r, "fonts", &inputs, NULL, NULL, &first, &err), JB_OK, "digest computed");
    is_int(inputs ? g_strv_length(inputs) : 0, 2, "the glob matched two inputs");
    if (inputs && g_strv_length(inputs) == 2)
        ok(strcmp(inputs[0], d1) == 0 && strcmp(inputs[1], d2) == 0, "in sorted order");
    g_strfreev(inputs);
    jb_batch_digest_report(&r, "fonts", NULL, NULL, NULL, &again, NULL);
    is_str(again, first, "same inputs, same digest");
    free(again);

    jb_batch_digest_report(&r, "other fonts", NULL, NULL, NULL, &other, NULL);
    ok(other && strcmp(other, first) != 0, "other fonts, other digest");
    free(other);
    const char *params2[] = {"period=2024Q2", NULL};
    r.params = params2;
    jb_batch_digest_report(&r, "fonts", NULL, NULL, NULL, &other, NULL);
    ok(other && strcmp(other, first) != 0, "other params, other digest");
    free(other);
    r.params = params;
    g_file_set_contents(d2, "<dataset version=\"1\"/>  ", -1, NULL);
    jb_batch_digest_report(&r, "fonts", NULL, NULL, NULL, &other, NULL);
    ok(other && strcmp(other, first) != 0, "an input's contents changed, other digest");
    free(other);
    g_file_set_contents(d2, "<dataset version=\"1\"></dataset>", -1, NULL);

    /* the sidecar: current only while the digest and the output both match */
    ok(!jb_batch_digest_is_current(out, first), "no output: not current");
    g_file_set_contents(out, "%PDF-1.5 fake", -1, NULL);
    ok(!jb_batch_digest_is_current(out, first), "no sidecar: not current");
    is_int(jb_batch_digest_write(out, first, &err), JB_OK, "sidecar written");
    ok(jb_batch_digest_is_current(out, first), "sidecar and output match: current");
    ok(!jb_batch_digest_is_current(out, "0000"), "another digest: not current");
    g_file_set_contents(out, "%PDF-1.5 changed", -1, NULL);
    ok(!jb_batch_digest_is_current(out, first), "the output was replaced: not current");

    /* a corrections file is part of the digest */
    char *fix = write_file(dir, "fix.xml", "<corrections/>");
    const char *corr[] = {fix, NULL};
    char **corr_paths = NULL;
    r.n_corrections = 1;
    r.corrections = corr;
    jb_batch_digest_report(&r, "fonts", NULL, NULL, &corr_paths, &other, NULL);
    ok(other && strcmp(other, first) != 0, "a corrections file, other digest");
    ok(corr_paths && corr_paths[0] && strcmp(corr_paths[0], fix) == 0 && !corr_paths[1],
       "the corrections file is expanded");
    free(other);
    g_strfreev(corr_paths);
    r.n_corrections = 0;
    r.corrections = NULL;
    g_unlink(fix);
    g_free(fix);

    char *missing = g_build_filename(dir, "none-*.xml", NULL);
    const char *globs2[] = {missing, NULL};
    r.globs = globs2;
    jb_error_clear(&err);
    is_int(jb_batch_digest_report(&r, "fonts", NULL, NULL, NULL, &other, &err), JB_ERR_IO,
           "a pattern that matches nothing fails");
    is_str(err.message, "no input file matches", "with a clear message");
    is_str(err.file, missing, "naming the pattern");

    char *sidecar = jb_batch_digest_path(out);
    g_unlink(sidecar);
    free(sidecar);
    g_unlink(out);
    g_unlink(tpl);
    g_unlink(d1);
    g_unlink(d2);
    g_free(missing);
    free(first);
    g_free(tpl);
    g_free(d1);
    g_free(d2);
    g_free(glob);
    g_free(out);
}

static void
test_lock(const char *dir)
{
    char *path = g_build_filename(dir, "jobs.lock", NULL);
    long holder = -1;
    jb_error_t err;
    jb_error_clear(&err);
    jb_batch_lock_t *lock = jb_batch_lock_acquire(path, &holder, &err);
    ok(lock != NULL, "the lock is taken");

    /* another process (flock locks belong to open files, not processes) */
    pid_t pid = fork();
    if (pid == 0) {
        long h = 0;
        jb_batch_lock_t *l = jb_batch_lock_acquire(path, &h, NULL);
        _exit(l == NULL && h == (long)getppid() ? 0 : 1);
    }
    int st = 1;
    waitpid(pid, &st, 0);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
       "a second taker is refused and learns the holder's PID");

    jb_batch_lock_release(lock);
    lock = jb_batch_lock_acquire(path, &holder, &err);
    ok(lock != NULL, "released, the lock can be taken again");
    jb_batch_lock_release(lock);
    g_unlink(path);
    g_free(path);
}

int
main(void)
{
    char *dir = g_dir_make_tmp("jibao-batch-XXXXXX", NULL);
    test_periods();
    test_shards();
    test_job(dir);
    test_digest(dir);
    test_lock(dir);
    char *rm = g_strdup_printf("rm -rf '%s'", dir);
    if (system(rm) != 0)
        printf("# could not remove %s\n", dir);
    g_free(rm);
    g_free(dir);
    return done_testing();
}
