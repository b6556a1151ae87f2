/* The batch runner: every selected report of a job file in its own forked
 * worker, at most N at once, each under a wall-clock limit (SIGKILL from
 * the parent) and a memory limit (RLIMIT_DATA in the worker). Fonts are
 * loaded once by the parent and shared by every worker through fork. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "../base/util-private.h"
#include "jibao/batch.h"

/* What a worker sends back through its pipe: one write, under PIPE_BUF. */
typedef struct {
    int outcome; /* jb_batch_outcome_t */
    jb_error_t error;
} worker_msg_t;

_Static_assert(sizeof(worker_msg_t) <= PIPE_BUF, "a worker's message is written atomically");

typedef struct {
    const jb_job_report_t *report;
    pid_t pid;
    int fd;        /* read end of the result pipe */
    int stderr_fd; /* memfd holding the worker's stderr */
    gint64 start_us;
    gint64 deadline_us; /* 0 = none */
    int timed_out;
    worker_msg_t msg;
    size_t got;
} worker_t;

/* ---- in the worker ------------------------------------------------------- */

static void
worker_send(int fd, jb_batch_outcome_t outcome, const jb_error_t *error)
{
    worker_msg_t msg;
    memset(&msg, 0, sizeof msg);
    msg.outcome = (int)outcome;
    if (error)
        msg.error = *error;
    else
        jb_error_clear(&msg.error);
    ssize_t n = write(fd, &msg, sizeof msg);
    (void)n; /* a short write is seen by the parent as a worker that died */
}

/* Everything one report needs, in the worker: inputs, digest, render,
 * sidecar. Returns the outcome; err is set for JB_BATCH_FAILED. */
static jb_batch_outcome_t
worker_run(const jb_job_report_t *r, const jb_batch_options_t *opts, jb_fonts_t *fonts,
           const char *fonts_fp, jb_error_t *err)
{
    char **inputs = NULL, **articles = NULL, **corrections = NULL;
    char *digest = NULL;
    jb_params_t *params = NULL;
    jb_batch_outcome_t outcome = JB_BATCH_FAILED;

    if (jb_batch_digest_report(r, fonts_fp, &inputs, &articles, &corrections, &digest, err) !=
        JB_OK)
        goto out;
    if (!opts->force && jb_batch_digest_is_current(r->output_path, digest)) {
        outcome = JB_BATCH_UP_TO_DATE;
        goto out;
    }
    if (opts->dry_run) {
        outcome = JB_BATCH_WOULD_RENDER;
        goto out;
    }
    params = jb_params_new();
    for (size_t i = 0; i < r->n_params; i++)
        if (jb_params_parse(params, r->params[i], err) != JB_OK)
            goto out;
    char *dir = g_path_get_dirname(r->output_path);
    int made = g_mkdir_with_parents(dir, 0777);
    int e = errno;
    if (made != 0)
        jb_error_set(err, JB_ERR_IO, dir, 0, 0, -1, "cannot create the output folder: %s",
                     g_strerror(e));
    g_free(dir);
    if (made != 0)
        goto out;
    jb_report_t rep = {.template_path = r->template_path,
                       .dataset_paths = (const char *const *)inputs,
                       .n_datasets = g_strv_length(inputs),
                       .article_paths = (const char *const *)articles,
                       .n_articles = g_strv_length(articles),
                       .limits = opts->limits,
                       .correction_paths = (const char *const *)corrections,
                       .n_corrections = g_strv_length(corrections),
                       .params = params,
                       .time_limit = -1,
                       .output_path = r->output_path};
    /* the job lock excludes other writers: leftovers of a killed run go */
    jb_atomic_file_sweep(r->output_path);
    char *sidecar = jb_batch_digest_path(r->output_path);
    jb_atomic_file_sweep(sidecar);
    free(sidecar);
    if (jb_report_render(&rep, fonts, NULL, NULL, err) != JB_OK)
        goto out;
    /* the PDF is in place; an interrupted sidecar only costs a re-render */
    if (jb_batch_digest_write(r->output_path, digest, err) != JB_OK)
        goto out;
    outcome = JB_BATCH_WRITTEN;
out:
    jb_params_free(params);
    free(digest);
    g_strfreev(corrections);
    g_strfreev(inputs);
    g_strfreev(articles);
    return outcome;
}

static void
worker_main(int fd, int stderr_fd, pid_t parent, const jb_job_report_t *r,
            const jb_batch_options_t *opts, jb_fonts_t *fonts, const char *fonts_fp)
{
#ifdef __linux__
    /* a worker never outlives a killed batch: its lock would outlive it too */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
#else
    (void)parent;
#endif
    if (stderr_fd >= 0)
        dup2(stderr_fd, STDERR_FILENO);
    unsigned mb = opts->memory_mb ? opts->memory_mb : r->memory_mb;
#if !defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer maps terabytes of shadow memory: no limit there */
    if (mb) {
        struct rlimit rl = {(rlim_t)mb << 20, (rlim_t)mb << 20};
        setrlimit(RLIMIT_DATA, &rl);
    }
#else
    (void)mb;
#endif
    jb_error_t err;
    jb_error_clear(&err);
    jb_batch_outcome_t outcome = worker_run(r, opts, fonts, fonts_fp, &err);
    worker_send(fd, outcome, &err);
    _exit(0);
}

