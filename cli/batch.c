/* jibao batch: the reports of a job file, for cron, systemd timers and
 * cluster schedulers. Parses options, takes the overlap lock, runs the
 * library's batch runner and turns its results into log lines. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jibao/batch.h"

/* Exit status when another run of the same job file holds the lock:
 * sysexits.h's EX_TEMPFAIL, "try again later" (docs/batch.md). */
#define EXIT_LOCKED 75

static const char batch_help[] =
    "Usage: jibao batch JOBFILE [OPTION]...\n"
    "Run every report of a job file; skip outputs that are up to date.\n"
    "\n"
    "  -j, --jobs N           run N reports at once, each in its own process (default 1)\n"
    "      --shard I/N        run only the reports of shard I (0..N-1) of N\n"
    "      --force            render even up-to-date reports\n"
    "  -n, --dry-run          list what would be rendered; write nothing\n"
    "      --fail-fast        start no report after the first failure\n"
    "      --timeout SECONDS  wall-clock limit per report (overrides the job file)\n"
    "      --memory MIB       memory limit per report (overrides the job file)\n"
    "      --limit NAME=VALUE another resource limit for every report (docs/cli.md)\n"
    "      --lock FILE        the overlap lock (default: JOBFILE.lock)\n"
    "      --log-format FMT   text (default) or json: one line per report on stderr\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status: 0 every report written or up to date; 1 a report failed;\n"
    "2 usage or job file error; 75 another run of this job file holds the lock.\n";

enum { OPT_SHARD = 256, OPT_FORCE, OPT_FAIL_FAST, OPT_TIMEOUT, OPT_MEMORY, OPT_LOCK, OPT_LOG, OPT_LIMIT };

typedef struct {
    int json;
    int journal;  /* stderr is connected to the journal */
    int tty;      /* stderr is a terminal: progress bar */
    int color;    /* tty and no NO_COLOR */
    int bar_shown;
    int dry_run;
} log_t;

/* $JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected to the
 * journal; stderr is the journal when it is that same file. */
static int
stderr_is_journal(void)
{
    const char *js = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;
    if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) != 0)
        return 0;
    return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static void
json_string(GString *s, const char *v)
{
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(s, "\\%c", *p);
        else if (*p == '\n')
            g_string_append(s, "\\n");
        else if (*p < 0x20)
            g_string_append_printf(s, "\\u%04x", *p);
        else
            g_string_append_c(s, (char)*p);
    }
    g_string_append_c(s, '"');
}

static void
clear_bar(log_t *log)
{
    if (log->bar_shown) {
        fputs("\r\033[K", stderr);
        log->bar_shown = 0;
    }
}

/* One line on stderr, with a journald priority prefix (<3> error, <4>
 * warning, <6> info) when stderr is the journal. */
static void
log_line(log_t *log, int priority, const char *line)
{
    clear_bar(log);
    if (log->journal)
        fprintf(stderr, "<%d>", priority);
    fprintf(stderr, "%s\n", line);
}

static const char *const outcome_names[] = {"written", "up-to-date", "failed", "would-render",
                                            "not-run"};

