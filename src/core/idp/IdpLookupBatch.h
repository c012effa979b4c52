#pragma once

#include "idp/IdpDirectory.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace scimitar {

// One run of a live source's asynchronous work (a group load or a look-up): the QObject its pagers and timers hang
// off, and a generation that every callback compares with its own, so answers of an abandoned run are dropped.
struct IdpRun
{
    QObject* scope = nullptr;
    quint64 generation = 0;

    void begin(QObject* owner) { scope = new QObject(owner); }
    void abandon()
    {
        ++generation;
        if (scope) {
            scope->deleteLater(); // we may be inside a signal of one of the scope's children
            scope = nullptr;
        }
    }
};

// The bookkeeping of one look-up run, shared by the live sources (Okta, Entra ID) so both count, report progress
// and answer alike: the distinct values asked, the people each one matched, how many are answered, and the single
// answer at the end — everyone found in the order asked, and the values that matched nobody. How a value is asked
// about (requests, errors) stays with the source.
class IdpLookupBatch
{
public:
    struct Answer
    {
        QList<IdpUser> found;
        QStringList notFound;
    };

    // `sourceName` starts the progress notes ("Okta", "Entra ID").
    explicit IdpLookupBatch(QString sourceName);

    // Starts over with these values (see distinct()).
    void reset(const QStringList& values, IdpLookupKey key);

    IdpLookupKey key() const { return m_key; }
    int size() const { return int(m_values.size()); }
    const QString& value(int index) const { return m_values[index]; }
    int done() const { return m_done; }
    bool isComplete() const { return m_done >= size(); }

    // Records what value `index` matched (nobody: not found); a value answers once.
    void record(int index, QList<IdpUser> matches);
    QString progressNote() const; // "Okta: looked up 3 of 5 people"
    // The answer, once complete; leaves the batch empty.
    Answer take();

    // Trimmed, empty ones dropped, asked twice (in any case) kept once: the same group or person named twice must
    // not cost two requests.
    static QStringList distinct(const QStringList& values);

private:
    QString m_sourceName;
    IdpLookupKey m_key = IdpLookupKey::Login;
    QStringList m_values;
    QList<QList<IdpUser>> m_matches;
    QList<bool> m_answered;
    int m_done = 0;
};

} // namespace scimitar
