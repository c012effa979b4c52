#include "LookupWaiter.h"

#include "net/HttpClient.h"
#include "scim/ScimClient.h"

#include <QEventLoop>

namespace scimitar::cli {

LookupWaiter::LookupWaiter(const ResolvedTarget& target, QObject* parent)
    : QObject(parent)
    , m_http(new net::HttpClient(this))
    , m_scim(new ScimClient(m_http, target.scimBaseUrl, this))
    , m_lookup(new ScimLookup(m_scim, this))
{
    m_http->setAuthorization("Bearer " + target.token);
    m_http->setRetryPolicy(target.retry);
}

LookupWaiter::~LookupWaiter()
{
    m_http->cancelAll();
}

void LookupWaiter::cancel()
{
    m_cancelled = true;
    m_http->cancelAll();
}

void LookupWaiter::wait(const bool* done)
{
    if (*done)
        return;
    QEventLoop loop;
    m_loop = &loop;
    loop.exec();
    m_loop = nullptr;
}

std::optional<ScimLookup::Owner> LookupWaiter::tokenOwner(QString* error)
{
    bool done = false;
    ScimLookup::Owner owner;
    m_lookup->readOwner([this, &done, &owner](const ScimLookup::Owner& answer) {
        owner = answer;
        done = true;
        if (m_loop)
            m_loop->quit();
    });
    wait(&done);
    if (m_cancelled) {
        *error = QStringLiteral("cancelled.");
        return std::nullopt;
    }
    if (!owner.error.isEmpty()) {
        *error = owner.error;
        return std::nullopt;
    }
    return owner;
}

QHash<QString, ScimLookup::Name> LookupWaiter::names(const QList<ScimLookup::ObjectRef>& objects)
{
    bool done = false;
    QHash<QString, ScimLookup::Name> names;
    m_lookup->readNames(objects, [this, &done, &names](const QHash<QString, ScimLookup::Name>& answer) {
        names = answer;
        done = true;
        if (m_loop)
            m_loop->quit();
    });
    wait(&done);
    return names;
}

} // namespace scimitar::cli
