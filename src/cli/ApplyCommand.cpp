#include "ApplyCommand.h"

#include "ChangeSender.h"
#include "CliApplication.h"
#include "Confirmation.h"
#include "Console.h"
#include "Invocation.h"
#include "drift/FindingJson.h"
#include "remediation/PlannedItems.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace scimitar::cli {

namespace {

const QString kStdin = QStringLiteral("-");
constexpr qint64 kMaxFindingsBytes = 64LL * 1024 * 1024;

} // namespace

std::optional<ApplyCommand::FindingsFile> ApplyCommand::readFindings(const QString& operand, QString* error)
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
    // Bounded, so a wrong file (or a hostile one) costs a clear error, not gigabytes of memory: the findings of the
    // largest workspace Databricks allows fit well inside.
    const QByteArray data = file.read(kMaxFindingsBytes + 1);
    if (data.size() > kMaxFindingsBytes) {
        *error = QStringLiteral("%1 is larger than %2 MB, more than any drift report holds; nothing was read "
                                "(filter it with jq first, or check it is the right file).")
                     .arg(label)
                     .arg(kMaxFindingsBytes / (1024 * 1024));
        return std::nullopt;
    }
    QString problem;
    std::optional<QList<Finding>> findings = FindingJson::read(data, &problem);
    if (!findings) {
        *error = QStringLiteral("%1: %2").arg(label, problem);
        return std::nullopt;
    }
    // FindingJson::read accepted the document, so it is an array of objects.
    const std::optional<QList<std::optional<BlastRadius>>> radii =
        BlastRadius::read(QJsonDocument::fromJson(data).array(), &problem);
    if (!radii) {
        *error = QStringLiteral("%1: %2").arg(label, problem);
        return std::nullopt;
    }
    FindingsFile read;
    read.findings = *findings;
    for (qsizetype i = 0; i < findings->size() && i < radii->size(); ++i)
        if (radii->at(i))
            read.radii.insert(PlannedItems::findingKey(findings->at(i)), *radii->at(i));
    return read;
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
    const std::optional<FindingsFile> file = readFindings(invocation.operand, &error);
    if (!file)
        return fail(error);
    ChangeSender::Batch batch;
    batch.plan = FindingChanges::plan(file->findings);
    batch.radii = file->radii;
    return ChangeSender::send(context, std::move(batch));
}

} // namespace scimitar::cli
