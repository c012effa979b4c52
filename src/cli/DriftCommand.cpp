#include "DriftCommand.h"

#include "CliApplication.h"
#include "ConnectionResolver.h"
#include "Console.h"
#include "IdpResolver.h"
#include "InterruptWatcher.h"
#include "Invocation.h"
#include "ProgressPrinter.h"
#include "drift/DriftReview.h"
#include "drift/FindingCsv.h"
#include "drift/FindingJson.h"
#include "idp/IdpSource.h"
#include "idp/IdpSourceFactory.h"
#include "policy/PolicyParser.h"
#include "remediation/BlastRadius.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <cstdio>
#include <cstdlib>

namespace scimitar::cli {

namespace {

QString actionText(const DriftReviewResult& result, const Finding& finding)
{
    QString text = actionOpName(finding.action.op);
    if (!finding.action.groupId.isEmpty()) {
        const QString group =
            result.snapshot ? result.snapshot->groupName(finding.action.groupId) : finding.action.groupId;
        text += QLatin1Char(' ') + group;
    }
    // The table names the first change; the others (one per further path) are counted so none goes unseen.
    if (!finding.furtherActions.isEmpty())
        text += QStringLiteral(" +%1 more").arg(finding.furtherActions.size());
    if (finding.isBlocked())
        text += QStringLiteral(" (blocked)");
    return text;
}

QString targetText(const Finding& finding)
{
    if (finding.target.isEmpty())
        return QStringLiteral("—");
    return finding.kind == FindingKind::RoleWithoutGrant ? shortRoleName(finding.target) : finding.target;
}

QString spText(const ServicePrincipalAccess& access)
{
    const QString target =
        access.kind == ServicePrincipalAccess::Kind::Role ? shortRoleName(access.target) : access.target;
    const QString how = access.direct ? QStringLiteral("directly")
                                      : QStringLiteral("through ") + access.path.join(QStringLiteral(" → "));
    return QStringLiteral("  %1: %2 %3 %4\n")
        .arg(access.displayName, ServicePrincipalAccess::kindName(access.kind), target, how);
}

} // namespace

TextTable DriftCommand::table(const DriftReviewResult& result)
{
    TextTable table({QStringLiteral("#"), QStringLiteral("SEV"), QStringLiteral("KIND"), QStringLiteral("USER"),
                     QStringLiteral("TARGET"), QStringLiteral("ACTION")});
    table.setColumnMinWidth(3, 32); // the user identifies the finding; the action is spelt out below
    table.setColumnMinWidth(2, 25);
    int number = 0;
    for (const Finding& finding : result.report.findings())
        table.addRow({QString::number(++number), severityName(finding.severity), findingKindName(finding.kind),
                      finding.principal.userName, targetText(finding), actionText(result, finding)});
    return table;
}

QByteArray DriftCommand::render(const DriftReviewResult& result, OutputFormat format)
{
    const DriftReport& report = result.report;
    switch (format) {
    case OutputFormat::Json:
        return QJsonDocument(BlastRadius::findingsJson(report.findings(), result.snapshot.get()))
            .toJson(QJsonDocument::Indented);
    case OutputFormat::Csv:
        return FindingCsv::write(report.findings()).toUtf8();
    case OutputFormat::Table:
        break;
    }

    // For people: the table to scan, then each finding's sentence (and why its fix is blocked) by number.
    QString text;
    if (report.hasDrift()) {
        text += table(result).render();
        text += QLatin1Char('\n');
        int number = 0;
        for (const Finding& finding : report.findings()) {
            text += QStringLiteral("%1. %2\n").arg(++number).arg(finding.explanation);
            if (finding.isBlocked())
                text += QStringLiteral("   Blocked: %1\n").arg(finding.blockedBy);
        }
    } else {
        text += QStringLiteral("No drift: everything the policy manages matches %1.\n").arg(result.idp.sourceLabel);
    }
    if (!report.servicePrincipalAccess().isEmpty()) {
        text += QStringLiteral("\nService principals holding managed access (not matched against the IdP):\n");
        for (const ServicePrincipalAccess& access : report.servicePrincipalAccess())
            text += spText(access);
    }
    if (report.hasDrift())
        text += QStringLiteral("\n%1.\n").arg(report.summary());
    return text.toUtf8();
}

std::unique_ptr<IdpSource> DriftCommand::createSource(const Policy& policy, const CommandContext& context,
                                                      QByteArray* secret, QString* error)
{
    const IdpResolver resolver(context.env);
    const QString& connectionName = context.invocation.idpConnectionName;
    const std::optional<ResolvedIdp> idp = connectionName.isEmpty()
                                               ? resolver.fromEnvironment(policy.idp(), error)
                                               : resolver.fromConnection(policy.idp(), connectionName, error);
    if (!idp)
        return nullptr;
    *secret = idp->secret;
    return IdpSourceFactory::create(idp->settings, policy.idpFilePath(), idp->secret, error);
}

int DriftCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };

    DriftReview review;
    bool waiting = false;
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &review, [&console, &review, &waiting] {
        if (waiting) {
            review.cancel();
            return;
        }
        // Interrupted while waiting for the keychain: nothing to clean up but the process itself.
        console.error(QStringLiteral("cancelled."));
        std::fflush(stdout);
        std::_Exit(CliApplication::kExitError);
    });

    QString error;
    const std::optional<Policy> policy = PolicyParser::load(invocation.policyPath, &error);
    if (!policy)
        return fail(error);
    QByteArray idpSecret;
    const std::unique_ptr<IdpSource> source = createSource(*policy, context, &idpSecret, &error);
    if (!source)
        return fail(error);
    console.addSecret(idpSecret);

    const std::optional<ResolvedTarget> target = ConnectionResolver(context.env).resolve(invocation, &error);
    if (!target)
        return fail(error);
    console.addSecret(target->token);

    ProgressPrinter progress(console, !invocation.quiet && Console::isStderrTerminal());
    LoadProgress databricks;
    QString idpNote;
    auto show = [&] {
        LoadProgress shown = databricks;
        QStringList notes{databricks.note, idpNote};
        notes.removeAll(QString());
        shown.note = notes.join(QStringLiteral("; "));
        progress.show(shown);
    };
    QObject::connect(&review, &DriftReview::databricksProgress, &review, [&](const LoadProgress& p) {
        databricks = p;
        show();
    });
    QObject::connect(&review, &DriftReview::idpProgress, &review, [&](int, int, const QString& note) {
        idpNote = QStringLiteral("IdP: ") + note;
        show();
    });

    std::optional<DriftReviewResult> result;
    QString failure;
    bool cancelled = false;
    QEventLoop loop;
    QObject::connect(&review, &DriftReview::finished, &loop, [&](const DriftReviewResult& r) {
        result = r;
        loop.quit();
    });
    QObject::connect(&review, &DriftReview::failed, &loop, [&](const QString& message) {
        failure = message;
        loop.quit();
    });
    QObject::connect(&review, &DriftReview::cancelled, &loop, [&] {
        cancelled = true;
        loop.quit();
    });

    const LoadRequest request = target->loadRequest();
    waiting = true;
    review.start(request, source.get(), *policy);
    loop.exec();
    waiting = false;
    progress.clear();

    if (cancelled)
        return fail(QStringLiteral("cancelled."));
    if (!result)
        return fail(failure.isEmpty() ? QStringLiteral("The drift review failed for an unknown reason.") : failure);

    for (const QString& note : result->report.notes())
        console.warning(note);
    const QByteArray rendered = render(*result, invocation.format);
    if (!(invocation.format == OutputFormat::Table ? console.writeText(QString::fromUtf8(rendered))
                                                   : console.writeResult(rendered)))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
    return result->report.hasDrift() ? CliApplication::kExitDrift : CliApplication::kExitOk;
}

} // namespace scimitar::cli
