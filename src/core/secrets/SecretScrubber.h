#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace scimitar {

// Takes known secrets out of text that came from elsewhere: a server (or a proxy's error page) may reflect the
// request's headers, a user may type a token where a host belongs. Every occurrence of a secret — as sent, without
// its scheme ("Bearer ", "SSWS ", "Basic "), percent-encoded, in any letter case — becomes "[redacted]". Secrets
// shorter than kMinimumLength are ignored: scrubbing "abc" out of every message would mangle them and protect
// nothing a real token needs.
//
// HttpClient scrubs every answer before a callback sees it, the audit journal every text before it is written, the
// CLI's console everything it prints: one implementation for all three.
class SecretScrubber
{
public:
    static constexpr qsizetype kMinimumLength = 6;

    // Adds `secret`; an Authorization value adds its bare token too.
    void add(const QByteArray& secret);
    void add(const QString& secret) { add(secret.toUtf8()); }
    bool isEmpty() const { return m_secrets.isEmpty(); }

    QByteArray scrub(QByteArray text) const;
    QString scrub(const QString& text) const;

private:
    void addOne(const QByteArray& secret);

    QList<QByteArray> m_secrets; // lower case (ASCII), longest first
};

} // namespace scimitar
