#include "ApplyCommand.h"

#include "ApplyReport.h"
#include "AuditListCommand.h"
#include "CliApplication.h"
#include "Confirmation.h"
#include "ConnectionResolver.h"
#include "Console.h"
#include "InterruptWatcher.h"
#include "Invocation.h"
#include "LookupWaiter.h"
#include "RunWaiter.h"
#include "drift/FindingJson.h"
#include "policy/PolicyParser.h"
#include "remediation/ChangeGuard.h"
#include "remediation/ChangeRunner.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

namespace scimitar::cli {

namespace {

const QString kStdin = QStringLiteral("-");

// The objects whose names the guards compare: the object of every change, and the member of member ops.
QList<ScimLookup::ObjectRef> namedObjects(const QList<Change>& changes)
{
    QList<ScimLookup::ObjectRef> keys;
    for (const Change& change : changes) {
        keys.append({change.objectKind, change.objectId});
        if (change.op == ChangeOp::RemoveMember || change.op == ChangeOp::AddMember)
            keys.append({change.memberKind, change.value});
    }
    return keys;
}

QList<RunItem> runItems(const QList<Change>& changes)
{
    QList<RunItem> items;
    for (const Change& change : changes)
        items.append({change, 0});
    return items;
}

QString skippedText(const QList<FindingChanges::Skipped>& skipped)
{
    if (skipped.isEmpty())
        return {};
    QString text = QStringLiteral("Skipped %1 finding%2 (blocked, or no automatic action):\n")
                       .arg(skipped.size())
                       .arg(skipped.size() == 1 ? QString() : QStringLiteral("s"));
    for (const FindingChanges::Skipped& entry : skipped)
        text += QStringLiteral("  - %1 (%2): %3\n")
                    .arg(entry.finding.principal.userName, findingKindName(entry.finding.kind), entry.reason);
    return text;
}

QString failedText(const QList<FindingChanges::Plan::Failed>& failed)
{
    if (failed.isEmpty())
        return {};
    QString text = QStringLiteral("FAILED, not sent: %1 finding%2 asked for a change that could not be sent:\n")
                       .arg(failed.size())
                       .arg(failed.size() == 1 ? QString() : QStringLiteral("s"));
    for (const FindingChanges::Plan::Failed& entry : failed)
        text += QStringLiteral("  - %1 (%2): %3\n")
                    .arg(entry.change ? entry.change->describe() : entry.finding.principal.userName,
                         findingKindName(entry.finding.kind), entry.reason);
    return text;
}

} // namespace

std::optional<QList<Finding>> ApplyCommand::readFindings(const QString& operand, QString* error)
{
    QFile file;
    QString label;
    if (operand == kStdin) {
        label = QStringLiteral("standard input");
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("Could not read the findings from standard input: %1.").arg(file.errorString());
            return std::nullopt;
        }
    } else {
        label = QFileInfo(operand).absoluteFilePath();
        file.setFileName(operand);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Could not read the findings file %1: %2.").arg(label, file.errorString());
            return std::nullopt;
        }
    }
    QString problem;
    std::optional<QList<Finding>> findings = FindingJson::read(file.readAll(), &problem);
    if (!findings)
        *error = QStringLiteral("%1: %2").arg(label, problem);
    return findings;
}

bool ApplyCommand::checkNames(const ResolvedTarget& target, FindingChanges::Plan* plan, QString* error)
{
    LookupWaiter lookup(target);
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &lookup, &LookupWaiter::cancel);
    const QHash<QString, ScimLookup::Name> names = lookup.names(namedObjects(plan->changes));

    FindingChanges::Plan checked;
    checked.skipped = plan->skipped;
    checked.failed = plan->failed;
    for (qsizetype i = 0; i < plan->changes.size(); ++i) {
        Change change = plan->changes.at(i);
        const bool memberOp = change.op == ChangeOp::RemoveMember || change.op == ChangeOp::AddMember;
        const ScimLookup::Name object = names.value(ScimLookup::key(change.objectKind, change.objectId));
        const ScimLookup::Name member = memberOp ? names.value(ScimLookup::key(change.memberKind, change.value))
                                                 : ScimLookup::Name{change.memberName, {}, false};
        const QString problem = !object.error.isEmpty() ? object.error : member.error;
        if (!problem.isEmpty()) {
            // The guards cannot be checked against a name nobody could read, so it is not sent — and that is a
            // failure of a revocation that was asked for, never a quiet skip.
            checked.failed.append({plan->sources.at(i),
                                   QStringLiteral("Not sent: the guards need its name from Databricks, and %1")
                                       .arg(problem.left(1).toLower() + problem.mid(1)),
                                   change});
            continue;
        }
        change.objectName = object.name;
        if (memberOp)
            change.memberName = member.name;
        checked.changes.append(change);
        checked.sources.append(plan->sources.at(i));
    }
    *plan = checked;
    if (lookup.isCancelled()) {
        *error = QStringLiteral("cancelled.");
        return false;
    }
    return true;
}

