#pragma once

#include <QString>

namespace scimitar {

// How many terminal columns text takes, close enough to wcwidth() for aligned tables: combining marks and
// format characters take none, East Asian wide/fullwidth characters and most emoji take two, everything else one.
// Grapheme clusters built with ZWJ are counted per code point, which overestimates a few emoji sequences; tables
// then merely lose a column of alignment, they never break.
class DisplayWidth
{
public:
    static int of(const QString& text);

    // Cuts `text` to at most `width` columns, ending in "…" when anything was removed. Never splits a surrogate
    // pair and never leaves a combining mark without its base character.
    static QString truncate(const QString& text, int width);

    // Turns line breaks, tabs and other control characters into spaces: one cell must stay on one line.
    static QString singleLine(const QString& text);

    static int ofCodePoint(char32_t codePoint);
};

} // namespace scimitar
