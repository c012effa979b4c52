#pragma once

#include <QByteArray>
#include <QString>

namespace scimitar::emulator {

// A SCIM error reply. Databricks sends `status` as a JSON string, not a number; clients that parse
// it as an int break, which is exactly what the emulator must expose.
struct ScimError
{
    int status = 400;
    QString scimType; // omitted from the body when empty (Databricks' throttling 500s carry none)
    QString detail;

    QByteArray toJson() const;

    static ScimError invalidFilter(const QString& detail) { return {400, QStringLiteral("invalidFilter"), detail}; }
    static ScimError invalidPath(const QString& detail) { return {400, QStringLiteral("invalidPath"), detail}; }
    static ScimError invalidValue(const QString& detail) { return {400, QStringLiteral("invalidValue"), detail}; }
    static ScimError invalidSyntax(const QString& detail) { return {400, QStringLiteral("invalidSyntax"), detail}; }
    static ScimError notFound(const QString& detail) { return {404, QString(), detail}; }
    static ScimError requestLimitExceeded();
};

} // namespace scimitar::emulator
