#include "AuditListCommand.h"

#include "CliApplication.h"
#include "Console.h"
#include "Invocation.h"
#include "remediation/AuditCsv.h"
#include "remediation/AuditJson.h"
#include "remediation/AuditWords.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace scimitar::cli {

namespace {

// Borrows the desktop app's organization and application name for as long as it lives. main() keeps them unset
// for the rest of the CLI (see there), so only this lookup sees "Scimitar"/"Scimitar".
class AppIdentity
{
public:
    AppIdentity()
        : m_organization(QCoreApplication::organizationName())
        , m_application(QCoreApplication::applicationName())
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Scimitar"));
        QCoreApplication::setApplicationName(QStringLiteral("Scimitar"));
    }
    ~AppIdentity()
    {
        QCoreApplication::setOrganizationName(m_organization);
        QCoreApplication::setApplicationName(m_application);
    }
    AppIdentity(const AppIdentity&) = delete;
    AppIdentity& operator=(const AppIdentity&) = delete;

private:
    QString m_organization;
    QString m_application;
};

// "2024-05-01 12:00:00Z": to the second is enough to read; JSON and CSV keep the milliseconds.
QString whenText(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char('Z');
}

// The result with what undid it or what it undoes: the two rows of an undo should be found together.
QString resultText(const JournalEntry& entry)
{
    QStringList parts{AuditWords::resultLabel(entry)};
    if (entry.intent.undoOf > 0)
        parts.append(QStringLiteral("undo of #%1").arg(entry.intent.undoOf));
    for (qint64 id : entry.undoneBy)
        parts.append(QStringLiteral("undone by #%1").arg(id));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString AuditListCommand::appJournalPath()
{
    const AppIdentity identity;
    return AuditJournal::defaultPath();
}

QString AuditListCommand::journalPath(const QString& option, const QProcessEnvironment& env)
{
    if (!option.isEmpty())
        return option;
    const QString fromEnv = AuditJournal::pathFromEnvironment(env);
    return fromEnv.isEmpty() ? appJournalPath() : fromEnv;
}

TextTable AuditListCommand::table(const QList<JournalEntry>& entries)
{
    // The OS user is in JSON and CSV; the table keeps the room for the change itself.
    TextTable table({QStringLiteral("#"), QStringLiteral("WHEN (UTC)"), QStringLiteral("CONNECTION"),
                     QStringLiteral("CHANGE"), QStringLiteral("RESULT"), QStringLiteral("TOKEN OWNER")});
    table.setColumnMinWidth(1, 20); // the time stays whole
    table.setColumnMinWidth(3, 40);
    table.setColumnMinWidth(4, 22); // "unknown — verify" and "undone by #…" must not be cut
    for (const JournalEntry& entry : entries)
        table.addRow({QString::number(entry.intent.id), whenText(entry.intent.at), entry.intent.connection,
                      entry.intent.change.describe(), resultText(entry), entry.intent.tokenOwner});
    return table;
}

QByteArray AuditListCommand::render(const QList<JournalEntry>& entries, OutputFormat format)
{
    switch (format) {
    case OutputFormat::Json:
        return QJsonDocument(AuditJson::entries(entries)).toJson(QJsonDocument::Indented);
    case OutputFormat::Csv:
        return AuditCsv::write(entries).toUtf8();
    case OutputFormat::Table:
        break;
    }
    QString text = table(entries).render();
    qsizetype unknown = 0;
    for (const JournalEntry& entry : entries)
        if (entry.effectiveResult() == ChangeResult::Unknown && !entry.verification)
            ++unknown;
    if (unknown > 0)
        text +=
            QStringLiteral("\n%1 of these never got an answer (unknown — verify). Check the objects in Databricks,\n"
                           "or verify them in the app's Audit view, before sending them again.\n")
                .arg(unknown);
    return text.toUtf8();
}

int AuditListCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };
    auto print = [&](const QByteArray& data) {
        if (!(invocation.format == OutputFormat::Table ? console.writeText(QString::fromUtf8(data))
                                                       : console.writeResult(data)))
            return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
        return CliApplication::kExitOk;
    };

    const QString path = journalPath(invocation.journalPath, context.env);
    const bool named = path != appJournalPath();
    if (!QFileInfo::exists(path)) {
        // A file the user named must exist (a typo must not read as "nothing happened"); the app's own journal
        // simply has not been created yet. Listing never creates it.
        if (named)
            return fail(QStringLiteral("There is no audit journal at %1.").arg(QFileInfo(path).absoluteFilePath()));
        if (invocation.format != OutputFormat::Table)
            return print(render({}, invocation.format));
        return print(QStringLiteral("The audit journal %1 is empty: Scimitar has not changed anything from this "
                                    "machine yet.\n")
                         .arg(path)
                         .toUtf8());
    }

    AuditJournal journal;
    QString error;
    if (!journal.openForReading(path, &error))
        return fail(error);
    JournalFilter filter;
    filter.from = invocation.since;
    filter.connection = invocation.connectionName;
    filter.result = invocation.result;
    filter.limit = invocation.limit;
    const QList<JournalEntry> entries = journal.entries(filter, &error);
    if (!error.isEmpty())
        return fail(error);

    if (entries.isEmpty() && invocation.format == OutputFormat::Table) {
        JournalFilter any;
        any.limit = 1;
        const bool journalEmpty = journal.entries(any, &error).isEmpty();
        if (!error.isEmpty())
            return fail(error);
        const QString sentence =
            journalEmpty ? QStringLiteral("The audit journal %1 is empty: Scimitar has not changed anything with it "
                                          "yet.\n")
                         : QStringLiteral("No entry of the audit journal %1 matches the filters.\n");
        return print(sentence.arg(journal.path()).toUtf8());
    }
    return print(render(entries, invocation.format));
}

} // namespace scimitar::cli
