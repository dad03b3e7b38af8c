// UI targets: timeline paint, latency chart update, dashboard PNG export, startup to first
// painted window. Runs on the offscreen platform; numbers are CPU rasterisation costs.
#include "benchtable.h"

#include "window/dashboard.h"
#include "charts/lagdecimator.h"
#include "charts/lagpyramid.h"
#include "charts/latencychart.h"
#include "window/mainwindow.h"
#include "engine/kinds.h"
#include "engine/monotonicclock.h"
#include "export/pngexporter.h"
#include "engine/recorder.h"
#include "formats/runfile.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>
#include <QProcess>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <ctime>
#include <map>
#include <memory>

namespace {

constexpr qint64 kMs = 1000000;
constexpr qint64 kSec = 1000 * kMs;
constexpr qint64 kOrigin = 10 * kSec; // time zero of every hand-made run

// Spans laid back to back on three lanes over durationNs, each 80 % of its slot.
std::shared_ptr<Recorder> makeSpanRecorder(int spans, qint64 durationNs)
{
    auto recorder = std::make_shared<Recorder>();
    recorder->registerLane(QStringLiteral("GUI thread"));
    recorder->registerLane(QStringLiteral("pool-1"));
    recorder->registerLane(QStringLiteral("pool-2"));
    recorder->addModeSwitch(kOrigin, ExecMode::Pool);
    const qint64 slot = durationNs * 3 / spans;
    for (int i = 0; i < spans; ++i) {
        const int lane = i % 3;
        const qint64 start = kOrigin + qint64(i / 3) * slot;
        const quint32 id = recorder->beginSpan(i % 5 ? WorkKind::Io : WorkKind::Cpu, ExecMode::Pool,
                                               start - slot / 10);
        recorder->markStart(id, lane, start);
        recorder->markEnd(id, start + slot * 8 / 10, SpanState::Done);
    }
    return recorder;
}

// Lateness: a little jitter, a frame-sized hiccup every second, a long stall every 10 s.
TickSample makeTick(quint32 i)
{
    const qint64 expected = kOrigin + qint64(i) * kMs;
    qint64 late = 30000 + qint64((i * 2654435761u) % 200000);
    if (i % 1000 == 500)
        late += 20 * kMs;
    if (i % 10000 == 7000)
        late += 150 * kMs;
    return {expected, expected + late};
}

// Frames per UI benchmark; LOOPLAB_BENCH_FRAMES raises it for a profiler run.
int frameCount()
{
    const int n = qEnvironmentVariableIntValue("LOOPLAB_BENCH_FRAMES");
    return n > 0 ? n : 20;
}

// This thread's CPU time: on a machine shared with other builds the wall clock also counts
// the time the scheduler gave to someone else; both are reported.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double elapsedMs(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

// ---- 3. Timeline paint ---------------------------------------------------------------

std::map<int, std::shared_ptr<Recorder>> g_spanRecorders;
std::map<std::string, std::vector<double>> g_frames; // ms per frame, by benchmark label
std::map<std::string, std::vector<double>> g_cpuFrames; // thread CPU ms per frame
std::map<std::string, double> g_selfPaintMs;        // the widget's own paint cost, last frame
std::map<std::string, double> g_initialMs;          // first refresh (pulling everything)

void BM_TimelinePaint(benchmark::State &state)
{
    const int spans = int(state.range(0));
    const bool zoomed = state.range(1) != 0;
    const bool everySpan = state.range(2) != 0; // the level-of-detail pyramid off, for comparison
    const std::string label = "timeline " + std::to_string(spans) + (zoomed ? " zoom1s" : " full")
                              + (everySpan ? " every" : "");
    auto &recorder = g_spanRecorders[spans];
    if (!recorder)
        recorder = makeSpanRecorder(spans, 60 * kSec);
    const qint64 end = kOrigin + 60 * kSec;

    TimelineView view;
    view.setLevelOfDetail(!everySpan);
    view.resize(1920, view.preferredHeight());
    view.show();
    QApplication::processEvents();
    QElapsedTimer timer;
    timer.start();
    view.setRecorder(recorder, kOrigin);
    view.refresh(end);
    view.showAll();
    view.repaint();
    g_initialMs[label] = elapsedMs(timer);

    qint64 t = kOrigin + 30 * kSec;
    std::vector<double> &frames = g_frames[label];
    std::vector<double> &cpu = g_cpuFrames[label];
    frames.clear();
    cpu.clear();
    for (auto _ : state) {
        timer.restart();
        const double cpu0 = threadCpuMs();
        view.refresh(end);
        if (zoomed) {
            // showRange adds a fifth on each side: 1 s / 1.4 shows exactly 1 s.
            view.showRange(t, t + kSec * 5 / 7);
            t += 16 * kMs;
        } else {
            view.showAll();
        }
        view.repaint();
        frames.push_back(elapsedMs(timer));
        cpu.push_back(threadCpuMs() - cpu0);
    }
    g_selfPaintMs[label] = view.lastPaintNs() / 1e6;
}
BENCHMARK(BM_TimelinePaint)
    ->ArgsProduct({{10000, 100000, 1000000}, {0, 1}, {0}})
    ->Args({1000000, 0, 1})
    ->Iterations(frameCount())
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// ---- 4. Latency chart -------------------------------------------------------------------

std::shared_ptr<Recorder> g_tickRecorder;
std::map<std::string, std::vector<double>[3]> g_parts; // refresh, queued events, repaint
constexpr quint32 kHourTicks = 3600 * 1000;

void BM_LatencyChart(benchmark::State &state)
{
    const bool live = state.range(0) != 0;
    const std::string label = live ? "chart live 10 s" : "chart whole run";
    if (!g_tickRecorder) {
        g_tickRecorder = std::make_shared<Recorder>();
        g_tickRecorder->registerLane(QStringLiteral("GUI thread"));
        g_tickRecorder->addModeSwitch(kOrigin, ExecMode::Inline);
        for (quint32 i = 0; i < kHourTicks; ++i)
            g_tickRecorder->addTick(makeTick(i));
    }
    Recorder &recorder = *g_tickRecorder;

    LatencyChart chart;
    chart.resize(1920, 400);
    chart.show();
    QApplication::processEvents();
    chart.setLive(live);
    chart.setVisibleSeconds(10);
    QElapsedTimer timer;
    timer.start();
    chart.setRecorder(g_tickRecorder, kOrigin);
    chart.refresh(makeTick(recorder.tickCount()).expectedNs);
    QApplication::processEvents();
    chart.viewport()->repaint();
    g_initialMs[label] = elapsedMs(timer);

    std::vector<double> &frames = g_frames[label];
    std::vector<double> &cpu = g_cpuFrames[label];
    frames.clear();
    cpu.clear();
    for (auto _ : state) {
        // One frame of a live run: 16 new ticks, then the window's refresh and a repaint.
        state.PauseTiming();
        for (int i = 0; i < 16; ++i)
            recorder.addTick(makeTick(recorder.tickCount()));
        state.ResumeTiming();
        timer.restart();
        const double cpu0 = threadCpuMs();
        chart.refresh(makeTick(recorder.tickCount()).expectedNs);
        const double refreshed = elapsedMs(timer);
        QApplication::processEvents(); // the chart coalesces its rebuild into a queued call
        const double processed = elapsedMs(timer);
        chart.viewport()->repaint();
        frames.push_back(elapsedMs(timer));
        cpu.push_back(threadCpuMs() - cpu0);
        g_parts[label][0].push_back(refreshed);
        g_parts[label][1].push_back(processed - refreshed);
        g_parts[label][2].push_back(frames.back() - processed);
    }
    g_selfPaintMs[label] = chart.lastUpdateNs() / 1e6;
    state.counters["points"] = chart.plottedPointCount();
}
BENCHMARK(BM_LatencyChart)->Arg(1)->Arg(0)->Iterations(frameCount())->UseRealTime()->Unit(benchmark::kMillisecond);

// 1,000 mode toggles during a live run, one every 50 ms of run time: each one is a frame
// (refresh + repaint), so toggles per second is how many the window keeps up with.
std::vector<double> g_toggleRates; // toggles per second, per repetition
std::vector<double> g_toggleCpu;   // thread CPU ms per toggle

void BM_ModeToggles(benchmark::State &state)
{
    constexpr int kToggles = 1000;
    constexpr quint32 kTicksPerToggle = 50;
    const QList<ExecMode> modes = Kinds::allModes();
    for (auto _ : state) {
        auto recorder = std::make_shared<Recorder>();
        recorder->registerLane(QStringLiteral("GUI thread"));
        recorder->addModeSwitch(kOrigin, ExecMode::Inline);
        LatencyChart chart;
        chart.resize(1920, 400);
        chart.show();
        chart.setLive(true);
        chart.setRecorder(recorder, kOrigin);
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = threadCpuMs();
        for (int i = 0; i < kToggles; ++i) {
            for (quint32 t = 0; t < kTicksPerToggle; ++t)
                recorder->addTick(makeTick(recorder->tickCount()));
            const qint64 now = makeTick(recorder->tickCount()).expectedNs;
            recorder->addModeSwitch(now, modes.at((i + 1) % modes.size()));
            chart.refresh(now);
            QApplication::processEvents();
            chart.viewport()->repaint();
        }
        g_toggleRates.push_back(kToggles / (elapsedMs(timer) / 1e3));
        g_toggleCpu.push_back((threadCpuMs() - cpu0) / kToggles);
    }
}
BENCHMARK(BM_ModeToggles)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

// The whole-run decimation alone, 3.6 M points into 1920 columns: one pass over every point
// against the min/max pyramid, in the same run.
std::map<std::string, std::vector<double>> g_decimateMs;

void BM_DecimateWholeRun(benchmark::State &state)
{
    const bool pyramid = state.range(0) != 0;
    static QVector<QPointF> points;
    static LagPyramid levels;
    if (points.isEmpty()) {
        for (quint32 i = 0; i < kHourTicks; ++i)
            points.append(LagDecimator::toPoint(makeTick(i), kOrigin));
        levels.append(points.constData(), points.size());
    }
    const LagDecimator decimator(0, points.constLast().x(), 1920);
    std::vector<double> &runs = g_decimateMs[pyramid ? "pyramid" : "every point"];
    runs.clear();
    QList<QPointF> out;
    for (auto _ : state) {
        const double cpu0 = threadCpuMs();
        out.clear();
        if (pyramid)
            decimator.decimate(points.constData(), 0, points.size(), levels, &out);
        else
            decimator.decimate(points.constData(), points.constData() + points.size(), &out);
        runs.push_back(threadCpuMs() - cpu0);
        benchmark::DoNotOptimize(out.size());
    }
}
BENCHMARK(BM_DecimateWholeRun)->Arg(0)->Arg(1)->Iterations(frameCount())->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- 5. PNG export ------------------------------------------------------------------------

std::vector<double> g_exportMs;
QString g_exportError;
QSize g_exportSize;

void BM_PngExport(benchmark::State &state)
{
    LoadedRun run;
    run.recorder = std::make_shared<Recorder>();
    Recorder &r = *run.recorder;
    r.registerLane(QStringLiteral("GUI thread"));
    r.registerLane(QStringLiteral("pool-1"));
    r.registerLane(QStringLiteral("pool-2"));
    run.config.mode = ExecMode::Pool;
    run.config.intervalMs = 1;
    run.startNs = kOrigin;
    run.endNs = kOrigin + 60 * kSec;
    r.addModeSwitch(kOrigin, ExecMode::Pool);
    for (quint32 i = 0; i < 60000; ++i)
        r.addTick(makeTick(i));
    for (int i = 0; i < 600; ++i) { // one 150 ms task every 100 ms on two workers
        const qint64 submit = kOrigin + qint64(i) * 100 * kMs;
        const qint64 start = kOrigin + qint64(i / 2) * 150 * kMs + (i % 2) * 75 * kMs;
        const quint32 id = r.beginSpan(WorkKind::Io, ExecMode::Pool, submit);
        r.markStart(id, 1 + i % 2, qMax(submit, qMin(start, run.endNs - 200 * kMs)));
        r.markEnd(id, qMax(submit, qMin(start, run.endNs - 200 * kMs)) + 150 * kMs, SpanState::Done);
    }
    const QString path = QDir::tempPath() + QStringLiteral("/looplab-bench-export.png");
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!PngExporter::exportRun(run, path, QSize(3840, 2160), &error))
            g_exportError = error;
        g_exportMs.push_back(elapsedMs(timer));
    }
    g_exportSize = QImageReader(path).size();
}
BENCHMARK(BM_PngExport)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- 7. Startup --------------------------------------------------------------------------