static void
on_result(const jb_batch_result_t *r, size_t done, size_t total, void *user)
{
    log_t *log = user;
    GString *s = g_string_new(NULL);
    int prio = r->outcome == JB_BATCH_FAILED ? 3 : r->outcome == JB_BATCH_NOT_RUN ? 4 : 6;
    char buf[2300];

    if (log->json) {
        g_string_append(s, "{\"id\":");
        json_string(s, r->id);
        g_string_append_printf(s, ",\"outcome\":\"%s\",\"output\":", outcome_names[r->outcome]);
        json_string(s, r->output_path);
        g_string_append_printf(s, ",\"seconds\":%.3f", r->seconds);
        if (r->outcome == JB_BATCH_FAILED) {
            g_string_append_printf(s, ",\"killed\":%s,\"error\":{\"status\":",
                                   r->killed ? "true" : "false");
            json_string(s, jb_status_get_name(r->error.status));
            g_string_append(s, ",\"file\":");
            json_string(s, r->error.file);
            g_string_append_printf(s, ",\"line\":%u,\"col\":%u,\"message\":", r->error.line,
                                   r->error.col);
            json_string(s, r->error.message);
            g_string_append_c(s, '}');
        }
        g_string_append_c(s, '}');
    } else {
        const char *red = log->color ? "\033[31m" : "", *green = log->color ? "\033[32m" : "",
                   *off = log->color ? "\033[0m" : "";
        switch (r->outcome) {
        case JB_BATCH_WRITTEN:
            g_string_printf(s, "%s: %swritten%s %s (%.2f s)", r->id, green, off, r->output_path,
                            r->seconds);
            break;
        case JB_BATCH_UP_TO_DATE:
            g_string_printf(s, "%s: up to date %s", r->id, r->output_path);
            break;
        case JB_BATCH_WOULD_RENDER:
            g_string_printf(s, "%s: would render %s", r->id, r->output_path);
            break;
        case JB_BATCH_NOT_RUN:
            g_string_printf(s, "%s: not run (--fail-fast after a failure)", r->id);
            break;
        case JB_BATCH_FAILED:
            g_string_printf(s, "%s: %s%s%s: %s", r->id, red, r->killed ? "killed" : "failed",
                            off, jb_error_format(&r->error, "error", buf, sizeof buf));
            break;
        }
    }
    log_line(log, prio, s->str);
    if (log->dry_run && (r->outcome == JB_BATCH_WOULD_RENDER || r->outcome == JB_BATCH_UP_TO_DATE))
        printf("%s %s %s\n", r->outcome == JB_BATCH_WOULD_RENDER ? "render" : "up-to-date", r->id,
               r->output_path);

    if (log->tty && !log->journal && total > 0) {
        int width = 30, fill = (int)(done * (size_t)width / total);
        fprintf(stderr, "[%.*s%*s] %zu/%zu", fill, "##############################", width - fill,
                "", done, total);
        fflush(stderr);
        log->bar_shown = 1;
    }
    g_string_free(s, TRUE);
}

static int
parse_uint(const char *s, unsigned max, unsigned *v)
{
    char *end = NULL;
    unsigned long n = strtoul(s, &end, 10);
    if (!*s || *end || n > max || s[0] == '-')
        return 0;
    *v = (unsigned)n;
    return 1;
}

