#include "CommandLine.h"

#include "Command.h"
#include "CommandRegistry.h"

#include <QCommandLineParser>

namespace scimitar::cli {

namespace {

const QString kTry = QStringLiteral("run 'scimitar-cli --help' for usage.");

// "2024-05-01" (midnight UTC), "2024-05-01T12:00:00" (UTC) or with an offset ("…Z", "…+02:00"). The journal keeps
// UTC, so a time without an offset is read as UTC rather than in whatever zone the machine is set to.
QDateTime parseSince(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.timeSpec() == Qt::LocalTime ? QDateTime(time.date(), time.time(), Qt::UTC) : time.toUTC();
}

QStringList resultNames()
{
    QStringList names;
    for (ChangeResult result :
         {ChangeResult::Done, ChangeResult::AlreadyInState, ChangeResult::Failed, ChangeResult::Unknown})
        names.append(changeResultName(result));
    return names;
}

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
    const QCommandLineOption timeout(QStringLiteral("timeout"), {}, QStringLiteral("seconds"));
    const QCommandLineOption retries(QStringLiteral("retries"), {}, QStringLiteral("n"));
    const QCommandLineOption policy(QStringLiteral("policy"), {}, QStringLiteral("file"));
    const QCommandLineOption idpConnection(QStringLiteral("idp-connection"), {}, QStringLiteral("name"));
    const QCommandLineOption since(QStringLiteral("since"), {}, QStringLiteral("date"));
    const QCommandLineOption result(QStringLiteral("result"), {}, QStringLiteral("result"));
    const QCommandLineOption limit(QStringLiteral("limit"), {}, QStringLiteral("n"));
    const QCommandLineOption journal(QStringLiteral("journal"), {}, QStringLiteral("file"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"));
    const QCommandLineOption yes(QStringLiteral("yes"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")});
    parser.addOptions({output, connection, profile, kind, quiet, strict, timeout, retries, policy, idpConnection, since,
                       result, limit, journal, dryRun, yes, help, version});

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
    if (parser.isSet(timeout)) {
        bool ok = false;
        inv.timeoutSeconds = parser.value(timeout).trimmed().toInt(&ok);
        if (!ok || inv.timeoutSeconds < 1 || inv.timeoutSeconds > 3600)
            return fail(QStringLiteral("--timeout needs a number of seconds from 1 to 3600, not '%1'.")
                            .arg(parser.value(timeout)));
    }
    if (parser.isSet(retries)) {
        bool ok = false;
        inv.retries = parser.value(retries).trimmed().toInt(&ok);
        if (!ok || inv.retries < 0 || inv.retries > 20)
            return fail(QStringLiteral("--retries needs a number from 0 to 20, not '%1'.").arg(parser.value(retries)));
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
    qsizetype used = 0;
    const Command* command = m_commands.findLeading(inv.commandWords, &used);
    // Words after a command that takes none are a typo of a longer command ("users list all"), not operands.
    if (command && used < inv.commandWords.size() && command->operandName().isEmpty())
        command = nullptr;
    if (command) {
        const QStringList operands = inv.commandWords.mid(used);
        inv.commandWords = inv.commandWords.mid(0, used);
        if (!command->operandName().isEmpty() && operands.isEmpty())
            return fail(QStringLiteral("'%1' needs %2; %3").arg(command->name(), command->operandName(), kTry));
        if (!command->operandName().isEmpty() && operands.size() != 1 && !command->takesSeveralOperands())
            return fail(operands.isEmpty()
                            ? QStringLiteral("'%1' needs %2; %3").arg(command->name(), command->operandName(), kTry)
                            : QStringLiteral("'%1' takes one %2, not %3 (%4).")
                                  .arg(command->name(), command->operandName())
                                  .arg(operands.size())
                                  .arg(operands.join(QStringLiteral(" "))));
        inv.operand = operands.value(0);
        inv.operands = operands;
    }
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
    } else if (parser.isSet(idpConnection) || (parser.isSet(policy) && !command->acceptsPolicy())) {
        return fail(QStringLiteral("--policy and --idp-connection only apply to drift (and --policy to apply and "
                                   "audit undo), not to '%1'.")
                        .arg(command->name()));
    }
    if (!command->sendsChanges() && (parser.isSet(dryRun) || parser.isSet(yes)))
        return fail(QStringLiteral("--dry-run and --yes only apply to 'apply' and 'audit undo', not to '%1'.")
                        .arg(command->name()));
    inv.dryRun = parser.isSet(dryRun);
    inv.yes = parser.isSet(yes);
    if (!command->usesJournal() && parser.isSet(journal))
        return fail(
            QStringLiteral("--journal only applies to 'audit list', 'audit verify', 'audit undo' and 'apply', not "
                           "to '%1'.")
                .arg(command->name()));
    if (parser.isSet(journal)) {
        inv.journalPath = parser.value(journal).trimmed();
        if (inv.journalPath.isEmpty())
            return fail(QStringLiteral("--journal needs the path of an audit journal file."));
    }
    if (!command->readsJournal()) {
        if (parser.isSet(since) || parser.isSet(result) || parser.isSet(limit))
            return fail(QStringLiteral("--since, --result and --limit only apply to 'audit list', not to '%1'.")
                            .arg(command->name()));
        return true;
    }
    return parseJournalOptions(parser, command->name());
}

bool CommandLine::parseJournalOptions(const QCommandLineParser& parser, const QString& commandName)
{
    Invocation& inv = m_invocation;
    // Silently ignoring these would let a script believe it listed what one connection did.
    for (const QString& name : {QStringLiteral("profile"), QStringLiteral("kind"), QStringLiteral("strict")})
        if (parser.isSet(name))
            return fail(QStringLiteral("--%1 does not apply to '%2': it reads the audit journal, not Databricks.")
                            .arg(name, commandName));
    if (parser.isSet(QStringLiteral("since"))) {
        const QString text = parser.value(QStringLiteral("since")).trimmed();
        inv.since = parseSince(text);
        if (!inv.since.isValid())
            return fail(QStringLiteral("--since needs an ISO 8601 date or time (2024-05-01, 2024-05-01T12:00:00Z), "
                                       "not '%1'.")
                            .arg(text));
    }
    if (parser.isSet(QStringLiteral("result"))) {
        const QString text = parser.value(QStringLiteral("result")).trimmed().toLower();
        ChangeResult value = ChangeResult::Unknown;
        if (!changeResultFromName(text, &value))
            return fail(QStringLiteral("--result must be one of %1, not '%2'.")
                            .arg(resultNames().join(QStringLiteral(", ")), text));
        inv.result = value;
    }
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        inv.limit = parser.value(QStringLiteral("limit")).trimmed().toInt(&ok);
        if (!ok || inv.limit <= 0)
            return fail(QStringLiteral("--limit needs a positive number, not '%1'.")
                            .arg(parser.value(QStringLiteral("limit"))));
    }
    return true;
}

QString CommandLine::helpText() const
{
    QString commands;
    for (const Command* command : m_commands.commands())
        commands += QStringLiteral("  %1%2\n").arg(command->name(), -26).arg(command->summary());

    return QStringLiteral(
               "Usage: scimitar-cli <command> [FILE | ID...] [options]\n"
               "\n"
               "Lists Databricks identities (users, groups, service principals, roles) over SCIM, reviews\n"
               "access drift against an identity provider under an access policy, sends the changes that fix\n"
               "it, and lists and verifies the audit journal of the changes Scimitar made.\n"
               "\n"
               "Commands:\n"
               "%1"
               "\n"
               "Options:\n"
               "  -o, --output <format>     table (default), json or csv. JSON and CSV are stable formats for\n"
               "                            scripts; see docs/cli.md.\n"
               "  --connection <name>       Use a connection saved in Scimitar (token from the OS keychain).\n"
               "                            audit list: only entries of that connection.\n"
               "  --profile <name>          Use a profile of ~/.databrickscfg (or $DATABRICKS_CONFIG_FILE).\n"
               "  --kind <workspace|account>\n"
               "                            Override whether the host is a workspace or an account console\n"
               "                            (for --profile and the environment; the default follows the host).\n"
               "  -q, --quiet               No progress on stderr.\n"
               "  --strict                  Treat warnings (an account API that does not say who owns the\n"
               "                            token) as errors: print nothing and exit 2. A listing the server\n"
               "                            ended early is always an error.\n"
               "  --timeout <seconds>       Give up on a request the server has not answered within this\n"
               "                            many seconds (default 60).\n"
               "  --retries <n>             Try a throttled or dropped request up to n more times (default 5).\n"
               "  --policy <file>           drift: the access policy (JSON, see docs/policy.md). apply, audit\n"
               "                            undo: its protected users and groups are never changed.\n"
               "  --idp-connection <name>   drift: use an IdP connection saved in Scimitar (secret from the OS\n"
               "                            keychain) instead of $OKTA_API_TOKEN or $AZURE_CLIENT_SECRET.\n"
               "  --since <date>            audit list: entries from this ISO 8601 date or time on (UTC unless\n"
               "                            it has an offset).\n"
               "  --result <result>         audit list: only done, already-absent, failed or unknown.\n"
               "  --limit <n>               audit list: at most n entries, newest first.\n"
               "  --journal <file>          audit list, verify and undo, apply: use this journal instead of the\n"
               "                            app's ($SCIMITAR_AUDIT_JOURNAL, else the app's data folder).\n"
               "  --dry-run                 apply, audit undo: show the requests; send and journal nothing.\n"
               "  --yes                     apply, audit undo: send without asking (needed when stdin is not a\n"
               "                            terminal). A change that also takes away admin rights or a\n"
               "                            protected group is still refused: it needs its own yes.\n"
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
               "drift, 1 when there is, 2 on any error (drift is never computed from partial data).\n"
               "apply, audit undo and audit verify: 0 when every change is in effect, 3 when some failed, stayed\n"
               "unknown or left the access held through another path, 2 on any error (see docs/remediation.md).\n")
        .arg(commands);
}

} // namespace scimitar::cli
