#pragma once

#include <QString>

class QPalette;

// View > Theme: follow the desktop, or force a light or dark Fusion look. The desktop's
// style and palette are taken when the first choice is applied, so System can return to them.
class Appearance
{
public:
    enum class Scheme { System, Light, Dark };

    static void apply(Scheme scheme);
    static Scheme current() { return s_current; }
    // "system", "light", "dark" (the settings value); unknown text reads as System.
    static QString name(Scheme scheme);
    static Scheme parse(const QString &text);
    static QPalette darkPalette();

private:
    static inline Scheme s_current = Scheme::System;
};
