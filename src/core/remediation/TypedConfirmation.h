#pragma once

#include <QString>

namespace scimitar {

// The one rule, for the GUI's review dialog and the CLI's prompt alike, for confirming a batch by typing a word:
// "yes" up to kNameThreshold changes, the connection's name beyond, so a large change to production is never one
// reflexive Enter away. What is typed is compared with surrounding spaces ignored and case-insensitively, as
// --connection compares names.
namespace TypedConfirmation {

inline constexpr int kNameThreshold = 10;

// True when more than kNameThreshold changes are to be sent: the connection's name must be typed.
bool needsName(int count);
QString expectedWord(int count, const QString& connectionName);
bool accepts(const QString& typed, const QString& expected);

} // namespace TypedConfirmation

} // namespace scimitar
