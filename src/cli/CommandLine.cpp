#include "CommandLine.h"

#include "Command.h"
#include "CommandRegistry.h"

#include <QCommandLineParser>

namespace scimitar::cli {

namespace {

const QString kTry = QStringLiteral("run 'scimitar-cli --help' for usage.");

} // namespace

CommandLine::CommandLine(const CommandRegistry& commands)
    : m_commands(commands)
{
}

bool CommandLine::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool CommandLine::parse(const QStringList& arguments)
{
    m_invocation = {};
    m_error.clear();

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, {}, QStringLiteral("format"));
    const QCommandLineOption connection(QStringLiteral("connection"), {}, QStringLiteral("name"));
    const QCommandLineOption profile(QStringLiteral("profile"), {}, QStringLiteral("name"));
    const QCommandLineOption kind(QStringLiteral("kind"), {}, QStringLiteral("kind"));
    const QCommandLineOption quiet(QStringList{QStringLiteral("q"), QStringLiteral("quiet")});
    const QCommandLineOption strict(QStringLiteral("strict"));
    const QCommandLineOption policy(QStringLiteral("policy"), {}, QStringLiteral("file"));
    const QCommandLineOption idpConnection(QStringLiteral("idp-connection"), {}, QStringLiteral("name"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")});
    parser.addOptions({output, connection, profile, kind, quiet, strict, policy, idpConnection, help, version});

    // argv[0] is the program; QCommandLineParser expects it and skips it.
    if (!parser.parse(arguments)) {
        if (parser.unknownOptionNames().contains(QStringLiteral("token"), Qt::CaseInsensitive))
            return fail(QStringLiteral("There is no --token option on purpose: a token on the command line ends up "
                                       "in shell history and in 'ps'. Use DATABRICKS_TOKEN, --profile or "
                                       "--connection instead."));
        return fail(QStringLiteral("%1 %2").arg(parser.errorText(), kTry));
    }

    Invocation& inv = m_invocation;
    inv.showHelp = parser.isSet(help);
    inv.showVersion = parser.isSet(version);
    inv.quiet = parser.isSet(quiet);
    inv.strict = parser.isSet(strict);
    inv.connectionName = parser.value(connection).trimmed();
    inv.profileName = parser.value(profile).trimmed();
    inv.policyPath = parser.value(policy).trimmed();
    inv.idpConnectionName = parser.value(idpConnection).trimmed();
    inv.commandWords = parser.positionalArguments();
    if (inv.commandWords == QStringList{QStringLiteral("help")})
        inv.showHelp = true;
    if (inv.showHelp || inv.showVersion)
        return true;

    if (parser.isSet(output)) {
        const auto format = outputFormatFromName(parser.value(output));
        if (!format)
            return fail(QStringLiteral("--output must be one of %1, not '%2'.")
                            .arg(outputFormatNames().join(QStringLiteral(", ")), parser.value(output)));
        inv.format = *format;
    }
    if (parser.isSet(kind)) {
        inv.kind = Connection::kindFromName(parser.value(kind));
        if (!inv.kind)
            return fail(QStringLiteral("--kind must be workspace or account, not '%1'.").arg(parser.value(kind)));
    }
    if (parser.isSet(connection) && inv.connectionName.isEmpty())
        return fail(QStringLiteral("--connection needs the name of a saved connection."));
    if (parser.isSet(profile) && inv.profileName.isEmpty())
        return fail(QStringLiteral("--profile needs a profile name from the Databricks config file."));
    if (!inv.connectionName.isEmpty() && !inv.profileName.isEmpty())
        return fail(QStringLiteral("Use either --connection or --profile, not both."));

    if (inv.commandWords.isEmpty())
        return fail(QStringLiteral("No command given; %1").arg(kTry));
    const Command* command = m_commands.find(inv.commandWords);
    if (!command) {
        const QString typed = inv.commandWords.join(QLatin1Char(' '));
        const QStringList candidates = m_commands.namesStartingWith(inv.commandWords.first());
        if (inv.commandWords.size() == 1 && !candidates.isEmpty())
            return fail(
                QStringLiteral("'%1' needs a subcommand: %2.").arg(typed, candidates.join(QStringLiteral(", "))));
        return fail(QStringLiteral("Unknown command '%1'. Commands: %2.")
                        .arg(typed, m_commands.names().join(QStringLiteral(", "))));
    }
    if (command->usesPolicy()) {
        if (inv.policyPath.isEmpty())
            return fail(QStringLiteral("'%1' needs --policy FILE: the access policy to check (see docs/policy.md).")
                            .arg(command->name()));
        if (parser.isSet(idpConnection) && inv.idpConnectionName.isEmpty())
            return fail(QStringLiteral("--idp-connection needs the name of a saved IdP connection."));
    } else if (parser.isSet(policy) || parser.isSet(idpConnection)) {
        return fail(
            QStringLiteral("--policy and --idp-connection only apply to drift, not to '%1'.").arg(command->name()));
    }
    return true;
}

QString CommandLine::helpText() const
{
    QString commands;
    for (const Command* command : m_commands.commands())
        commands += QStringLiteral("  %1%2\n").arg(command->name(), -26).arg(command->summary());

    return QStringLiteral(
               "Usage: scimitar-cli <command> [options]\n"
               "\n"
               "Lists Databricks identities (users, groups, service principals, roles) over SCIM, and reviews\n"
               "access drift against an identity provider under an access policy.\n"
               "\n"
               "Commands:\n"
               "%1"
               "\n"
               "Options:\n"
               "  -o, --output <format>     table (default), json or csv. JSON and CSV are stable formats for\n"
               "                            scripts; see docs/cli.md.\n"
               "  --connection <name>       Use a connection saved in Scimitar (token from the OS keychain).\n"
               "  --profile <name>          Use a profile of ~/.databrickscfg (or $DATABRICKS_CONFIG_FILE).\n"
               "  --kind <workspace|account>\n"
               "                            Override whether the host is a workspace or an account console\n"
               "                            (for --profile and the environment; the default follows the host).\n"
               "  -q, --quiet               No progress on stderr.\n"
               "  --strict                  Treat an incomplete listing (server warnings) as an error: print\n"
               "                            nothing and exit 2.\n"
               "  --policy <file>           drift: the access policy (JSON, see docs/policy.md).\n"
               "  --idp-connection <name>   drift: use an IdP connection saved in Scimitar (secret from the OS\n"
               "                            keychain) instead of $OKTA_API_TOKEN or $AZURE_CLIENT_SECRET.\n"
               "  -h, --help                Show this help.\n"
               "  -v, --version             Show the version.\n"
               "\n"
               "Connection, first match wins:\n"
               "  1. --connection NAME\n"
               "  2. --profile NAME, or $DATABRICKS_CONFIG_PROFILE when set\n"
               "  3. $DATABRICKS_HOST and $DATABRICKS_TOKEN (plus $DATABRICKS_ACCOUNT_ID for an account)\n"
               "There is deliberately no option for a token: it would leak into shell history and 'ps'.\n"
               "\n"
               "In tables, a trailing * marks a group, role or entitlement held through another group.\n"
               "\n"
               "Exit status: 0 on success, 2 on any error (one line on stderr). drift: 0 when there is no\n"
               "drift, 1 when there is, 2 on any error (drift is never computed from partial data).\n")
        .arg(commands);
}

} // namespace scimitar::cli
