<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CompareDialog</name>
    <message>
        <source>Run</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>Прервать</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Экспорт PNG…</translation>
    </message>
    <message>
        <source>Compare modes — Loop Lab</source>
        <translation>Сравнение режимов — Loop Lab</translation>
    </message>
    <message>
        <source>Modes to compare (run one after another, same workload)</source>
        <translation>Режимы для сравнения (по очереди, с одной и той же нагрузкой)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>How long each mode runs</source>
        <translation>Сколько длится прогон каждого режима</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Ещё не запускалось</translation>
    </message>
    <message>
        <source>The runs use this window&apos;s event loop: in the blocking modes the dialog freezes too.</source>
        <translation>Прогоны идут в цикле событий этого окна: в блокирующих режимах диалог тоже замирает.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Cannot run: %1.</source>
        <translation>Запуск невозможен: %1.</translation>
    </message>
    <message>
        <source>a comparison is already running</source>
        <translation>сравнение уже идёт</translation>
    </message>
    <message>
        <source>Running %1 (%2/%3)…</source>
        <translation>Выполняется %1 (%2/%3)…</translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2 runs done, 1 stopped early</source>
        <translation>Прервано: выполнено прогонов — %1 из %2, один остановлен досрочно</translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2 runs done</source>
        <translation>Прервано: выполнено прогонов — %1 из %2</translation>
    </message>
    <message>
        <source>Done: %1 runs</source>
        <translation>Готово, прогонов: %1</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Остановлено: %1</translation>
    </message>
    <message>
        <source>Nothing measured.</source>
        <translation>Ничего не измерено.</translation>
    </message>
    <message>
        <source>Export PNG… saves the comparison below at 1600 × 1000.</source>
        <translation>«Экспорт PNG…» сохраняет сравнение ниже в размере 1600 × 1000.</translation>
    </message>
    <message>
        <source>Tick at least two modes</source>
        <translation>Отметьте хотя бы два режима</translation>
    </message>
    <message>
        <source>%1 modes × %2 s = %3 s in all</source>
        <translation>режимов: %1 × %2 с = всего %3 с</translation>
    </message>
    <message>
        <source>tick at least two modes</source>
        <translation>отметьте хотя бы два режима</translation>
    </message>
    <message>
        <source>Export comparison as PNG</source>
        <translation>Экспорт сравнения в PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Экспорт PNG</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Duration per mode</source>
        <translation>Длительность на режим</translation>
    </message>
    <message>
        <source>What each task does: a blocking sleep or CPU-bound JSON parsing.</source>
        <translation>Что делает каждая задача: блокирующее ожидание или разбор JSON, нагружающий процессор.</translation>
    </message>
    <message>
        <source>Work kind</source>
        <translation>Вид работы</translation>
    </message>
    <message>
        <source>&amp;Work:</source>
        <translation>&amp;Работа:</translation>
    </message>
    <message>
        <source>&amp;Duration per mode:</source>
        <translation>&amp;Длительность на режим:</translation>
    </message>
    <message>
        <source>Run the ticked modes one after another with this workload.</source>
        <translation>Запустить отмеченные режимы по очереди с этой нагрузкой.</translation>
    </message>
    <message>
        <source>Stop the comparison; the modes already run stay on the charts.</source>
        <translation>Остановить сравнение; уже пройденные режимы останутся на графиках.</translation>
    </message>
    <message>
        <source>Save the comparison (charts and table) as one PNG image.</source>
        <translation>Сохранить сравнение (графики и таблицу) одним изображением PNG.</translation>
    </message>
    <message>
        <source>Comparison progress</source>
        <translation>Ход сравнения</translation>
    </message>
    <message>
        <source>Close this window (Esc).</source>
        <translation>Закрыть это окно (Esc).</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>no modes to compare: pick at least one</source>
        <translation>нечего сравнивать: выберите хотя бы один режим</translation>
    </message>
    <message>
        <source>mode %1 is listed twice</source>
        <translation>режим %1 указан дважды</translation>
    </message>
    <message>
        <source>a comparison needs a duration per mode above 0 seconds</source>
        <translation>для сравнения нужна длительность режима больше 0 секунд</translation>
    </message>
    <message>
        <source>a comparison is already running</source>
        <translation>сравнение уже идёт</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No run finished.</source>
        <translation>Ни один прогон не завершился.</translation>
    </message>
    <message>
        <source>%1: p99 %2 ms, worst %3 ms.</source>
        <translation>%1: p99 %2 мс, худшее %3 мс.</translation>
    </message>
    <message>
        <source>Worst p99: %1 %2 ms; best: %3 %4 ms.</source>
        <translation>Худший p99: %1 %2 мс; лучший: %3 %4 мс.</translation>
    </message>
    <message>
        <source>Stalled the loop (ticks ≥ %1 ms late): %2.</source>
        <translation>Цикл зависал (тики опаздывали на ≥ %1 мс): %2.</translation>
    </message>
    <message>
        <source>Within one frame (p99 &lt; %1 ms): %2.</source>
        <translation>В пределах кадра (p99 &lt; %1 мс): %2.</translation>
    </message>
    <message>
        <source>Stopped early: %1.</source>
        <translation>Остановлены досрочно: %1.</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Loop Lab — comparing modes</source>
        <translation>Loop Lab — сравнение режимов</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Логарифмическая шкала</translation>
    </message>
    <message>
        <source>Computed from these runs&apos; measurements.</source>
        <translation>Вычислено по измерениям этих прогонов.</translation>
    </message>
    <message>
        <source>Lag chart: logarithmic lateness axis, so sub-millisecond and 100 ms lag both show.</source>
        <translation>График задержки: логарифмическая ось опоздания, чтобы были видны и доли миллисекунды, и 100 мс.</translation>
    </message>
    <message>
        <source>Tick lateness over time, each run from its own start</source>
        <translation>Опоздание тиков во времени, каждый прогон от своего начала</translation>
    </message>
    <message>
        <source>Lateness distribution: share of ticks per bucket</source>
        <translation>Распределение опозданий: доля тиков в каждом интервале</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <source>Where each task ran</source>
        <translation>Где выполнялась каждая задача</translation>
    </message>
    <message>
        <source>p50
(ms)</source>
        <translation>p50
(мс)</translation>
    </message>
    <message>
        <source>Median tick lateness</source>
        <translation>Медиана опоздания тиков</translation>
    </message>
    <message>
        <source>p95
(ms)</source>
        <translation>p95
(мс)</translation>
    </message>
    <message>
        <source>95th percentile of tick lateness</source>
        <translation>95-й процентиль опоздания тиков</translation>
    </message>
    <message>
        <source>p99
(ms)</source>
        <translation>p99
(мс)</translation>
    </message>
    <message>
        <source>99th percentile of tick lateness</source>
        <translation>99-й процентиль опоздания тиков</translation>
    </message>
    <message>
        <source>p99 corrected
(ms)</source>
        <translation>p99 с поправкой
(мс)</translation>
    </message>
    <message>
        <source>p99 counting the ticks a blocked loop should have fired (coordinated omission)</source>
        <translation>p99 с учётом тиков, которые заблокированный цикл должен был выдать (coordinated omission)</translation>
    </message>
    <message>
        <source>max
(ms)</source>
        <translation>макс.
(мс)</translation>
    </message>
    <message>
        <source>Lateness of the latest tick</source>
        <translation>Опоздание самого позднего тика</translation>
    </message>
    <message>
        <source>long
tasks</source>
        <translation>долгие
задачи</translation>
    </message>
    <message>
        <source>Ticks at least %1 ms late</source>
        <translation>Тики, опоздавшие не менее чем на %1 мс</translation>
    </message>
    <message>
        <source>missed
ticks</source>
        <translation>пропущ.
тики</translation>
    </message>
    <message>
        <source>Ticks that never fired because the loop was blocked</source>
        <translation>Тики, которые так и не сработали, потому что цикл был заблокирован</translation>
    </message>
    <message>
        <source>tasks
done</source>
        <translation>задач
выполнено</translation>
    </message>
    <message>
        <source>Tasks completed in the run</source>
        <translation>Задачи, завершённые за прогон</translation>
    </message>
    <message>
        <source>loop
busy</source>
        <translation>цикл
занят</translation>
    </message>
    <message>
        <source>Share of the run the GUI thread spent running tasks</source>
        <translation>Доля прогона, которую GUI-поток потратил на выполнение задач</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вывод</translation>
    </message>
    <message>
        <source>What the run showed, computed from its figures</source>
        <translation>Что показал прогон — вычислено по его цифрам</translation>
    </message>
    <message>
        <source>Lateness: how much later than scheduled the loop&apos;s ticker fired; every figure is in ms. Corrected: counting the ticks a blocked loop should have fired. Long task: a tick ≥ %1 ms late. Loop busy: share of the run the GUI thread spent running tasks.</source>
        <translation>Опоздание: насколько позже назначенного срабатывал тикер цикла; все цифры в мс. С поправкой: с учётом тиков, которые заблокированный цикл должен был выдать. Долгая задача: тик опоздал на ≥ %1 мс. Цикл занят: доля прогона, которую GUI-поток потратил на выполнение задач.</translation>
    </message>
    <message>
        <source>blocking I/O of %1 ms</source>
        <translation>блокирующий ввод-вывод по %1 мс</translation>
    </message>
    <message>
        <source>CPU: parse + walk %1 KB of JSON</source>
        <translation>CPU: разбор и обход %1 КБ JSON</translation>
    </message>
    <message>
        <source>Same workload in each mode, one run after another — work: %1, one task every %2 ms · ticker every %3 ms · %4 workers · %5 s per mode</source>
        <translation>Одна и та же нагрузка в каждом режиме, прогоны по очереди — работа: %1, задача каждые %2 мс · тикер каждые %3 мс · рабочих: %4 · %5 с на режим</translation>
    </message>
    <message>
        <source>time since the run started (s)</source>
        <translation>время от начала прогона (с)</translation>
    </message>
    <message>
        <source>tick lateness (ms, log scale)</source>
        <translation>опоздание тика (мс, лог. шкала)</translation>
    </message>
    <message>
        <source>tick lateness (ms)</source>
        <translation>опоздание тика (мс)</translation>
    </message>
    <message>
        <source>16.7 ms · one frame</source>
        <translation>16.7 мс · один кадр</translation>
    </message>
    <message>
        <source>50 ms · long task</source>
        <translation>50 мс · долгая задача</translation>
    </message>
    <message>
        <source>100 ms · input feels slow</source>
        <translation>100 мс · ввод ощущается медленным</translation>
    </message>
    <message>
        <source>tick lateness (ms, log scale; %1 buckets per decade)</source>
        <translation>опоздание тика (мс, лог. шкала; интервалов на декаду: %1)</translation>
    </message>
    <message>
        <source>share of the run&apos;s ticks (%)</source>
        <translation>доля тиков прогона (%)</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>кадр</translation>
    </message>
    <message>
        <source>long</source>
        <translation>долгая</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>медленно</translation>
    </message>
    <message>
        <source>stopped after %1 s</source>
        <translation>остановлен через %1 с</translation>
    </message>
    <message>
        <source>Worst p99 of these runs</source>
        <translation>Худший p99 среди этих прогонов</translation>
    </message>
    <message>
        <source>Best p99 of these runs</source>
        <translation>Лучший p99 среди этих прогонов</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Loop Lab — event-loop lag</source>
        <translation>Loop Lab — задержка цикла событий</translation>
    </message>
    <message>
        <source>Computed from this run&apos;s measurements.</source>
        <translation>Вычислено по измерениям этого прогона.</translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation>Гистограмма</translation>
    </message>
    <message>
        <source>Tick lateness, raw and stall-corrected, in log-spaced buckets.</source>
        <translation>Опоздание тиков, исходное и с поправкой на зависания, в логарифмических интервалах.</translation>
    </message>
    <message>
        <source>Long tasks</source>
        <translation>Долгие задачи</translation>
    </message>
    <message>
        <source>Every loop stall of 50 ms or more and what ran on the loop meanwhile. Click a row to show it on the timeline.</source>
        <translation>Каждое зависание цикла на 50 мс и более и то, что в это время выполнялось в цикле. Щёлкните строку, чтобы показать её на временной шкале.</translation>
    </message>
    <message>
        <source>No run yet: press Start (Space), or pick a lesson on the right.</source>
        <translation>Прогонов ещё не было: нажмите «Старт» (пробел) или выберите урок справа.</translation>
    </message>
    <message>
        <source>blocking I/O of %1 ms</source>
        <translation>блокирующий ввод-вывод по %1 мс</translation>
    </message>
    <message>
        <source>CPU: parse + walk %1 KB of JSON</source>
        <translation>CPU: разбор и обход %1 КБ JSON</translation>
    </message>
    <message>
        <source>Long tasks (%1)</source>
        <translation>Долгие задачи (%1)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вывод</translation>
    </message>
    <message>
        <source>Run description</source>
        <translation>Описание прогона</translation>
    </message>
    <message>
        <source>Latency chart</source>
        <translation>График задержки</translation>
    </message>
    <message>
        <source>Ticker lateness over time, with the reference lines and a band per mode.</source>
        <translation>Опоздание тикера во времени, с опорными линиями и полосой для каждого режима.</translation>
    </message>
    <message>
        <source>Task timeline</source>
        <translation>Временная шкала задач</translation>
    </message>
    <message>
        <source>Histogram and long tasks</source>
        <translation>Гистограмма и долгие задачи</translation>
    </message>
    <message numerus="yes">
        <source>%n worker processes</source>
        <translation>
            <numerusform>%n рабочий процесс</numerusform>
            <numerusform>%n рабочих процесса</numerusform>
            <numerusform>%n рабочих процессов</numerusform>
        </translation>
    </message>
    <message>
        <source>one dedicated thread</source>
        <translation>один выделенный поток</translation>
    </message>
    <message>
        <source>one producer thread</source>
        <translation>один поток-производитель</translation>
    </message>
    <message numerus="yes">
        <source>%n pool threads</source>
        <translation>
            <numerusform>%n поток в пуле</numerusform>
            <numerusform>%n потока в пуле</numerusform>
            <numerusform>%n потоков в пуле</numerusform>
        </translation>
    </message>
    <message>
        <source>Work: %1, one task every %2 ms · ticker every %3 ms%4 · %5 s
