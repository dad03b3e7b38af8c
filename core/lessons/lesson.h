#pragma once

#include "engine/runconfig.h"

// One sync/async bridging pattern a user can pick and run: the preset it runs with and the
// texts that explain it. Written for Loop Lab; the asyncio snippet sits beside the Qt one
// because many users arrive from asyncio.
struct Lesson
{
    QString name;          // command-line name, e.g. "bounded-pool"
    QString title;         // "Bounded pool: tasks queue, the loop stays free"
    RunConfig preset;      // mode, work and parameters the lesson runs with
    QString whatHappens;   // what the run does
    QString why;           // why the loop is (or is not) blocked
    QString lookFor;       // what to look for in the charts
    QString asyncioSnippet;
    QString qtSnippet;
};
