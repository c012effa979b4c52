#include "connections/DatabricksConfigFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace scimitar {

namespace {

bool isCommentStart(QChar c)
{
    return c == QLatin1Char('#') || c == QLatin1Char(';');
}

// Removes an inline comment: '#' or ';' counts only after whitespace, as in the SDKs' INI
// reader, so "token = abc#def" keeps its '#'.
QString stripInlineComment(const QString& text)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (isCommentStart(text.at(i)) && text.at(i - 1).isSpace())
            return text.left(i);
    }
    return text;
}

QString expandHome(const QString& path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

QString DatabricksConfigFile::defaultPath(const QProcessEnvironment& env)
{
    const QString configured = env.value(QStringLiteral("DATABRICKS_CONFIG_FILE")).trimmed();
    if (!configured.isEmpty())
        return expandHome(configured);
    return QDir::homePath() + QStringLiteral("/.databrickscfg");
}

DatabricksConfigFile DatabricksConfigFile::load(const QProcessEnvironment& env)
{
    DatabricksConfigFile file = loadFile(defaultPath(env));
    if (!file.isOk() && env.contains(QStringLiteral("DATABRICKS_CONFIG_FILE")) && !QFileInfo::exists(file.m_source))
        file.m_errors.first() += QStringLiteral(" (DATABRICKS_CONFIG_FILE points there.)");
    return file;
}

DatabricksConfigFile DatabricksConfigFile::loadFile(const QString& path)
{
    DatabricksConfigFile file;
    file.m_source = QDir::toNativeSeparators(path);
    QFile input(path);
    if (!input.exists()) {
        file.m_errors << QStringLiteral("Cannot read %1: the file does not exist.").arg(file.m_source);
        return file;
    }
    if (!input.open(QIODevice::ReadOnly)) {
        file.m_errors << QStringLiteral("Cannot read %1: %2.").arg(file.m_source, input.errorString());
        return file;
    }
    file.parseText(QString::fromUtf8(input.readAll()));
    return file;
}

DatabricksConfigFile DatabricksConfigFile::parse(const QString& text, const QString& sourceName)
{
    DatabricksConfigFile file;
    file.m_source = sourceName;
    file.parseText(text);
    return file;
}

void DatabricksConfigFile::addError(int line, const QString& sentence)
{
    m_errors << QStringLiteral("%1, line %2: %3").arg(m_source).arg(line).arg(sentence);
}

void DatabricksConfigFile::parseText(const QString& text)
{
    QString current = defaultProfile();
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index + 1);
        QString line = lines.at(index);
        if (line.endsWith(QLatin1Char('\r'))) // CRLF files written on Windows
            line.chop(1);
        if (index == 0 && line.startsWith(QChar(0xFEFF))) // UTF-8 byte order mark
            line.remove(0, 1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || isCommentStart(trimmed.front()))
            continue;

        if (trimmed.startsWith(QLatin1Char('['))) {
            const qsizetype close = trimmed.indexOf(QLatin1Char(']'));
            if (close < 0) {
                addError(lineNumber, QStringLiteral("the section header has no closing ']'."));
                continue;
            }
            const QString rest = trimmed.mid(close + 1).trimmed();
            if (!rest.isEmpty() && !isCommentStart(rest.front())) {
                addError(lineNumber, QStringLiteral("unexpected text after the section header."));
                continue;
            }
            const QString name = trimmed.mid(1, close - 1).trimmed();
            if (name.isEmpty()) {
                addError(lineNumber, QStringLiteral("the section name is empty."));
                continue;
            }
            current = name;
            sectionForWrite(current); // an empty section is still a profile that exists
            continue;
        }

        // Deliberately no quoting of the line in errors: a wrapped token may be what broke it.
        const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
        if (equals < 0) {
            addError(lineNumber, QStringLiteral("expected 'key = value', a [profile] header or a comment."));
            continue;
        }
        const QString key = trimmed.left(equals).trimmed().toLower();
        if (key.isEmpty()) {
            addError(lineNumber, QStringLiteral("there is no key before '='."));
            continue;
        }

        QString value = trimmed.mid(equals + 1).trimmed();
        const QChar quote = value.isEmpty() ? QChar() : value.front();
        const qsizetype closing =
            (quote == QLatin1Char('"') || quote == QLatin1Char('\'')) ? value.indexOf(quote, 1) : qsizetype(-1);
        if (closing > 0) {
            const QString rest = value.mid(closing + 1).trimmed();
            if (!rest.isEmpty() && !isCommentStart(rest.front())) {
                addError(lineNumber, QStringLiteral("unexpected text after the closing quote of '%1'.").arg(key));
                continue;
            }
            value = value.mid(1, closing - 1);
        } else {
            value = stripInlineComment(value).trimmed();
        }
        sectionForWrite(current).values.insert(key, value);
    }
}

