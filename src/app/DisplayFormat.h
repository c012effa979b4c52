#pragma once

#include <QString>
#include <QStringList>

namespace scimitar {
struct LoadProgress;
}

namespace scimitar::gui {

// Turns numbers, durations and load progress into the short phrases the window shows, in one place so the
// status bar, the details pane and the tests agree on the wording.
class DisplayFormat
{
public:
    // 10000 -> "10,000" (the system locale's grouping; English grouping when the locale is plain "C").
    static QString number(qint64 value);
    // (1, "user", "users") -> "1 user"; (10000, ...) -> "10,000 users".
    static QString count(qint64 value, const QString& singular, const QString& plural);
    // 1834 -> "1.8 s"; 125000 -> "2 min 5 s"; 450 -> "450 ms".
    static QString duration(qint64 millis);
    // A group path as people read it: "pii-readers → pii-analysts".
    static QString path(const QStringList& names);
    // "Users 3,400/10,000 · Groups 1,200/5,000"; parts not started yet are left out.
    static QString progress(const LoadProgress& progress);
};

} // namespace scimitar::gui
