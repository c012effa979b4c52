#pragma once

#include "remediation/ChangeRunner.h"
#include "remediation/PlannedItems.h"

#include <QAbstractTableModel>

namespace scimitar::gui {

// The rows of the review dialog: each change in words, what else it takes away (its blast radius), what became of
// it, and what the re-read showed (the edit, and whether the finding's target is held by no path any more). Items
// a guard refused are rows too (greyed, with the reason), so the operator sees what will not be sent and why.
class ChangeItemsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ChangeColumn,
        AlsoTakesColumn,
        StatusColumn,
        VerificationColumn,
        ColumnCount,
    };
    enum Role
    {
        StateRole = Qt::UserRole + 200, // int(ItemStatus::State)
    };

    explicit ChangeItemsModel(QObject* parent = nullptr);

    // `refusals[i]`: why a guard refuses items[i] (empty: it may be sent).
    void setItems(const QList<PlannedItem>& items, const QStringList& refusals);
    // New refusals for the same items (a guarded loss confirmed or withdrawn), statuses back to the start.
    void setRefusals(const QStringList& refusals);
    void setStatus(int row, const ItemStatus& status);
    // Back to "will be sent" / "refused" (after a dry run, before the real one).
    void resetStatuses();

    const QList<RunItem>& items() const { return m_items; }
    const PlannedItem& planned(int row) const { return m_planned.at(row); }
    const ItemStatus& status(int row) const { return m_statuses.at(row); }
    int sendableCount() const;

    // "Done", "Already absent", "Failed: <the server's words>", "Refused: <why>", …
    static QString statusText(const ItemStatus& status);
    // "Remove role … from …", with "Undo #12: " in front of undos.
    static QString changeText(const RunItem& item);
    // "group bi-all, role warehouse-read" / "nothing" / "not known", and "; pii-read still held through …".
    static QString alsoTakesText(const PlannedItem& item);
    // The re-read in words: the edit's verification, then whether the target is revoked.
    static QString verificationText(const ItemStatus& status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PlannedItem> m_planned;
    QList<RunItem> m_items;
    QStringList m_refusals;
    QList<ItemStatus> m_statuses;
};

} // namespace scimitar::gui
