#include "cli/commandline.h"
#include "lessons/lessons.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Where the brackets of a piece of C++ first fail to pair up, outside comments and literals;
// empty when they all do.
QString unbalanced(const QString &code)
{
    const QString opening = QStringLiteral("([{");
    const QString closing = QStringLiteral(")]}");
    QString open;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code.at(i);
        if (code.mid(i, 2) == QLatin1String("//")) {
            i = code.indexOf(QLatin1Char('\n'), i);
            if (i < 0)
                break;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            for (++i; i < code.size() && code.at(i) != c; ++i) {
                if (code.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            if (i >= code.size())
                return QStringLiteral("a literal that does not end");
        } else if (opening.contains(c)) {
            open += c;
        } else if (const qsizetype k = closing.indexOf(c); k >= 0) {
            if (open.isEmpty() || open.back() != opening.at(k))
                return QStringLiteral("%1 at offset %2").arg(c).arg(i);
            open.chop(1);
        }
    }
    return open.isEmpty() ? QString() : QStringLiteral("%1 left open").arg(open);
}
} // namespace

class tst_Lessons : public QObject
{
    Q_OBJECT
private slots:
    void everyLessonHasTexts();
    void namesAreUniqueCommandLineNames();
    void presetsAreValid();
    void everyModeIsTaught();
    void findByName();
    void describeContainsTextsAndSnippets();
    void htmlEscapesSnippets();
    void snippetsFitTheNarrowPanel();
    void snippetsAreTheLessonResources();
    void asyncioSnippetsCompile();
    void qtSnippetsAreBalanced();
    void runLessonUsesThePreset();
    void presetArgumentsReproduceThePreset();
};

void tst_Lessons::everyLessonHasTexts()
{
    QVERIFY(!Lessons::all().isEmpty());
    for (const Lesson &l : Lessons::all()) {
        QVERIFY2(!l.name.isEmpty(), qPrintable(l.title));
        for (const QString *text : {&l.title, &l.whatHappens, &l.why, &l.lookFor, &l.asyncioSnippet, &l.qtSnippet})
            QVERIFY2(!text->trimmed().isEmpty(), qPrintable(l.name));
        QVERIFY2(l.asyncioSnippet.contains(QStringLiteral("asyncio")), qPrintable(l.name));
    }
}

void tst_Lessons::namesAreUniqueCommandLineNames()
{
    const QRegularExpression cliName(QStringLiteral("^[a-z]+(-[a-z]+)*$"));
    QSet<QString> seen;
    for (const Lesson &l : Lessons::all()) {
        QVERIFY2(cliName.match(l.name).hasMatch(), qPrintable(l.name));
        QVERIFY2(!seen.contains(l.name), qPrintable(l.name));
        seen.insert(l.name);
    }
    QCOMPARE(Lessons::names().size(), Lessons::all().size());
    QCOMPARE(Lessons::names().constFirst(), QStringLiteral("blocking"));
}

void tst_Lessons::presetsAreValid()
{
    for (const Lesson &l : Lessons::all()) {
        QVERIFY2(l.preset.validate().isEmpty(), qPrintable(l.name + QStringLiteral(": ") + l.preset.validate()));
        QVERIFY2(l.preset.durationS > 0, qPrintable(l.name)); // a CLI run must end by itself
        QCOMPARE(l.preset.intervalMs, 10);
    }
}

void tst_Lessons::everyModeIsTaught()
{
    QSet<int> taught;
    for (const Lesson &l : Lessons::all())
        taught.insert(int(l.preset.mode));
    for (ExecMode mode : Kinds::allModes())
        QVERIFY2(taught.contains(int(mode)), qPrintable(Kinds::name(mode)));
}

void tst_Lessons::findByName()
{
    for (const Lesson &l : Lessons::all()) {
        const Lesson *found = Lessons::find(l.name);
        QVERIFY(found);
        QCOMPARE(found, &l);
    }
    QCOMPARE(Lessons::find(QStringLiteral("no-such-lesson")), nullptr);
    QCOMPARE(Lessons::find(QString()), nullptr);
    QCOMPARE(Lessons::find(QStringLiteral("Blocking")), nullptr); // names are exact
}

