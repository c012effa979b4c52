#pragma once

#include "net/RetryNote.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

class QTimer;

namespace scimitar::gui {

// The status line's note, counting down the wait it announces: "Okta: throttled (429), retrying in 58 s" becomes
// 57, 56, … then "retrying now", instead of a number that never changes during a long, rate-limited review.
// Notes without a wait are shown as they are. The clock is injected so tests move time instead of waiting.
class NoteCountdown final : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    explicit NoteCountdown(QObject* parent = nullptr);

    void setClock(Clock clock);
    // Shows `note`; when it announces a wait, counts it down from now.
    void show(const QString& note);
    QString text() const { return m_text; }
    bool isCounting() const;
    // What the timer calls (every quarter second while counting); tests call it after moving their clock.
    void tick();

signals:
    void textChanged(const QString& text);

private:
    void setText(const QString& text);

    Clock m_clock;
    QTimer* m_timer = nullptr;
    std::optional<net::RetryNote::Wait> m_wait;
    qint64 m_deadline = 0;
    QString m_text;
};

} // namespace scimitar::gui
