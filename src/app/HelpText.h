#pragma once

#include <QList>
#include <QString>

namespace scimitar::gui {

// What Help shows: the keyboard shortcuts and where the documentation is.
class HelpText
{
public:
    struct Shortcut
    {
        QString action; // "Refresh"
        QString keys;   // "F5"
    };

    // A table of every action's shortcut (sorted by name), then the keys no menu lists (Shift+F10, Tab, …).
    static QString shortcutsHtml(QList<Shortcut> shortcuts);
    // The folder holding README.md and the guides: installed next to the program, else the source tree's docs/;
    // empty when neither is there.
    static QString documentationFolder();
};

} // namespace scimitar::gui
