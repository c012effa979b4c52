#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>
#include <QStringList>

namespace scimitar {

// Small helpers for the hand-written files Scimitar reads (policies, IdP files): errors people can act on.
class JsonCheck
{
public:
    // "line 3, column 14: unterminated string" for a QJsonParseError on `data` (offsets are UTF-8 bytes; the
    // column counts characters, as editors do).
    static QString syntaxError(const QByteArray& data, const QJsonParseError& error);

    // The first key of `object` (in sorted order, so the message is stable) that is not in `allowed`, or an
    // empty string. Unknown keys are errors in our files: a misspelt optional key would otherwise be ignored.
    static QString unknownKey(const QJsonObject& object, const QStringList& allowed);

    // "unknown key; expected a, b, c" plus a hint when only the case differs ("did you mean databricksGroup?").
    static QString unknownKeyMessage(const QString& key, const QStringList& allowed);

    // The value as JSON text for messages: strings quoted, others as written ("oktaa" -> "\"oktaa\"", 3 -> "3").
    static QString quoted(const QJsonValue& value);
};

} // namespace scimitar
