#pragma once

#include "connections/ImportedConnection.h"

#include <QProcessEnvironment>

namespace scimitar {

// Reads the environment variables the Databricks SDKs and CLI use, so CI jobs and shells set up
// for `databricks` work with Scimitar unchanged: DATABRICKS_HOST, DATABRICKS_TOKEN and, for the
// account console, DATABRICKS_ACCOUNT_ID. The token is returned separately from the Connection,
// for the SecretStore (or, in the CLI, for this run only); it is never written anywhere by this class.
class EnvironmentCredentials
{
public:
    // True when DATABRICKS_HOST or DATABRICKS_TOKEN is set: the user meant to use the environment,
    // so a missing half deserves an error rather than a silent fallback to a config file.
    static bool isPresent(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    static ImportedConnection read(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // DATABRICKS_CONFIG_PROFILE, passed through for callers that then read ~/.databrickscfg.
    static QString configProfile(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
};

} // namespace scimitar
