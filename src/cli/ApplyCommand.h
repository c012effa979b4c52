#pragma once

#include "Command.h"
#include "remediation/BlastRadius.h"
#include "remediation/FindingChanges.h"

#include <QByteArray>
#include <QHash>
#include <optional>

namespace scimitar::cli {

// `apply FILE`: sends the changes that fix the findings in FILE (an array as `drift --output json` prints it, often
// filtered with jq; `-` reads standard input), one at a time through ChangeRunner, journaled exactly like the
// app does it. Skipped findings (blocked, action none) are reported; the guards refuse what must never be sent.
// Without --yes it shows every change and its request and asks for a typed confirmation on a terminal, and refuses
// when standard input is not one. --dry-run shows the requests and sends nothing.
//
// Every change of each finding's `actions` is sent, with its blast radius (the file's sideEffects) shown first;
// after the batch each finding's target must be held by no path (ChangeRunner's effective re-read).
//
// Exit 0: every change sent is done or already absent, and every target revoked; 3: some failed, stayed unknown,
// left the target held through another path or were cancelled (Ctrl+C);
// 2: nothing could be tried (the file, the connection, a read-only connection, /Me, the journal, no confirmation).
class ApplyCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("apply"); }
    QString summary() const override
    {
        return QStringLiteral("Send the changes that fix the findings in FILE (from drift -o json)");
    }
    bool acceptsPolicy() const override { return true; }
    bool usesJournal() const override { return true; }
    bool sendsChanges() const override { return true; }
    QString operandName() const override { return QStringLiteral("FILE"); }

    int execute(const CommandContext& context) const override;

private:
    struct FindingsFile
    {
        QList<Finding> findings;
        QHash<QString, BlastRadius> radii; // by PlannedItems::findingKey(), for the findings that carry one
    };
    // The findings of FILE or stdin and their blast radius; nullopt with *error naming the file and the field.
    static std::optional<FindingsFile> readFindings(const QString& operand, QString* error);
};

} // namespace scimitar::cli