const DatabricksConfigFile::Section* DatabricksConfigFile::section(const QString& name) const
{
    for (const Section& candidate : m_sections) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

DatabricksConfigFile::Section& DatabricksConfigFile::sectionForWrite(const QString& name)
{
    for (Section& candidate : m_sections) {
        if (candidate.name == name)
            return candidate;
    }
    m_sections.append(Section{name, {}});
    return m_sections.last();
}

QStringList DatabricksConfigFile::profileNames() const
{
    QStringList names;
    for (const Section& candidate : m_sections) {
        if (candidate.name == settingsSection())
            continue;
        if (candidate.name == defaultProfile() && candidate.values.isEmpty())
            continue;
        names << candidate.name;
    }
    return names;
}

bool DatabricksConfigFile::hasProfile(const QString& name) const
{
    return name != settingsSection() && profileNames().contains(name);
}

QMap<QString, QString> DatabricksConfigFile::profile(const QString& name) const
{
    const Section* found = section(name);
    return found ? found->values : QMap<QString, QString>();
}

QString DatabricksConfigFile::value(const QString& profileName, const QString& key) const
{
    return profile(profileName).value(key.toLower());
}

QString DatabricksConfigFile::defaultProfileSetting() const
{
    return value(settingsSection(), QStringLiteral("default_profile")).trimmed();
}

QString DatabricksConfigFile::resolveProfileName(const QString& explicitName, const QProcessEnvironment& env,
                                                 QString* origin) const
{
    auto chosen = [origin](const QString& name, const QString& why) {
        if (origin)
            *origin = why;
        return name;
    };
    if (!explicitName.trimmed().isEmpty())
        return chosen(explicitName.trimmed(), QStringLiteral("as requested"));
    const QString fromEnv = env.value(QStringLiteral("DATABRICKS_CONFIG_PROFILE")).trimmed();
    if (!fromEnv.isEmpty())
        return chosen(fromEnv, QStringLiteral("from DATABRICKS_CONFIG_PROFILE"));
    const QString fromSettings = defaultProfileSetting();
    if (!fromSettings.isEmpty())
        return chosen(fromSettings, QStringLiteral("from [__settings__] default_profile"));
    return chosen(defaultProfile(), QStringLiteral("the default"));
}

ImportedConnection DatabricksConfigFile::toConnection(const QString& profileName, const QProcessEnvironment& env) const
{
    ImportedConnection result;
    if (!isOk()) {
        result.error = errorString();
        return result;
    }

    QString why;
    const QString name = resolveProfileName(profileName, env, &why);
    result.origin = QStringLiteral("profile '%1' in %2").arg(name, m_source);
    if (!hasProfile(name)) {
        const QStringList available = profileNames();
        result.error =
            QStringLiteral("Profile '%1' (%2) is not in %3; %4")
                .arg(name, why, m_source,
                     available.isEmpty() ? QStringLiteral("the file has no profiles.")
                                         : QStringLiteral("it has: %1.").arg(available.join(QStringLiteral(", "))));
        return result;
    }

    const QMap<QString, QString> values = profile(name);
    Connection& connection = result.connection;
    connection = Connection::create(name);
    connection.setHost(values.value(QStringLiteral("host")));
    connection.accountId = values.value(QStringLiteral("account_id")).trimmed();
    connection.kind = Connection::guessKind(connection.host, connection.accountId);
    connection.authType = connection.kind == Connection::Kind::Account ? Connection::AuthType::AccountScimToken
                                                                       : Connection::AuthType::PersonalAccessToken;

    const QString prefix = QStringLiteral("Profile '%1' in %2").arg(name, m_source);
    const QString authType = values.value(QStringLiteral("auth_type")).trimmed().toLower();
    const QString token = values.value(QStringLiteral("token")).trimmed();
    if (!authType.isEmpty() && authType != QLatin1String("pat")) {
        result.error = QStringLiteral("%1 uses auth_type '%2', which Scimitar does not support yet; it needs a "
                                      "personal access token or an account SCIM token in 'token'.")
                           .arg(prefix, authType);
        return result;
    }
    if (token.isEmpty()) {
        if (values.contains(QStringLiteral("client_id")) || values.contains(QStringLiteral("client_secret")))
            result.error = QStringLiteral("%1 uses OAuth (client_id and client_secret), which Scimitar does not "
                                          "support yet; add 'token' with a personal access token or an account "
                                          "SCIM token.")
                               .arg(prefix);
        else
            result.error = QStringLiteral("%1 has no token.").arg(prefix);
        return result;
    }
    if (const QString invalid = connection.validate(); !invalid.isEmpty()) {
        result.error = QStringLiteral("%1: %2").arg(prefix, invalid);
        return result;
    }
    result.token = token;
    return result;
}

} // namespace scimitar
