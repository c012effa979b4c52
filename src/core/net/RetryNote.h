#pragma once

#include <QString>
#include <optional>

namespace scimitar::net {

// The progress notes that say a request waits ("Okta: throttled (429), retrying in 58.0 s (attempt 2)", "…; waiting
// 30.0 s for it to reset"), written in one place so a front-end can find the wait in them and count it down
// instead of showing a number that never changes.
namespace RetryNote {

// "<what>: <reason>, retrying in <s> s (attempt <n>)"
QString retrying(const QString& what, const QString& reason, int delayMs, int attempt);
// "<before>waiting <s> s<after>": a pause that is not a retry (a rate limit about to run out).
QString waiting(const QString& before, int delayMs, const QString& after);

// A note's wait, split around it.
struct Wait
{
    QString before; // up to and including "retrying in " / "waiting "
    int delayMs = 0;
    QString after; // from " s" on
};

// The wait in a note written by retrying() or waiting(); nullopt for any other note.
std::optional<Wait> find(const QString& note);
// The note with `msLeft` in place of its wait, in whole seconds rounded up ("retrying in 57 s"); at zero or
// below, "retrying now" / "waiting 0 s".
QString render(const Wait& wait, qint64 msLeft);

} // namespace RetryNote

} // namespace scimitar::net
