#include "FindingFilterProxy.h"

#include "drift/FindingsModel.h"

namespace scimitar::gui {

FindingFilterProxy::FindingFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingsModel::SortRole);
}

void FindingFilterProxy::setSeverity(std::optional<Severity> severity)
{
    m_severity = severity;
    invalidateFilter();
}

void FindingFilterProxy::setKind(std::optional<FindingKind> kind)
{
    m_kind = kind;
    invalidateFilter();
}

void FindingFilterProxy::setSearchText(const QString& text)
{
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool FindingFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_severity && index.data(FindingsModel::SeverityRole).toInt() != int(*m_severity))
        return false;
    if (m_kind && index.data(FindingsModel::KindRole).toInt() != int(*m_kind))
        return false;
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(FindingsModel::SearchTextRole).toString();
    return std::all_of(m_words.cbegin(), m_words.cend(), [&text](const QString& word) { return text.contains(word); });
}

} // namespace scimitar::gui
