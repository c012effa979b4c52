#include "output/TextTable.h"

#include "output/DisplayWidth.h"

#include <algorithm>

namespace scimitar {

namespace {

constexpr int kGap = 2;

} // namespace

TextTable::TextTable(const QStringList& headers)
{
    for (const QString& header : headers) {
        m_headers.append(DisplayWidth::singleLine(header));
        m_minWidths.append(kMinColumnWidth);
    }
}

void TextTable::setColumnMinWidth(int column, int width)
{
    if (column >= 0 && column < m_minWidths.size())
        m_minWidths[column] = width;
}

void TextTable::addRow(const QStringList& cells)
{
    QStringList row;
    row.reserve(m_headers.size());
    for (qsizetype i = 0; i < m_headers.size(); ++i)
        row.append(DisplayWidth::singleLine(cells.value(i)));
    m_rows.append(row);
}

QList<int> TextTable::columnWidths() const
{
    QList<int> widths;
    for (const QString& header : m_headers)
        widths.append(DisplayWidth::of(header));
    for (const QStringList& row : m_rows)
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], DisplayWidth::of(row[i]));

    QList<int> floors;
    for (qsizetype i = 0; i < widths.size(); ++i)
        floors.append(std::min(widths[i], m_minWidths[i]));

    // Take one column at a time from the currently widest column that can still give: short columns (ids,
    // flags) keep their full width and long free text (names, lists) absorbs the cut.
    int total = 0;
    for (int width : std::as_const(widths))
        total += width;
    total += kGap * std::max<qsizetype>(0, widths.size() - 1);
    while (total > m_maxWidth) {
        qsizetype widest = -1;
        for (qsizetype i = 0; i < widths.size(); ++i)
            if (widths[i] > floors[i] && (widest < 0 || widths[i] > widths[widest]))
                widest = i;
        if (widest < 0)
            break; // every column is at its floor: overflow rather than hide everything
        --widths[widest];
        --total;
    }
    return widths;
}

QString TextTable::renderLine(const QStringList& cells, const QList<int>& widths) const
{
    QString line;
    for (qsizetype i = 0; i < widths.size(); ++i) {
        const QString cell = DisplayWidth::truncate(cells.value(i), widths[i]);
        line += cell;
        if (i + 1 < widths.size())
            line += QString(widths[i] - DisplayWidth::of(cell) + kGap, QLatin1Char(' '));
    }
    while (line.endsWith(QLatin1Char(' ')))
        line.chop(1);
    return line + QLatin1Char('\n');
}

QString TextTable::render() const
{
    const QList<int> widths = columnWidths();
    QString text = renderLine(m_headers, widths);
    QStringList rules;
    for (int width : widths)
        rules.append(QString(width, QLatin1Char('-')));
    text += renderLine(rules, widths);
    for (const QStringList& row : m_rows)
        text += renderLine(row, widths);
    return text;
}

} // namespace scimitar
