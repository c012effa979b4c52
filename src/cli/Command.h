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

    virtual int execute(const CommandContext& context) const = 0;
};

} // namespace scimitar::cli
