#pragma once

#include "Command.h"

namespace scimitar::cli {

// `audit undo ID…`: sends the opposite of each journal entry named (remove role ↔ add role, deactivate ↔
// reactivate, …) through the same preview, typed confirmation (--yes, --dry-run), guards, journal and re-read as
// `apply` (ChangeSender); each undo is journaled with undoOf pointing at the entry it undoes. Every id must be an
// entry that took effect and was not undone yet, sent through the connection given; otherwise nothing is sent.
// Exit codes as apply: 0 every undo in effect, 3 some failed or stayed unknown, 2 nothing could be tried.
class AuditUndoCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("audit undo"); }
    QString summary() const override
    {
        return QStringLiteral("Undo journal entries ID… (previewed, guarded and journaled like apply)");
    }
    bool acceptsPolicy() const override { return true; }
    bool usesJournal() const override { return true; }
    bool sendsChanges() const override { return true; }
    QString operandName() const override { return QStringLiteral("ID"); }
    bool takesSeveralOperands() const override { return true; }

    int execute(const CommandContext& context) const override;
};

} // namespace scimitar::cli
