#pragma once

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

    void setSecret(const QByteArray& secret) { m_secrets = QStringList{QString::fromUtf8(secret)}; }
    // Another secret to scrub (drift holds a Databricks token and an IdP secret).
    void addSecret(const QByteArray& secret) { m_secrets.append(QString::fromUtf8(secret)); }

    // Returns false when stdout could not take it all (closed pipe, full disk).
    bool writeResult(const QByteArray& data);
    // Why the last writeResult() failed, from errno ("Broken pipe", "No space left on device").
    QString writeError() const { return m_writeError; }
    void error(const QString& message);
    void warning(const QString& message);
    // Raw text for stderr (help, version, progress); no prefix, no newline added.
    void writeErr(const QString& text);
    void writeOut(const QString& text);

    static bool isStderrTerminal();

    QString redact(QString text) const;
    static QString oneLine(const QString& text);

private:
    QStringList m_secrets;
    QString m_writeError;
};

} // namespace scimitar::cli
