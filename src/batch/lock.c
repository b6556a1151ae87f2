/* The overlap lock of batch runs: flock(2) on a lock file that holds the
 * holder's PID. The kernel drops a flock when its holder dies, so a killed
 * run never leaves a stale lock behind. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "jibao/batch.h"

struct jb_batch_lock {
    int fd;
};

jb_batch_lock_t *
jb_batch_lock_acquire(const char *path, long *holder, jb_error_t *err)
{
    *holder = 0;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot open the lock file: %s",
                     g_strerror(errno));
        return NULL;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e == EWOULDBLOCK) {
            char buf[32] = {0};
            ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
            if (n > 0)
                *holder = strtol(buf, NULL, 10);
            jb_error_set(err, JB_ERR_LIMIT, path, 0, 0, -1,
                         "another batch run holds the lock (pid %ld)", *holder);
        } else {
            jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "cannot lock: %s", g_strerror(e));
        }
        close(fd);
        return NULL;
    }
    /* record our PID for the message of a run that finds the lock taken */
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
        /* the lock holds without the PID; the message then says pid 0 */
    }
    jb_batch_lock_t *lock = g_new0(jb_batch_lock_t, 1);
    lock->fd = fd;
    return lock;
}

void
jb_batch_lock_release(jb_batch_lock_t *lock)
{
    if (!lock)
        return;
    if (ftruncate(lock->fd, 0) != 0) {
        /* a stale PID in an unlocked file is harmless */
    }
    close(lock->fd);
    g_free(lock);
}
