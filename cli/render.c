/* jibao render and jibao check: a template and its datasets, merged and
 * either typeset into a PDF or only checked. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include "jibao/batch.h"

static const char render_help[] =
    "Usage: jibao render TEMPLATE [--data DATASET]... [--param NAME=VALUE]... -o OUT.pdf\n"
    "Merge a template with datasets and typeset it into a PDF.\n"
    "\n"
    "  -d, --data DATASET     a dataset: XML from 'jibao extract', or facts CSV (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -c, --corrections FILE an analyst's corrections file (repeatable)\n"
    "  -r, --root DIR         files the template includes must lie under DIR\n"
    "                         (default: the template's folder)\n"
    "      --time-limit SECS  wall-clock limit on XPath evaluation (default 60)\n"
    "      --limit NAME=VALUE set a resource limit, 0 = none (docs/cli.md); NAME is one of\n"
    "                         input-size xpath-ops xpath-time include-depth chart-points\n"
    "                         table-rows render-time memory\n"
    "  -o, --output OUT.pdf   the PDF to write (replaced atomically)\n"
    "      --strict           a character missing from jibao's fonts is an error\n"
    "                         (by default a warning: no tofu reaches a PDF silently)\n"
    "      --script SCRIPT    simplified (default) or traditional: the 繁體 edition\n"
    "                         (OpenCC s2t, Noto CJK TC faces)\n"
    "  -h, --help             this help\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, fixes the PDF's dates: same input, same bytes.\n";

static const char check_help[] =
    "Usage: jibao check TEMPLATE [--data DATASET]... [--param NAME=VALUE]...\n"
    "Validate a template against the schema and evaluate every binding against\n"
    "the datasets; report every problem as file:line:col. Renders nothing.\n"
    "\n"
    "  -d, --data DATASET     a dataset: XML or facts CSV (repeatable)\n"
    "  -p, --param NAME=VALUE set a template parameter (repeatable)\n"
    "  -c, --corrections FILE an analyst's corrections file (repeatable)\n"
    "  -r, --root DIR         files the template includes must lie under DIR\n"
    "      --time-limit SECS  wall-clock limit on XPath evaluation (default 60)\n"
    "      --limit NAME=VALUE set a resource limit, 0 = none (docs/cli.md)\n"
    "  -h, --help             this help\n";

static const struct option render_longopts[] = {
    {"data", required_argument, NULL, 'd'},
    {"param", required_argument, NULL, 'p'},
    {"corrections", required_argument, NULL, 'c'},
    {"root", required_argument, NULL, 'r'},
    {"time-limit", required_argument, NULL, 'T'},
    {"limit", required_argument, NULL, 'L'},
    {"output", required_argument, NULL, 'o'},
    {"strict", no_argument, NULL, 'S'},
    {"script", required_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* render-time and memory: limits of the whole process, so jibao render
 * enforces them itself (batch workers get them from the batch parent). The
 * messages are written before the limits are armed: the signal handlers
 * only write(2) them and _exit. */
static char time_message[600];

