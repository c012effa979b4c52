#pragma once

#include "secrets/SecretScrubber.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace scimitar::cli {

// The CLI's only way to stdout and stderr. stdout carries the result and nothing else; stderr carries errors,
// warnings and progress, each message on one line prefixed "scimitar-cli:". Every stderr message passes
// through redact(), so even a server that echoes the token back cannot make us print it.
class Console
{
public:
    static QString programName() { return QStringLiteral("scimitar-cli"); }

    void setSecret(const QByteArray& secret)
    {
        m_scrubber = {};
        m_scrubber.add(secret);
    }
    // Another secret to scrub (drift holds a Databricks token and an IdP secret).
    void addSecret(const QByteArray& secret) { m_scrubber.add(secret); }

    // Returns false when stdout could not take it all (closed pipe, full disk). Byte-exact: for JSON and CSV.
    bool writeResult(const QByteArray& data);
    // A human-readable result (a table, a report) for stdout: secrets redacted, terminal controls made visible.
    bool writeText(const QString& text);
    // Why the last writeResult() failed, from errno ("Broken pipe", "No space left on device").
    QString writeError() const { return m_writeError; }
    void error(const QString& message);
    void warning(const QString& message);
    // Text for stderr (help, version, progress), redacted and printable(); no prefix, no newline added.
    void writeErr(const QString& text);
    void writeOut(const QString& text);

    static bool isStderrTerminal();

    QString redact(QString text) const;
    // Text safe to show on a terminal: C0 controls (but newline and tab), DEL, C1 controls and ESC become visible
    // escapes ("\x1b"), and bidirectional controls become "<U+202E>", so a name from a server or a file cannot
    // clear the screen, move the cursor or reorder what the operator reads while being asked to type "yes".
    static QString printable(const QString& text);
    static QString oneLine(const QString& text);

private:
    SecretScrubber m_scrubber;
    QString m_writeError;
};

} // namespace scimitar::cli
