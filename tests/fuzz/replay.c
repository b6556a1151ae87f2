/* Replays fuzz inputs without libFuzzer: every file named on the command
 * line, or found in a folder named there, goes through
 * LLVMFuzzerTestOneInput once. TAP output; a crash or sanitizer report fails
 * the test. */
#include <glib.h>
#include <stdio.h>

#include "fuzz.h"

static int count;

static void
replay_file(const char *path)
{
    char *buf = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &buf, &len, NULL)) {
        printf("not ok %d - cannot read %s\n", ++count, path);
        return;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    printf("ok %d - %s\n", ++count, path);
    fflush(stdout);
    g_free(buf);
}

int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            replay_file(argv[i]);
            continue;
        }
        /* a folder: its files in name order, so runs are repeatable */
        GDir *dir = g_dir_open(argv[i], 0, NULL);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        const char *name;
        while (dir && (name = g_dir_read_name(dir)))
            g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
        if (dir)
            g_dir_close(dir);
        g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
        for (guint k = 0; k < names->len; k++)
            replay_file(g_ptr_array_index(names, k));
        g_ptr_array_free(names, TRUE);
    }
    printf("1..%d\n", count);
    return 0;
}
