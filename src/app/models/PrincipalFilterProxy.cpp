#include "PrincipalFilterProxy.h"

#include "models/ModelRoles.h"

namespace scimitar::gui {

PrincipalFilterProxy::PrincipalFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    // A refresh resets the source; keep the user's sort column and order across it.
    setDynamicSortFilter(true);
}

void PrincipalFilterProxy::setSearchText(const QString& text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_terms = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void PrincipalFilterProxy::setColumnSearchable(int column, bool searchable)
{
    if (column < 0 || isColumnSearchable(column) == searchable)
        return;
    if (m_unsearchable.size() <= column)
        m_unsearchable.resize(column + 1);
    m_unsearchable.setBit(column, !searchable);
    if (!m_terms.isEmpty())
        invalidateFilter();
}

bool PrincipalFilterProxy::isColumnSearchable(int column) const
{
    return column >= m_unsearchable.size() || !m_unsearchable.testBit(column);
}

bool PrincipalFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QAbstractItemModel* model = sourceModel();
    const int columns = model->columnCount(sourceParent);
    QStringList cells;
    cells.reserve(columns);
    for (int column = 0; column < columns; ++column) {
        if (isColumnSearchable(column))
            cells.append(model->index(sourceRow, column, sourceParent).data(SearchRole).toString());
    }
    for (const QString& term : m_terms) {
        // "group:pii" looks in the Groups column only (any column, by a prefix of its header of 3+ letters, or
        // its whole name); a term whose prefix names no column ("arn:aws:…") is searched as it is, everywhere.
        if (const qsizetype colon = term.indexOf(QLatin1Char(':')); colon > 0 && colon + 1 < term.size()) {
            if (const int column = columnNamed(term.left(colon)); column >= 0) {
                const QModelIndex cell = model->index(sourceRow, column, sourceParent);
                const QVariant field = cell.data(FieldSearchRole);
                if (!(field.isValid() ? field : cell.data(SearchRole))
                         .toString()
                         .contains(term.mid(colon + 1), Qt::CaseInsensitive))
                    return false;
                continue;
            }
        }
        const bool found = std::any_of(cells.cbegin(), cells.cend(), [&term](const QString& cell) {
            return cell.contains(term, Qt::CaseInsensitive);
        });
        if (!found)
            return false;
    }
    return true;
}

int PrincipalFilterProxy::columnNamed(const QString& name) const
{
    const QAbstractItemModel* model = sourceModel();
    if (!model)
        return -1;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString header = model->headerData(column, Qt::Horizontal).toString();
        if (header.compare(name, Qt::CaseInsensitive) == 0 ||
            (name.size() >= 3 && header.startsWith(name, Qt::CaseInsensitive)))
            return column;
    }
    return -1;
}

int PrincipalFilterProxy::naturalCompare(const QString& a, const QString& b) const
{
    // Digit runs compare as numbers, everything between them through the collator (case-insensitive, locale
    // order). Done by hand because QCollator's numeric mode depends on ICU, which not every Qt build has.
    qsizetype i = 0;
    qsizetype j = 0;
    const auto run = [](const QString& s, qsizetype& pos, bool digits) {
        const qsizetype start = pos;
        while (pos < s.size() && s.at(pos).isDigit() == digits)
            ++pos;
        return QStringView(s).mid(start, pos - start);
    };
    while (i < a.size() && j < b.size()) {
        const bool digitsA = a.at(i).isDigit();
        const bool digitsB = b.at(j).isDigit();
        if (digitsA && digitsB) {
            QStringView x = run(a, i, true);
            QStringView y = run(b, j, true);
            while (x.size() > 1 && x.front() == QLatin1Char('0'))
                x = x.mid(1);
            while (y.size() > 1 && y.front() == QLatin1Char('0'))
                y = y.mid(1);
            if (x.size() != y.size())
                return x.size() < y.size() ? -1 : 1;
            if (const int c = x.compare(y); c != 0)
                return c;
            continue;
        }
        const QStringView x = run(a, i, digitsA);
        const QStringView y = run(b, j, digitsB);
        if (const int c = m_collator.compare(x, y); c != 0)
            return c;
    }
    return (i < a.size()) - (j < b.size());
}

bool PrincipalFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const auto isNumber = [](const QVariant& v) {
        const int type = v.typeId();
        return type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::Double;
    };
    if (isNumber(a) && isNumber(b))
        return a.toDouble() < b.toDouble();
    const int order = naturalCompare(a.toString(), b.toString());
    if (order != 0)
        return order < 0;
    // Equal keys fall back to the model's own (stable, name-sorted) order, so ties never shuffle on re-sort.
    return left.row() < right.row();
}

} // namespace scimitar::gui