static void
on_alarm(int sig)
{
    (void)sig;
    ssize_t ignored = write(STDERR_FILENO, time_message, strlen(time_message));
    (void)ignored;
    _exit(EXIT_FAILED);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
static char memory_message[600];

static void
on_abort(int sig)
{
    (void)sig;
    ssize_t ignored = write(STDERR_FILENO, memory_message, strlen(memory_message));
    (void)ignored;
    _exit(EXIT_FAILED);
}
#endif

static void
arm_process_limits(const jb_limits_t *limits, const char *template_path)
{
    if (limits->render_time > 0) {
        snprintf(time_message, sizeof time_message,
                 "%s: error: the render passed the limit of %g s (limit render-time; "
                 "--limit render-time=SECONDS); no output was written\n",
                 template_path, limits->render_time);
        signal(SIGALRM, on_alarm);
        struct itimerval it = {{0, 0}, {(time_t)limits->render_time,
                                        (suseconds_t)((limits->render_time -
                                                       (double)(time_t)limits->render_time) *
                                                      1e6)}};
        if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
            it.it_value.tv_usec = 1;
        setitimer(ITIMER_REAL, &it, NULL);
    }
#ifndef UNDER_ASAN /* AddressSanitizer reserves terabytes: no memory limit there */
    if (limits->memory > 0) {
        rlim_t bytes = (rlim_t)(limits->memory * 1024 * 1024);
        struct rlimit rl = {bytes, bytes};
        if (setrlimit(RLIMIT_DATA, &rl) == 0) {
            snprintf(memory_message, sizeof memory_message,
                     "%s: error: jibao crashed; with %g MiB of data memory this is most likely "
                     "the memory limit (limit memory; --limit memory=MIB); no output was "
                     "written\n",
                     template_path, limits->memory);
            /* glib aborts (g_error: SIGTRAP) when an allocation fails; some
               libraries do not check malloc and crash instead. The handler
               runs on its own static stack: a crash for want of memory may
               be one for want of stack, where no handler could run. */
            static char alt_stack[64 * 1024];
            stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack};
            sigaltstack(&ss, NULL);
            struct sigaction sa = {.sa_handler = on_abort, .sa_flags = SA_ONSTACK};
            sigemptyset(&sa.sa_mask);
            static const int crashes[] = {SIGABRT, SIGTRAP, SIGSEGV, SIGBUS};
            for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++)
                sigaction(crashes[i], &sa, NULL);
        }
    }
#endif
}

int
cmd_render(int argc, char **argv)
{
    cli_options_t o = {0};
    int rc = cli_parse_options("render", argc, argv, "d:p:c:r:o:h", render_longopts, &o);
    jb_status_t status = JB_OK;
    jb_fonts_t *fonts = NULL;
    jb_error_t err;
    jb_error_clear(&err);
    int reported = 0;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(render_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("render", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if (!o.output) {
        rc = cli_usage_error("render", "%s", "missing -o OUT.pdf");
        goto out;
    }
    arm_process_limits(&o.limits, argv[optind]);
    if (!(fonts = cli_load_fonts(&status)))
        goto done;
    /* the pipeline batch workers run too; every problem comes through
       cli_print_diag, once */
    jb_report_t report = {
        .template_path = argv[optind],
        .dataset_paths = (const char *const *)o.data->pdata,
        .n_datasets = o.data->len,
        .correction_paths = (const char *const *)o.corrections->pdata,
        .n_corrections = o.corrections->len,
        .params = o.params,
        .root = o.root,
        .time_limit = o.time_limit,
        .output_path = o.output,
        .strict = o.strict,
        .traditional = o.traditional,
        .limits = &o.limits,
    };
    status = jb_report_render(&report, fonts, cli_print_diag, &reported, &err);
done:
    rc = cli_exit_code(status);
out:
    jb_fonts_free(fonts);
    cli_options_clear(&o);
    return rc;
}

int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", required_argument, NULL, 'd'},
        {"param", required_argument, NULL, 'p'},
        {"corrections", required_argument, NULL, 'c'},
        {"root", required_argument, NULL, 'r'},
        {"time-limit", required_argument, NULL, 'T'},
        {"limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_options_t o = {0};
    int rc = cli_parse_options("check", argc, argv, "d:p:c:r:h", longopts, &o);
    jb_template_t *tpl = NULL;
    jb_dataset_t *ds = NULL;
    jb_status_t status = JB_OK;

    if (rc >= 0)
        goto out;
    if (o.help) {
        fputs(check_help, stdout);
        rc = EXIT_OK;
        goto out;
    }
    if (optind != argc - 1) {
        rc = cli_usage_error("check", "%s", optind >= argc ? "missing TEMPLATE" : "one TEMPLATE only");
        goto out;
    }
    if ((status = cli_load_inputs(argv[optind], &o, &tpl, &ds)) == JB_OK) {
        jb_error_t err;
        jb_error_clear(&err);
        int reported = 0;
        status = jb_template_check(tpl, ds, o.params, cli_print_diag, &reported, &err);
        if (status == JB_OK)
            printf("%s: ok (%zu facts from %u datasets)\n", argv[optind],
                   jb_dataset_get_fact_count(ds), o.data->len);
        else if (!reported)
            cli_print_error(&err);
    }
    rc = cli_exit_code(status);
out:
    jb_dataset_free(ds);
    jb_template_free(tpl);
    cli_options_clear(&o);
    return rc;
}

