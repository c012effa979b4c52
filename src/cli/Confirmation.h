#pragma once

#include "remediation/TypedConfirmation.h"

#include <QString>

namespace scimitar::cli {

class Console;

// Asks the person at the terminal to confirm a batch by typing a word: "yes", or for a large batch the
// connection's name, so a change to production is never one reflexive Enter away. Reads standard input, so it is
// only ever used when standard input is a terminal (apply refuses otherwise and asks for --yes).
class Confirmation
{
public:
    // The word to type for `count` changes (TypedConfirmation, the rule the GUI follows too).
    static constexpr int kNameThreshold = TypedConfirmation::kNameThreshold;
    static QString expectedWord(int count, const QString& connectionName)
    {
        return TypedConfirmation::expectedWord(count, connectionName);
    }

    static bool isStdinTerminal();
    // Prints `prompt` on stderr and reads one line from stdin; true when it is `expected` (surrounding spaces
    // ignored; the connection's name case-insensitively, as --connection compares names).
    static bool ask(Console& console, const QString& prompt, const QString& expected);
};

} // namespace scimitar::cli
