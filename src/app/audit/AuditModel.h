#pragma once

#include "remediation/AuditJournal.h"

#include <QAbstractTableModel>
#include <QList>

namespace scimitar::gui {

// Journal entries as table rows, newest first as the journal returns them. Read-only; replaced whole on every
// load (the journal is append-only, so a reload never changes what a row said, it only adds rows and outcomes).
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        // What was done and how it ended come first, so they are on screen without scrolling.
        IdColumn,
        WhenColumn, // local time
        ChangeColumn,
        ResultColumn, // AuditWords::resultLabel
        VerifiedColumn,
        ConnectionColumn,
        WhoColumn, // OS user / token owner
        HttpStatusColumn,
        DetailColumn, // the server's words
        UndoColumn,   // "undoes #12", "undone by #15"; keep last (AuditPage sizes the others)
        ColumnCount,
    };

    enum Role
    {
        // ChangeResult as int: effectiveResult()
        ResultRole = Qt::UserRole + 1,
        // bool: unknown and never re-read ("unknown — verify")
        NeedsVerificationRole,
        // the intent's id (qint64)
        IdRole,
        // QDateTime (UTC) of the intent
        AtRole,
        // the connection's name
        ConnectionRole,
        // what the search box matches: every column's text, plus target and principal
        SearchRole,
        // what sorting uses: numbers and times as such
        SortRole,
    };

    explicit AuditModel(QObject* parent = nullptr);

    void setEntries(QList<JournalEntry> entries);
    const QList<JournalEntry>& entries() const { return m_entries; }
    const JournalEntry* entry(int row) const;
    int rowOf(qint64 intentId) const;
    // The distinct connection names, sorted case-insensitively, for the connection filter.
    QStringList connections() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const JournalEntry& entry, int column) const;

    QList<JournalEntry> m_entries;
};

} // namespace scimitar::gui