/* ---- in the parent ------------------------------------------------------- */

/* Render jibao's own small warm-up document to /dev/null, so that opening
 * the font faces, filling the glyph caches and setting up cairo and pango
 * happen once here instead of in every worker (they inherit it through
 * fork). About a third of a report's CPU time (bench/batch). Best effort:
 * a failure only costs that time. */
static void
warm_up(jb_fonts_t *fonts)
{
    char *tpl = g_build_filename(jb_get_data_dir(), "templates", "batch-warm-up.xml", NULL);
    jb_report_t rep = {.template_path = tpl, .time_limit = -1, .output_path = "/dev/null"};
    jb_report_render(&rep, fonts, NULL, NULL, NULL);
    g_free(tpl);
}

static jb_status_t
worker_start(worker_t *w, const jb_job_report_t *r, const jb_batch_options_t *opts,
             jb_fonts_t *fonts, const char *fonts_fp, jb_error_t *err)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "cannot create a pipe: %s",
                            g_strerror(errno));
    int efd = -1;
#ifdef MFD_CLOEXEC
    efd = memfd_create("jibao-worker-stderr", MFD_CLOEXEC);
#endif
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        if (efd >= 0)
            close(efd);
        return jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "cannot start a worker: %s",
                            g_strerror(e));
    }
    if (pid == 0) {
        close(p[0]);
        worker_main(p[1], efd, parent, r, opts, fonts, fonts_fp);
    }
    close(p[1]);
    memset(w, 0, sizeof *w);
    w->report = r;
    w->pid = pid;
    w->fd = p[0];
    w->stderr_fd = efd;
    w->start_us = g_get_monotonic_time();
    unsigned timeout = opts->timeout_s ? opts->timeout_s : r->timeout_s;
    w->deadline_us = timeout ? w->start_us + (gint64)timeout * G_USEC_PER_SEC : 0;
    return JB_OK;
}

/* The last non-empty line the worker wrote on stderr (glib's "failed to
 * allocate", a sanitizer's report), for the message of a worker that died. */
