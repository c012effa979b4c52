#pragma once

#include "model/DirectorySnapshot.h"
#include "models/ModelRoles.h"

#include <QAbstractTableModel>
#include <functional>
#include <memory>

namespace scimitar::gui {

// The shared base of the directory tables: holds the snapshot, resets on a new one, and answers the styling
// every table does alike (deactivated principals grey and italic). Subclasses precompute their rows once per
// snapshot, so painting and filtering 10,000 rows never walks the snapshot again; and because that takes a few
// hundred milliseconds on a large workspace, the window runs it in a worker thread (SnapshotPreparer) and hands
// the result in with setPrepared().
class SnapshotTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit SnapshotTableModel(QObject* parent = nullptr);

    // Rows computed from a snapshot, opaque to everyone but the model that made them.
    using Prepared = std::shared_ptr<const void>;
    // Computes a table's rows. Pure and independent of the model object, so it may run in any thread, even after
    // the model is gone.
    using Preparer = std::function<Prepared(const DirectorySnapshot&)>;

    virtual Preparer preparer() const = 0;

    // A new snapshot replaces the whole table (a refresh can change every row). Computes the rows here.
    void setSnapshot(SnapshotPtr snapshot);
    // The same with rows this model's preparer() computed, perhaps in another thread.
    void setPrepared(SnapshotPtr snapshot, Prepared rows);
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
    // Takes the rows (null when there is no snapshot); called between beginResetModel and endResetModel.
    virtual void adopt(Prepared rows) = 0;
    virtual int rows() const = 0;
    virtual int columns() const = 0;

    // Foreground and font for a deactivated principal; an invalid QVariant for active ones.
    static QVariant inactiveForeground(bool inactive);
    static QVariant inactiveFont(bool inactive);

    SnapshotPtr m_snapshot;
};

} // namespace scimitar::gui