void tst_Lessons::describeContainsTextsAndSnippets()
{
    for (const Lesson &l : Lessons::all()) {
        const QString text = Lessons::describe(l);
        QVERIFY2(text.startsWith(l.name), qPrintable(l.name));
        QVERIFY(text.contains(l.title));
        QVERIFY(text.contains(QStringLiteral("looplab run --lesson ") + l.name + QLatin1Char('\n')));
        const QString options = Lessons::presetArguments(l.preset).join(QLatin1Char(' '));
        QVERIFY(text.contains(QStringLiteral("looplab run ") + options));
        // Prose is re-wrapped, so compare it word by word.
        for (const QString *prose : {&l.whatHappens, &l.why, &l.lookFor}) {
            const QStringList words = prose->split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QCOMPARE(text.simplified().count(words.join(QLatin1Char(' '))), 1);
        }
        // Snippets are indented but otherwise verbatim, line by line and in order.
        for (const QString *snippet : {&l.asyncioSnippet, &l.qtSnippet}) {
            qsizetype from = 0;
            for (const QString &line : snippet->split(QLatin1Char('\n'))) {
                if (line.isEmpty())
                    continue;
                const qsizetype at = text.indexOf(QStringLiteral("\n    ") + line + QLatin1Char('\n'), from);
                QVERIFY2(at >= 0, qPrintable(l.name + QStringLiteral(": ") + line));
                from = at + 1;
            }
        }
        for (const QString &line : text.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 80 || line.contains(QStringLiteral("looplab run ")), qPrintable(line));
    }
}

void tst_Lessons::htmlEscapesSnippets()
{
    for (const Lesson &l : Lessons::all()) {
        const QString html = Lessons::html(l);
        QVERIFY(html.contains(l.asyncioSnippet.toHtmlEscaped()));
        QVERIFY(html.contains(l.qtSnippet.toHtmlEscaped()));
        QVERIFY(html.contains(QStringLiteral("class=\"mode mode-") + Kinds::name(l.preset.mode)));
    }
    const Lesson *wait = Lessons::find(QStringLiteral("wait"));
    QVERIFY(wait && wait->qtSnippet.contains(QStringLiteral("QFutureWatcher<void>")));
    QVERIFY(!Lessons::html(*wait).contains(QStringLiteral("QFutureWatcher<void>")));
    QVERIFY(Lessons::html(*wait).contains(QStringLiteral("QFutureWatcher&lt;void&gt;")));
}

void tst_Lessons::snippetsFitTheNarrowPanel()
{
    // The panel sits in a dock about 380 px wide, room for 54 columns of code at the panel's
    // code size: longer lines would wrap mid-statement.
    constexpr int kMaxColumns = 54;
    for (const Lesson &l : Lessons::all()) {
        for (const QString *snippet : {&l.asyncioSnippet, &l.qtSnippet}) {
            for (const QString &line : snippet->split(QLatin1Char('\n')))
                QVERIFY2(line.size() <= kMaxColumns, qPrintable(l.name + QStringLiteral(": ") + line));
            QVERIFY2(!snippet->contains(QLatin1Char('\t')), qPrintable(l.name));
        }
    }
}

void tst_Lessons::snippetsAreTheLessonResources()
{
    // resources/lessons/<name>.py and .cpp, listed in core/CMakeLists.txt: one not listed leaves
    // its lesson without code (everyLessonHasTexts), one left over belongs to no lesson.
    QStringList expected;
    for (const Lesson &l : Lessons::all())
        expected << l.name + QStringLiteral(".py") << l.name + QStringLiteral(".cpp");
    expected.sort();
    QStringList files = QDir(QStringLiteral(":/lessons")).entryList(QDir::Files);
    files.sort();
    QCOMPARE(files, expected);
}