static void
last_stderr_line(int fd, char *buf, size_t n)
{
    buf[0] = '\0';
    if (fd < 0)
        return;
    off_t size = lseek(fd, 0, SEEK_END);
    if (size <= 0)
        return;
    char tail[1024];
    off_t from = size > (off_t)sizeof tail - 1 ? size - (off_t)sizeof tail + 1 : 0;
    ssize_t got = pread(fd, tail, (size_t)(size - from), from);
    if (got <= 0)
        return;
    tail[got] = '\0';
    char *end = tail + got;
    while (end > tail && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        *--end = '\0';
    const char *start = strrchr(tail, '\n');
    start = start ? start + 1 : tail;
    size_t len = MIN(strlen(start), n - 1);
    memcpy(buf, start, len);
    buf[len] = '\0';
}

/* Build the result of a worker that has ended (its pipe closed). */
static void
worker_finish(worker_t *w, const jb_batch_options_t *opts, jb_batch_result_t *res)
{
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
        ;
    memset(res, 0, sizeof *res);
    res->id = w->report->id;
    res->output_path = w->report->output_path;
    res->seconds = (double)(g_get_monotonic_time() - w->start_us) / G_USEC_PER_SEC;
    jb_error_clear(&res->error);

    if (w->got == sizeof w->msg && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        res->outcome = (jb_batch_outcome_t)w->msg.outcome;
        res->error = w->msg.error;
    } else {
        unsigned timeout = opts->timeout_s ? opts->timeout_s : w->report->timeout_s;
        unsigned mb = opts->memory_mb ? opts->memory_mb : w->report->memory_mb;
        char last[512];
        last_stderr_line(w->stderr_fd, last, sizeof last);
        res->outcome = JB_BATCH_FAILED;
        res->killed = 1;
        if (w->timed_out)
            jb_error_set(&res->error, JB_ERR_LIMIT, w->report->output_path, 0, 0, -1,
                         "the wall-clock limit of %u s was reached", timeout);
        else if (WIFSIGNALED(st) && mb)
            jb_error_set(&res->error, JB_ERR_LIMIT, w->report->output_path, 0, 0, -1,
                         "the worker died of signal %d (%s) under the memory limit of %u MiB%s%s",
                         WTERMSIG(st), strsignal(WTERMSIG(st)), mb, *last ? ": " : "", last);
        else if (WIFSIGNALED(st))
            jb_error_set(&res->error, JB_ERR_LIMIT, w->report->output_path, 0, 0, -1,
                         "the worker died of signal %d (%s)%s%s", WTERMSIG(st),
                         strsignal(WTERMSIG(st)), *last ? ": " : "", last);
        else
            jb_error_set(&res->error, JB_ERR_IO, w->report->output_path, 0, 0, -1,
                         "the worker exited with status %d without a result%s%s",
                         WIFEXITED(st) ? WEXITSTATUS(st) : -1, *last ? ": " : "", last);
    }
    close(w->fd);
    if (w->stderr_fd >= 0)
        close(w->stderr_fd);
}

static void
count(jb_batch_summary_t *s, jb_batch_outcome_t o)
{
    switch (o) {
    case JB_BATCH_WRITTEN: s->written++; break;
    case JB_BATCH_UP_TO_DATE: s->up_to_date++; break;
    case JB_BATCH_FAILED: s->failed++; break;
    case JB_BATCH_WOULD_RENDER: s->would_render++; break;
    case JB_BATCH_NOT_RUN: s->not_run++; break;
    }
}

jb_status_t
jb_batch_run(const jb_job_t *job, const jb_batch_options_t *opts, jb_fonts_t *fonts,
             jb_batch_result_fn on_result, void *user, jb_batch_summary_t *summary,
             jb_error_t *err)
{
    jb_status_t status = JB_OK;
    unsigned max = opts->jobs ? opts->jobs : 1;
    GPtrArray *todo = g_ptr_array_new();
    worker_t *workers = g_new0(worker_t, max);
    unsigned running = 0;
    size_t next = 0, done = 0;
    char *fonts_fp = jb_batch_fonts_fingerprint(fonts);
    struct pollfd *pfd = g_new(struct pollfd, max);
    unsigned *idx = g_new(unsigned, max);
    memset(summary, 0, sizeof *summary);

    for (size_t i = 0; i < jb_job_get_report_count(job); i++) {
        const jb_job_report_t *r = jb_job_get_report(job, i);
        if (opts->shard_count <= 1 || jb_batch_get_shard(r->id, opts->shard_count) == opts->shard_index)
            g_ptr_array_add(todo, (gpointer)r);
    }
    summary->selected = todo->len;
    if (todo->len > 1 && !opts->dry_run)
        warm_up(fonts);

    while (next < todo->len || running > 0) {
        int stop = opts->fail_fast && summary->failed > 0;
        /* start workers while there are free slots */
        while (!stop && running < max && next < todo->len && status == JB_OK) {
            unsigned slot = 0;
            while (workers[slot].pid)
                slot++;
            status = worker_start(&workers[slot], g_ptr_array_index(todo, next), opts, fonts,
                                  fonts_fp, err);
            if (status == JB_OK) {
                running++;
                next++;
            }
        }
        if (running == 0)
            break;

        /* wait for a result or the nearest deadline */
        nfds_t nfds = 0;
        gint64 now = g_get_monotonic_time(), wait_us = -1;
        for (unsigned k = 0; k < max; k++) {
            worker_t *w = &workers[k];
            if (!w->pid)
                continue;
            pfd[nfds] = (struct pollfd){.fd = w->fd, .events = POLLIN};
            idx[nfds++] = k;
            if (w->deadline_us && !w->timed_out) {
                gint64 left = w->deadline_us > now ? w->deadline_us - now : 0;
                if (wait_us < 0 || left < wait_us)
                    wait_us = left;
            }
        }
        int timeout_ms = wait_us < 0 ? -1 : (int)MIN((wait_us + 999) / 1000, 1 << 30);
        int n = poll(pfd, nfds, timeout_ms);
        if (n < 0 && errno != EINTR) {
            status = jb_error_set(err, JB_ERR_IO, NULL, 0, 0, -1, "poll: %s", g_strerror(errno));
            break;
        }

        now = g_get_monotonic_time();
        for (nfds_t k = 0; k < nfds; k++) {
            worker_t *w = &workers[idx[k]];
            if (n > 0 && (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t got = 0;
                if (w->got < sizeof w->msg)
                    got = read(w->fd, (char *)&w->msg + w->got, sizeof w->msg - w->got);
                else {
                    char sink[256];
                    got = read(w->fd, sink, sizeof sink);
                }
                if (got > 0) {
                    if (w->got < sizeof w->msg)
                        w->got += (size_t)got;
                    continue;
                }
                if (got < 0 && errno == EINTR)
                    continue;
                /* end of file: the worker is done or dead */
                jb_batch_result_t res;
                worker_finish(w, opts, &res);
                count(summary, res.outcome);
                done++;
                if (on_result)
                    on_result(&res, done, todo->len, user);
                w->pid = 0;
                running--;
            } else if (w->deadline_us && !w->timed_out && now >= w->deadline_us) {
                kill(w->pid, SIGKILL);
                w->timed_out = 1;
            }
        }
    }

    /* reports that --fail-fast (or a failure to fork) left out */
    for (; next < todo->len; next++) {
        const jb_job_report_t *r = g_ptr_array_index(todo, next);
        jb_batch_result_t res;
        memset(&res, 0, sizeof res);
        res.id = r->id;
        res.output_path = r->output_path;
        res.outcome = JB_BATCH_NOT_RUN;
        jb_error_clear(&res.error);
        count(summary, res.outcome);
        done++;
        if (on_result)
            on_result(&res, done, todo->len, user);
    }
    free(fonts_fp);
    g_free(pfd);
    g_free(idx);
    g_free(workers);
    g_ptr_array_free(todo, TRUE);
    return status;
}