int
cmd_batch(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'},     {"shard", required_argument, NULL, OPT_SHARD},
        {"force", no_argument, NULL, OPT_FORCE},    {"dry-run", no_argument, NULL, 'n'},
        {"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"memory", required_argument, NULL, OPT_MEMORY},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"lock", required_argument, NULL, OPT_LOCK},
        {"log-format", required_argument, NULL, OPT_LOG},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    jb_batch_options_t opts = {0};
    jb_limits_t limits;
    jb_limits_init(&limits);
    log_t log = {0};
    const char *lock_path = NULL;
    char *default_lock = NULL;
    jb_job_t *job = NULL;
    jb_fonts_t *fonts = NULL;
    jb_batch_lock_t *lock = NULL;
    jb_error_t err;
    jb_error_clear(&err);
    int rc = EXIT_OK, c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "j:nh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (!parse_uint(optarg, 1024, &opts.jobs) || opts.jobs == 0) {
                rc = cli_usage_error("batch", "--jobs wants a number from 1 to 1024, not '%s'", optarg);
                goto out;
            }
            break;
        case OPT_SHARD: {
            unsigned i, n;
            char *slash = strchr(optarg, '/');
            if (!slash) {
                rc = cli_usage_error("batch", "--shard wants I/N, such as 0/3, not '%s'", optarg);
                goto out;
            }
            *slash = '\0';
            int good = parse_uint(optarg, 1000000, &i) && parse_uint(slash + 1, 1000000, &n) &&
                       n >= 1 && i < n;
            *slash = '/';
            if (!good) {
                rc = cli_usage_error("batch", "--shard wants I/N with 0 <= I < N, not '%s'", optarg);
                goto out;
            }
            opts.shard_index = i;
            opts.shard_count = n;
            break;
        }
        case OPT_FORCE: opts.force = 1; break;
        case 'n': opts.dry_run = 1; break;
        case OPT_FAIL_FAST: opts.fail_fast = 1; break;
        case OPT_TIMEOUT:
            if (!parse_uint(optarg, 86400, &opts.timeout_s) || opts.timeout_s == 0) {
                rc = cli_usage_error("batch", "--timeout wants seconds from 1 to 86400, not '%s'", optarg);
                goto out;
            }
            break;
        case OPT_MEMORY:
            if (!parse_uint(optarg, 1048576, &opts.memory_mb) || opts.memory_mb == 0) {
                rc = cli_usage_error("batch", "--memory wants MiB from 1 to 1048576, not '%s'", optarg);
                goto out;
            }
            break;
        case OPT_LOCK: lock_path = optarg; break;
        case OPT_LIMIT: {
            /* render time and memory are the worker's: --timeout, --memory */
            if (g_str_has_prefix(optarg, "render-time=") || g_str_has_prefix(optarg, "memory=")) {
                rc = cli_usage_error("batch", "%s: use --timeout SECONDS or --memory MIB", optarg);
                goto out;
            }
            int lrc = cli_parse_limit("batch", &limits, optarg);
            if (lrc >= 0) {
                rc = lrc;
                goto out;
            }
            opts.limits = &limits;
            break;
        }
        case OPT_LOG:
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
                rc = cli_usage_error("batch", "--log-format is text or json, not '%s'", optarg);
                goto out;
            }
            log.json = strcmp(optarg, "json") == 0;
            break;
        case 'h':
            fputs(batch_help, stdout);
            goto out;
        case ':':
            rc = cli_usage_error("batch", "option '%s' needs a value", argv[optind - 1]);
            goto out;
        default:
            rc = cli_usage_error("batch", "unknown option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("batch", "%s", optind >= argc ? "missing JOBFILE" : "one JOBFILE only");
        goto out;
    }
    const char *job_path = argv[optind];

    /* the job file: every schema problem, then exit 2 */
    int64_t now;
    int reported = 0;
    if (jb_batch_get_now(&now, &err) != JB_OK ||
        !(job = jb_job_load_file(job_path, now, cli_print_diag, &reported, &err))) {
        if (!reported)
            cli_print_error(&err);
        rc = EXIT_USAGE; /* a job file that is missing, malformed or invalid */
        goto out;
    }

    /* one run per job file at a time */
    if (!lock_path)
        lock_path = default_lock = g_strdup_printf("%s.lock", job_path);
    long holder = 0;
    if (!(lock = jb_batch_lock_acquire(lock_path, &holder, &err))) {
        if (err.status == JB_ERR_LIMIT) {
            fprintf(stderr, "jibao batch: %s: another run holds the lock file %s (pid %ld); exiting\n",
                    job_path, lock_path, holder);
            rc = EXIT_LOCKED;
        } else {
            cli_print_error(&err);
            rc = EXIT_FAILED;
        }
        goto out;
    }

    jb_status_t status = JB_OK;
    if (!(fonts = cli_load_fonts(&status))) {
        rc = cli_exit_code(status);
        goto out;
    }

    log.journal = stderr_is_journal();
    log.tty = isatty(STDERR_FILENO) && !log.json;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    log.color = log.tty && !log.journal && !(no_color && *no_color) &&
                !(term && strcmp(term, "dumb") == 0);
    log.dry_run = opts.dry_run;

    jb_batch_summary_t sum;
    if (jb_batch_run(job, &opts, fonts, on_result, &log, &sum, &err) != JB_OK) {
        clear_bar(&log);
        cli_print_error(&err);
    }
    GString *line = g_string_new(NULL);
    if (log.json)
        g_string_printf(line,
                        "{\"summary\":{\"reports\":%zu,\"written\":%zu,\"up_to_date\":%zu,"
                        "\"failed\":%zu,\"would_render\":%zu,\"not_run\":%zu}}",
                        sum.selected, sum.written, sum.up_to_date, sum.failed, sum.would_render,
                        sum.not_run);
    else if (opts.dry_run)
        g_string_printf(line, "%zu to render, %zu up to date, %zu failed", sum.would_render,
                        sum.up_to_date, sum.failed);
    else
        g_string_printf(line, "%zu written, %zu up to date, %zu failed", sum.written,
                        sum.up_to_date, sum.failed);
    if (!log.json && sum.not_run)
        g_string_append_printf(line, ", %zu not run", sum.not_run);
    int bad = sum.failed || sum.not_run || err.status != JB_OK;
    log_line(&log, bad ? 4 : 6, line->str);
    g_string_free(line, TRUE);
    rc = bad ? EXIT_FAILED : EXIT_OK;
out:
    jb_batch_lock_release(lock);
    jb_fonts_free(fonts);
    jb_job_free(job);
    g_free(default_lock);
    return rc;
}
