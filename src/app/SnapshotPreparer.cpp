#include "SnapshotPreparer.h"

#include <QPointer>
#include <QThread>

namespace scimitar::gui {

SnapshotPreparer::SnapshotPreparer(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<scimitar::gui::PreparedSnapshot>();
}

SnapshotPreparer::~SnapshotPreparer()
{
    for (QThread* thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void SnapshotPreparer::prepare(const QString& key, SnapshotPtr snapshot, QList<SnapshotTableModel::Preparer> preparers)
{
    const quint64 generation = ++m_generation;
    auto result = std::make_shared<PreparedSnapshot>();
    result->snapshot = std::move(snapshot);
    // The worker touches only the immutable snapshot and its own result; the preparers hold no model pointers.
    QThread* thread = QThread::create([result, preparers = std::move(preparers)] {
        if (!result->snapshot)
            return;
        for (const SnapshotTableModel::Preparer& preparer : preparers)
            result->tables.append(preparer(*result->snapshot));
    });
    thread->setObjectName(QStringLiteral("scimitar-prepare"));
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread, key, result, generation] {
        m_threads.removeOne(thread);
        thread->deleteLater();
        if (generation == m_generation)
            emit prepared(key, *result);
    });
    thread->start(QThread::LowPriority);
}

} // namespace scimitar::gui
