#pragma once

#include "window/mainwindow.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

// What the tests of the whole window share: settings of their own, and a window shown at a
// size and waited for.
namespace WindowFixture {

// QSettings in Qt's test location under this test's name, emptied, so no test sees the
// user's settings or another test's.
inline void isolateSettings(const char *testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("looplab-tests"));
    QCoreApplication::setApplicationName(QLatin1String(testName));
    QSettings().clear();
}

enum class Wait { Exposed, Active };

// A new MainWindow of this size, shown; null when the platform never exposed (or
// activated) it, which the caller's QVERIFY reports.
inline MainWindow *showWindow(QSize size, Wait wait = Wait::Exposed)
{
    auto *window = new MainWindow;
    window->resize(size);
    window->show();
    const bool shown = wait == Wait::Active ? QTest::qWaitForWindowActive(window) : QTest::qWaitForWindowExposed(window);
    if (!shown) {
        delete window;
        return nullptr;
    }
    return window;
}

// Closes and deletes the window, as the user closing it would (closeEvent runs).
inline void closeWindow(MainWindow *&window)
{
    if (!window)
        return;
    window->close();
    delete window;
    window = nullptr;
}

} // namespace WindowFixture
