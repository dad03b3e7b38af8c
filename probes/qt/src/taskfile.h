#pragma once

#include <cstddef>
#include <cstdint>

#include <sys/types.h>

// Reads /proc/self/task/<tid>/<name> into buf: at most size - 1 bytes, then a '\0'.
// Returns the bytes read, or -1 when the file cannot be opened. Allocates nothing (the
// caller's buffer, on its stack): the probe is a guest in the program it watches.
ssize_t readTaskFile(int32_t tid, const char *name, char *buf, size_t size);
