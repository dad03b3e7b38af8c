#include "engine/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace {
std::unique_ptr<QTranslator> s_qt;
std::unique_ptr<QTranslator> s_looplab;
} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("ru")};
}

QString Translations::systemLanguage()
{
    const QStringList have = available();
    for (const QString &tag : QLocale::system().uiLanguages()) {
        const QString language = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (have.contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString Translations::choose(const QString &fromCommandLine)
{
    if (!fromCommandLine.isEmpty())
        return fromCommandLine;
    const QString remembered = QSettings().value(settingsKey()).toString();
    return available().contains(remembered) ? remembered : systemLanguage();
}

QString Translations::settingsKey()
{
    return QStringLiteral("ui/language");
}

QString Translations::nativeName(const QString &language)
{
    // QLocale would say "American English" and "русский".
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    if (language == QLatin1String("ru"))
        return QStringLiteral("Русский");
    return language;
}

bool Translations::install(const QString &language)
{
    for (std::unique_ptr<QTranslator> *old : {&s_qt, &s_looplab}) {
        if (*old)
            QCoreApplication::removeTranslator(old->get());
        old->reset();
    }
    if (!available().contains(language))
        return false;
    // English is the source language: Qt needs nothing, ours only the plural forms.
    if (language != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            s_qt = std::move(qt);
        }
    }
    auto looplab = std::make_unique<QTranslator>();
    if (!looplab->load(QStringLiteral(":/i18n/looplab_") + language + QStringLiteral(".qm")))
        return false;
    QCoreApplication::installTranslator(looplab.get());
    s_looplab = std::move(looplab);
    return true;
}
