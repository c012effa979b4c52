#include "secrets/SyncSecretReader.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <optional>

namespace scimitar {

SecretResult SyncSecretReader::read(SecretStore& store, const QString& key, std::chrono::milliseconds timeout)
{
    return wait([&store, key](SecretStore::Callback done) { store.read(key, std::move(done)); }, timeout);
}

SecretResult SyncSecretReader::write(SecretStore& store, const QString& key, const QString& secret,
                                     std::chrono::milliseconds timeout)
{
    return wait([&store, key, secret](SecretStore::Callback done) { store.write(key, secret, std::move(done)); },
                timeout);
}

SecretResult SyncSecretReader::remove(SecretStore& store, const QString& key, std::chrono::milliseconds timeout)
{
    return wait([&store, key](SecretStore::Callback done) { store.remove(key, std::move(done)); }, timeout);
}

SecretResult SyncSecretReader::wait(const Starter& start, std::chrono::milliseconds timeout)
{
    if (!QCoreApplication::instance())
        return SecretResult::failure(SecretResult::Status::Failed,
                                     QStringLiteral("Scimitar tried to read a secret before it was fully started. "
                                                    "This is a bug in Scimitar; please report it."));

    // The answer may arrive after we gave up and returned; it then lands in this shared slot
    // instead of in a dead stack frame.
    auto slot = std::make_shared<std::optional<SecretResult>>();
    QEventLoop loop;
    QPointer<QEventLoop> loopGuard(&loop);
    start([slot, loopGuard](const SecretResult& result) {
        *slot = result;
        if (loopGuard)
            loopGuard->quit();
    });

    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    // SecretStore never answers synchronously, but check anyway so a future store that does
    // cannot make us wait for the full timeout.
    if (!slot->has_value()) {
        timer.start(timeout);
        loop.exec();
    }

    if (slot->has_value())
        return **slot;
    const auto seconds = std::max<qint64>(1, std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
    return SecretResult::failure(SecretResult::Status::Failed,
                                 QStringLiteral("The secret store did not answer within %1 second(s). If a keychain "
                                                "unlock prompt is open, answer it and try again.")
                                     .arg(seconds));
}

} // namespace scimitar
