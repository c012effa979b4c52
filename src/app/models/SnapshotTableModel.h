#pragma once

#include "model/DirectorySnapshot.h"
#include "models/ModelRoles.h"

#include <QAbstractTableModel>

namespace scimitar::gui {

// The shared base of the directory tables: holds the snapshot, resets on a new one, and answers the styling
// every table does alike (deactivated principals grey and italic). Subclasses precompute their rows in
// rebuild(), so painting and filtering 10,000 rows never walks the snapshot again.
class SnapshotTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit SnapshotTableModel(QObject* parent = nullptr);

    // A new snapshot replaces the whole table (a refresh can change every row).
    void setSnapshot(SnapshotPtr snapshot);
    const SnapshotPtr& snapshot() const { return m_snapshot; }

    // A column width, in average characters, that fits typical content; the view's starting layout.
    virtual int widthHint(int column) const = 0;
    // Columns a person usually does not need at first (ids); the view starts with them hidden.
    virtual bool hiddenByDefault(int column) const;
    // "users", "groups": what the table lists, for placeholders like "No users match".
    virtual QString itemsName() const = 0;

    int rowCount(const QModelIndex& parent = QModelIndex()) const final;
    int columnCount(const QModelIndex& parent = QModelIndex()) const final;

protected:
    // Called between beginResetModel and endResetModel; m_snapshot may be null (no data yet).
    virtual void rebuild() = 0;
    virtual int rows() const = 0;
    virtual int columns() const = 0;

    // Foreground and font for a deactivated principal; an invalid QVariant for active ones.
    static QVariant inactiveForeground(bool inactive);
    static QVariant inactiveFont(bool inactive);

    SnapshotPtr m_snapshot;
};

} // namespace scimitar::gui
