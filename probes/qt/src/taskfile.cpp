#include "taskfile.h"

#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

ssize_t readTaskFile(int32_t tid, const char *name, char *buf, size_t size)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%d/%s", tid, name);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const ssize_t n = ::read(fd, buf, size - 1);
    ::close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return n;
}
