#pragma once

#include "Invocation.h"
#include "ResolvedTarget.h"
#include "connections/ImportedConnection.h"

#include <QProcessEnvironment>
#include <optional>

namespace scimitar::cli {

// Decides which Databricks target and token a run uses, first match wins:
//   1. --connection NAME: a connection saved by the GUI (QSettings "Scimitar"/"Scimitar"), token from the OS
//      keychain;
//   2. --profile NAME, or $DATABRICKS_CONFIG_PROFILE: a profile of ~/.databrickscfg ($DATABRICKS_CONFIG_FILE);
//   3. $DATABRICKS_HOST + $DATABRICKS_TOKEN (+ $DATABRICKS_ACCOUNT_ID).
// The same order the Databricks CLI users expect, with the GUI's saved connections in front.
class ConnectionResolver
{
public:
    // What the run will do with the connection.
    enum class Use
    {
        Read,
        Write, // sends changes: a connection marked read-only is refused, before its token is even read
    };

    explicit ConnectionResolver(const QProcessEnvironment& env);

    // nullopt with *error set (one sentence, never containing a token) when nothing usable was found.
    std::optional<ResolvedTarget> resolve(const Invocation& invocation, QString* error, Use use = Use::Read) const;

private:
    ImportedConnection fromSavedConnection(const QString& name, Use use) const;
    ImportedConnection fromProfile(const QString& name) const;
    ImportedConnection fromEnvironment() const;

    QProcessEnvironment m_env;
};

} // namespace scimitar::cli
