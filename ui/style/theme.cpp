#include "style/theme.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPalette>

bool Theme::isDark()
{
    return qGuiApp && QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

bool Theme::isThemeChange(const QEvent *event)
{
    const QEvent::Type type = event->type();
    return type == QEvent::PaletteChange || type == QEvent::ApplicationPaletteChange || type == QEvent::StyleChange;
}

QColor Theme::workColor(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QColor(0x2f, 0x7e, 0xd8);  // blue
    case WorkKind::Cpu: return QColor(0xe0, 0x8a, 0x1e); // orange
    case WorkKind::Wait: return QColor(0x8e, 0x1b, 0x1b); // dark red: the loop is stuck
    case WorkKind::Item: return QColor(0x00, 0x89, 0x7b); // teal
    case WorkKind::Code: return QColor(0xc2, 0x18, 0x5b); // raspberry: a program's own, not ours
    }
    return Qt::gray;
}

QColor Theme::modeColor(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QColor(0xc6, 0x28, 0x28); // red: the loop is blocked
    case ExecMode::Pool: return QColor(0x2e, 0x7d, 0x32);   // green: offloaded
    case ExecMode::Thread: return QColor(0x02, 0x77, 0xbd);
    case ExecMode::Process: return QColor(0x39, 0x49, 0xab);
    case ExecMode::Gil: return QColor(0xe6, 0x51, 0x00);
    case ExecMode::Wait: return QColor(0xad, 0x14, 0x57);
    case ExecMode::Nested: return QColor(0x5e, 0x35, 0xb1);
    case ExecMode::Mutex: return QColor(0x9e, 0x6a, 0x00);
    case ExecMode::Queue: return QColor(0x00, 0x89, 0x7b);
    }
    return Qt::gray;
}

QColor Theme::modeBandColor(ExecMode mode)
{
    QColor c = modeColor(mode);
    c.setAlpha(isDark() ? 48 : 28);
    return c;
}

QColor Theme::transferColor()
{
    return QColor(0x7e, 0x57, 0xc2); // violet
}

QColor Theme::counterColor(Counter counter)
{
    switch (counter) {
    case Counter::QueueDepth: return workColor(WorkKind::Item);
    case Counter::NestingDepth: return modeColor(ExecMode::Nested);
    case Counter::Reentry: return QColor(0xd8, 0x1b, 0x60); // stands out on the nesting plot
    }
    return Qt::gray;
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
    return isDark() ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
}

QColor Theme::gridColor()
{
    return isDark() ? QColor(0x3c, 0x3f, 0x45) : QColor(0xdd, 0xdd, 0xdd);
}

QColor Theme::textColor()
{
    return isDark() ? QColor(0xe4, 0xe6, 0xea) : QColor(0x21, 0x21, 0x21);
}

QColor Theme::mutedTextColor()
{
    return isDark() ? QColor(0x9a, 0xa0, 0xa8) : QColor(0x75, 0x75, 0x75);
}

QColor Theme::backgroundColor()
{
    return isDark() ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white);
}

QColor Theme::alternateLaneColor()
{
    return isDark() ? QColor(0x26, 0x28, 0x2c) : QColor(0xf5, 0xf7, 0xfa);
}
