#include "widgets/NoteCountdown.h"

#include <QElapsedTimer>
#include <QTimer>

namespace scimitar::gui {

NoteCountdown::NoteCountdown(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_clock = [elapsed = std::make_shared<QElapsedTimer>()] {
        if (!elapsed->isValid())
            elapsed->start();
        return elapsed->elapsed();
    };
    m_timer->setInterval(250); // whole seconds are shown; a quarter keeps each change within a glance
    connect(m_timer, &QTimer::timeout, this, &NoteCountdown::tick);
}

void NoteCountdown::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool NoteCountdown::isCounting() const
{
    return m_wait.has_value();
}

void NoteCountdown::show(const QString& note)
{
    m_wait = net::RetryNote::find(note);
    if (!m_wait) {
        m_timer->stop();
        setText(note);
        return;
    }
    m_deadline = m_clock() + m_wait->delayMs;
    setText(net::RetryNote::render(*m_wait, m_wait->delayMs));
    m_timer->start();
}

void NoteCountdown::tick()
{
    if (!m_wait)
        return;
    const qint64 left = m_deadline - m_clock();
    setText(net::RetryNote::render(*m_wait, left));
    if (left <= 0) {
        // "retrying now" stays until the next note says what happened.
        m_wait.reset();
        m_timer->stop();
    }
}

void NoteCountdown::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    emit textChanged(m_text);
}

} // namespace scimitar::gui
