#include "secrets/SecretStore.h"

#include <QMetaObject>

namespace scimitar {

namespace {

SecretStore::Callback orNoop(SecretStore::Callback done)
{
    if (done)
        return done;
    return [](const SecretResult&) {};
}

SecretResult emptyKeyResult()
{
    // Only a bug in Scimitar can get here, but the user still deserves a sentence, not a crash.
    return SecretResult::failure(SecretResult::Status::Failed,
                                 QStringLiteral("Scimitar asked for a secret without a name. This is a bug in "
                                                "Scimitar; please report it."));
}

} // namespace

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

void SecretStore::read(const QString& key, Callback done)
{
    done = orNoop(std::move(done));
    if (key.isEmpty())
        return answer(std::move(done), emptyKeyResult());
    doRead(key, std::move(done));
}

void SecretStore::write(const QString& key, const QString& secret, Callback done)
{
    done = orNoop(std::move(done));
    if (key.isEmpty())
        return answer(std::move(done), emptyKeyResult());
    if (secret.isEmpty())
        return answer(std::move(done),
                      SecretResult::failure(SecretResult::Status::Failed,
                                            QStringLiteral("The token is empty, so there is nothing to store. Paste "
                                                           "the token again.")));
    // Backend messages are passed through to the user; scrub the secret from them in case a
    // backend ever echoes its input, so no implementation can leak it by accident.
    doWrite(key, secret, [done = std::move(done), secret](const SecretResult& result) {
        if (result.message.contains(secret)) {
            SecretResult scrubbed = result;
            scrubbed.message.replace(secret, QStringLiteral("[secret]"));
            done(scrubbed);
            return;
        }
        done(result);
    });
}

void SecretStore::remove(const QString& key, Callback done)
{
    done = orNoop(std::move(done));
    if (key.isEmpty())
        return answer(std::move(done), emptyKeyResult());
    doRemove(key, std::move(done));
}

void SecretStore::answer(Callback done, const SecretResult& result)
{
    // Queued on this object: if the store is deleted before the event loop runs, the answer is
    // dropped instead of calling into a caller that has probably gone too.
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result]() { done(result); }, Qt::QueuedConnection);
}

} // namespace scimitar
