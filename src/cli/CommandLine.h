#pragma once

#include "Invocation.h"

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace scimitar::cli {

class CommandRegistry;

// Turns argv into an Invocation. Never exits the process and never prints (unlike QCommandLineParser::process),
// so every mistake reaches the caller as one sentence and the CLI's single exit code for errors.
class CommandLine
{
public:
    explicit CommandLine(const CommandRegistry& commands);

    // On failure returns false and sets error() to one sentence.
    bool parse(const QStringList& arguments);
    const Invocation& invocation() const { return m_invocation; }
    QString error() const { return m_error; }

    QString helpText() const;

private:
    bool fail(const QString& message);
    // The options of a command that reads the audit journal (--since, --result, --limit, --journal).
    bool parseJournalOptions(const QCommandLineParser& parser, const QString& commandName);

    const CommandRegistry& m_commands;
    Invocation m_invocation;
    QString m_error;
};

} // namespace scimitar::cli
