#include "AuditFilterProxy.h"

#include "audit/AuditModel.h"

#include <QDateTime>

namespace scimitar::gui {

AuditFilterProxy::AuditFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AuditModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void AuditFilterProxy::setResult(std::optional<ChangeResult> result)
{
    if (m_result == result)
        return;
    m_result = result;
    invalidateRowsFilter();
}

void AuditFilterProxy::setConnection(const QString& connection)
{
    if (m_connection == connection)
        return;
    m_connection = connection;
    invalidateRowsFilter();
}

void AuditFilterProxy::setDateRange(const QDate& from, const QDate& to)
{
    if (m_from == from && m_to == to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

void AuditFilterProxy::setSearchText(const QString& text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (m_words == words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

bool AuditFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_result && index.data(AuditModel::ResultRole).toInt() != int(*m_result))
        return false;
    if (!m_connection.isEmpty() &&
        index.data(AuditModel::ConnectionRole).toString().compare(m_connection, Qt::CaseInsensitive) != 0)
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        // The days people pick are their own, so compare in local time.
        const QDate day = index.data(AuditModel::AtRole).toDateTime().toLocalTime().date();
        if ((m_from.isValid() && day < m_from) || (m_to.isValid() && day > m_to))
            return false;
    }
    if (!m_words.isEmpty()) {
        const QString haystack = index.data(AuditModel::SearchRole).toString();
        for (const QString& word : m_words)
            if (!haystack.contains(word, Qt::CaseInsensitive))
                return false;
    }
    return true;
}

} // namespace scimitar::gui
