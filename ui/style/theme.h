#pragma once

#include "engine/kinds.h"

#include <QColor>

class QEvent;

// One set of colours for the charts, the timeline, the legend and exported images,
// so a mode or a work kind looks the same everywhere. The neutral colours (background,
// text, grid) follow the application palette: dark ones when its window colour is dark.
// Widgets that cache them re-read them on QEvent::PaletteChange.
class Theme
{
public:
    // True when the application palette's window colour is dark (Qt 6.4 has no
    // QStyleHints::colorScheme, so the palette is the one signal).
    static bool isDark();
    // Whether event may have changed those colours: a palette or a style change (View >
    // Theme sets the palette, then the style, whose StyleChange reaches every widget).
    static bool isThemeChange(const QEvent *event);
    static QColor workColor(WorkKind kind);
    // Warm for the modes that leave the loop blocked, cool or green for the responsive ones.
    static QColor modeColor(ExecMode mode);
    // The light background band drawn behind the time a mode was active.
    static QColor modeBandColor(ExecMode mode);
    // A task's data on its way to a worker process, before the work began.
    static QColor transferColor();
    static QColor counterColor(Counter counter);
    static QColor cancelledColor();
    static QColor failedColor();
    static QColor lagColor();
    static QColor gridColor();
    static QColor textColor();
    static QColor mutedTextColor();
    static QColor backgroundColor();
    static QColor alternateLaneColor();
};
