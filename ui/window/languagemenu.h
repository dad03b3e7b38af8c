#pragma once

class QMenu;
class QWidget;

// View > Language: the system's language or one Loop Lab has, remembered in QSettings and
// applied at the next start (the window is built in one language). A separate piece so the
// menu bar can place it where it fits.
class LanguageMenu
{
public:
    static QMenu *create(QWidget *parent);
};
