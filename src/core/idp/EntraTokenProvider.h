#pragma once

#include "idp/EntraSettings.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <functional>

namespace scimitar {

namespace net {
class HttpClient;
}

// Gets app-only access tokens for Microsoft Graph with the OAuth 2.0 client-credentials grant and keeps one until
// shortly before it expires. The grant issues no refresh token, so "renewal" is simply a new token request, made
// before the next Graph call once less than the renewal margin is left (5 minutes, or half the token's lifetime when
// that is shorter, so short-lived tokens are not fetched for every call).
//
// The client secret travels only in the form-encoded body of the token request, which is sent without any
// Authorization header; neither the secret nor the body ever reaches a message.
class EntraTokenProvider : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultRenewMarginMs = 5 * 60 * 1000;

    // `accessToken` is empty exactly when `error` (one sentence) is not.
    using Callback = std::function<void(const QByteArray& accessToken, const QString& error)>;

    EntraTokenProvider(net::HttpClient* http, const EntraSettings& settings, QObject* parent = nullptr);

    // Calls back with a token that has more than the renewal margin left, fetching one first when needed. Callers
    // arriving while a token request is running share it. Callbacks are never made after cancel().
    void token(Callback done);
    // Forgets the current token (Graph refused it); the next token() fetches a new one.
    void invalidate();
    // Drops waiting callers silently; a token request in flight is forgotten.
    void cancel();

    void setRenewMarginMs(int ms) { m_renewMarginMs = ms; }
    bool hasUsableToken() const;
    int tokensFetched() const { return m_fetched; }
    qint64 remainingMs() const { return m_token.isEmpty() ? 0 : m_expires.remainingTime(); }

private:
    void fetch();
    void answer(const QByteArray& token, const QString& error);
    QString redact(QString text) const;

    net::HttpClient* m_http;
    EntraSettings m_settings;
    int m_renewMarginMs = kDefaultRenewMarginMs;
    QByteArray m_token;
    QDeadlineTimer m_expires;
    qint64 m_lifetimeMs = 0;
    bool m_fetching = false;
    quint64 m_generation = 0;
    int m_fetched = 0;
    QList<Callback> m_waiting;
};

} // namespace scimitar
