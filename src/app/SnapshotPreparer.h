#pragma once

#include "models/SnapshotTableModel.h"

#include <QList>
#include <QObject>

class QThread;

namespace scimitar::gui {

// A snapshot with every table's rows already computed: what the window swaps in, in one go.
struct PreparedSnapshot
{
    SnapshotPtr snapshot;
    QList<SnapshotTableModel::Prepared> tables; // in the order of the preparers given to prepare()
};

// Computes the tables' rows for a new snapshot in a worker thread. Role lists, nested-member counts and holder
// tallies for 10,000 users and 5,000 groups take several hundred milliseconds; on the GUI thread that would be a
// visible freeze right when the refresh finishes.
class SnapshotPreparer final : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotPreparer(QObject* parent = nullptr);
    // Waits for a running preparation: it only reads the snapshot, so this is short.
    ~SnapshotPreparer() override;

    // Starts preparing; a preparation still running for an earlier request is not interrupted, but its result is
    // dropped, so only the newest request is ever delivered.
    void prepare(const QString& key, SnapshotPtr snapshot, QList<SnapshotTableModel::Preparer> preparers);
    // Drops the result of the running preparation, if any.
    void discard() { ++m_generation; }
    bool isBusy() const { return !m_threads.isEmpty(); }

signals:
    void prepared(const QString& key, const scimitar::gui::PreparedSnapshot& result);

private:
    QList<QThread*> m_threads;
    quint64 m_generation = 0;
};

} // namespace scimitar::gui

Q_DECLARE_METATYPE(scimitar::gui::PreparedSnapshot)
