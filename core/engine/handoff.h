#pragma once

// ThreadSanitizer cannot see Qt's own locking: Debian's Qt is not built with
// -fsanitize=thread, and QThreadPool's queue is guarded by a QMutex that waits on a futex
// inside libQt6Core. Where our code hands an object to another thread through such a queue,
// these two calls state the happens-before edge that the queue's mutex provides, so TSan
// checks everything the receiving thread does with the object instead of reporting the
// hand-off itself. Without TSan they compile to nothing.
#if defined(__SANITIZE_THREAD__)
#define LOOPLAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOOPLAB_TSAN 1
#endif
#endif

#ifdef LOOPLAB_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace Handoff {
// On the sending thread, after the object is fully written and before it is queued.
inline void publish(const void *object)
{
#ifdef LOOPLAB_TSAN
    __tsan_release(const_cast<void *>(object));
#else
    (void)object;
#endif
}

// On the receiving thread, before the object is read.
inline void receive(const void *object)
{
#ifdef LOOPLAB_TSAN
    __tsan_acquire(const_cast<void *>(object));
#else
    (void)object;
#endif
}
} // namespace Handoff
