#include "MessageBar.h"

#include "AppIcons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QResizeEvent>
#include <QStyle>
#include <QToolButton>

namespace scimitar::gui {

namespace {

QColor mix(const QColor& a, const QColor& b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

} // namespace

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_second(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    // As tall as its text, never taller: the tables below keep the room.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    m_icon->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText); // messages carry server and file text
    m_icon->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_action->setVisible(false);
    m_action->setObjectName(QStringLiteral("messageAction"));
    m_second->setVisible(false);
    m_second->setObjectName(QStringLiteral("messageSecondAction"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_second, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, &MessageBar::actionTriggered);
    connect(m_second, &QPushButton::clicked, this, &MessageBar::secondActionTriggered);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    setVisible(false);
}

void MessageBar::showMessage(Level level, const QString& text, const QString& actionText, const QString& secondText)
{
    m_level = level;
    m_text->setText(text);
    const QIcon icon = level == Level::Error     ? AppIcons::error()
                       : level == Level::Warning ? AppIcons::warning()
                                                 : AppIcons::information();
    m_icon->setPixmap(icon.pixmap(QSize(20, 20), devicePixelRatioF()));
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_second->setText(secondText);
    m_second->setVisible(!secondText.isEmpty());
    setAccessibleName(level == Level::Error     ? tr("Error")
                      : level == Level::Warning ? tr("Warning")
                                                : tr("Information"));
    setVisible(true);
    updateGeometry();
    update();
}

void MessageBar::dismiss()
{
    if (!isVisible() && m_text->text().isEmpty())
        return;
    setVisible(false);
    m_text->clear();
    emit dismissed();
}

QString MessageBar::text() const
{
    return m_text->text();
}

QColor MessageBar::accent() const
{
    switch (m_level) {
    case Level::Error:
        return QColor(0xd9, 0x3b, 0x3b);
    case Level::Warning:
        return QColor(0xe0, 0x9b, 0x1a);
    case Level::Information:
        break;
    }
    return palette().color(QPalette::Highlight);
}

QSize MessageBar::sizeHint() const
{
    // A wrapped label's own hint assumes a narrow width and comes out several lines tall; ask for the height the
    // text really needs at the width the bar has.
    QSize hint = QFrame::sizeHint();
    if (layout() && layout()->hasHeightForWidth() && width() > 0)
        hint.setHeight(layout()->totalHeightForWidth(width()));
    return hint;
}

void MessageBar::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry();
}

void MessageBar::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor base = palette().color(QPalette::Window);
    // A tint of the accent over the window colour: light pink on light themes, dark red on dark ones.
    painter.setBrush(mix(base, accent(), 0.16));
    painter.setPen(QPen(mix(base, accent(), 0.6), 1));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    QFrame::paintEvent(event);
}

void MessageBar::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        update();
}

} // namespace scimitar::gui