class FirstPaint : public QObject
{
public:
    qint64 paintedNs = 0;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!paintedNs && event->type() == QEvent::Paint && watched->isWidgetType()
            && qobject_cast<QMainWindow *>(static_cast<QWidget *>(watched)->window()))
            paintedNs = MonotonicClock::nowNs();
        return false;
    }
};

struct Startup
{
    double appMs = 0;       // QApplication constructor
    double windowMs = 0;    // MainWindow constructor
    double firstPaintMs = 0; // from before QApplication to the first paint event of the window
    bool painted = false;
};

Startup measureStartup(qint64 mainStartNs, qint64 appDoneNs)
{
    Startup s;
    s.appMs = (appDoneNs - mainStartNs) / 1e6;
    FirstPaint filter;
    qApp->installEventFilter(&filter);
    const qint64 t0 = MonotonicClock::nowNs();
    auto *window = new MainWindow;
    s.windowMs = (MonotonicClock::nowNs() - t0) / 1e6;
    window->show();
    QElapsedTimer guard;
    guard.start();
    while (!filter.paintedNs && guard.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    s.painted = filter.paintedNs != 0;
    s.firstPaintMs = (filter.paintedNs - mainStartNs) / 1e6;
    qApp->removeEventFilter(&filter);
    window->hide();
    delete window;
    QApplication::processEvents();
    return s;
}

// `looplab --version`, start to exit: exec + dynamic linking + Qt start, a lower bound.
std::vector<double> measureVersionProcess(QString *binaryOut)
{
    QString binary = qEnvironmentVariable("LOOPLAB_BINARY");
    if (binary.isEmpty())
        binary = QStringLiteral(LOOPLAB_BINARY_DEFAULT);
    *binaryOut = binary;
    std::vector<double> runs;
    if (!QFileInfo(binary).isExecutable())
        return runs;
    for (int i = 0; i < 7; ++i) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        process.start(binary, {QStringLiteral("--version")});
        if (!process.waitForFinished(10000) || process.exitCode() != 0)
            continue;
        if (i > 0) // the first warms the page cache
            runs.push_back(elapsedMs(timer));
    }
    return runs;
}

