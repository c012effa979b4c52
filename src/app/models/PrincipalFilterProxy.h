#pragma once

#include <QBitArray>
#include <QCollator>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace scimitar::gui {

// Sorts and filters a directory table for the search box. Every whitespace-separated term must appear,
// case-insensitively, in some searchable (visible) column, so "pii ana" finds Ana's row in pii groups; a term
// "column:text" only in that column ("group:pii-analysts", "status:inactive"), hidden or not. Text
// sorts in natural order ("group-2" before "group-10"), numbers as numbers (SortRole).
class PrincipalFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrincipalFilterProxy)

public:
    explicit PrincipalFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_searchText; }

    // Hidden columns are not searched: people expect the search to match what they can see.
    void setColumnSearchable(int column, bool searchable);
    bool isColumnSearchable(int column) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    int naturalCompare(const QString& a, const QString& b) const;
    // The column whose header is `name` or starts with it (3 letters at least); -1 when none.
    int columnNamed(const QString& name) const;

    QString m_searchText;
    QStringList m_terms;
    QBitArray m_unsearchable; // set bit = column not searched; grows on demand
    QCollator m_collator;
};

} // namespace scimitar::gui
