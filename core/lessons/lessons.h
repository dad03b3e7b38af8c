#pragma once

#include "lessons/lesson.h"

#include <QStringList>
#include <QVector>

// The lessons Loop Lab teaches, in the order a newcomer should take them: one per way of
// bridging blocking work and an event loop, each with a preset that shows its signature
// within a few seconds. Texts are translated when built (first use, retranslate()); snippets
// are code and are not.
class Lessons
{
public:
    static const QVector<Lesson> &all();
    // Builds the texts again in the current language: call after installing translators.
    // Invalidates references and pointers from all() and find().
    static void retranslate();
    // Null when no lesson has that name.
    static const Lesson *find(const QString &name);
    static QStringList names();

    // Plain text for `looplab lessons NAME`: prose wrapped for a terminal, snippets indented.
    static QString describe(const Lesson &lesson);
    // Rich text for the lessons panel. The mode tag is <span class="mode mode-NAME">, so the
    // widget colours it from the theme through the document's default style sheet.
    static QString html(const Lesson &lesson);

    // "pool · I/O 200 ms every 100 ms · 1 worker · 5 s"
    static QString presetSummary(const RunConfig &config);
    // The `looplab run` options that reproduce a preset.
    static QStringList presetArguments(const RunConfig &config);
};