bool ApplyCommand::confirm(const CommandContext& context, const FindingChanges::Plan& plan, const GuardContext& guard,
                           const ResolvedTarget& target)
{
    Console& console = context.console;
    const ChangeGuard guards(guard);
    const bool inBatch = plan.changes.size() > 1;
    int sendable = 0;
    QString text = QStringLiteral("\nChanges to send to %1 (%2) as %3:\n")
                       .arg(target.name, target.scimBaseUrl.toString(), guard.tokenOwnerUserName);
    for (qsizetype i = 0; i < plan.changes.size(); ++i) {
        const Change& change = plan.changes.at(i);
        const QString refusal = guards.refusal(change, inBatch);
        text += QStringLiteral("%1. %2\n").arg(i + 1).arg(change.describe());
        if (refusal.isEmpty()) {
            ++sendable;
            text += QStringLiteral("   %1\n").arg(ApplyReport::requestText(change));
        } else {
            text += QStringLiteral("   will not be sent: %1\n").arg(refusal);
        }
    }
    if (sendable == 0)
        return true; // nothing will be sent; the run reports the refusals
    console.writeErr(text);
    const QString word = Confirmation::expectedWord(sendable, target.name);
    const QString prompt =
        sendable > Confirmation::kNameThreshold
            ? QStringLiteral("\nType the connection's name (%1) to send these %2 changes: ").arg(word).arg(sendable)
            : QStringLiteral("\nType yes to send %1 change%2: ")
                  .arg(sendable)
                  .arg(sendable == 1 ? QString() : QStringLiteral("s"));
    return Confirmation::ask(console, prompt, word);
}

int ApplyCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };
    const bool asks = !invocation.yes && !invocation.dryRun;

    // Everything that can be refused without the network is refused first, so a mistake costs no request.
    if (invocation.format == OutputFormat::Csv)
        return fail(QStringLiteral("apply prints a table or JSON (--output table|json), not CSV."));
    if (asks && invocation.operand == kStdin)
        return fail(QStringLiteral("Reading the findings from standard input (-) needs --yes (or --dry-run): the "
                                   "confirmation cannot come from standard input too."));
    if (asks && !Confirmation::isStdinTerminal())
        return fail(QStringLiteral("Standard input is not a terminal, so nobody can confirm the changes: use --yes "
                                   "to send them without asking (or --dry-run to see them)."));
    QString error;
    const std::optional<QList<Finding>> findings = readFindings(invocation.operand, &error);
    if (!findings)
        return fail(error);
    std::optional<Policy> policy;
    if (!invocation.policyPath.isEmpty()) {
        policy = PolicyParser::load(invocation.policyPath, &error);
        if (!policy)
            return fail(error);
    }
    const std::optional<ResolvedTarget> target =
        ConnectionResolver(context.env).resolve(invocation, &error, ConnectionResolver::Use::Write);
    if (!target)
        return fail(error);
    console.addSecret(target->token);
    const QString journalPath = AuditListCommand::journalPath(invocation.journalPath, context.env);

    // The token owner is what the guards protect first; without it they cannot, so nothing is sent.
    std::optional<ScimLookup::Owner> owner;
    {
        LookupWaiter lookup(*target);
        InterruptWatcher interrupts;
        QObject::connect(&interrupts, &InterruptWatcher::interrupted, &lookup, &LookupWaiter::cancel);
        owner = lookup.tokenOwner(&error);
    }
    if (!owner && error == QLatin1String("cancelled."))
        return fail(error);
    if (!owner)
        return fail(QStringLiteral("%1 Without the token owner (/Me) Scimitar cannot keep it from being changed, so "
                                   "nothing was sent.")
                        .arg(error.endsWith(QLatin1Char('.')) ? error : error + QLatin1Char('.')));

    FindingChanges::Plan plan = FindingChanges::plan(*findings);
    if (!checkNames(*target, &plan, &error))
        return fail(error);

    GuardContext guard;
    guard.tokenOwnerId = owner->id;
    guard.tokenOwnerUserName = owner->userName;
    guard.connectionName = target->name;
    guard.readOnly = target->readOnly;
    if (policy) {
        guard.protectedUsers = policy->protectedUsers();
        guard.protectedGroups = policy->protectedGroups();
    }

    const bool json = invocation.format == OutputFormat::Json;
    if (!json) {
        console.writeOut(console.redact(skippedText(plan.skipped)));
        console.writeOut(console.redact(failedText(plan.failed)));
    }
    if (asks && !plan.changes.isEmpty() && !confirm(context, plan, guard, *target))
        return fail(QStringLiteral("Not confirmed; nothing was sent."));

    QList<ItemStatus> statuses(plan.changes.size());
    bool cancelled = false;
    if (!plan.changes.isEmpty()) {
        RunSettings settings;
        settings.scimBase = target->scimBaseUrl;
        settings.authorization = "Bearer " + target->token;
        settings.connectionName = target->name;
        settings.tokenOwnerUserName = owner->userName;
        settings.guard = guard;
        settings.journalPath = journalPath;
        settings.dryRun = invocation.dryRun;
        settings.retry = target->retry;

        ChangeRunner runner;
        const int total = int(plan.changes.size());
        QSet<int> reported;
        QObject::connect(&runner, &ChangeRunner::itemChanged, &runner, [&](int index, const ItemStatus& status) {
            if (status.state == ItemStatus::State::Pending || status.state == ItemStatus::State::Sending ||
                reported.contains(index))
                return;
            reported.insert(index);
            const QString line = ApplyReport::line(index, total, plan.changes.at(index), status);
            if (!json)
                console.writeOut(console.redact(line));
            else if (!invocation.quiet)
                console.writeErr(line);
        });
        QObject::connect(&runner, &ChangeRunner::throttled, &runner, [&](const QString& note) {
            if (!invocation.quiet)
                console.warning(note);
        });
        runner.start(runItems(plan.changes), settings);
        const RunWaiter::Result result = RunWaiter(runner, console).wait();
        if (!result.failure.isEmpty())
            return fail(result.failure);
        statuses = result.statuses;
        cancelled = result.cancelled;
    }

    QString text;
    if (json) {
        text = QString::fromUtf8(QJsonDocument(ApplyReport::json(plan, statuses)).toJson(QJsonDocument::Indented));
    } else {
        bool any = false;
        for (qsizetype i = 0; i < statuses.size(); ++i) {
            const ItemStatus& status = statuses.at(i);
            if (!status.verified)
                continue;
            if (!any)
                text += QStringLiteral("\nRe-read to verify:\n");
            any = true;
            text += QStringLiteral("[%1/%2] %3: %4\n")
                        .arg(i + 1)
                        .arg(statuses.size())
                        .arg(*status.verified ? QStringLiteral("in effect") : QStringLiteral("NOT in effect"),
                             status.verification);
        }
        text += QStringLiteral("\n%1\n").arg(ApplyReport::summary(plan, statuses));
        if (cancelled)
            text += QStringLiteral("Cancelled: the changes not sent yet were left alone.\n");
        if (!invocation.dryRun && !plan.changes.isEmpty())
            text += QStringLiteral("Journal: %1\n").arg(journalPath);
    }
    if (!console.writeResult(console.redact(text).toUtf8()))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
    // The table says it all on stdout; a script's log gets the gist on stderr in one line.
    const QString problem = ApplyReport::problem(plan, statuses);
    if (!problem.isEmpty())
        console.error(console.redact(problem));
    return ApplyReport::exitCode(plan, statuses);
}

} // namespace scimitar::cli
