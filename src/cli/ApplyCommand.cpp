#include "ApplyCommand.h"

#include "ChangeSender.h"
#include "CliApplication.h"
#include "Confirmation.h"
#include "Console.h"
#include "Invocation.h"
#include "drift/FindingJson.h"

#include <QFile>
#include <QFileInfo>

namespace scimitar::cli {

namespace {

const QString kStdin = QStringLiteral("-");

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
    ChangeSender::Batch batch;
    batch.plan = FindingChanges::plan(*findings);
    return ChangeSender::send(context, std::move(batch));
}

} // namespace scimitar::cli
