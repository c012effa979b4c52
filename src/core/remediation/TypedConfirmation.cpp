#include "remediation/TypedConfirmation.h"

namespace scimitar::TypedConfirmation {

bool needsName(int count)
{
    return count > kNameThreshold;
}

QString expectedWord(int count, const QString& connectionName)
{
    return needsName(count) ? connectionName : QStringLiteral("yes");
}

bool accepts(const QString& typed, const QString& expected)
{
    const QString answer = typed.trimmed();
    return !answer.isEmpty() && answer.compare(expected.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace scimitar::TypedConfirmation