void addFrameRow(const std::string &target, const std::string &label, double budgetMs, const std::string &note,
                 const char *selfName = "own paintEvent (lastPaintNs)")
{
    const auto it = g_frames.find(label);
    if (it == g_frames.end() || it->second.empty())
        return;
    const double med = median(it->second);
    const double worst = *std::max_element(it->second.begin(), it->second.end());
    addRow(target, fmt("%.2f ms/frame", med), med <= budgetMs,
           "median of " + std::to_string(it->second.size()) + fmt(", worst %.2f ms", worst)
               + fmt(", thread CPU %.2f ms", median(g_cpuFrames[label]))
               + "; " + std::string(selfName) + fmt(" %.2f ms", g_selfPaintMs[label])
               + fmt("; first load %.0f ms", g_initialMs[label]) + (note.empty() ? "" : "; " + note));
}

} // namespace

int main(int argc, char **argv)
{
    const qint64 mainStartNs = MonotonicClock::nowNs();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep the window's settings away from the user's.
    QTemporaryDir configDir;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(configDir.path()));
    QApplication app(argc, argv);
    const qint64 appDoneNs = MonotonicClock::nowNs();
    const Startup startup = measureStartup(mainStartNs, appDoneNs); // first, while cold

    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    for (int spans : {10000, 100000, 1000000}) {
        const std::string n = spans == 10000 ? "10k" : spans == 100000 ? "100k" : "1M";
        addFrameRow("Timeline paint <= 16 ms, " + n + " spans, full width (60 s)",
                    "timeline " + std::to_string(spans) + " full", 16, "1920 px wide, refresh + showAll + repaint");
        if (spans == 1000000)
            addFrameRow("Timeline paint, 1M spans, full width, every span drawn (pyramid off)",
                        "timeline 1000000 full every", 1e9, "same run, for comparison");
        addFrameRow("Timeline paint <= 16 ms, " + n + " spans, zoomed to 1 s",
                    "timeline " + std::to_string(spans) + " zoom1s", 16, "1920 px wide, refresh + showRange + repaint");
    }
    addFrameRow("Latency chart <= 16 ms/frame, 3.6 M ticks, live (last 10 s)", "chart live 10 s", 16,
                "1920x400, +16 ticks, refresh + repaint", "own refresh (lastUpdateNs)");
    addFrameRow("Latency chart <= 16 ms/frame, 3.6 M ticks, whole run", "chart whole run", 16,
                "1920x400, +16 ticks, refresh + repaint", "own refresh (lastUpdateNs)");
    for (const auto &[label, parts] : g_parts) {
        if (!parts[0].empty())
            addInfo("Latency chart frame parts, " + label, fmt("%.2f ms", median(parts[0])) + fmt(" + %.2f", median(parts[1]))
                    + fmt(" + %.2f ms", median(parts[2])), "medians: refresh + queued events + repaint");
    }
    if (!g_toggleRates.empty()) {
        const double rate = median(g_toggleRates);
        addRow("1,000 mode toggles >= 60 toggles/s", fmt("%.0f toggles/s", rate), rate >= 60,
               "live latency chart 1920x400, a toggle every 50 ms of run time, each refresh + repaint; median of "
                   + std::to_string(g_toggleRates.size()) + fmt(", thread CPU %.2f ms per toggle", median(g_toggleCpu)));
    }
    for (const auto &[name, runs] : g_decimateMs) {
        if (!runs.empty())
            addInfo("Whole-run decimation, 3.6 M points to 1920 columns, " + name, fmt("%.2f ms CPU", median(runs)),
                    "median of " + std::to_string(runs.size())
                        + fmt(", best %.2f ms", *std::min_element(runs.begin(), runs.end())));
    }
    if (!g_exportMs.empty()) {
        const double med = median(g_exportMs);
        addRow("PNG export of dashboard 3840x2160 <= 1 s", fmt("%.0f ms", med), med <= 1000 && g_exportError.isEmpty(),
               "PngExporter::exportRun (layout, render, encode, QSaveFile) of a 60 s run, 60k ticks, 600 spans; median of "
                   + std::to_string(g_exportMs.size()) + "; image "
                   + std::to_string(g_exportSize.width()) + "x" + std::to_string(g_exportSize.height())
                   + (g_exportError.isEmpty() ? "" : "; ERROR " + g_exportError.toStdString()));
    }
    addRow("Startup to first painted window <= 300 ms (in-process)",
           startup.painted ? fmt("%.0f ms", startup.firstPaintMs) : std::string("no paint within 5 s"),
           startup.painted && startup.firstPaintMs <= 300,
           fmt("QApplication %.0f ms", startup.appMs) + fmt(" + MainWindow ctor %.0f ms", startup.windowMs)
               + " + show to first Paint event; excludes exec and dynamic linking");
    QString binary;
    const std::vector<double> version = measureVersionProcess(&binary);
    if (version.empty())
        addInfo("`looplab --version` start to exit", "not run", "no executable at " + binary.toStdString());
    else
        addInfo("`looplab --version` start to exit (exec + link lower bound)", fmt("%.0f ms", median(version)),
                "median of " + std::to_string(version.size()) + " via QProcess");
    printTable("Loop Lab UI benchmarks (QT_QPA_PLATFORM=offscreen)");
    return 0;
}
