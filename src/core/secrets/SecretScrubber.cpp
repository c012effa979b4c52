#include "secrets/SecretScrubber.h"

#include <QUrl>
#include <algorithm>

namespace scimitar {

namespace {

constexpr QByteArrayView kRedacted("[redacted]");

} // namespace

void SecretScrubber::add(const QByteArray& secret)
{
    const QByteArray trimmed = secret.trimmed();
    addOne(trimmed);
    // "Bearer dapi…", "SSWS 00a…", "Basic …": the token alone is the secret that matters.
    if (const qsizetype space = trimmed.indexOf(' '); space > 0)
        addOne(trimmed.mid(space + 1).trimmed());
}

void SecretScrubber::addOne(const QByteArray& secret)
{
    if (secret.size() < kMinimumLength)
        return;
    for (const QByteArray& form : {secret, QUrl::toPercentEncoding(QString::fromUtf8(secret))}) {
        const QByteArray lower = form.toLower();
        if (!m_secrets.contains(lower))
            m_secrets.append(lower);
    }
    // Longest first, so a header value is replaced whole before its token would be.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QByteArray& a, const QByteArray& b) { return a.size() > b.size(); });
}

QByteArray SecretScrubber::scrub(QByteArray text) const
{
    for (const QByteArray& secret : m_secrets) {
        // toLower() only changes ASCII letters, so offsets in the lower-case copy are offsets in the text.
        QByteArray lower = text.toLower();
        qsizetype at = lower.indexOf(secret);
        while (at >= 0) {
            text.replace(at, secret.size(), kRedacted.toByteArray());
            lower.replace(at, secret.size(), kRedacted.toByteArray());
            at = lower.indexOf(secret, at + kRedacted.size());
        }
    }
    return text;
}

QString SecretScrubber::scrub(const QString& text) const
{
    if (m_secrets.isEmpty())
        return text;
    QString result = text;
    for (const QByteArray& secret : m_secrets)
        result.replace(QString::fromUtf8(secret), QString::fromLatin1(kRedacted.data(), kRedacted.size()),
                       Qt::CaseInsensitive);
    return result;
}

} // namespace scimitar
