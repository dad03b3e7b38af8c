#pragma once

#include <QtGlobal>

// One wake-up of the ticker probe. Lateness is actual minus expected.
struct TickSample
{
    qint64 expectedNs = 0;
    qint64 actualNs = 0;

    qint64 latenessNs() const { return actualNs - expectedNs; }
};
Q_DECLARE_TYPEINFO(TickSample, Q_PRIMITIVE_TYPE);
