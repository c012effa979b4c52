#include "connections/EnvironmentCredentials.h"

#include <QStringList>

namespace scimitar {

namespace {

const QString hostVar = QStringLiteral("DATABRICKS_HOST");
const QString tokenVar = QStringLiteral("DATABRICKS_TOKEN");
const QString accountVar = QStringLiteral("DATABRICKS_ACCOUNT_ID");
const QString profileVar = QStringLiteral("DATABRICKS_CONFIG_PROFILE");
const QString authTypeVar = QStringLiteral("DATABRICKS_AUTH_TYPE");

} // namespace

bool EnvironmentCredentials::isPresent(const QProcessEnvironment& env)
{
    return !env.value(hostVar).trimmed().isEmpty() || !env.value(tokenVar).trimmed().isEmpty();
}

QString EnvironmentCredentials::configProfile(const QProcessEnvironment& env)
{
    return env.value(profileVar).trimmed();
}

ImportedConnection EnvironmentCredentials::read(const QProcessEnvironment& env)
{
    ImportedConnection result;
    result.origin = QStringLiteral("environment variables");

    const QString host = env.value(hostVar).trimmed();
    const QString token = env.value(tokenVar).trimmed();

    Connection& connection = result.connection;
    connection = Connection::create();
    connection.setHost(host);
    connection.accountId = env.value(accountVar).trimmed();
    connection.kind = Connection::guessKind(connection.host, connection.accountId);
    connection.authType = connection.kind == Connection::Kind::Account ? Connection::AuthType::AccountScimToken
                                                                       : Connection::AuthType::PersonalAccessToken;
    connection.name = connection.host.host().isEmpty() ? QStringLiteral("Environment")
                                                       : QStringLiteral("Environment (%1)").arg(connection.host.host());

    QStringList missing;
    if (host.isEmpty())
        missing << hostVar;
    if (token.isEmpty())
        missing << tokenVar;
    if (!missing.isEmpty()) {
        result.error = missing.size() == 2 ? QStringLiteral("%1 and %2 are not set.").arg(hostVar, tokenVar)
                                           : QStringLiteral("%1 is not set.").arg(missing.first());
        if (token.isEmpty())
            result.error +=
                QStringLiteral(" %1 must hold a personal access token or an account SCIM token.").arg(tokenVar);
        if (const QString profile = configProfile(env); !profile.isEmpty())
            result.error += QStringLiteral(" (%1 is set to '%2': import that profile from the Databricks config "
                                           "file instead.)")
                                .arg(profileVar, profile);
        return result;
    }

    const QString authType = env.value(authTypeVar).trimmed().toLower();
    if (!authType.isEmpty() && authType != QLatin1String("pat")) {
        result.error = QStringLiteral("%1 is '%2', which Scimitar does not support yet; use a personal access "
                                      "token or an account SCIM token in %3.")
                           .arg(authTypeVar, authType, tokenVar);
        return result;
    }
    if (const QString invalid = connection.validate(); !invalid.isEmpty()) {
        result.error = QStringLiteral("The Databricks environment variables are not usable: %1").arg(invalid);
        return result;
    }
    result.token = token;
    return result;
}

} // namespace scimitar
