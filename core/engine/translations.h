#pragma once

#include <QStringList>

// The language the window speaks: the system locale's when Loop Lab has it, else English;
// `looplab --lang` or the remembered choice overrides it. Loop Lab's messages are embedded
// under :/i18n (looplab_ru.qm, and looplab_en.qm for English plural forms); Qt's own
// (dialog buttons, QLineEdit's context menu) come from Qt's translations folder.
// The command line does not install them: its output is read by scripts and stays English.
class Translations
{
public:
    // The languages Loop Lab has texts for, as two-letter codes: "en" (the source) first.
    static QStringList available();
    // The first of the system locale's UI languages that Loop Lab has, or "en".
    static QString systemLanguage();
    // The language to start in: fromCommandLine (--lang) when set, else the one remembered
    // under settingsKey() (View > Language), else systemLanguage().
    static QString choose(const QString &fromCommandLine);
    // QSettings key of the remembered language; absent or empty means the system's.
    static QString settingsKey();
    // The language's own name ("English", "Русский"), as a language menu lists it.
    static QString nativeName(const QString &language);
    // Installs the translators for language (one of available()) on the application object,
    // replacing any installed before. False when Loop Lab's own file is missing; a missing
    // qtbase file only leaves Qt's few strings in English.
    static bool install(const QString &language);
};
