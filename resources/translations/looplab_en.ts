<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Dashboard</name>
    <message numerus="yes">
        <source>%n worker processes</source>
        <translation>
            <numerusform>%n worker process</numerusform>
            <numerusform>%n worker processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pool threads</source>
        <translation>
            <numerusform>%n pool thread</numerusform>
            <numerusform>%n pool threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LagHistogramChart</name>
    <message numerus="yes">
        <source>Stall-corrected, %1 ms: %n ticks (%2 %)</source>
        <translation>
            <numerusform>Stall-corrected, %1 ms: %n tick (%2 %)</numerusform>
            <numerusform>Stall-corrected, %1 ms: %n ticks (%2 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Raw, %1 ms: %n ticks (%2 %)</source>
        <translation>
            <numerusform>Raw, %1 ms: %n tick (%2 %)</numerusform>
            <numerusform>Raw, %1 ms: %n ticks (%2 %)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message numerus="yes">
        <source>%n workers</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Stopped after %1 s: p99 lag %2 ms, worst %3 ms, %n long tasks.</source>
        <translation>
            <numerusform>Stopped after %1 s: p99 lag %2 ms, worst %3 ms, %n long task.</numerusform>
            <numerusform>Stopped after %1 s: p99 lag %2 ms, worst %3 ms, %n long tasks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Program: %1 · %2 · pid %3 · ticker every %4 ms · %n threads
%5</source>
        <translation>
            <numerusform>Program: %1 · %2 · pid %3 · ticker every %4 ms · %n thread
%5</numerusform>
            <numerusform>Program: %1 · %2 · pid %3 · ticker every %4 ms · %n threads
%5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramSources</name>
    <message numerus="yes">
        <source>%1, %n events dropped</source>
        <translation>
            <numerusform>%1, %n event dropped</numerusform>
            <numerusform>%1, %n events dropped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsStrip</name>
    <message numerus="yes">
        <source>%1 · %n cancelled</source>
        <translation>
            <numerusform>%1 · %n cancelled</numerusform>
            <numerusform>%1 · %n cancelled</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message numerus="yes">
        <source>Loop blocked: %n stalls ≥ %1 ms, worst %2 ms, p99 %3 ms.</source>
        <translation>
            <numerusform>Loop blocked: %n stall ≥ %1 ms, worst %2 ms, p99 %3 ms.</numerusform>
            <numerusform>Loop blocked: %n stalls ≥ %1 ms, worst %2 ms, p99 %3 ms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The GUI thread waited %n times for other threads, %1 ms in all.</source>
        <translation>
            <numerusform>The GUI thread waited once for another thread, %1 ms in all.</numerusform>
            <numerusform>The GUI thread waited %n times for other threads, %1 ms in all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue depth peaked at %1; the producer was held back %n times.</source>
        <translation>
            <numerusform>Queue depth peaked at %1; the producer was held back once.</numerusform>
            <numerusform>Queue depth peaked at %1; the producer was held back %n times.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event loops nested %1 deep; %n handlers ran re-entered.</source>
        <translation>
            <numerusform>Event loops nested %1 deep; %n handler ran re-entered.</numerusform>
            <numerusform>Event loops nested %1 deep; %n handlers ran re-entered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks were cancelled at stop.</source>
        <translation>
            <numerusform>%n task was cancelled at stop.</numerusform>
            <numerusform>%n tasks were cancelled at stop.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks failed.</source>
        <translation>
            <numerusform>%n task failed.</numerusform>
            <numerusform>%n tasks failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: blocked, %n stalls, worst %2 ms</source>
        <translation>
            <numerusform>%1: blocked, %n stall, worst %2 ms</numerusform>
            <numerusform>%1: blocked, %n stalls, worst %2 ms</numerusform>
        </translation>
    </message>
</context>
</TS>