Mode: %6</source>
        <translation>Работа: %1, задача каждые %2 мс · тикер каждые %3 мс%4 · %5 с
Режим: %6</translation>
    </message>
    <message>
        <source>Drag to zoom both charts, wheel to zoom around the cursor; right click or double click shows the whole run.</source>
        <translation>Протяните, чтобы приблизить оба графика, колёсико приближает вокруг курсора; правый или двойной щелчок показывает весь прогон.</translation>
    </message>
    <message>
        <source>Wheel zooms both charts, drag pans, Shift+wheel scrolls the lanes, F follows live.</source>
        <translation>Колёсико масштабирует оба графика, перетаскивание сдвигает, Shift+колёсико прокручивает дорожки, F — следить за живыми данными.</translation>
    </message>
    <message>
        <source>One lane per thread or process: queued time hatched, running time solid. Wheel zooms, drag pans, Shift+wheel scrolls the lanes, F follows live.</source>
        <translation>По дорожке на поток или процесс: ожидание в очереди заштриховано, выполнение залито. Колёсико масштабирует, перетаскивание сдвигает, Shift+колёсико прокручивает дорожки, F — следить за живыми данными.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export PNG</source>
        <translation>Экспорт PNG</translation>
    </message>
    <message>
        <source>Whole dashboard</source>
        <translation>Вся панель</translation>
    </message>
    <message>
        <source>Latency chart</source>
        <translation>График задержки</translation>
    </message>
    <message>
        <source>Task timeline</source>
        <translation>Временная шкала задач</translation>
    </message>
    <message>
        <source>Which part of the window goes into the image.</source>
        <translation>Какая часть окна попадёт в изображение.</translation>
    </message>
    <message>
        <source>Export target</source>
        <translation>Что экспортировать</translation>
    </message>
    <message>
        <source>1× (screen size)</source>
        <translation>1× (размер экрана)</translation>
    </message>
    <message>
        <source>2× (for print and high-DPI screens)</source>
        <translation>2× (для печати и экранов высокой плотности)</translation>
    </message>
    <message>
        <source>Pixel scale of the image relative to the window.</source>
        <translation>Масштаб изображения в пикселях относительно окна.</translation>
    </message>
    <message>
        <source>Export scale</source>
        <translation>Масштаб экспорта</translation>
    </message>
    <message>
        <source>Where the PNG is written. An existing file is replaced only if the export succeeds.</source>
        <translation>Куда записывается PNG. Существующий файл заменяется, только если экспорт удался.</translation>
    </message>
    <message>
        <source>Export path</source>
        <translation>Путь экспорта</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation>&amp;Экспорт:</translation>
    </message>
    <message>
        <source>&amp;Scale:</source>
        <translation>&amp;Масштаб:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Choose the file in a file dialog.</source>
        <translation>Выбрать файл в диалоге.</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Blocking I/O</source>
        <translation>Блокирующий ввод-вывод</translation>
    </message>
    <message>
        <source>CPU (JSON parse + walk)</source>
        <translation>CPU (разбор и обход JSON)</translation>
    </message>
    <message>
        <source>Loop blocked waiting</source>
        <translation>Цикл заблокирован ожиданием</translation>
    </message>
    <message>
        <source>Queue item</source>
        <translation>Элемент очереди</translation>
    </message>
    <message>
        <source>Blocking — run on the GUI thread</source>
        <translation>Блокирующий — выполнять в GUI-потоке</translation>
    </message>
    <message>
        <source>Offload — run on the thread pool</source>
        <translation>Выгрузка — выполнять в пуле потоков</translation>
    </message>
    <message>
        <source>Dedicated thread with its own event loop</source>
        <translation>Отдельный поток со своим циклом событий</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Рабочие процессы</translation>
    </message>
    <message>
        <source>Thread pool under a GIL</source>
        <translation>Пул потоков под GIL</translation>
    </message>
    <message>
        <source>Offload, then block waiting on the future</source>
        <translation>Выгрузка, затем блокирующее ожидание future</translation>
    </message>
    <message>
        <source>Offload, then wait in a nested event loop</source>
        <translation>Выгрузка, затем ожидание во вложенном цикле событий</translation>
    </message>
    <message>
        <source>Offload, but share a mutex with the GUI thread</source>
        <translation>Выгрузка, но с общим мьютексом с GUI-потоком</translation>
    </message>
    <message>
        <source>Producer thread → bounded queue → loop</source>
        <translation>Поток-производитель → ограниченная очередь → цикл</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>Блокирующий</translation>
    </message>
    <message>
        <source>Offload</source>
        <translation>Выгрузка</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Поток</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Процессы</translation>
    </message>
    <message>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <source>Nested</source>
        <translation>Вложенный</translation>
    </message>
    <message>
        <source>Mutex</source>
        <translation>Мьютекс</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>I/O</source>
        <translation>В/В</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>ЦП</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>ожидание</translation>
    </message>
    <message>
        <source>item</source>
        <translation>элемент</translation>
    </message>
    <message>
        <source>The program&apos;s own code</source>
        <translation>Собственный код программы</translation>
    </message>
    <message>
        <source>code</source>
        <translation>код</translation>
    </message>
