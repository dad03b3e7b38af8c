#pragma once

#include <QString>

// Tick steps for a linear axis: pure arithmetic (Qt Core), shared by the charts and by the
// comparison's bucket math.
class AxisStep
{
public:
    // The smallest of 1, 2, 2.5 or 5 times a power of ten that is >= value.
    static double nice(double value);
    // A printf label format that shows every multiple of step exactly.
    static QString labelFormat(double step);
};
