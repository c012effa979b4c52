#include "idp/IdpLoader.h"

#include "idp/IdpSource.h"

#include <QMetaObject>

namespace scimitar {

IdpLoader::IdpLoader(IdpSource* source, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_label(source ? source->label() : QStringLiteral("The IdP"))
{
    if (!source)
        return;
    connect(source, &IdpSource::progress, this, [this](int done, int total, const QString& note) {
        if (m_step != Step::Idle)
            emit progress(done, total, note);
    });
    connect(source, &IdpSource::groupsLoaded, this, &IdpLoader::onGroups);
    connect(source, &IdpSource::usersLookedUp, this, &IdpLoader::onUsers);
    connect(source, &IdpSource::failed, this, &IdpLoader::onFailed);
}

void IdpLoader::loadGroups(const QStringList& names)
{
    m_directory = {};
    m_directory.sourceLabel = m_label;
    m_asked = names;
    m_step = Step::Groups;
    if (!m_source) {
        QMetaObject::invokeMethod(
            this, [this] { fail(QStringLiteral("The IdP source is gone.")); }, Qt::QueuedConnection);
        return;
    }
    m_source->loadGroups(names);
}

void IdpLoader::lookupUsers(const QStringList& values, IdpLookupKey key)
{
    m_asked = values;
    m_key = key;
    m_directory.lookedUpBy = key;
    m_step = Step::Lookups;
    if (values.isEmpty() || !m_source) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_step != Step::Lookups)
                    return;
                if (!m_source) {
                    fail(QStringLiteral("The IdP source is gone."));
                    return;
                }
                m_step = Step::Idle;
                emit usersLookedUp();
            },
            Qt::QueuedConnection);
        return;
    }
    m_source->lookupUsers(values, key);
}

void IdpLoader::cancel()
{
    // Forwarded even between steps: cancelling an idle source costs nothing, and a source that still had
    // something in flight (a late retry) must stop.
    m_step = Step::Idle;
    if (m_source)
        m_source->cancel();
}

void IdpLoader::onGroups(const QList<IdpGroup>& groups)
{
    if (m_step != Step::Groups)
        return;
    QList<IdpGroup> ordered;
    for (const QString& name : std::as_const(m_asked)) {
        const IdpGroup* match = nullptr;
        for (const IdpGroup& group : groups)
            if (group.name.compare(name, Qt::CaseInsensitive) == 0)
                match = &group;
        if (!match) {
            // The interface promises an error for a missing group; a source that answers without it would turn
            // "unknown" into "empty", and an empty group means "remove everyone".
            fail(QStringLiteral("%1 did not return the group %2 it was asked for; a group that cannot be read is "
                                "never treated as empty.")
                     .arg(m_label, name));
            return;
        }
        if (!std::any_of(ordered.cbegin(), ordered.cend(), [&](const IdpGroup& g) { return g.name == match->name; }))
            ordered.append(*match);
    }
    m_directory.groups = ordered;
    m_directory.loadedAt = m_clock();
    m_step = Step::Idle;
    emit groupsLoaded();
}

void IdpLoader::onUsers(const QList<IdpUser>& found, const QStringList& notFound)
{
    if (m_step != Step::Lookups)
        return;
    for (const QString& value : std::as_const(m_asked)) {
        // Asked by email, only a person with that email answers; asked by login, the IdP may have matched the
        // login or the email (Okta's GET /users/{x} does both).
        const bool answered =
            notFound.contains(value, Qt::CaseInsensitive) ||
            std::any_of(found.cbegin(), found.cend(), [&](const IdpUser& user) {
                return user.email.compare(value, Qt::CaseInsensitive) == 0 ||
                       (m_key == IdpLookupKey::Login && user.login.compare(value, Qt::CaseInsensitive) == 0);
            });
        if (!answered) {
            fail(QStringLiteral("%1 gave no answer about %2; without one, drift for this user cannot be judged.")
                     .arg(m_label, value));
            return;
        }
    }
    m_directory.lookedUp += found;
    m_directory.notFound += notFound;
    // The IdP side is as of its last answer: look-ups against a rate-limited org can take minutes after the groups.
    m_directory.loadedAt = m_clock();
    m_step = Step::Idle;
    emit usersLookedUp();
}

void IdpLoader::onFailed(const QString& message)
{
    if (m_step == Step::Idle)
        return;
    // Sources name themselves in most messages; add the name only where it is missing.
    fail(message.contains(m_label) ? message : QStringLiteral("%1: %2").arg(m_label, message));
}

void IdpLoader::fail(const QString& message)
{
    m_step = Step::Idle;
    if (m_source)
        m_source->cancel();
    emit failed(message);
}

} // namespace scimitar