</context>
<context>
    <name>LagHistogramChart</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>A blocked loop takes no samples while blocked; corrected counts the ticks that should have fired (coordinated omission)</source>
        <translation>Заблокированный цикл не снимает замеров, пока он заблокирован; «с поправкой» учитывает тики, которые должны были сработать (coordinated omission)</translation>
    </message>
    <message>
        <source>%1. The p99 figures come from the buckets, within 1.6 %.</source>
        <translation>%1. Значения p99 берутся из интервалов гистограммы, с точностью до 1.6 %.</translation>
    </message>
    <message>
        <source>Lateness histogram</source>
        <translation>Гистограмма опозданий</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>исходная</translation>
    </message>
    <message>
        <source>stall-corrected</source>
        <translation>с поправкой</translation>
    </message>
    <message>
        <source>tick lateness (ms)</source>
        <translation>опоздание тика (мс)</translation>
    </message>
    <message>
        <source>raw · p99 %1</source>
        <translation>исходная · p99 %1</translation>
    </message>
    <message>
        <source>stall-corrected · p99 %1</source>
        <translation>с поправкой · p99 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lateness histogram: raw vs stall-corrected&lt;/b&gt;&amp;nbsp;&amp;nbsp;p99 raw %1 · corrected %2</source>
        <translation>&lt;b&gt;Гистограмма опозданий: исходная и с поправкой на зависания&lt;/b&gt;&amp;nbsp;&amp;nbsp;p99 исходный %1 · с поправкой %2</translation>
    </message>
    <message>
        <source>ticks</source>
        <translation>тики</translation>
    </message>
    <message numerus="yes">
        <source>Stall-corrected, %1 ms: %n ticks (%2 %)</source>
        <translation>
            <numerusform>С поправкой, %1 мс: %n тик (%2 %)</numerusform>
            <numerusform>С поправкой, %1 мс: %n тика (%2 %)</numerusform>
            <numerusform>С поправкой, %1 мс: %n тиков (%2 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Raw, %1 ms: %n ticks (%2 %)</source>
        <translation>
            <numerusform>Исходная, %1 мс: %n тик (%2 %)</numerusform>
            <numerusform>Исходная, %1 мс: %n тика (%2 %)</numerusform>
            <numerusform>Исходная, %1 мс: %n тиков (%2 %)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language (applies on restart)</source>
        <translation>&amp;Язык (после перезапуска)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Системный (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Loop Lab will use this language the next time it starts. Starting it with --lang overrides the choice once.</source>
        <translation>Loop Lab перейдёт на этот язык при следующем запуске. Запуск с ключом --lang один раз переопределяет этот выбор.</translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message>
        <source>Event-loop lag (ticker lateness)</source>
        <translation>Задержка цикла событий (опоздание тикера)</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>время (с)</translation>
    </message>
    <message>
        <source>mode: %1</source>
        <translation>режим: %1</translation>
    </message>
    <message>
        <source>16.7 ms · one frame</source>
        <translation>16.7 мс · один кадр</translation>
    </message>
    <message>
        <source>50 ms · long task</source>
        <translation>50 мс · долгая задача</translation>
    </message>
    <message>
        <source>100 ms · input feels slow</source>
        <translation>100 мс · ввод ощущается медленным</translation>
    </message>
    <message>
        <source>200 ms · INP good limit</source>
        <translation>200 мс · граница «хорошего» INP</translation>
    </message>
    <message>
        <source>250 ms · hang</source>
        <translation>250 мс · зависание</translation>
    </message>
    <message>
        <source>500 ms · INP poor limit</source>
        <translation>500 мс · граница «плохого» INP</translation>
    </message>
    <message>
        <source>tick lateness</source>
        <translation>опоздание тика</translation>
    </message>
    <message>
        <source>tick lateness (ms)</source>
        <translation>опоздание тика (мс)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 · lag %2 ms</source>
        <translation>%1 · задержка %2 мс</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Blocking call on the loop</source>
        <translation>Блокирующий вызов в цикле</translation>
    </message>
    <message>
        <source>Every 300 ms a timer handler on the GUI thread calls a function that blocks for 200 ms, the way a synchronous database driver or HTTP client waits for its answer. The call runs right there, on the thread that runs the event loop.</source>
        <translation>Каждые 300 мс обработчик таймера в GUI-потоке вызывает функцию, которая блокируется на 200 мс, — так синхронный драйвер базы данных или HTTP-клиент ждёт ответа. Вызов выполняется прямо там, в потоке, который крутит цикл событий.</translation>
    </message>
    <message>
        <source>An event loop runs one handler at a time and can only move on when that handler returns. While the call holds the thread, the ticker&apos;s wake-up is due but nobody is there to deliver it; repaints, clicks and key presses wait in the same line. No CPU is used and nothing is broken: the only thread that could serve the loop is simply busy waiting. asyncio follows the same rule: a coroutine hands control back only at an await, and time.sleep() or a call into a synchronous driver has no await in it.</source>
        <translation>Цикл событий выполняет обработчики по одному и может двигаться дальше, только когда обработчик вернёт управление. Пока вызов держит поток, пробуждение тикера уже пора доставить, но доставить его некому; перерисовки, щелчки и нажатия клавиш ждут в той же очереди. Процессор не занят, и ничего не сломано: единственный поток, который мог бы обслуживать цикл, просто занят ожиданием. В asyncio то же правило: корутина отдаёт управление только на await, а в time.sleep() или вызове синхронного драйвера никакого await нет.</translation>
    </message>
    <message>
        <source>Latency chart: a spike of about 200 ms every 300 ms. A tick that falls due during a task is late by whatever is left of that task, so the spikes are a sawtooth, not single dots. Timeline: the tasks sit on the GUI thread&apos;s own lane, and every spike lines up with one of them. Keep this picture in mind: the next lessons move the same call elsewhere.</source>
        <translation>График задержки: всплеск примерно на 200 мс каждые 300 мс. Тик, срок которого наступает во время задачи, опаздывает на всё, что от этой задачи осталось, поэтому всплески образуют пилу, а не отдельные точки. Временная шкала: задачи лежат на собственной дорожке GUI-потока, и каждый всплеск совпадает с одной из них. Запомните эту картину: следующие уроки переносят тот же вызов в другое место.</translation>
    </message>
    <message>
        <source>Offload to a thread pool</source>
        <translation>Выгрузка в пул потоков</translation>
    </message>
    <message>
        <source>The same 200 ms blocking call, now submitted every 100 ms, is handed to a QThreadPool with QtConcurrent::run. The timer handler only enqueues it and returns; one of four pool threads does the waiting and reports back to the GUI thread by a queued signal when it is done.</source>
        <translation>Тот же блокирующий вызов на 200 мс, теперь каждые 100 мс, передаётся в QThreadPool через QtConcurrent::run. Обработчик таймера лишь ставит его в очередь и возвращается; ждёт один из четырёх потоков пула, а по завершении сообщает GUI-потоку об этом сигналом через очередь (queued signal).</translation>
    </message>
    <message>
        <source>Only the loop&apos;s thread has to stay free, not the whole program. With the blocking call on another thread, the GUI thread spends a few microseconds per task on bookkeeping and is idle otherwise, so the ticker fires on time. The load is twice that of the blocking lesson and the loop does not notice: two tasks are in flight at any moment, each on its own pool thread. A thread that sleeps in a blocking call costs almost nothing, which is why asyncio&apos;s default executor, behind run_in_executor(None, ...) and asyncio.to_thread(), is a thread pool.</source>
        <translation>Свободным должен оставаться только поток цикла, а не вся программа. Когда блокирующий вызов выполняется в другом потоке, GUI-поток тратит на учёт каждой задачи несколько микросекунд, а в остальное время простаивает, поэтому тикер срабатывает вовремя. Нагрузка вдвое больше, чем в уроке о блокировке, а цикл этого не замечает: в каждый момент выполняются две задачи, каждая в своём потоке пула. Поток, спящий в блокирующем вызове, почти ничего не стоит, — поэтому исполнитель asyncio по умолчанию, который стоит за run_in_executor(None, ...) и asyncio.to_thread(), — это пул потоков.</translation>
    </message>
    <message>
        <source>Latency chart: flat, a few milliseconds at most. Timeline: the tasks spread over the pool-1, pool-2 and pool-3 lanes, two or three of them overlapping at any time, while the GUI thread&apos;s lane stays empty. Switch the mode to Blocking during the run and watch the chart jump.</source>
        <translation>График задержки: ровный, не больше нескольких миллисекунд. Временная шкала: задачи распределены по дорожкам pool-1, pool-2 и pool-3, в любой момент две-три из них перекрываются, а дорожка GUI-потока остаётся пустой. Переключите режим на «Блокирующий» во время прогона и посмотрите, как подскочит график.</translation>
    </message>
    <message>
        <source>Bounded pool: tasks queue up</source>
        <translation>Ограниченный пул: задачи копятся</translation>
    </message>
    <message>
        <source>The pool lesson again, with the pool capped at a single thread. A task arrives every 100 ms and takes 200 ms, so the one worker can finish only half of them in time; the others wait in the pool&apos;s queue for their turn.</source>
        <translation>Снова урок о пуле, но пул ограничен одним потоком. Задача приходит каждые 100 мс и занимает 200 мс, так что единственный рабочий поток успевает вовремя только с половиной из них; остальные ждут своей очереди в очереди пула.</translation>
    </message>
    <message>
        <source>A bounded pool protects scarce things (threads, connections, file handles) but does not create capacity. When work arrives faster than the workers finish it, the surplus piles up in the queue, and each new task waits behind every older one: here the wait grows by about 100 ms per task and has no ceiling. The event loop is not part of that problem. Submitting is still only an enqueue, so the loop stays responsive while the work falls further and further behind. Loop lag and task latency are two different numbers; watch both. ThreadPoolExecutor(max_workers=1) behaves exactly like this.</source>
        <translation>Ограниченный пул бережёт дефицитные ресурсы (потоки, соединения, файловые дескрипторы), но не создаёт производительности. Когда работа поступает быстрее, чем рабочие её выполняют, излишек копится в очереди, и каждая новая задача ждёт за всеми более старыми: здесь ожидание растёт примерно на 100 мс с каждой задачей и ничем не ограничено. Цикл событий к этой проблеме отношения не имеет. Отправка — по-прежнему просто постановка в очередь, поэтому цикл остаётся отзывчивым, а работа отстаёт всё больше и больше. Задержка цикла и задержка задач — два разных числа; следите за обоими. ThreadPoolExecutor(max_workers=1) ведёт себя в точности так же.</translation>
    </message>
    <message>
        <source>Latency chart: flat, as in the pool lesson. Timeline: one pool-1 lane busy from end to end, unstarted tasks piling up on the queue row, and the queued strip under each task (from submit to start) longer than the one before. Hover the last task that started: after 5 s it had waited more than 2 s. Stop cancels everything still queued.</source>
        <translation>График задержки: ровный, как в уроке о пуле. Временная шкала: одна дорожка pool-1 занята от края до края, не начатые задачи копятся в строке очереди, а полоска ожидания под каждой задачей (от отправки до старта) длиннее, чем у предыдущей. Наведите курсор на последнюю начатую задачу: через 5 с она ждала больше 2 с. «Стоп» отменяет всё, что ещё стоит в очереди.</translation>
    </message>
    <message>
        <source>A dedicated thread with its own loop</source>
        <translation>Отдельный поток со своим циклом</translation>
    </message>
    <message>
        <source>Loop Lab starts one QThread that runs an event loop of its own (exec()) and moves a worker QObject onto it. Every 200 ms the GUI thread posts a 150 ms task to that worker with QMetaObject::invokeMethod and Qt::QueuedConnection; the worker runs it and the result travels back to the GUI thread as a queued signal.</source>
        <translation>Loop Lab запускает один QThread с собственным циклом событий (exec()) и переносит в него рабочий QObject. Каждые 200 мс GUI-поток отправляет этому объекту задачу на 150 мс через QMetaObject::invokeMethod с Qt::QueuedConnection; объект выполняет её, и результат возвращается в GUI-поток сигналом через очередь.</translation>
    </message>
    <message>
        <source>Two event loops on two threads, talking only by posting to each other&apos;s queues. Posting never waits, so the GUI loop stays free. The worker&apos;s loop handles its events strictly one after another, so tasks never overlap and whatever state the worker keeps needs no lock. This is also the standard way for synchronous code to use asyncio: run a loop in a background thread and hand it coroutines with asyncio.run_coroutine_threadsafe(), which returns a concurrent.futures.Future. Blocking on that future&apos;s result() is fine in a plain thread and wrong on a loop thread (see the wait lesson). One difference: coroutines on that loop can interleave at their awaits, while Loop Lab&apos;s blocking tasks run back to back.</source>
        <translation>Два цикла событий в двух потоках, которые общаются только тем, что кладут события в очереди друг друга. Такая отправка никогда не ждёт, поэтому цикл GUI остаётся свободным. Цикл рабочего потока обрабатывает события строго одно за другим, так что задачи никогда не перекрываются, и состоянию рабочего объекта не нужна блокировка. Это же стандартный способ для синхронного кода пользоваться asyncio: запустить цикл в фоновом потоке и передавать ему корутины через asyncio.run_coroutine_threadsafe(), которая возвращает concurrent.futures.Future. Блокироваться на result() этого future в обычном потоке можно, а в потоке цикла нельзя (см. урок об ожидании). Одно отличие: корутины в таком цикле могут чередоваться на своих await, а блокирующие задачи Loop Lab выполняются строго друг за другом.</translation>
    </message>
    <message>
        <source>Latency chart: flat. Timeline: every task on the single thread-1 lane, one at a time and in the order submitted; the GUI thread&apos;s lane stays empty. Raise the task length above the period and they start to queue, exactly like a pool with one worker.</source>
        <translation>График задержки: ровный. Временная шкала: все задачи на единственной дорожке thread-1, по одной и в порядке отправки; дорожка GUI-потока пуста. Сделайте задачу длиннее периода — и они начнут копиться в очереди, в точности как в пуле с одним рабочим потоком.</translation>
    </message>
    <message>
        <source>Worker processes for CPU work</source>
        <translation>Рабочие процессы для вычислений</translation>
    </message>
    <message>
        <source>Every 250 ms a CPU task is due: parse a 2 MB JSON document with QJsonDocument and count every key. It goes to one of two worker processes, each a QProcess running looplab --worker. Loop Lab writes a one-line header with the task&apos;s parameters, then the whole document, into the worker&apos;s standard input; the worker parses, walks and answers with one line on its standard output.</source>
        <translation>Каждые 250 мс наступает срок CPU-задачи: разобрать JSON-документ размером 2 МБ через QJsonDocument и пересчитать все ключи. Она уходит в один из двух рабочих процессов — каждый это QProcess, в котором запущен looplab --worker. Loop Lab пишет в стандартный ввод процесса однострочный заголовок с параметрами задачи, а затем весь документ; рабочий процесс разбирает его, обходит и отвечает одной строкой в стандартный вывод.</translation>
    </message>
    <message>
        <source>A process has its own memory, its own threads and, in Python, its own interpreter with its own GIL, so its computing competes with the GUI thread for cores only, never for a lock. The price is the trip: the input is serialised, pushed through a pipe and decoded on the other side, and the answer comes back the same way. For big inputs that trip is real work, so send the worker as little as it needs (a file name rather than the bytes, when it can read the file itself) and give it jobs large enough to pay for the ride. QProcess buffers what it writes and feeds the pipe as it drains, so the GUI thread never waits for the child. ProcessPoolExecutor likewise leaves the pickling and the writing to helper threads (which, in Python, still need the GIL).</source>
        <translation>У процесса своя память, свои потоки и, в случае Python, свой интерпретатор со своим GIL, поэтому его вычисления конкурируют с GUI-потоком только за ядра, но никогда — за блокировку. Цена — доставка: входные данные сериализуются, проталкиваются через канал (pipe) и декодируются на другой стороне, а ответ возвращается тем же путём. Для больших входных данных эта доставка — настоящая работа, поэтому отправляйте процессу минимум необходимого (имя файла вместо байтов, если он может прочитать файл сам) и давайте ему задания достаточно крупные, чтобы окупить дорогу. QProcess буферизует то, что пишет, и подаёт в канал по мере его освобождения, так что GUI-поток никогда не ждёт дочерний процесс. ProcessPoolExecutor так же оставляет сериализацию (pickle) и запись вспомогательным потокам (которым в Python всё равно нужен GIL).</translation>
    </message>
    <message>
        <source>Latency chart: close to flat. Two workers and the GUI thread share two cores, so expect a few milliseconds of jitter but no long freezes. Timeline: the process-1 and process-2 lanes; each task starts with a transfer segment (serialising and piping the document) before the parse itself. Compare the two lengths: their ratio decides whether a process pays off.</source>
        <translation>График задержки: почти ровный. Два рабочих процесса и GUI-поток делят два ядра, поэтому ждите дрожания в несколько миллисекунд, но не долгих замираний. Временная шкала: дорожки process-1 и process-2; каждая задача начинается с отрезка передачи (сериализация документа и отправка в канал), а затем идёт сам разбор. Сравните эти две длины: их соотношение решает, окупается ли процесс.</translation>
    </message>
    <message>
        <source>The GIL: offloaded, still late</source>
        <translation>GIL: работа выгружена, а цикл опаздывает</translation>
    </message>
    <message>
        <source>Every 250 ms a CPU task (parse a 4 MB JSON document, walk every key) goes to a pool of two threads, as in the pool lesson, but under a model of CPython&apos;s global interpreter lock: a thread must hold one global lock while it runs &quot;Python&quot;, and the ticker, being Python code too, must take it before it counts as awake. A thread that has waited one switch interval (5 ms, as set by sys.setswitchinterval) asks the holder to let go, and the holder does at its next check between &quot;bytecodes&quot;.</source>
        <translation>Каждые 250 мс CPU-задача (разобрать JSON-документ на 4 МБ, обойти все ключи) уходит в пул из двух потоков, как в уроке о пуле, но под моделью глобальной блокировки интерпретатора CPython: поток должен держать одну глобальную блокировку, пока выполняет «Python», и тикер, тоже будучи Python-кодом, должен захватить её, прежде чем считаться проснувшимся. Поток, прождавший один интервал переключения (5 мс, как задаёт sys.setswitchinterval), просит владельца отпустить блокировку, и тот отпускает её на ближайшей проверке между «байт-кодами».</translation>
    </message>
    <message>
        <source>In CPython only the thread holding the GIL runs Python code. asyncio.to_thread() moves a function to another thread but not out from under that lock, so the loop&apos;s thread has to win the GIL back before it can run a single callback. While a pool thread computes, every wake-up of the loop waits at least a switch interval, and a long C call that never lets go (json.loads on a big string is one) holds the loop up for the whole call. Blocking I/O is different: time.sleep(), socket and file reads release the GIL while they wait, so threads are fine for I/O and the pool lesson holds in Python too. For CPU work Python needs processes (the process lesson), a C extension that releases the GIL, or a free-threaded build of Python 3.13 or later.</source>
        <translation>В CPython Python-код выполняет только поток, который держит GIL. asyncio.to_thread() переносит функцию в другой поток, но не выводит её из-под этой блокировки, поэтому потоку цикла нужно отвоевать GIL обратно, прежде чем выполнить хотя бы один обратный вызов. Пока поток пула вычисляет, каждое пробуждение цикла ждёт не меньше интервала переключения, а долгий вызов на C, который блокировку не отпускает (таков json.loads на большой строке), задерживает цикл на всё время вызова. С блокирующим вводом-выводом иначе: time.sleep(), чтение из сокета и файла отпускают GIL на время ожидания, так что для ввода-вывода потоки годятся, и урок о пуле верен и для Python. Для вычислений Python нужны процессы (урок о процессах), расширение на C, отпускающее GIL, или сборка Python 3.13 и новее без GIL (free-threaded).</translation>
    </message>
    <message>
        <source>Latency chart: late ticks although every task runs on a gil-N lane; the spikes are about as long as the parse, which holds the lock from start to end, and the walk adds a few milliseconds per switch. Switch the mode to the plain pool on the same CPU work and the chart flattens, because C++ threads share no such lock. Switch the work to I/O and the GIL mode flattens too.</source>
        <translation>График задержки: тики опаздывают, хотя каждая задача выполняется на дорожке gil-N; всплески примерно той же длины, что разбор, который держит блокировку от начала до конца, а обход добавляет по нескольку миллисекунд на каждое переключение. Переключите режим на обычный пул при той же CPU-нагрузке — и график выровняется, потому что у потоков C++ такой общей блокировки нет. Переключите работу на ввод-вывод — и режим GIL тоже выровняется.</translation>
    </message>
    <message>
        <source>Offload, then wait: blocks anyway</source>
        <translation>Выгрузить и ждать: снова блокировка</translation>
    </message>
    <message>
        <source>Each 200 ms task goes to the thread pool, as in the pool lesson, but the handler that submitted it then calls QFuture::waitForFinished() because it wants the result before it returns. The GUI thread sits in that call until the pool thread is done.</source>
        <translation>Каждая задача на 200 мс уходит в пул потоков, как в уроке о пуле, но обработчик, который её отправил, затем вызывает QFuture::waitForFinished(), потому что хочет получить результат до возврата. GUI-поток сидит в этом вызове, пока поток пула не закончит.</translation>
    </message>
    <message>
        <source>Offloading pays only if the loop does something else in the meantime. A synchronous wait turns the offloaded task back into a blocking call: the loop&apos;s thread is parked in the wait, so the loop is as stuck as if it had done the work itself. Qt may even run a task that has not started yet right on the waiting thread. The asyncio versions of this mistake are calling result() on a concurrent.futures.Future inside a coroutine or callback, and calling asyncio.run() or loop.run_until_complete() from code already running on the loop. asyncio refuses the last two with a RuntimeError, which is the kinder failure; result() simply blocks. The fix is to await instead (asyncio.wrap_future, or await the task itself), and in Qt to let a QFutureWatcher&apos;s finished() signal continue the work.</source>
        <translation>Выгрузка окупается, только если цикл тем временем занимается чем-то другим. Синхронное ожидание снова превращает выгруженную задачу в блокирующий вызов: поток цикла стоит в ожидании, так что цикл застревает так же, как если бы делал работу сам. Qt может даже выполнить ещё не начатую задачу прямо в ожидающем потоке. В asyncio та же ошибка выглядит как вызов result() у concurrent.futures.Future внутри корутины или обратного вызова, а также как вызов asyncio.run() или loop.run_until_complete() из кода, который уже выполняется в цикле. Последние два asyncio отвергает с RuntimeError — это более милосердный исход; result() же просто блокируется. Исправление — ждать через await (asyncio.wrap_future или await самой задачи), а в Qt — продолжать работу по сигналу finished() от QFutureWatcher.</translation>
    </message>
    <message>
        <source>Latency chart: the same 200 ms spikes as the blocking lesson, with the same preset. Timeline: the work sits on a pool lane, and right above it the GUI thread&apos;s lane shows a wait span of the same length: the loop blocked on the future. Offloading moved the work, not the waiting.</source>
        <translation>График задержки: те же всплески по 200 мс, что в уроке о блокировке, с теми же настройками. Временная шкала: работа лежит на дорожке пула, а прямо над ней на дорожке GUI-потока — отрезок ожидания той же длины: цикл заблокирован на future. Выгрузка перенесла работу, но не ожидание.</translation>
    </message>
    <message>
        <source>Nested event loop: re-entrancy</source>
        <translation>Вложенный цикл: повторный вход</translation>
    </message>
    <message>
        <source>Every 400 ms a 500 ms task goes to the pool, and the handler that submitted it waits for it inside a local QEventLoop: exec() runs the event loop again, one level down, until the task&apos;s finished() signal calls quit(). Meanwhile every other event (ticks, repaints, clicks, results, the next submission) is handled from inside the waiting handler.</source>
        <translation>Каждые 400 мс задача на 500 мс уходит в пул, а обработчик, который её отправил, ждёт её внутри локального QEventLoop: exec() снова запускает цикл событий, уровнем ниже, пока сигнал finished() задачи не вызовет quit(). Тем временем все остальные события (тики, перерисовки, щелчки, результаты, следующая отправка) обрабатываются изнутри ждущего обработчика.</translation>
    </message>
    <message>
        <source>The lag disappears because the loop is running again, but it is running inside a half-finished function. Any handler may now run in the middle of yours and change what you were in the middle of using: the object you were editing may be deleted, the list you were walking may shrink, the whole run may be stopped. When exec() returns, your function carries on as if nothing had happened. Nesting also has no limit of its own: an event that starts another wait while one is in progress opens a second level on top of the first, and the first cannot return until the second has, however early its own result arrived. Under a steady load the stack keeps growing. Qt does not re-enter a timer&apos;s own handler, but a click, a network reply or a queued signal has no such guard. asyncio forbids all this (run_until_complete on a running loop raises); nest_asyncio patches that check away and brings these problems back.</source>
        <translation>Задержка исчезает, потому что цикл снова работает, но работает он внутри недовыполненной функции. Теперь посреди вашего обработчика может выполниться любой другой и изменить то, чем вы как раз пользовались: объект, который вы редактировали, может быть удалён, список, который вы обходили, — укоротиться, весь прогон — остановиться. Когда exec() вернётся, функция продолжит работу как ни в чём не бывало. Собственного предела у вложенности тоже нет: событие, которое начинает ещё одно ожидание, пока идёт первое, открывает второй уровень поверх первого, и первый не может вернуться, пока не вернётся второй, как бы рано ни пришёл его собственный результат. При постоянной нагрузке стек всё растёт. Qt не входит повторно в обработчик самого таймера, но у щелчка, сетевого ответа или сигнала через очередь такой защиты нет. asyncio всё это запрещает (run_until_complete на работающем цикле бросает исключение); nest_asyncio убирает эту проверку и возвращает все эти проблемы.</translation>
    </message>
    <message>
        <source>Latency chart: mostly flat, since the nested loops keep ticks flowing. Timeline: the tasks are longer than the period, so each new submission starts inside the previous handler&apos;s wait: a re-entry mark, and the nesting depth row climbs one step. The older tasks finished long ago on the pool lanes, yet their handlers cannot return while a wait above them is open, so the depth only comes down when you press Stop. The chart looks healthy; the depth row is the warning.</source>
        <translation>График задержки: в основном ровный, поскольку вложенные циклы не дают тикам застаиваться. Временная шкала: задачи длиннее периода, поэтому каждая новая отправка начинается внутри ожидания предыдущего обработчика: отметка повторного входа, и строка глубины вложенности поднимается на ступеньку. Старые задачи давно завершились на дорожках пула, но их обработчики не могут вернуться, пока над ними открыто ожидание, поэтому глубина спадает, только когда вы нажмёте «Стоп». График выглядит здоровым; предупреждает именно строка глубины.</translation>
    </message>
    <message>
        <source>A mutex shared with the loop</source>
        <translation>Мьютекс, общий с циклом</translation>
    </message>
    <message>
        <source>Every 250 ms the GUI thread submits a 300 ms task to a pool of two threads. The task holds a QMutex for its whole run, as if the mutex guarded a cache the task fills. Before submitting, the GUI thread&apos;s handler locks the same mutex to update a counter it shares with the workers, and so waits until the running task lets go.</source>
        <translation>Каждые 250 мс GUI-поток отправляет задачу на 300 мс в пул из двух потоков. Задача держит QMutex всё время выполнения, как будто мьютекс охраняет кэш, который она заполняет. Перед отправкой обработчик GUI-потока захватывает тот же мьютекс, чтобы обновить счётчик, общий с рабочими потоками, и потому ждёт, пока выполняющаяся задача его не отпустит.</translation>
    </message>
    <message>
        <source>A lock shared between threads shares their timing too. The worker holds it as long as its task lasts, and whoever else asks for it sleeps in lock() meanwhile, whatever thread that is. When it is the loop&apos;s thread, the loop stops: the work is offloaded, but the lock ties the loop to it again. In asyncio the same happens when a coroutine takes a threading.Lock that an asyncio.to_thread() worker holds: acquire() blocks the whole loop. The fixes: hold a lock only around the few lines that touch shared data, never across I/O or long computing; let the worker build its result privately and publish it with a short lock or a message (a queued signal, call_soon_threadsafe); hand the loop a copy rather than the live data. Where the data is shared only between coroutines, asyncio.Lock is the right tool: a coroutine waiting for it is suspended and the loop keeps going.</source>
        <translation>Общая блокировка делает общим и расписание потоков. Рабочий поток держит её, пока длится его задача, а любой другой, кто её запрашивает, спит в lock() — неважно, какой это поток. Если это поток цикла, цикл останавливается: работа выгружена, но блокировка снова привязывает к ней цикл. В asyncio происходит то же самое, когда корутина берёт threading.Lock, которую держит рабочий поток asyncio.to_thread(): acquire() блокирует весь цикл. Что делать: держать блокировку только вокруг нескольких строк, которые касаются общих данных, и никогда — на время ввода-вывода или долгих вычислений; пусть рабочий поток собирает результат у себя и публикует его под короткой блокировкой или сообщением (сигнал через очередь, call_soon_threadsafe); передавайте циклу копию, а не живые данные. Если данные разделяются только между корутинами, правильный инструмент — asyncio.Lock: корутина, которая её ждёт, приостанавливается, а цикл продолжает работать.</translation>
    </message>
    <message>
        <source>Latency chart: freezes of 300 ms and more, worse than the blocking lesson, although not one task runs on the GUI thread&apos;s lane. Timeline: wait spans on the GUI lane that start when the handler reaches lock() and end the moment a worker&apos;s task ends, or the one after it: QMutex is not fair, so the next queued task may grab the lock before the waiting GUI thread does.</source>
        <translation>График задержки: замирания на 300 мс и больше — хуже, чем в уроке о блокировке, хотя на дорожке GUI-потока не выполняется ни одной задачи. Временная шкала: отрезки ожидания на дорожке GUI, которые начинаются, когда обработчик доходит до lock(), и заканчиваются в тот миг, когда завершается задача рабочего потока, — или следующая за ней: QMutex не справедлив, и следующая задача из очереди может перехватить блокировку раньше ждущего GUI-потока.</translation>
    </message>
    <message>
        <source>Bounded queue and back-pressure</source>
        <translation>Ограниченная очередь, обратное давление</translation>
    </message>
    <message>
        <source>A plain synchronous producer thread makes an item every millisecond and pushes it into a thread-safe queue that holds at most 32 items, then pokes the GUI thread with a queued call. The GUI thread takes items off the queue and spends 2 ms on each, in short slices so the ticker still gets its turn between them.</source>
        <translation>Обычный синхронный поток-производитель каждую миллисекунду создаёт элемент и кладёт его в потокобезопасную очередь не более чем на 32 элемента, а затем подталкивает GUI-поток вызовом через очередь событий. GUI-поток забирает элементы из очереди и тратит на каждый 2 мс — короткими порциями, чтобы между ними тикер успевал получить своё.</translation>
    </message>
    <message>
        <source>The producer is twice as fast as the loop. An unbounded queue would hide that until memory ran out; a bounded one turns it into back-pressure: with 32 items waiting, push() blocks the producer until the loop has taken one, and from then on the producer runs at the loop&apos;s pace. What matters is who blocks. The producer is an ordinary thread, so blocking it harms nobody, while the loop only ever takes items that are already there and never waits on the queue. In asyncio, use an asyncio.Queue(maxsize=32) and fill it from the thread with asyncio.run_coroutine_threadsafe(q.put(item), loop).result(): put() waits for room and result() makes the thread wait for put(). With an unbounded queue, loop.call_soon_threadsafe(q.put_nowait, item) is enough. Never call a blocking queue.Queue.get() on the loop, and never touch an asyncio.Queue directly from another thread: it is not thread-safe. Libraries such as janus wrap both ends in one object.</source>
        <translation>Производитель вдвое быстрее цикла. Неограниченная очередь скрывала бы это, пока не кончится память; ограниченная превращает это в обратное давление (back-pressure): когда ждут 32 элемента, push() блокирует производителя, пока цикл не заберёт один, и с этого момента производитель работает в темпе цикла. Важно, кто блокируется. Производитель — обычный поток, и его блокировка никому не вредит, а цикл только забирает уже лежащие элементы и никогда не ждёт очередь. В asyncio используйте asyncio.Queue(maxsize=32) и наполняйте её из потока через asyncio.run_coroutine_threadsafe(q.put(item), loop).result(): put() ждёт свободного места, а result() заставляет поток ждать put(). Для неограниченной очереди достаточно loop.call_soon_threadsafe(q.put_nowait, item). Никогда не вызывайте в цикле блокирующий queue.Queue.get() и никогда не трогайте asyncio.Queue напрямую из другого потока: она не потокобезопасна. Библиотеки вроде janus оборачивают оба конца в один объект.</translation>
    </message>
    <message>
        <source>Queue depth row: climbs to 32 within a few dozen milliseconds and stays pinned there. Producer lane: a wait span at almost every push, the producer held back to about one item per 2 ms. GUI lane: solid with items. Latency chart: a steady 2 to 4 ms on the command line (looplab run --lesson queue), up to about 15 ms in the window, whose own repaints take turns on the same loop; never a long task, because the loop is busy but never blocked: a tick that falls due runs before the next 4 ms slice of items.</source>
        <translation>Строка глубины очереди: за несколько десятков миллисекунд поднимается до 32 и там и остаётся. Дорожка производителя: отрезок ожидания почти при каждом push(), производитель сдержан примерно до одного элемента за 2 мс. Дорожка GUI: сплошь элементы. График задержки: стабильные 2–4 мс в командной строке (looplab run --lesson queue) и до 15 мс в окне, чья собственная перерисовка идёт в том же цикле; долгих задач нет, потому что цикл занят, но никогда не заблокирован: тик, чей срок настал, выполняется раньше следующей порции элементов по 4 мс.</translation>
    </message>
    <message>
        <source>Cancellation and graceful shutdown</source>
        <translation>Отмена и корректное завершение</translation>
    </message>
    <message>
        <source>Long blocking tasks, 3 s each, one every 500 ms on two pool threads, so at any moment two are running and several are waiting. Then the run stops: after 5 s on the command line, or when you press Stop, close the window, or send SIGINT or SIGTERM to looplab run.</source>
        <translation>Долгие блокирующие задачи по 3 с каждая, по одной каждые 500 мс, на двух потоках пула, так что в любой момент две выполняются и несколько ждут. Затем прогон останавливается: через 5 с в командной строке или когда вы нажимаете «Стоп», закрываете окно либо посылаете SIGINT или SIGTERM процессу looplab run.</translation>
    </message>
    <message>
        <source>Stopping has two halves. Queued tasks have not started, so cancelling them is free: they are dropped and marked cancelled. Running tasks cannot safely be killed from outside (a thread stopped halfway leaves locks held and files half written), so they are asked: Loop Lab sets a shared atomic flag, and the blocking call checks it every few milliseconds and returns early. Shutdown then waits for the workers, but only for a bounded time (2 s), and keeps everything recorded so far, so a stuck task can neither turn Ctrl+C into a hang nor lose the results. asyncio splits it the same way: task.cancel() raises CancelledError at the task&apos;s next await, asyncio.timeout() cancels for you, executor.shutdown(cancel_futures=True) drops queued work, and loop.add_signal_handler() turns SIGTERM into a callback on the loop. A thread already running to_thread() code cannot be interrupted at all; it stops early only if it checks a flag, such as a threading.Event, itself.</source>
        <translation>Остановка состоит из двух половин. Задачи в очереди ещё не начались, поэтому отменить их ничего не стоит: они отбрасываются и помечаются как отменённые. Выполняющиеся задачи нельзя безопасно убить снаружи (поток, остановленный на полпути, оставляет захваченные блокировки и недописанные файлы), поэтому их просят: Loop Lab выставляет общий атомарный флаг, а блокирующий вызов проверяет его каждые несколько миллисекунд и возвращается досрочно. Затем завершение ждёт рабочие потоки, но ограниченное время (2 с), и сохраняет всё, что записано к этому моменту, так что зависшая задача не может ни превратить Ctrl+C в зависание, ни потерять результаты. asyncio делит это так же: task.cancel() бросает CancelledError на ближайшем await задачи, asyncio.timeout() отменяет за вас, executor.shutdown(cancel_futures=True) отбрасывает работу из очереди, а loop.add_signal_handler() превращает SIGTERM в обратный вызов в цикле. Поток, который уже выполняет код из to_thread(), прервать вообще нельзя; он остановится досрочно, только если сам проверяет флаг, например threading.Event.</translation>
    </message>
    <message>
        <source>Timeline: at the stop, the queued tasks and the cut-short running ones turn grey (cancelled) while finished ones keep their colour, and the running spans end within a few milliseconds of the stop instead of running out their 3 s. Latency chart: flat throughout, the shutdown included. On the command line the summary is still printed and the exports still written after Ctrl+C.</source>
        <translation>Временная шкала: в момент остановки задачи из очереди и прерванные выполняющиеся становятся серыми (отменены), а завершённые сохраняют свой цвет, и выполняющиеся отрезки заканчиваются в пределах нескольких миллисекунд после остановки, а не дорабатывают свои 3 с. График задержки: ровный всё время, включая завершение. В командной строке сводка всё равно печатается, а экспортируемые файлы всё равно записываются после Ctrl+C.</translation>
    </message>
    <message>
        <source>an item every %1 ms</source>
        <translation>элемент каждые %1 мс</translation>
    </message>
    <message>
        <source>%1 µs per item</source>
        <translation>%1 мкс на элемент</translation>
    </message>
    <message>
        <source>capacity %1</source>
        <translation>ёмкость %1</translation>
    </message>
    <message>
        <source>I/O %1 ms</source>
        <translation>ввод-вывод %1 мс</translation>
    </message>
    <message>
        <source>CPU %1 KB JSON</source>
        <translation>CPU, JSON %1 КБ</translation>
    </message>
    <message>
        <source>%1 every %2 ms</source>
        <translation>%1 каждые %2 мс</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 рабочий</translation>
    </message>
    <message>
        <source>switch %1 ms</source>
        <translation>переключение %1 мс</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Настройки: %1</translation>
    </message>
    <message>
        <source>Run it: %1</source>
        <translation>Запуск: %1</translation>
    </message>
    <message>
        <source>  (the same as: %1)</source>
        <translation>  (то же, что: %1)</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Что происходит</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>What to look for</source>
        <translation>На что смотреть</translation>
    </message>
    <message>
        <source>asyncio (Python 3.11)</source>
        <translation>asyncio (Python 3.11)</translation>
    </message>
    <message>
        <source>Qt 6 / C++, as Loop Lab does it</source>
        <translation>Qt 6 / C++, как это делает Loop Lab</translation>
    </message>
    <message numerus="yes">
        <source>%n workers</source>
        <translation>
            <numerusform>%n рабочий</numerusform>
            <numerusform>%n рабочих</numerusform>
            <numerusform>%n рабочих</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Run this lesson</source>
        <translation>Запустить урок</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>Pick a lesson to read it. Enter or a double-click runs it.</source>
        <translation>Выберите урок, чтобы прочитать его. Enter или двойной щелчок запускает его.</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>Текст урока</translation>
    </message>
    <message>
        <source>What the selected lesson shows, why, what to look for, and the same pattern in asyncio and in Qt.</source>
        <translation>Что показывает выбранный урок, почему, на что смотреть, и тот же приём в asyncio и в Qt.</translation>
    </message>
    <message>
        <source>Start a run with this lesson&apos;s preset: %1 (Enter or double-click on the list)</source>
        <translation>Запустить прогон с настройками урока: %1 (Enter или двойной щелчок по списку)</translation>
    </message>
</context>
<context>
    <name>LongTaskLog</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 task #%2 ran %3</source>
        <translation>задача %1 №%2 выполнялась %3</translation>
    </message>
    <message>
        <source>the wait ran it on the loop (Qt work stealing)</source>
        <translation>ожидание выполнило её в цикле (work stealing в Qt)</translation>
    </message>
    <message>
        <source>waited on another thread %1</source>
        <translation>ожидание другого потока: %1</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>Зависание</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <source>What ran on the loop</source>
        <translation>Что выполнялось в цикле</translation>
    </message>
    <message>
        <source>When the stall began: the late tick&apos;s due time, seconds since the run started</source>
        <translation>Когда началось зависание: назначенное время опоздавшего тика, в секундах от начала прогона</translation>
    </message>
    <message>
        <source>How late the tick was: how long the event loop could not run it</source>
        <translation>На сколько опоздал тик: сколько времени цикл событий не мог его обработать</translation>
    </message>
    <message>
        <source>The tasks that ran on the loop thread during the stall</source>
        <translation>Задачи, выполнявшиеся в потоке цикла во время зависания</translation>
    </message>
    <message>
        <source>What those tasks did</source>
        <translation>Что делали эти задачи</translation>
    </message>
    <message>
        <source>Where they were submitted to run</source>
        <translation>Куда они были отправлены на выполнение</translation>
    </message>
    <message>
        <source>What held the loop up</source>
        <translation>Что задержало цикл</translation>
    </message>
    <message>
        <source>no task on the loop: held up elsewhere (a lock such as the GIL, or the system)</source>
        <translation>в цикле не было задач: задержка в другом месте (блокировка вроде GIL или система)</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>и ещё %1</translation>
    </message>
    <message>
        <source>Stall at %1: the loop was %2 late.</source>
        <translation>Зависание в %1: цикл опоздал на %2.</translation>
    </message>
    <message>
        <source>No task ran on the loop thread meanwhile: it was held up elsewhere.</source>
        <translation>В это время в потоке цикла не выполнялось ни одной задачи: задержка была в другом месте.</translation>
    </message>
    <message>
        <source>the loop waited on another thread for %1 and ran the awaited task itself for %2 (Qt work stealing)</source>
        <translation>цикл ждал другой поток %1 и сам выполнял ожидаемую задачу %2 (work stealing в Qt)</translation>
    </message>
    <message>
        <source>the loop waited on another thread for %1</source>
        <translation>цикл ждал другой поток %1</translation>
    </message>
    <message>
        <source>held the loop for %1</source>
        <translation>держала цикл %1</translation>
    </message>
    <message>
        <source>%1 (still running)</source>
        <translation>%1 (ещё выполняется)</translation>
    </message>
    <message>
        <source>Task %1: %2, mode %3, %4</source>
        <translation>Задача %1: %2, режим %3, %4</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… и ещё %1</translation>
    </message>
    <message>
        <source>Click or press Enter to show it on the timeline.</source>
        <translation>Щёлкните или нажмите Enter, чтобы показать на временной шкале.</translation>
    </message>
    <message>
        <source>Long-task log</source>
        <translation>Журнал долгих задач</translation>
    </message>
    <message>
        <source>Every loop stall of %1 ms or more. Click a row to show it on the timeline.</source>
        <translation>Каждое зависание цикла на %1 мс и более. Щёлкните строку, чтобы показать её на временной шкале.</translation>
    </message>
    <message>
        <source>No loop stalls of %1 ms or more yet.</source>
        <translation>Зависаний цикла на %1 мс и более пока нет.</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Нет прогона</translation>
    </message>
    <message>
        <source>Culprit</source>
        <translation>Виновник</translation>
    </message>
    <message>
        <source>What the program&apos;s loop was doing, as its probe saw it: the innermost call first</source>
        <translation>Чем был занят цикл программы, по данным её зонда: сначала самый внутренний вызов</translation>
    </message>
    <message>
        <source>Culprit: %1</source>
        <translation>Виновник: %1</translation>
    </message>
    <message>
        <source>In the asyncio task %1.</source>
        <translation>В задаче asyncio %1.</translation>
    </message>
    <message>
        <source>the program&apos;s own code on its loop thread: see the culprit</source>
        <translation>собственный код программы в потоке её цикла: см. виновника</translation>
    </message>
    <message>
        <source>The program&apos;s own code held its loop thread (no task span of its probe covers it).</source>
        <translation>Поток цикла программы занимал её собственный код (ни один интервал задачи её зонда его не покрывает).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loop Lab</source>
        <translation>Loop Lab</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>What Loop Lab&apos;s own drawing costs per frame: a lag meter must not add lag.</source>
        <translation>Сколько стоит собственная отрисовка Loop Lab за кадр: измеритель задержки не должен сам её добавлять.</translation>
    </message>
    <message>
        <source>chart %1 ms · timeline %2 ms</source>
        <translation>график %1 мс · шкала %2 мс</translation>
    </message>
    <message>
        <source>Press Space to start. Toggle Blocking / Offload while it runs and watch the lag.</source>
        <translation>Нажмите пробел для запуска. Переключайте «Блокирующий» / «Выгрузка» на ходу и следите за задержкой.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>Start or stop the ticker and the task submitter (Space).</source>
        <translation>Запустить или остановить тикер и отправку задач (пробел).</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Forget the measurements of the last run (Ctrl+L).</source>
        <translation>Забыть измерения последнего прогона (Ctrl+L).</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Экспорт PNG…</translation>
    </message>
    <message>
        <source>Save the dashboard, the latency chart or the timeline as a PNG image (Ctrl+E).</source>
        <translation>Сохранить панель, график задержки или временную шкалу как изображение PNG (Ctrl+E).</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>Открыть прогон…</translation>
    </message>
    <message>
        <source>Open a run saved earlier (.looplab.json) and redraw its charts (Ctrl+O).</source>
        <translation>Открыть сохранённый ранее прогон (.looplab.json) и перерисовать его графики (Ctrl+O).</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>Открыть прогон</translation>
    </message>
    <message>
        <source>Loop Lab runs (*.looplab.json);;JSON files (*.json)</source>
        <translation>Прогоны Loop Lab (*.looplab.json);;Файлы JSON (*.json)</translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation>Сохранить прогон…</translation>
    </message>
    <message>
        <source>Save every tick and task of the last run to open later (Ctrl+S).</source>
        <translation>Сохранить все тики и задачи последнего прогона, чтобы открыть позже (Ctrl+S).</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>Сохранить прогон</translation>
    </message>
    <message>
        <source>Loop Lab runs (*.looplab.json)</source>
        <translation>Прогоны Loop Lab (*.looplab.json)</translation>
    </message>
    <message>
        <source>Export trace…</source>
        <translation>Экспорт трассы…</translation>
    </message>
    <message>
        <source>Write a Chrome trace-event JSON to open in Perfetto or chrome://tracing (Ctrl+Shift+E).</source>
        <translation>Записать JSON в формате Chrome trace events для Perfetto или chrome://tracing (Ctrl+Shift+E).</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>Экспорт трассы</translation>
    </message>
    <message>
        <source>Trace events (*.json)</source>
        <translation>События трассы (*.json)</translation>
    </message>
    <message>
        <source>Compare modes…</source>
        <translation>Сравнить режимы…</translation>
    </message>
    <message>
        <source>Run the same workload in several modes and compare their lag (Ctrl+M).</source>
        <translation>Прогнать одну и ту же нагрузку в нескольких режимах и сравнить задержку (Ctrl+M).</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>Scroll both charts with the newest data; zooming or panning turns this off (F).</source>
        <translation>Прокручивать оба графика вслед за новыми данными; масштабирование или сдвиг выключает это (F).</translation>
    </message>
    <message>
        <source>Logarithmic lag axis</source>
        <translation>Логарифмическая ось задержки</translation>
    </message>
    <message>
        <source>Show sub-millisecond jitter and 200 ms freezes on one axis (Ctrl+G).</source>
        <translation>Показать на одной оси и дрожание в доли миллисекунды, и замирания на 200 мс (Ctrl+G).</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source> Mode: </source>
        <translation> Режим: </translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>I/O (blocking sleep)</source>
        <translation>Ввод-вывод (sleep)</translation>
    </message>
    <message>
        <source>CPU (parse + walk JSON)</source>
        <translation>CPU (разбор JSON)</translation>
    </message>
    <message>
        <source>What each task does: a blocking call with no async API, or CPU-bound JSON parsing.</source>
        <translation>Что делает каждая задача: блокирующий вызов без асинхронного API или разбор JSON, нагружающий процессор.</translation>
    </message>
    <message>
        <source>Work kind</source>
        <translation>Вид работы</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>How long one blocking I/O task sleeps.</source>
        <translation>Сколько спит одна блокирующая задача ввода-вывода.</translation>
    </message>
    <message>
        <source>I/O task length</source>
        <translation>Длительность задачи ввода-вывода</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> КБ</translation>
    </message>
    <message>
        <source>Size of the JSON document one CPU task parses and walks.</source>
        <translation>Размер JSON-документа, который разбирает и обходит одна CPU-задача.</translation>
    </message>
    <message>
        <source>JSON size</source>
        <translation>Размер JSON</translation>
    </message>
    <message>
        <source>One task is submitted every period, from the GUI thread.</source>
        <translation>Одна задача отправляется каждый период, из GUI-потока.</translation>
    </message>
    <message>
        <source>Submit period</source>
        <translation>Период отправки</translation>
    </message>
    <message>
        <source>Threads in the pool (or worker processes). Fewer than the load makes tasks queue. Applies to the next start.</source>
        <translation>Потоки в пуле (или рабочие процессы). Если их меньше, чем требует нагрузка, задачи встают в очередь. Применяется при следующем запуске.</translation>
    </message>
    <message>
        <source>Pool workers</source>
        <translation>Потоков в пуле</translation>
    </message>
    <message>
        <source> Work: </source>
        <translation> Работа: </translation>
    </message>
    <message>
        <source>  Task length: </source>
        <translation>  Длительность: </translation>
    </message>
    <message>
        <source>  JSON size: </source>
        <translation>  JSON: </translation>
    </message>
    <message>
        <source>  Submit every: </source>
        <translation>  Период: </translation>
    </message>
    <message>
        <source>  Workers: </source>
        <translation>  Потоков: </translation>
    </message>
    <message>
        <source>GIL lesson: how long a waiting thread lets the holder run before asking for the lock (Python&apos;s sys.setswitchinterval). Applies to the next start.</source>
        <translation>Урок о GIL: сколько ждущий поток даёт владельцу поработать, прежде чем запросить блокировку (sys.setswitchinterval в Python). Применяется при следующем запуске.</translation>
    </message>
    <message>
        <source>GIL switch interval</source>
        <translation>Интервал переключения GIL</translation>
    </message>
    <message>
        <source>Queue lesson: how many items the producer queue holds before the producer blocks. Applies to the next start.</source>
        <translation>Урок об очереди: сколько элементов вмещает очередь, прежде чем производитель заблокируется. Применяется при следующем запуске.</translation>
    </message>
    <message>
        <source>Queue capacity</source>
        <translation>Ёмкость очереди</translation>
    </message>
    <message>
        <source> µs</source>
        <translation> мкс</translation>
    </message>
    <message>
        <source>Queue lesson: loop time spent handling one item. Applies to the next start.</source>
        <translation>Урок об очереди: время цикла на обработку одного элемента. Применяется при следующем запуске.</translation>
    </message>
    <message>
        <source>Item cost</source>
        <translation>Цена элемента</translation>
    </message>
    <message>
        <source>  Queue: </source>
        <translation>  Очередь: </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Прогон</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Threshold lines</source>
        <translation>Пороговые линии</translation>
    </message>
    <message>
        <source>%1 ms · %2</source>
        <translation>%1 мс · %2</translation>
    </message>
    <message>
        <source>Show or hide this reference line on the latency chart.</source>
        <translation>Показать или скрыть эту опорную линию на графике задержки.</translation>
    </message>
    <message>
        <source>Show or hide the lessons: what each mode teaches and how to read the charts (F1).</source>
        <translation>Показать или скрыть уроки: чему учит каждый режим и как читать графики (F1).</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;How Loop Lab measures</source>
        <translation>&amp;Как Loop Lab измеряет</translation>
    </message>
    <message>
        <source>&amp;About Loop Lab</source>
        <translation>&amp;О Loop Lab</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>Next tasks: %1</source>
        <translation>Следующие задачи: %1</translation>
    </message>
    <message>
        <source>Cleared.</source>
        <translation>Очищено.</translation>
    </message>
    <message>
        <source>Running. Switch modes with Ctrl+1 … Ctrl+9; Space stops.</source>
        <translation>Идёт прогон. Режимы переключаются Ctrl+1 … Ctrl+9; пробел останавливает.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop the run (Space)</source>
        <translation>Остановить прогон (пробел)</translation>
    </message>
    <message>
        <source>Start a run (Space)</source>
        <translation>Начать прогон (пробел)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Открыто: %1</translation>
    </message>
    <message>
        <source>About Loop Lab</source>
        <translation>О Loop Lab</translation>
    </message>
    <message>
        <source>How Loop Lab measures</source>
        <translation>Как Loop Lab измеряет</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The ticker&lt;/h3&gt;&lt;p&gt;A Linux timerfd on the GUI thread is armed every %1 ms at an absolute deadline. When the event loop gets round to it, Loop Lab reads the clock first and records how late it woke: that lateness is the lag every click and repaint would feel. Qt&apos;s own millisecond timers round by up to a millisecond, which would show up as lag on an idle loop.&lt;/p&gt;&lt;h3&gt;Stall-corrected figures&lt;/h3&gt;&lt;p&gt;A blocked loop takes no samples while it is blocked. The corrected histogram and p99 also count the ticks that should have fired during each stall.&lt;/p&gt;&lt;h3&gt;Worker priority&lt;/h3&gt;&lt;p&gt;Pool threads, the dedicated thread and worker processes run at nice %2. On a machine with two cores, two busy CPU workers otherwise compete with the GUI thread and add milliseconds of wake-up delay to a loop that is supposedly offloaded; at a lower priority the loop wins the CPU the moment it wakes, and the workers still get every cycle it does not use. The default pool size is the number of cores (%3 here).&lt;/p&gt;&lt;h3&gt;The cost of watching&lt;/h3&gt;&lt;p&gt;The charts are drawn on the GUI thread too, at most once per frame; the status bar shows what that drawing costs, so you can tell the lab&apos;s own lag from the lesson&apos;s.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Тикер&lt;/h3&gt;&lt;p&gt;Linux timerfd в GUI-потоке взводится каждые %1 мс на абсолютный срок. Когда цикл событий до него добирается, Loop Lab первым делом читает часы и записывает, насколько поздно он проснулся: это опоздание и есть задержка, которую почувствовал бы каждый щелчок и каждая перерисовка. Собственные миллисекундные таймеры Qt округляют срок до миллисекунды, и на простаивающем цикле это выглядело бы как задержка.&lt;/p&gt;&lt;h3&gt;Цифры с поправкой на зависания&lt;/h3&gt;&lt;p&gt;Заблокированный цикл не снимает замеров, пока он заблокирован. Гистограмма и p99 с поправкой учитывают ещё и тики, которые должны были сработать во время каждого зависания.&lt;/p&gt;&lt;h3&gt;Приоритет рабочих&lt;/h3&gt;&lt;p&gt;Потоки пула, отдельный поток и рабочие процессы работают с nice %2. На машине с двумя ядрами два загруженных CPU-рабочих иначе конкурируют с GUI-потоком и добавляют миллисекунды задержки пробуждения циклу, работа которого якобы выгружена; при пониженном приоритете цикл получает процессор в тот же миг, как просыпается, а рабочим достаётся каждый такт, который он не использует. По умолчанию размер пула равен числу ядер (здесь %3).&lt;/p&gt;&lt;h3&gt;Цена наблюдения&lt;/h3&gt;&lt;p&gt;Графики тоже рисуются в GUI-потоке, не чаще раза за кадр; строка состояния показывает, сколько стоит эта отрисовка, чтобы собственную задержку лаборатории можно было отличить от задержки урока.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 s: p99 lag %2 ms, worst %3 ms, %n long tasks.</source>
        <translation>
            <numerusform>Остановлено через %1 с: задержка p99 %2 мс, худшая %3 мс, %n долгая задача.</numerusform>
            <numerusform>Остановлено через %1 с: задержка p99 %2 мс, худшая %3 мс, %n долгие задачи.</numerusform>
            <numerusform>Остановлено через %1 с: задержка p99 %2 мс, худшая %3 мс, %n долгих задач.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop the run and close Loop Lab (Ctrl+Q).</source>
        <translation>Остановить прогон и закрыть Loop Lab (Ctrl+Q).</translation>
    </message>
    <message>
        <source>&amp;Lessons panel</source>
        <translation>Панель &amp;уроков</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Системная</translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s light or dark colours.</source>
        <translation>Следовать светлым или тёмным цветам рабочего стола.</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Светлая</translation>
    </message>
    <message>
        <source>Light colours, whatever the desktop uses.</source>
        <translation>Светлые цвета, что бы ни использовал рабочий стол.</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
    <message>
        <source>Dark colours, whatever the desktop uses.</source>
        <translation>Тёмные цвета, что бы ни использовал рабочий стол.</translation>
    </message>
    <message>
        <source>&amp;Reset to defaults</source>
        <translation>&amp;Сбросить настройки</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Уроки</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Set this lesson&apos;s mode and workload and start it: %1</source>
        <translation>Установить режим и нагрузку этого урока и запустить его: %1</translation>
    </message>
    <message>
        <source>&amp;Lessons browser</source>
        <translation>&amp;Обзор уроков</translation>
    </message>
    <message>
        <source>Open the lessons panel and put the keyboard in its list (Shift+F1).</source>
        <translation>Открыть панель уроков и перевести фокус клавиатуры в её список (Shift+F1).</translation>
    </message>
    <message>
        <source>The ticker, the stall-corrected figures and the cost of watching.</source>
        <translation>Тикер, показатели с поправкой на зависания и цена наблюдения.</translation>
    </message>
    <message>
        <source>Version and licences.</source>
        <translation>Версия и лицензии.</translation>
    </message>
    <message>
        <source>The Qt version Loop Lab runs on, and Qt&apos;s licences.</source>
        <translation>Версия Qt, на которой работает Loop Lab, и лицензии Qt.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Loop Lab %1&lt;/h3&gt;&lt;p&gt;Makes event-loop lag visible: a ticker on the GUI thread measures how late it wakes while tasks run blocking on the loop or offloaded to a thread pool.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Licence.&lt;/b&gt; Loop Lab is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version (GPL-3.0-or-later). It comes with no warranty. The full text is in the LICENSE file and, on Debian, in /usr/share/common-licenses/GPL-3.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Qt %2.&lt;/b&gt; Qt Core, Gui, Widgets and Concurrent are used under the GNU Lesser General Public License v3 (LGPL-3.0); Qt Charts under the GNU General Public License v3 (GPL-3.0), which is why Loop Lab is GPL too. Help &amp;gt; About Qt has more.&lt;/p&gt;&lt;p&gt;Application id: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Loop Lab %1&lt;/h3&gt;&lt;p&gt;Показывает задержку цикла событий: тикер в потоке GUI измеряет, насколько поздно он просыпается, пока задачи выполняются с блокировкой в цикле или вынесены в пул потоков.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Лицензия.&lt;/b&gt; Loop Lab — свободная программа: вы можете распространять и/или изменять её на условиях Стандартной общественной лицензии GNU версии 3 либо (по вашему выбору) любой более поздней версии (GPL-3.0-or-later). Она поставляется без каких-либо гарантий. Полный текст — в файле LICENSE, а в Debian — в /usr/share/common-licenses/GPL-3.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Qt %2.&lt;/b&gt; Qt Core, Gui, Widgets и Concurrent используются на условиях GNU Lesser General Public License v3 (LGPL-3.0); Qt Charts — на условиях GNU General Public License v3 (GPL-3.0), поэтому и Loop Lab распространяется под GPL. Подробнее — в меню «Справка &amp;gt; О Qt».&lt;/p&gt;&lt;p&gt;Идентификатор приложения: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Settings reset to their defaults.</source>
        <translation>Настройки сброшены к значениям по умолчанию.</translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>Прогон сохранён в %1</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Продолжать</translation>
    </message>
    <message>
        <source>Let the lesson run on until you stop it, instead of ending after its duration (K).</source>
        <translation>Урок идёт дальше, пока вы его не остановите, а не заканчивается через своё время (K).</translation>
    </message>
    <message>
        <source>The lesson keeps running until you stop it (Space).</source>
        <translation>Урок продолжается, пока вы его не остановите (пробел).</translation>
    </message>
    <message>
        <source>Lesson: %1. It ends after %2 s and shows its verdict; K keeps it running.</source>
        <translation>Урок: %1. Он закончится через %2 с и покажет вывод; K — продолжать.</translation>
    </message>
    <message>
        <source>Recent &amp;runs</source>
        <translation>Недавние &amp;прогоны</translation>
    </message>
    <message>
        <source>Forget the window layout, mode, workload, view options, theme, folders and recent runs.</source>
        <translation>Забыть расположение окна, режим, нагрузку, настройки вида, тему, папки и недавние прогоны.</translation>
    </message>
    <message>
        <source>Could not start the run.

%1

Change the workload in the toolbar and press Start again.</source>
        <translation>Не удалось начать прогон.

%1

Измените нагрузку на панели инструментов и снова нажмите «Старт».</translation>
    </message>
    <message>
        <source>The image was not saved.

%1

Choose another folder or name, or make room on the disk, and export again.</source>
        <translation>Изображение не сохранено.

%1

Выберите другую папку или имя либо освободите место на диске и экспортируйте снова.</translation>
    </message>
    <message>
        <source>The file was not saved.

%1

Choose another folder or name, or make room on the disk, and save again.</source>
        <translation>Файл не сохранён.

%1

Выберите другую папку или имя либо освободите место на диске и сохраните снова.</translation>
    </message>
    <message>
        <source>Could not open %1.

%2

Open a run that Loop Lab saved (File → Save run, or looplab run --save-run).</source>
        <translation>Не удалось открыть %1.

%2

Откройте прогон, сохранённый Loop Lab (Файл → Сохранить прогон или looplab run --save-run).</translation>
    </message>
    <message>
        <source>%1 — Loop Lab</source>
        <translation>%1 — Loop Lab</translation>
    </message>
    <message>
        <source>Lesson settings</source>
        <translation>Настройки уроков</translation>
    </message>
    <message>
        <source> GIL switch: </source>
        <translation> Переключение GIL: </translation>
    </message>
    <message>
        <source>Record a program…</source>
        <translation>Записать программу…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source> Source: </source>
        <translation> Источник: </translation>
    </message>
    <message>
        <source>Built-in experiment</source>
        <translation>Встроенный эксперимент</translation>
    </message>
    <message>
        <source>Loop Lab&apos;s own loop running the workload below.</source>
        <translation>Собственный цикл Loop Lab с нагрузкой, заданной ниже.</translation>
    </message>
    <message>
        <source>What the dashboard shows: Loop Lab&apos;s built-in experiment, or a program that reports to Loop Lab through its probe.</source>
        <translation>Что показывает панель: встроенный эксперимент Loop Lab или программу, которая сообщает о себе через зонд.</translation>
    </message>
    <message>
        <source>Back to the built-in experiment and start a run (Space)</source>
        <translation>Вернуться к встроенному эксперименту и начать прогон (пробел)</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Ожидает программы на %1</translation>
    </message>
    <message>
        <source>Not listening for programs: %1</source>
        <translation>Программы не принимаются: %1</translation>
    </message>
    <message>
        <source>Programs report to the Loop Lab that listens there; close it and start this one again to see them here.</source>
        <translation>Программы сообщают тому Loop Lab, который уже слушает этот сокет; закройте его и перезапустите этот, чтобы видеть их здесь.</translation>
    </message>
    <message>
        <source>%1 (pid %2) connected: pick it under Source to watch its loop.</source>
        <translation>%1 (pid %2) подключилась: выберите её в «Источнике», чтобы видеть её цикл.</translation>
    </message>
    <message>
        <source>Cut off: %1</source>
        <translation>Отключена: %1</translation>
    </message>
    <message>
        <source>Live: the program reports through its probe.</source>
        <translation>В реальном времени: программа сообщает через зонд.</translation>
    </message>
    <message>
        <source>Ended: the program closed its connection.</source>
        <translation>Завершена: программа закрыла соединение.</translation>
    </message>
    <message>
        <source>A program that did not say who it is
%1</source>
        <translation>Программа, не назвавшая себя
%1</translation>
    </message>
    <message numerus="yes">
        <source>Program: %1 · %2 · pid %3 · ticker every %4 ms · %n threads
%5</source>
        <translation>
            <numerusform>Программа: %1 · %2 · pid %3 · тикер каждые %4 мс · %n поток
%5</numerusform>
            <numerusform>Программа: %1 · %2 · pid %3 · тикер каждые %4 мс · %n потока
%5</numerusform>
            <numerusform>Программа: %1 · %2 · pid %3 · тикер каждые %4 мс · %n потоков
%5</numerusform>
        </translation>
    </message>
    <message>
        <source>Loop Lab is not listening for programs</source>
        <translation>Loop Lab не принимает программы</translation>
    </message>
    <message>
        <source>The program was not started.

%1

Check the command and the working folder, and record again.</source>
        <translation>Программа не запущена.

%1

Проверьте команду и рабочую папку и запустите запись снова.</translation>
    </message>
    <message>
        <source>Started %1: it appears under Source once its event loop starts.</source>
        <translation>Запущено: %1. Программа появится в «Источнике», когда запустится её цикл событий.</translation>
    </message>
    <message>
        <source>Pick the built-in experiment or a connected program to show it.</source>
        <translation>Выберите встроенный эксперимент или подключённую программу, чтобы показать её.</translation>
    </message>
    <message>
        <source>Start a Python asyncio or Qt 6 program with Loop Lab&apos;s probe and watch its event loop (Ctrl+R).</source>
        <translation>Запустить программу на Python asyncio или Qt 6 с зондом Loop Lab и следить за её циклом событий (Ctrl+R).</translation>
    </message>
    <message>
        <source>The longest stretch the GUI thread spent on Loop Lab&apos;s own drawing in the last second (target: 0.5 ms at most), and the share of the ticker&apos;s ticks that fell due meanwhile and had to wait for it.</source>
        <translation>Самый долгий отрезок, который поток GUI потратил на собственную отрисовку Loop Lab за последнюю секунду (цель: не более 0,5 мс), и доля тиков таймера, срок которых наступил в это время и которым пришлось её ждать.</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom both charts in around the cursor, or the middle of the timeline (+).</source>
        <translation>Увеличить оба графика вокруг курсора или середины временной шкалы (+).</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Zoom both charts out around the cursor, or the middle of the timeline (-).</source>
        <translation>Уменьшить оба графика вокруг курсора или середины временной шкалы (-).</translation>
    </message>
    <message>
        <source>Pan left</source>
        <translation>Сдвинуть влево</translation>
    </message>
    <message>
        <source>Move both charts a tenth of the view earlier; Shift+Left moves half of it (Left).</source>
        <translation>Сдвинуть оба графика на десятую часть вида раньше; Shift+Left сдвигает на половину (Left).</translation>
    </message>
    <message>
        <source>Pan right</source>
        <translation>Сдвинуть вправо</translation>
    </message>
    <message>
        <source>Move both charts a tenth of the view later; Shift+Right moves half of it (Right).</source>
        <translation>Сдвинуть оба графика на десятую часть вида позже; Shift+Right сдвигает на половину (Right).</translation>
    </message>
    <message>
        <source>Show the whole run</source>
        <translation>Показать весь прогон</translation>
    </message>
    <message>
        <source>Zoom both charts out to the whole run (0).</source>
        <translation>Показать на обоих графиках весь прогон (0).</translation>
    </message>
    <message>
        <source>longest slice %1 ms · %2 % of ticks due while drawing</source>
        <translation>самый долгий отрезок %1 мс · %2 % тиков пришлись на отрисовку</translation>
    </message>
</context>
<context>
    <name>ProgramSources</name>
    <message>
        <source>cut off: %1</source>
        <translation>отключена: %1</translation>
    </message>
    <message>
        <source>live</source>
        <translation>идёт</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>завершена</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n events dropped</source>
        <translation>
            <numerusform>%1, потеряно %n событие</numerusform>
            <numerusform>%1, потеряно %n события</numerusform>
            <numerusform>%1, потеряно %n событий</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown program (%1)</source>
        <translation>неизвестная программа (%1)</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>%1 — %2, pid %3 (%4)</source>
        <translation>%1 — %2, pid %3 (%4)</translation>
    </message>
    <message>
        <source>&lt;probe folder&gt;</source>
        <translation>&lt;папка зонда&gt;</translation>
    </message>
    <message>
        <source>the command is empty</source>
        <translation>команда пуста</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <source>&lt;probe library&gt;</source>
        <translation>&lt;библиотека зонда&gt;</translation>
    </message>
    <message>
        <source>Python asyncio programs report here when started with the probe:
PYTHONPATH=%1 python3 -m looplab_probe app.py
Qt 6 programs, unmodified: LD_PRELOAD=%2 ./app
or: looplab record -- COMMAND, or File → Record a program…, for either kind.
Each one becomes a source you can pick in the toolbar.</source>
        <translation>Программы на Python asyncio сообщают сюда, если запущены с зондом:
PYTHONPATH=%1 python3 -m looplab_probe app.py
Программы на Qt 6, без изменений: LD_PRELOAD=%2 ./app
или: looplab record -- COMMAND, или Файл → Записать программу…, для обоих видов.
Каждая становится источником, который можно выбрать на панели инструментов.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>nothing to export: the image is empty</source>
        <translation>нечего экспортировать: изображение пустое</translation>
    </message>
    <message>
        <source>cannot encode the PNG image: %1</source>
        <translation>не удаётся закодировать изображение PNG: %1</translation>
    </message>
</context>
<context>
    <name>RecentRuns</name>
    <message>
        <source>&amp;%1  %2</source>
        <translation>&amp;%1  %2</translation>
    </message>
    <message>
        <source>No recent runs</source>
        <translation>Недавних прогонов нет</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>&amp;Очистить список</translation>
    </message>
    <message>
        <source>Forget the recent runs; the files stay where they are.</source>
        <translation>Забыть недавние прогоны; сами файлы останутся на месте.</translation>
    </message>
</context>
<context>
    <name>RecordProgramDialog</name>
    <message>
        <source>Record a program</source>
        <translation>Запись программы</translation>
    </message>
    <message>
        <source>python3 app.py</source>
        <translation>python3 app.py</translation>
    </message>
    <message>
        <source>The command line, as in a shell (quotes work; pipes and variables do not).</source>
        <translation>Командная строка, как в оболочке (кавычки работают, конвейеры и переменные — нет).</translation>
    </message>
    <message>
        <source>The folder the program starts in.</source>
        <translation>Папка, в которой запускается программа.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Choose the folder the program starts in.</source>
        <translation>Выбрать папку, в которой запускается программа.</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Рабочая папка</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Команда:</translation>
    </message>
    <message>
        <source>&amp;Working folder:</source>
        <translation>&amp;Рабочая папка:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <source>Loop Lab starts it with its probes injected (Python asyncio, or any Qt 6 program), as looplab record does; it appears as a source in the toolbar once its event loop starts. Its output is discarded; it is stopped when Loop Lab closes.</source>
        <translation>Loop Lab запускает её со своими зондами (Python asyncio или любая программа на Qt 6), как это делает looplab record; она появляется как источник на панели инструментов, когда запустится её цикл событий. Её вывод отбрасывается; она останавливается, когда Loop Lab закрывается.</translation>
    </message>
</context>
<context>
    <name>RecoveryBar</name>
    <message>
        <source>&amp;Open it</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>Open the interrupted run and redraw its charts.</source>
        <translation>Открыть прерванный прогон и заново построить его графики.</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Скрыть</translation>
    </message>
    <message>
        <source>Hide this offer. The file stays in File → Recent runs.</source>
        <translation>Скрыть это предложение. Файл останется в меню Файл → Недавние прогоны.</translation>
    </message>
    <message>
        <source>Loop Lab was closed during a run on %1. That run was kept: open it to see what it measured.</source>
        <translation>Loop Lab закрыли во время прогона %1. Этот прогон сохранён: откройте его, чтобы увидеть, что он измерил.</translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message>
        <source>frame</source>
        <translation>кадр</translation>
    </message>
    <message>
        <source>long task</source>
        <translation>долгая задача</translation>
    </message>
    <message>
        <source>slow response</source>
        <translation>медленный отклик</translation>
    </message>
    <message>
        <source>INP good limit</source>
        <translation>граница «хорошего» INP</translation>
    </message>
    <message>
        <source>hang</source>
        <translation>зависание</translation>
    </message>
    <message>
        <source>INP poor limit</source>
        <translation>граница «плохого» INP</translation>
    </message>
</context>
<context>
    <name>StatsStrip</name>
    <message>
        <source>lag p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>Median lateness of the ticker: half of the ticks woke later than this.</source>
        <translation>Медиана опоздания тикера: половина тиков проснулась позже этого.</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>95th percentile of ticker lateness.</source>
        <translation>95-й процентиль опоздания тикера.</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>99th percentile of ticker lateness: the stutter a user notices.</source>
        <translation>99-й процентиль опоздания тикера: рывки, которые замечает пользователь.</translation>
    </message>
    <message>
        <source>p99 corrected</source>
        <translation>p99 с поправкой</translation>
    </message>
    <message>
        <source>99th percentile counting the ticks a blocked loop should have fired. A blocked loop takes no samples while blocked, so the plain p99 understates a freeze (coordinated omission).</source>
        <translation>99-й процентиль с учётом тиков, которые заблокированный цикл должен был выдать. Заблокированный цикл не снимает замеров, пока он заблокирован, поэтому простой p99 преуменьшает замирание (coordinated omission).</translation>
    </message>
    <message>
        <source>max</source>
        <translation>макс.</translation>
    </message>
    <message>
        <source>The latest tick: the longest freeze of the event loop.</source>
        <translation>Самый поздний тик: самое долгое замирание цикла событий.</translation>
    </message>
    <message>
        <source>ticks</source>
        <translation>тики</translation>
    </message>
    <message>
        <source>Ticker wake-ups measured so far.</source>
        <translation>Сколько пробуждений тикера измерено на данный момент.</translation>
    </message>
    <message>
        <source>missed ticks</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>Ticks that should have fired while the loop was blocked: what the stall correction adds.</source>
        <translation>Тики, которые должны были сработать, пока цикл был заблокирован: то, что добавляет поправка на зависания.</translation>
    </message>
    <message>
        <source>tasks done</source>
        <translation>выполнено</translation>
    </message>
    <message>
        <source>long tasks</source>
        <translation>долгие</translation>
    </message>
    <message>
        <source>Loop stalls of 50 ms or more (ticks at least 50 ms late).</source>
        <translation>Зависания цикла на 50 мс и более (тики, опоздавшие не менее чем на 50 мс).</translation>
    </message>
    <message>
        <source>loop busy</source>
        <translation>цикл занят</translation>
    </message>
    <message>
        <source>Share of the run the GUI thread spent running tasks.</source>
        <translation>Доля прогона, которую GUI-поток потратил на выполнение задач.</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>режим</translation>
    </message>
    <message>
        <source>Where the next submitted task runs.</source>
        <translation>Где выполнится следующая отправленная задача.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>stalls ≥ %1 ms</source>
        <translation>зависания ≥ %1 мс</translation>
    </message>
    <message>
        <source>Ticks at least this late (one stall each):</source>
        <translation>Тики, опоздавшие не меньше чем на столько (каждый — одно зависание):</translation>
    </message>
    <message>
        <source>≥ %1 ms (%2): %3</source>
        <translation>≥ %1 мс (%2): %3</translation>
    </message>
    <message>
        <source>* Older history decimated to bound memory: %1 ticks and %2 tasks are kept as counts and histograms, so every figure still counts them; percentiles are within 1.6 % and the charts show that part as each interval&apos;s worst tick.</source>
        <translation>* Старая история прорежена, чтобы ограничить память: %1 тиков и %2 задач хранятся как счётчики и гистограммы, поэтому все показатели по-прежнему их учитывают; процентили точны в пределах 1,6 %, а графики показывают эту часть как худший тик каждого интервала.</translation>
    </message>
    <message>
        <source>Tasks completed, and how many were cancelled: queued or cut short when the run stopped.</source>
        <translation>Выполненные задачи и сколько отменено: ожидавших в очереди или прерванных при остановке прогона.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n cancelled</source>
        <translation>
            <numerusform>%1 · %n отменена</numerusform>
            <numerusform>%1 · %n отменены</numerusform>
            <numerusform>%1 · %n отменено</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>передача</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>re-entry</source>
        <translation>повторный вход</translation>
    </message>
    <message>
        <source>%1 (blocked on another thread&apos;s work)</source>
        <translation>%1 (блокировка в ожидании работы другого потока)</translation>
    </message>
    <message>
        <source>%1 (one queue item)</source>
        <translation>%1 (один элемент очереди)</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>%1 на данный момент</translation>
    </message>
    <message>
        <source>Task %1</source>
        <translation>Задача %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Вид: %1</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Режим: %1</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>В очереди: %1</translation>
    </message>
    <message>
        <source>Transfer: %1</source>
        <translation>Передача: %1</translation>
    </message>
    <message>
        <source>Blocked: %1</source>
        <translation>Блокировка: %1</translation>
    </message>
    <message>
        <source>Ran: %1</source>
        <translation>Выполнялась: %1</translation>
    </message>
    <message>
        <source>Thread: %1</source>
        <translation>Поток: %1</translation>
    </message>
    <message>
        <source>— (never started)</source>
        <translation>— (не запускалась)</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Состояние: %1</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>очередь</translation>
    </message>
    <message>
        <source>queue depth</source>
        <translation>глубина очереди</translation>
    </message>
    <message>
        <source>nesting depth</source>
        <translation>глубина вложенности</translation>
    </message>
    <message>
        <source>re-entered handler</source>
        <translation>повторно вошедший обработчик</translation>
    </message>
    <message>
        <source>GUI thread</source>
        <translation>GUI-поток</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>производитель</translation>
    </message>
    <message>
        <source>lane %1</source>
        <translation>дорожка %1</translation>
    </message>
    <message>
        <source>No tasks yet</source>
        <translation>Задач пока нет</translation>
    </message>
    <message>
        <source>No run</source>
        <translation>Нет прогона</translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>макс. %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>decimated</source>
        <translation>прорежено</translation>
    </message>
    <message>
        <source>Older tasks were decimated to keep memory bounded (raw history): the statistics still count them, the timeline no longer draws them.</source>
        <translation>Старые задачи прорежены, чтобы память оставалась ограниченной (сырая история): статистика их по-прежнему учитывает, временная шкала больше их не рисует.</translation>
    </message>
    <message>
        <source>More lanes than fit: scroll them here or with Shift+wheel.</source>
        <translation>Дорожек больше, чем помещается: прокрутите их здесь или колёсиком с Shift.</translation>
    </message>
    <message>
        <source>%1 (what the program reported: an executor call or a slow callback)</source>
        <translation>%1 (что сообщила программа: вызов в исполнителе или медленный обработчик)</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>No ticks measured yet.</source>
        <translation>Тики ещё не измерены.</translation>
    </message>
    <message>
        <source>Loop sluggish: p99 %1 ms is over one frame (%2 ms), worst %3 ms.</source>
        <translation>Цикл притормаживает: p99 %1 мс больше одного кадра (%2 мс), худшее %3 мс.</translation>
    </message>
    <message>
        <source>Loop responsive: p99 %1 ms, worst %2 ms.</source>
        <translation>Цикл отзывчив: p99 %1 мс, худшее %2 мс.</translation>
    </message>
    <message>
        <source>Tasks queued for a worker: up to %1 ms (median %2 ms).</source>
        <translation>Задачи ждали рабочего в очереди: до %1 мс (медиана %2 мс).</translation>
    </message>
    <message numerus="yes">
        <source>Loop blocked: %n stalls ≥ %1 ms, worst %2 ms, p99 %3 ms.</source>
        <translation>
            <numerusform>Цикл блокируется: %n зависание ≥ %1 мс, худшее %2 мс, p99 %3 мс.</numerusform>
            <numerusform>Цикл блокируется: %n зависания ≥ %1 мс, худшее %2 мс, p99 %3 мс.</numerusform>
            <numerusform>Цикл блокируется: %n зависаний ≥ %1 мс, худшее %2 мс, p99 %3 мс.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The GUI thread waited %n times for other threads, %1 ms in all.</source>
        <translation>
            <numerusform>GUI-поток %n раз ждал другие потоки, всего %1 мс.</numerusform>
            <numerusform>GUI-поток %n раза ждал другие потоки, всего %1 мс.</numerusform>
            <numerusform>GUI-поток %n раз ждал другие потоки, всего %1 мс.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue depth peaked at %1; the producer was held back %n times.</source>
        <translation>
            <numerusform>Глубина очереди доходила до %1; производитель притормаживался %n раз.</numerusform>
            <numerusform>Глубина очереди доходила до %1; производитель притормаживался %n раза.</numerusform>
            <numerusform>Глубина очереди доходила до %1; производитель притормаживался %n раз.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event loops nested %1 deep; %n handlers ran re-entered.</source>
        <translation>
            <numerusform>Циклы событий вкладывались на глубину %1; %n обработчик выполнился с повторным входом.</numerusform>
            <numerusform>Циклы событий вкладывались на глубину %1; %n обработчика выполнились с повторным входом.</numerusform>
            <numerusform>Циклы событий вкладывались на глубину %1; %n обработчиков выполнились с повторным входом.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks were cancelled at stop.</source>
        <translation>
            <numerusform>При остановке отменена %n задача.</numerusform>
            <numerusform>При остановке отменены %n задачи.</numerusform>
            <numerusform>При остановке отменено %n задач.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks failed.</source>
        <translation>
            <numerusform>%n задача завершилась с ошибкой.</numerusform>
            <numerusform>%n задачи завершились с ошибкой.</numerusform>
            <numerusform>%n задач завершились с ошибкой.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: blocked, %n stalls, worst %2 ms</source>
        <translation>
            <numerusform>%1: заблокирован, %n зависание, худшее %2 мс</numerusform>
            <numerusform>%1: заблокирован, %n зависания, худшее %2 мс</numerusform>
            <numerusform>%1: заблокирован, %n зависаний, худшее %2 мс</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: sluggish, p99 %2 ms</source>
        <translation>%1: притормаживает, p99 %2 мс</translation>
    </message>
    <message>
        <source>%1: responsive, p99 %2 ms</source>
        <translation>%1: отзывчив, p99 %2 мс</translation>
    </message>
    <message>
        <source>By mode: %1.</source>
        <translation>По режимам: %1.</translation>
    </message>
</context>
</TS>
