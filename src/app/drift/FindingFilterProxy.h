#pragma once

#include "drift/Finding.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace scimitar::gui {

// Filters a FindingsModel by severity, by kind and by the search box (every word must appear in the principal,
// target, via, IdP groups, kind or explanation). Sorting keeps the report's grouping: by kind, then as the column
// says.
class FindingFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit FindingFilterProxy(QObject* parent = nullptr);

    void setSeverity(std::optional<Severity> severity);
    void setKind(std::optional<FindingKind> kind);
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<Severity> m_severity;
    std::optional<FindingKind> m_kind;
    QStringList m_words;
};

} // namespace scimitar::gui
