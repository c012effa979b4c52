#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace scimitar::cli {

class Console;
struct Invocation;

// What a command gets from the run: what was asked, the environment (connections, IdP secrets) and the only way
// to stdout and stderr.
struct CommandContext
{
    const Invocation& invocation;
    const QProcessEnvironment& env;
    Console& console;
};

// One thing scimitar-cli does ("users list", "drift"). A command runs itself and returns the exit code; every
// error is one line through the console (CliApplication's exit codes).
class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0; // as typed: "users list"
    virtual QString summary() const = 0;
    // Whether --policy and --idp-connection apply; CommandLine refuses them elsewhere and requires --policy here.
    virtual bool usesPolicy() const { return false; }
    // Whether it reads the audit journal instead of a Databricks connection: --since, --result, --limit and
    // --journal apply, --connection filters, and --profile, --kind and --strict make no sense.
    virtual bool readsJournal() const { return false; }
    // Whether --journal applies: the commands that read or write the audit journal.
    virtual bool usesJournal() const { return readsJournal(); }
    // Whether --policy may be given without being required (apply: the policy's protected principals).
    virtual bool acceptsPolicy() const { return usesPolicy(); }
    // Whether it sends changes to Databricks: --dry-run and --yes apply, and a read-only connection is refused.
    virtual bool sendsChanges() const { return false; }
    // The one word typed after the command's name ("FILE" for apply), or empty when it takes none.
    virtual QString operandName() const { return {}; }
    // Whether several operands may follow (audit undo ID…); then Invocation::operands has them all.
    virtual bool takesSeveralOperands() const { return false; }

    virtual int execute(const CommandContext& context) const = 0;
};

} // namespace scimitar::cli
