#pragma once

#include "connections/ImportedConnection.h"

#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>

namespace scimitar {

// Reads the Databricks CLI/SDK configuration file (~/.databrickscfg) the way the official SDKs
// do, so a profile that works with `databricks` works here:
// - INI sections are profiles; keys before the first section belong to DEFAULT.
// - keys are matched in lower case; unknown keys are kept;
// - values may be wrapped in single or double quotes;
// - '#' or ';' starts a comment at the start of a line, and inside a line only when preceded by
//   whitespace (tokens and URLs may contain '#' or ';');
// - a repeated section adds to the earlier one and a repeated key replaces the earlier value;
// - [__settings__] default_profile names the default profile.
// Parse errors name the file and line but never quote the line, which might hold a token.
class DatabricksConfigFile
{
public:
    static QString settingsSection() { return QStringLiteral("__settings__"); }
    static QString defaultProfile() { return QStringLiteral("DEFAULT"); }

    // $DATABRICKS_CONFIG_FILE (with a leading ~ expanded) when set, else ~/.databrickscfg.
    static QString defaultPath(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // Loads the file at defaultPath(env).
    static DatabricksConfigFile load(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    static DatabricksConfigFile loadFile(const QString& path);
    // `sourceName` appears in messages in place of a file path.
    static DatabricksConfigFile parse(const QString& text, const QString& sourceName = QStringLiteral("(text)"));

    // The path or source name used in messages.
    QString source() const { return m_source; }
    bool isOk() const { return m_errors.isEmpty(); }
    // Every problem found, one sentence each; the first is the one to show.
    QStringList errors() const { return m_errors; }
    QString errorString() const { return m_errors.value(0); }

    // Profiles in file order, without [__settings__]. DEFAULT is listed only when it has keys.
    QStringList profileNames() const;
    bool hasProfile(const QString& name) const;
    // Keys in lower case, values unquoted.
    QMap<QString, QString> profile(const QString& name) const;
    QString value(const QString& profile, const QString& key) const;
    // [__settings__] default_profile, or empty.
    QString defaultProfileSetting() const;

    // Profile choice, first match wins: `explicitName`, $DATABRICKS_CONFIG_PROFILE,
    // [__settings__] default_profile, DEFAULT. `origin` (optional) receives a phrase saying which
    // rule chose it, for messages.
    QString resolveProfileName(const QString& explicitName = {},
                               const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                               QString* origin = nullptr) const;

    // Turns a profile (resolved as above) into a Connection plus its token. Account kind when
    // account_id is set and the host is an accounts.* console or missing; else Workspace.
    ImportedConnection toConnection(const QString& profileName = {},
                                    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) const;

private:
    struct Section
    {
        QString name;
        QMap<QString, QString> values;
    };

    void parseText(const QString& text);
    void addError(int line, const QString& sentence);
    const Section* section(const QString& name) const;
    Section& sectionForWrite(const QString& name);

    QString m_source;
    QStringList m_errors;
    QList<Section> m_sections;
};

} // namespace scimitar
