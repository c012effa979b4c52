#include "output/DisplayWidth.h"

namespace scimitar {

namespace {

const QString kEllipsis = QStringLiteral("\u2026");

struct Range
{
    char32_t first;
    char32_t last;
};

// East Asian Wide and Fullwidth blocks plus the emoji blocks terminals draw two columns wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// The code point starting at `index` and how many UTF-16 units it takes. A lone surrogate counts as itself.
char32_t codePointAt(const QString& text, qsizetype index, int* units)
{
    const QChar c = text.at(index);
    if (c.isHighSurrogate() && index + 1 < text.size() && text.at(index + 1).isLowSurrogate()) {
        *units = 2;
        return QChar::surrogateToUcs4(c, text.at(index + 1));
    }
    *units = 1;
    return c.unicode();
}

bool isWide(char32_t codePoint)
{
    for (const Range& range : kWide) {
        if (codePoint < range.first)
            return false; // the table is sorted
        if (codePoint <= range.last)
            return true;
    }
    return false;
}

} // namespace

int DisplayWidth::ofCodePoint(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
        return 0;
    default:
        break;
    }
    if (codePoint >= 0x1160 && codePoint <= 0x11FF) // Hangul medial vowels and final consonants join the syllable
        return 0;
    return isWide(codePoint) ? 2 : 1;
}

int DisplayWidth::of(const QString& text)
{
    int width = 0;
    int units = 1;
    for (qsizetype i = 0; i < text.size(); i += units)
        width += ofCodePoint(codePointAt(text, i, &units));
    return width;
}

QString DisplayWidth::truncate(const QString& text, int width)
{
    if (width <= 0)
        return {};
    if (of(text) <= width)
        return text;
    const int budget = width - 1; // room for the ellipsis
    int used = 0;
    qsizetype kept = 0;
    int units = 1;
    for (; kept < text.size(); kept += units) {
        const int w = ofCodePoint(codePointAt(text, kept, &units));
        if (used + w > budget)
            break;
        used += w;
    }
    return text.left(kept) + kEllipsis;
}

QString DisplayWidth::singleLine(const QString& text)
{
    QString result = text;
    for (QChar& c : result)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    return result;
}

} // namespace scimitar
