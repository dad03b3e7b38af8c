#include "window/lessonspanel.h"

#include "lessons/lessons.h"
#include "style/theme.h"

#include <QEvent>
#include <QKeyEvent>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
constexpr int kNameRole = Qt::UserRole;

// The list's tooltip: the lesson in one sentence.
QString firstSentence(const QString &text)
{
    const qsizetype end = text.indexOf(QStringLiteral(". "));
    return end < 0 ? text : text.left(end + 1);
}

QIcon modeDot(ExecMode mode)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Theme::modeColor(mode));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

// White or black, whichever reads better on the mode's colour.
QColor tagTextColor(const QColor &background)
{
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}
} // namespace

LessonsPanel::LessonsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_text(new QTextBrowser(this))
    , m_run(new QPushButton(tr("Run this lesson"), this))
{
    setObjectName(QStringLiteral("lessonsPanel"));

    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setAccessibleName(tr("Lessons"));
    m_list->setToolTip(tr("Pick a lesson to read it. Enter or a double-click runs it."));
    m_list->setAccessibleDescription(m_list->toolTip());
    m_list->setStatusTip(m_list->toolTip());
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(false);
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust); // rows wrap again when the dock narrows
    m_list->setIconSize(QSize(12, 12));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    int number = 1;
    for (const Lesson &lesson : Lessons::all()) {
        auto *item = new QListWidgetItem(modeDot(lesson.preset.mode),
                                         QStringLiteral("%1. %2").arg(number++).arg(lesson.title), m_list);
        item->setData(kNameRole, lesson.name);
        item->setToolTip(firstSentence(lesson.whatHappens));
        item->setData(Qt::AccessibleTextRole, lesson.title);
        item->setData(Qt::AccessibleDescriptionRole, item->toolTip());
    }
    m_list->installEventFilter(this);
    m_list->viewport()->installEventFilter(this);

    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setAccessibleName(tr("Lesson text"));
    m_text->setToolTip(tr("What the selected lesson shows, why, what to look for, and the same pattern in "
                          "asyncio and in Qt."));
    m_text->setAccessibleDescription(m_text->toolTip());
    m_text->setStatusTip(m_text->toolTip());
    m_text->setOpenLinks(false);
    m_text->setTabChangesFocus(true); // Tab moves on to the button instead of being swallowed
    m_text->setFrameShape(QFrame::NoFrame);

    m_run->setObjectName(QStringLiteral("runLesson"));
    m_run->setAccessibleName(tr("Run this lesson"));
    m_run->setAutoDefault(true); // Enter on the focused button runs it too

    auto *splitter = m_splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("lessonsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_list);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    // Room for every lesson without scrolling; the text takes the rest.
    const int listHeight = m_list->sizeHintForRow(0) * m_list->count() + 2 * m_list->frameWidth() + 2;
    m_list->setMinimumHeight(qMin(listHeight, 4 * m_list->sizeHintForRow(0)));
    splitter->setSizes({listHeight, 10000});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_run);

    setTabOrder(m_list, m_text);
    setTabOrder(m_text, m_run);

    applyStyleSheet();
    connect(m_list, &QListWidget::currentRowChanged, this, &LessonsPanel::showCurrent);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &LessonsPanel::chooseCurrent);
    connect(m_run, &QPushButton::clicked, this, &LessonsPanel::chooseCurrent);
    m_list->setCurrentRow(0);
}

void LessonsPanel::selectLesson(const QString &name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kNameRole).toString() == name) {
            m_list->setCurrentRow(row);
            m_list->scrollToItem(m_list->item(row));
            return;
        }
    }
}

void LessonsPanel::focusList()
{
    m_list->setFocus(Qt::ShortcutFocusReason);
}

QString LessonsPanel::currentLesson() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kNameRole).toString() : QString();
}

bool LessonsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Enter is handled here rather than through activated(), which some styles also emit on a
    // single click: a run must never start from merely selecting a lesson.
    // After the list has its new width, so the wrapped rows' heights are known.
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &LessonsPanel::fitList, Qt::QueuedConnection);
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            chooseCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LessonsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || Theme::isThemeChange(event))
        applyStyleSheet();
}

void LessonsPanel::fitList()
{
    const int width = m_list->viewport()->width();
    if (width == m_fittedWidth || width <= 0)
        return;
    m_fittedWidth = width;
    m_list->doItemsLayout(); // the rows' heights at this width
    int wanted = 2 * m_list->frameWidth() + 2;
    // As laid out (sizeHintForRow() would measure one unwrapped line).
    for (int row = 0; row < m_list->count(); ++row)
        wanted += m_list->visualItemRect(m_list->item(row)).height();
    const QList<int> sizes = m_splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int list = qMin(wanted, total * 3 / 5);
    if (total > 0 && list != sizes.value(0))
        m_splitter->setSizes({list, total - list});
}

void LessonsPanel::showCurrent()
{
    const Lesson *lesson = Lessons::find(currentLesson());
    m_run->setEnabled(lesson != nullptr);
    if (!lesson) {
        m_text->clear();
        return;
    }
    m_text->setHtml(Lessons::html(*lesson));
    const QString tip = tr("Start a run with this lesson's preset: %1 (Enter or double-click on the list)")
                            .arg(Lessons::presetSummary(lesson->preset));
    m_run->setToolTip(tip);
    m_run->setAccessibleDescription(tip);
    m_run->setStatusTip(tip);
}

void LessonsPanel::chooseCurrent()
{
    const QString name = currentLesson();
    if (!name.isEmpty())
        emit lessonChosen(name);
}

void LessonsPanel::applyStyleSheet()
{
    // Lessons::html() marks things up by class; the colours come from the theme, here.
    // A notch below the text size: 54 columns of code fit a 380 px wide dock without wrapping.
    const qreal basePt = font().pointSizeF() > 0 ? font().pointSizeF() : 9.0;
    const qreal codePt = qMax(7.0, basePt - 1.5);
    QString css = QStringLiteral(
                      "h3 { margin-top: 2px; margin-bottom: 2px; }"
                      "h4 { margin-top: 12px; margin-bottom: 3px; color: %1; }"
                      "p { margin-top: 0px; margin-bottom: 0px; }"
                      "p.preset { color: %1; }"
                      "table.code { background-color: %2; border: 1px solid %3; margin-top: 2px; }"
                      "pre { font-size: %4pt; margin: 0px; white-space: pre-wrap; }"
                      ".mode { font-weight: bold; }")
                      .arg(Theme::mutedTextColor().name(), Theme::alternateLaneColor().name(),
                           Theme::gridColor().name())
                      .arg(codePt);
    for (ExecMode mode : Kinds::allModes()) {
        const QColor color = Theme::modeColor(mode);
        css += QStringLiteral(".mode-%1 { background-color: %2; color: %3; }")
                   .arg(Kinds::name(mode), color.name(), tagTextColor(color).name());
    }
    m_text->document()->setDefaultStyleSheet(css);
    showCurrent(); // the style sheet applies to HTML set after it
}
