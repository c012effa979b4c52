#pragma once

#include "remediation/AuditJournal.h"

#include <QDate>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <optional>

namespace scimitar::gui {

// Filters an AuditModel in memory, so a filter change never goes back to the disk: by result (as the CLI's
// --result: Unknown means no outcome or a lost answer), by connection (case-insensitive), by local calendar days
// (both ends inclusive), and by the search box (every word must appear somewhere in the row).
class AuditFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AuditFilterProxy(QObject* parent = nullptr);

    void setResult(std::optional<ChangeResult> result);
    void setConnection(const QString& connection);         // empty: every connection
    void setDateRange(const QDate& from, const QDate& to); // invalid: no bound
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<ChangeResult> m_result;
    QString m_connection;
    QDate m_from;
    QDate m_to;
    QStringList m_words;
};

} // namespace scimitar::gui
