#pragma once

#include "scim/DirectoryLoader.h"

namespace scimitar::cli {

class Console;

// Shows how far a load is on one self-overwriting stderr line. Only for people: it prints nothing unless
// enabled (stderr is a terminal and --quiet was not given), so logs and pipes never collect "\r" noise.
class ProgressPrinter
{
public:
    ProgressPrinter(Console& console, bool enabled);

    void show(const LoadProgress& progress);
    void clear(); // erases the line, before the result or an error is printed

private:
    Console& m_console;
    bool m_enabled = false;
    bool m_shown = false;
};

} // namespace scimitar::cli
