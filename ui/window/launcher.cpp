#include "window/launcher.h"

#include "cli/commandline.h"
#include "compare/comparisonexporter.h"
#include "cli/headlessrun.h"
#include "cli/recordrun.h"
#include "lessons/lessons.h"
#include "window/mainwindow.h"
#include "export/pngexporter.h"
#include "engine/translations.h"
#include "executors/process/workerprocess.h"
#include "looplabversion.h"

#include <QApplication>
#include <QIcon>

#include <csignal>
#include <cstdio>
#include <exception>
#include <new>

#include <unistd.h>

namespace {
// Rendering without a screen or a desktop session: the offscreen platform warns about
// window hints and a missing runtime folder that mean nothing here.
QtMessageHandler s_previousHandler = nullptr;

void quietOffscreenHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("propagateSizeHints")) || message.contains(QLatin1String("XDG_RUNTIME_DIR")))
        return;
    if (s_previousHandler)
        s_previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

// The command line speaks English (scripts read it); the English file only supplies the
// plural forms of "%n tasks"-style messages.
void installEnglish()
{
    Translations::install(QStringLiteral("en"));
}

// Out of memory anywhere (Qt's JSON parser throws std::bad_alloc through code that cannot
// pass it on, so nobody can catch it): one clear line and exit 1 instead of "Aborted".
[[noreturn]] void onTerminate()
{
    if (const std::exception_ptr exception = std::current_exception()) {
        try {
            std::rethrow_exception(exception);
        } catch (const std::bad_alloc &) {
            static const char line[] = "looplab: out of memory; use a smaller --json-kb or fewer --workers\n";
            [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line, sizeof line - 1);
            _exit(1);
        } catch (...) {
        }
    }
    std::abort();
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}
} // namespace

int Launcher::main(int argc, char *argv[])
{
    // A child of the process lesson: no application object, no window, just the pipe loop.
    if (argc == 2 && qstrcmp(argv[1], "--worker") == 0)
        return WorkerProcess::main();

    QCoreApplication::setOrganizationName(QStringLiteral("looplab"));
    QCoreApplication::setApplicationName(QStringLiteral("looplab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOPLAB_VERSION));

    QStringList arguments;
    CliRequest request;
    QString error;
    if (!CommandLine::decodeArguments(argc, argv, &arguments, &error)
        || !CommandLine::parse(arguments, &request, &error)) {
        std::fputs(CommandLine::errorLine(error).constData(), stderr);
        return CommandLine::kBadInputExit;
    }
    if (request.command != CliRequest::Command::Gui) {
        // A closed standard output (`looplab run ... | head -1`) or a file size limit
        // (ulimit -f) is reported as a failed write, instead of killing the process before
        // or while it writes its files.
        std::signal(SIGPIPE, SIG_IGN);
        std::signal(SIGXFSZ, SIG_IGN);
    }
    std::set_terminate(&onTerminate);
    return runCommand(argc, argv, request);
}

int Launcher::runCommand(int argc, char *argv[], const CliRequest &request)
{
    switch (request.command) {
    case CliRequest::Command::PrintText:
        std::fputs(qPrintable(request.text), stdout);
        return 0;
    case CliRequest::Command::Demo: {
        QCoreApplication app(argc, argv);
        installEnglish();
        return HeadlessRun::demo();
    }
    case CliRequest::Command::Record:
    case CliRequest::Command::Listen:
    case CliRequest::Command::Run:
    case CliRequest::Command::Export:
    case CliRequest::Command::Compare: {
        if (request.exportPng.isEmpty()) {
            QCoreApplication app(argc, argv);
            installEnglish();
            if (request.command == CliRequest::Command::Compare)
                return HeadlessRun::compare(request);
            if (request.command == CliRequest::Command::Record)
                return RecordRun::record(request);
            if (request.command == CliRequest::Command::Listen)
                return RecordRun::listen(request);
            return request.command == CliRequest::Command::Run ? HeadlessRun::run(request)
                                                               : HeadlessRun::exportSaved(request);
        }
        // Rendering needs a GUI application, but never a screen.
        const bool setPlatform = !qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
        if (setPlatform)
            qputenv("QT_QPA_PLATFORM", "offscreen");
        s_previousHandler = qInstallMessageHandler(quietOffscreenHandler);
        QApplication app(argc, argv);
        // Ours alone: a Qt program that `record` starts must open its windows on the screen.
        if (setPlatform)
            qunsetenv("QT_QPA_PLATFORM");
        installEnglish();
        if (request.command == CliRequest::Command::Compare)
            return HeadlessRun::compare(request, &ComparisonExporter::encodePng);
        if (request.command == CliRequest::Command::Record)
            return RecordRun::record(request, &PngExporter::encodeRun);
        if (request.command == CliRequest::Command::Listen)
            return RecordRun::listen(request, &PngExporter::encodeRun);
        return request.command == CliRequest::Command::Run ? HeadlessRun::run(request, &PngExporter::encodeRun)
                                                           : HeadlessRun::exportSaved(request, &PngExporter::encodeRun);
    }
    case CliRequest::Command::Gui:
        break;
    }
    if (!hasDisplay()) {
        std::fputs("looplab: no display found (DISPLAY is not set); running the headless demo instead.\n", stdout);
        QCoreApplication app(argc, argv);
        installEnglish();
        return HeadlessRun::demo();
    }
    QApplication app(argc, argv);
    // The command line was read before the application existed, so the lessons it looked up
    // were built untranslated.
    Translations::install(Translations::choose(request.language));
    Lessons::retranslate();
    // Desktops match the window to io.github.looplab.LoopLab.desktop and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(LOOPLAB_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(LOOPLAB_APP_ID),
                                                 QIcon(QStringLiteral(":/icons/" LOOPLAB_APP_ID ".svg"))));
    MainWindow window;
    window.show();
    if (!request.lesson.isEmpty())
        window.applyLessonWhenShown(request.lesson);
    return app.exec();
}
