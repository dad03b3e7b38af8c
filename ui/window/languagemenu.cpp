#include "window/languagemenu.h"

#include "engine/translations.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

QMenu *LanguageMenu::create(QWidget *parent)
{
    auto *menu = new QMenu(QCoreApplication::translate("LanguageMenu", "&Language (applies on restart)"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString remembered = QSettings().value(Translations::settingsKey()).toString();
    const auto add = [&](const QString &text, const QString &language) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(language == remembered || (language.isEmpty() && !Translations::available().contains(remembered)));
        action->setData(language);
        group->addAction(action);
    };
    add(QCoreApplication::translate("LanguageMenu", "System (%1)").arg(Translations::nativeName(Translations::systemLanguage())),
        QString());
    menu->addSeparator();
    for (const QString &language : Translations::available())
        add(Translations::nativeName(language), language);
    QObject::connect(group, &QActionGroup::triggered, menu, [parent](QAction *action) {
        QSettings().setValue(Translations::settingsKey(), action->data().toString());
        QMessageBox::information(parent, QCoreApplication::translate("LanguageMenu", "Language"),
                                 QCoreApplication::translate("LanguageMenu",
                                                             "Loop Lab will use this language the next time it starts. "
                                                             "Starting it with --lang overrides the choice once."));
    });
    return menu;
}
