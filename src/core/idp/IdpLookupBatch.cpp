#include "idp/IdpLookupBatch.h"

#include <QSet>

namespace scimitar {

IdpLookupBatch::IdpLookupBatch(QString sourceName)
    : m_sourceName(std::move(sourceName))
{
}

void IdpLookupBatch::reset(const QStringList& values, IdpLookupKey key)
{
    m_key = key;
    m_values = distinct(values);
    m_matches = QList<QList<IdpUser>>(m_values.size());
    m_answered = QList<bool>(m_values.size(), false);
    m_done = 0;
}

void IdpLookupBatch::record(int index, QList<IdpUser> matches)
{
    if (m_answered[index])
        return; // a value answers once, however a source's callbacks are wired
    m_answered[index] = true;
    m_matches[index] = std::move(matches);
    ++m_done;
}

QString IdpLookupBatch::progressNote() const
{
    return QStringLiteral("%1: looked up %2 of %3 people").arg(m_sourceName).arg(m_done).arg(m_values.size());
}

IdpLookupBatch::Answer IdpLookupBatch::take()
{
    Answer answer;
    for (int index = 0; index < m_values.size(); ++index) {
        if (m_matches[index].isEmpty())
            answer.notFound.append(m_values[index]);
        else
            answer.found += m_matches[index];
    }
    reset({}, m_key);
    return answer;
}

QStringList IdpLookupBatch::distinct(const QStringList& values)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString& raw : values) {
        const QString value = raw.trimmed();
        if (value.isEmpty() || seen.contains(value.toCaseFolded()))
            continue;
        seen.insert(value.toCaseFolded());
        result.append(value);
    }
    return result;
}

} // namespace scimitar
