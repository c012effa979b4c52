#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar {

// A plain-text table for people: a header row, a rule, then left-aligned columns separated by two spaces.
// When the natural width exceeds maxWidth() the widest columns give up room first and their long cells end in
// "…"; alignment counts terminal columns (DisplayWidth), not QChars, so CJK names and accents line up.
class TextTable
{
public:
    static constexpr int kDefaultMaxWidth = 120;
    // No column is squeezed below this (or below its natural width, if that is smaller).
    static constexpr int kMinColumnWidth = 6;

    explicit TextTable(const QStringList& headers);

    void addRow(const QStringList& cells); // missing cells are blank, extra ones are dropped
    void setMaxWidth(int width) { m_maxWidth = width; }
    // Keeps a column at least this wide (or its natural width, if smaller) when shrinking: identifying columns
    // such as a user name should stay whole while free-text lists give way.
    void setColumnMinWidth(int column, int width);
    int maxWidth() const { return m_maxWidth; }

    int columnCount() const { return int(m_headers.size()); }
    int rowCount() const { return int(m_rows.size()); }

    // The widths render() uses, after shrinking to fit.
    QList<int> columnWidths() const;
    // Every line ends in '\n'; trailing spaces are trimmed.
    QString render() const;

private:
    QString renderLine(const QStringList& cells, const QList<int>& widths) const;

    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<int> m_minWidths;
    int m_maxWidth = kDefaultMaxWidth;
};

} // namespace scimitar
