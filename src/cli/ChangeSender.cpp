#include "ChangeSender.h"

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
#include "policy/PolicyParser.h"
#include "remediation/ChangeGuard.h"
#include "remediation/ChangeRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace scimitar::cli {

namespace {

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

// An undo answers to a journal entry, not to a finding: each item says which entry it undoes. ApplyReport::json lists
// the plan's changes in order, then its failures (each with the change it was built into), then the skipped.
QJsonArray withUndoOf(const QJsonArray& report, const FindingChanges::Plan& plan, const QHash<QString, qint64>& undoOf)
{
    if (undoOf.isEmpty())
        return report;
    QList<std::optional<Change>> changes(plan.changes.cbegin(), plan.changes.cend());
    for (const FindingChanges::Plan::Failed& failed : plan.failed)
        changes.append(failed.change);
    QJsonArray result;
    for (qsizetype i = 0; i < report.size(); ++i) {
        QJsonObject item = report.at(i).toObject();
        item.remove(QStringLiteral("finding"));
        const std::optional<Change> change = changes.value(i);
        const qint64 undone = change ? undoOf.value(ChangeSender::changeKey(*change)) : 0;
        item.insert(QStringLiteral("undoOf"), undone > 0 ? QJsonValue(undone) : QJsonValue());
        result.append(item);
    }
    return result;
}

QString skippedText(const QList<FindingChanges::Skipped>& skipped)
{
    if (skipped.isEmpty())
        return {};
    QString text = QStringLiteral("Skipped %1 finding%2 (blocked, no automatic action, or a repeat):\n")
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

QString ChangeSender::changeKey(const Change& change)
{
    return QStringLiteral("%1|%2|%3|%4")
        .arg(changeOpName(change.op), principalKindName(change.objectKind), change.objectId, change.value);
}

bool ChangeSender::checkNames(const ResolvedTarget& target, FindingChanges::Plan* plan, QString* error)
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

bool ChangeSender::confirm(const CommandContext& context, const Batch& batch, const GuardContext& guard,
                           const ResolvedTarget& target, QList<PlannedItem>* planned)
{
    Console& console = context.console;
    const FindingChanges::Plan& plan = batch.plan;
    const ChangeGuard guards(guard);
    const bool inBatch = plan.changes.size() > 1;
    int sendable = 0;
    QList<int> guarded;
    // Names from the server or a file are quoted here: this is the text the operator says yes to.
    QString text = QStringLiteral("\n%1 to send to %2 (%3) as \u201c%4\u201d:\n")
                       .arg(batch.what, target.name, target.scimBaseUrl.toString(), guard.tokenOwnerUserName);
    for (qsizetype i = 0; i < plan.changes.size(); ++i) {
        const Change& change = plan.changes.at(i);
        const PlannedItem& item = planned->at(i);
        const QString refusal = guards.refusal(change, inBatch);
        text += QStringLiteral("%1. %2\n").arg(i + 1).arg(change.describeQuoted());
        if (!refusal.isEmpty()) {
            text += QStringLiteral("   will not be sent: %1\n").arg(refusal);
            continue;
        }
        ++sendable;
        text += QStringLiteral("   %1\n").arg(ApplyReport::requestText(change));
        const QString access = item.run.revokes ? item.run.revokes->value : QString();
        if (!item.radiusKnown && change.revokesAccess())
            text += QStringLiteral("   Blast radius not known: the findings file carries no sideEffects (run drift "
                                   "again to see what else this takes away).\n");
        for (const QString& sentence : item.radius.sentences(access))
            text += QStringLiteral("   %1\n").arg(sentence);
        if (!item.run.guardedLoss.isEmpty()) {
            guarded.append(int(i));
            text += QStringLiteral("   GUARDED: %1 It is asked about on its own below.\n").arg(item.run.guardedLoss);
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
    if (!Confirmation::ask(console, prompt, word))
        return false;
    // Access that guards the workspace itself is never lost as a side effect of a batch someone said yes to.
    for (int i : std::as_const(guarded)) {
        PlannedItem& item = (*planned)[i];
        const QString question = QStringLiteral("\n%1. %2\nType yes to send this change too (anything else leaves "
                                                "it unsent): ")
                                     .arg(i + 1)
                                     .arg(item.run.guardedLoss);
        item.run.guardedLossConfirmed = Confirmation::ask(console, question, QStringLiteral("yes"));
    }
    return true;
}

int ChangeSender::send(const CommandContext& context, Batch batch)
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };
    const bool asks = !invocation.yes && !invocation.dryRun;
    QString error;
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
    if (batch.checkTarget) {
        if (const QString refusal = batch.checkTarget(*target); !refusal.isEmpty())
            return fail(refusal);
    }
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

    FindingChanges::Plan& plan = batch.plan;
    if (!checkNames(*target, &plan, &error))
        return fail(error);

    GuardContext guard;
    guard.tokenOwnerId = owner->id;
    guard.tokenOwnerUserName = owner->userName;
    guard.connectionName = target->name;
    guard.readOnly = target->readOnly;
    QList<OwnerLifeline::MeGroup> ownerGroups;
    for (const auto& [id, name] : std::as_const(owner->groups))
        ownerGroups.append({id, name});
    guard.lifeline = OwnerLifeline::fromMe(owner->id, ownerGroups, owner->roles, owner->groupsListed);
    if (policy) {
        guard.protectedUsers = policy->protectedUsers();
        guard.protectedGroups = policy->protectedGroups();
    } else if (batch.undoOf.isEmpty()) {
        // Without a policy nobody has said which groups matter most: apply leaves alone the ones that carry the
        // workspace itself and its admin rights (an undo puts back what Scimitar itself changed, so it may).
        guard.protectedGroups = ChangeGuard::systemGroups();
        guard.noPolicy = true;
    }

    // Undo items answer to journal entries, not findings: each is measured on its own.
    QList<PlannedItem> planned;
    if (batch.undoOf.isEmpty()) {
        planned = PlannedItems::of(plan, batch.radii, guard);
    } else {
        QList<RunItem> undos;
        for (const Change& change : std::as_const(plan.changes))
            undos.append({change, batch.undoOf.value(changeKey(change))});
        planned = PlannedItems::of(undos, nullptr, guard);
    }

    const bool json = invocation.format == OutputFormat::Json;
    if (!json) {
        console.writeOut(console.redact(skippedText(plan.skipped)));
        console.writeOut(console.redact(failedText(plan.failed)));
    }
    if (asks && !plan.changes.isEmpty() && !confirm(context, batch, guard, *target, &planned))
        return fail(QStringLiteral("Not confirmed; nothing was sent."));

    QList<ItemStatus> statuses(plan.changes.size());
    bool cancelled = false;
    QString stopReason;
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
        runner.start(PlannedItems::runItems(planned), settings);
        const RunWaiter::Result result = RunWaiter(runner, console).wait();
        if (!result.failure.isEmpty())
            return fail(result.failure);
        statuses = result.statuses;
        cancelled = result.cancelled;
        stopReason = result.stopReason;
    }

    QString text;
    if (json) {
        text =
            QString::fromUtf8(QJsonDocument(withUndoOf(ApplyReport::json(plan, statuses, planned), plan, batch.undoOf))
                                  .toJson(QJsonDocument::Indented));
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
            if (!status.revocation.isEmpty())
                text += QStringLiteral("        %1%2\n")
                            .arg(status.revoked.value_or(false) ? QString() : QStringLiteral("NOT FIXED: "),
                                 status.revocation);
        }
        text += QStringLiteral("\n%1\n").arg(ApplyReport::summary(plan, statuses));
        if (!stopReason.isEmpty())
            text += QStringLiteral("Stopped: %1; the changes not sent yet were left alone.\n").arg(stopReason);
        else if (cancelled)
            text += QStringLiteral("Cancelled: the changes not sent yet were left alone.\n");
        if (!invocation.dryRun && !plan.changes.isEmpty())
            text += QStringLiteral("Journal: %1\n").arg(journalPath);
    }
    if (!(json ? console.writeResult(console.redact(text).toUtf8()) : console.writeText(text)))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
    // The table says it all on stdout; a script's log gets the gist on stderr in one line.
    const QString problem = ApplyReport::problem(plan, statuses);
    if (!problem.isEmpty())
        console.error(console.redact(problem));
    return ApplyReport::exitCode(plan, statuses);
}

} // namespace scimitar::cli
