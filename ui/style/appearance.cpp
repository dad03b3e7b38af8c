#include "style/appearance.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace {
struct SystemLook
{
    bool taken = false;
    QString styleName;
    QPalette palette;
};

SystemLook &systemLook()
{
    static SystemLook look;
    if (!look.taken) {
        look.taken = true;
        look.styleName = QApplication::style()->name();
        look.palette = QApplication::palette();
    }
    return look;
}
} // namespace

void Appearance::apply(Scheme scheme)
{
    const SystemLook &system = systemLook();
    if (scheme == s_current && scheme == Scheme::System)
        return; // nothing set yet: leave the desktop's own palette (and its live changes) alone
    s_current = scheme;
    // The palette first: setStyle then tells every widget (StyleChange), and the widgets that
    // keep theme colours read them again (see Theme::isThemeChange).
    switch (scheme) {
    case Scheme::System:
        QApplication::setPalette(system.palette);
        QApplication::setStyle(system.styleName);
        break;
    case Scheme::Light: {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QApplication::setPalette(fusion->standardPalette());
        QApplication::setStyle(fusion);
        break;
    }
    case Scheme::Dark:
        QApplication::setPalette(darkPalette());
        QApplication::setStyle(QStringLiteral("Fusion"));
        break;
    }
}

QString Appearance::name(Scheme scheme)
{
    switch (scheme) {
    case Scheme::System: return QStringLiteral("system");
    case Scheme::Light: return QStringLiteral("light");
    case Scheme::Dark: return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

Appearance::Scheme Appearance::parse(const QString &text)
{
    if (text == QLatin1String("light"))
        return Scheme::Light;
    if (text == QLatin1String("dark"))
        return Scheme::Dark;
    return Scheme::System;
}

QPalette Appearance::darkPalette()
{
    const QColor window(0x2d, 0x2f, 0x33);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe4, 0xe6, 0xea);
    const QColor disabled(0x80, 0x84, 0x8a);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x38, 0x3b, 0x40));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6e, 0x6e));
    // Fusion draws bevels and frames from these.
    p.setColor(QPalette::Light, QColor(0x4a, 0x4e, 0x54));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x49));
    p.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0e));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}
