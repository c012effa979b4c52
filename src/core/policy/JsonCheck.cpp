#include "policy/JsonCheck.h"

#include <QJsonArray>
#include <algorithm>

namespace scimitar {

QString JsonCheck::syntaxError(const QByteArray& data, const QJsonParseError& error)
{
    // Qt's offset is just past the character it could not use; editors want the character itself.
    const qsizetype offset = std::clamp<qsizetype>(error.offset - 1, 0, data.size());
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return QStringLiteral("line %1, column %2: %3 (JSON syntax)").arg(line).arg(column).arg(error.errorString());
}

QString JsonCheck::unknownKey(const QJsonObject& object, const QStringList& allowed)
{
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end());
    for (const QString& key : std::as_const(keys))
        if (!allowed.contains(key))
            return key;
    return {};
}

QString JsonCheck::unknownKeyMessage(const QString& key, const QStringList& allowed)
{
    for (const QString& candidate : allowed)
        if (candidate.compare(key, Qt::CaseInsensitive) == 0)
            return QStringLiteral("unknown key (did you mean %1?)").arg(candidate);
    return QStringLiteral("unknown key; expected %1").arg(allowed.join(QStringLiteral(", ")));
}

QString JsonCheck::quoted(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace scimitar