void tst_Lessons::asyncioSnippetsCompile()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 not found (scripts/deps.sh installs it): the asyncio snippets were not byte-compiled");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // -W error: a SyntaxWarning (an invalid escape, say) fails too.
    const auto compile = [&](const QStringList &files) -> QString {
        QProcess py;
        py.start(python, QStringList{QStringLiteral("-W"), QStringLiteral("error"), QStringLiteral("-m"),
                                     QStringLiteral("py_compile")} + files);
        if (!py.waitForFinished(60000) || py.exitStatus() != QProcess::NormalExit)
            return QStringLiteral("python3 did not run: ") + py.errorString();
        return py.exitCode() == 0 ? QString() : QString::fromUtf8(py.readAllStandardError());
    };
    const auto write = [&](const QString &name, const QString &text) -> QString {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(text.toUtf8());
        file.write("\n");
        return file.fileName();
    };

    QStringList files;
    for (const Lesson &l : Lessons::all()) {
        files << write(l.name + QStringLiteral(".py"), l.asyncioSnippet);
        QVERIFY(!files.constLast().isEmpty());
    }
    const QString errors = compile(files);
    QVERIFY2(errors.isEmpty(), qPrintable(errors));

    // The check can fail: a snippet that does not parse is reported.
    const QString broken = write(QStringLiteral("broken.py"), QStringLiteral("async def main(:\n    pass"));
    QVERIFY(!broken.isEmpty());
    QVERIFY(compile({broken}).contains(QStringLiteral("SyntaxError")));
}

void tst_Lessons::qtSnippetsAreBalanced()
{
    // The Qt snippets are excerpts of Loop Lab's own classes (members, parts of functions), not
    // translation units, so none can be compiled; their brackets must still pair up.
    for (const Lesson &l : Lessons::all()) {
        const QString where = unbalanced(l.qtSnippet);
        QVERIFY2(where.isEmpty(), qPrintable(l.name + QStringLiteral(".cpp: ") + where));
    }
    QCOMPARE(unbalanced(QStringLiteral("f(a[1], {2}); // (")), QString());
    QCOMPARE(unbalanced(QStringLiteral("g(\")\\\"(\");")), QString());
    QCOMPARE(unbalanced(QStringLiteral("if (x) {")), QStringLiteral("{ left open"));
    QCOMPARE(unbalanced(QStringLiteral("f(x]")), QStringLiteral("] at offset 3"));
}

void tst_Lessons::runLessonUsesThePreset()
{
    for (const Lesson &l : Lessons::all()) {
        CliRequest request;
        QString error;
        const QStringList args{QStringLiteral("looplab"), QStringLiteral("run"), QStringLiteral("--lesson"), l.name};
        QVERIFY2(CommandLine::parse(args, &request, &error), qPrintable(l.name + QStringLiteral(": ") + error));
        const RunConfig &c = request.config;
        const RunConfig &p = l.preset;
        QCOMPARE(c.mode, p.mode);
        QCOMPARE(c.work, p.work);
        QCOMPARE(c.durationS, p.durationS);
        QCOMPARE(c.intervalMs, p.intervalMs);
        QCOMPARE(c.periodMs, p.periodMs);
        QCOMPARE(c.ioMs, p.ioMs);
        QCOMPARE(c.jsonKb, p.jsonKb);
        QCOMPARE(c.workers, p.workers);
        QCOMPARE(c.switchMs, p.switchMs);
        QCOMPARE(c.queueCapacity, p.queueCapacity);
        QCOMPARE(c.itemUs, p.itemUs);
    }
}

void tst_Lessons::presetArgumentsReproduceThePreset()
{
    for (const Lesson &l : Lessons::all()) {
        CliRequest request;
        QString error;
        const QStringList args = QStringList{QStringLiteral("looplab"), QStringLiteral("run")}
            + Lessons::presetArguments(l.preset);
        QVERIFY2(CommandLine::parse(args, &request, &error), qPrintable(l.name + QStringLiteral(": ") + error));
        const RunConfig &c = request.config;
        const RunConfig &p = l.preset;
        QCOMPARE(c.mode, p.mode);
        QCOMPARE(c.durationS, p.durationS);
        QCOMPARE(c.periodMs, p.periodMs);
        if (p.mode == ExecMode::Queue) {
            QCOMPARE(c.queueCapacity, p.queueCapacity);
            QCOMPARE(c.itemUs, p.itemUs);
            continue;
        }
        QCOMPARE(c.work, p.work);
        if (p.work == WorkKind::Io)
            QCOMPARE(c.ioMs, p.ioMs);
        else
            QCOMPARE(c.jsonKb, p.jsonKb);
        if (p.mode == ExecMode::Gil)
            QCOMPARE(c.switchMs, p.switchMs);
        if (args.contains(QStringLiteral("--workers")))
            QCOMPARE(c.workers, p.workers);
    }
}

QTEST_GUILESS_MAIN(tst_Lessons)
#include "tst_lessons.moc"
