#pragma once

#include <QString>
#include <QStringList>

// The small vocabularies shared by the engine, the command line and the window.
enum class WorkKind : quint8 { Io, Cpu };

enum class ExecMode : quint8 { Inline, Pool };

enum class SpanState : quint8 { Empty, Queued, Running, Done, Cancelled, Failed };

class Kinds
{
public:
    static QString name(WorkKind kind);
    static QString name(ExecMode mode);
    static QString name(SpanState state);
    // Human labels for the window and the exported images.
    static QString label(WorkKind kind);
    static QString label(ExecMode mode);
    // One word for the statistics strip and legends.
    static QString shortLabel(ExecMode mode);

    static bool parse(const QString &text, WorkKind *kind);
    static bool parse(const QString &text, ExecMode *mode);

    static QStringList workNames();
    static QStringList modeNames();
    static QList<ExecMode> allModes();
};
