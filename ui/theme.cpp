#include "theme.h"

QColor Theme::workColor(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QColor(0x2f, 0x7e, 0xd8);  // blue
    case WorkKind::Cpu: return QColor(0xe0, 0x8a, 0x1e); // orange
    }
    return Qt::gray;
}

QColor Theme::modeColor(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QColor(0xc6, 0x28, 0x28); // red: the loop is blocked
    case ExecMode::Pool: return QColor(0x2e, 0x7d, 0x32);   // green: offloaded
    }
    return Qt::gray;
}

QColor Theme::modeBandColor(ExecMode mode)
{
    QColor c = modeColor(mode);
    c.setAlpha(28);
    return c;
}

QColor Theme::cancelledColor()
{
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor Theme::failedColor()
{
    return QColor(0x8e, 0x24, 0xaa);
}

QColor Theme::lagColor()
{
    return QColor(0x15, 0x65, 0xc0);
}

QColor Theme::gridColor()
{
    return QColor(0xdd, 0xdd, 0xdd);
}

QColor Theme::textColor()
{
    return QColor(0x21, 0x21, 0x21);
}

QColor Theme::mutedTextColor()
{
    return QColor(0x75, 0x75, 0x75);
}

QColor Theme::backgroundColor()
{
    return Qt::white;
}

QColor Theme::alternateLaneColor()
{
    return QColor(0xf5, 0xf7, 0xfa);
}
