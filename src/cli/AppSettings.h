#pragma once

#include <QString>

namespace scimitar::cli {

// The GUI's QSettings identity: the CLI must read the very same file to find the connections (Databricks and IdP)
// saved in the app.
inline const QString kSettingsOrganization = QStringLiteral("Scimitar");
inline const QString kSettingsApplication = QStringLiteral("Scimitar");

} // namespace scimitar::cli
