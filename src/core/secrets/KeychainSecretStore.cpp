#include "secrets/KeychainSecretStore.h"

#include <QTimer>
#include <algorithm>
#include <memory>

namespace scimitar {

namespace {

QString keychainName()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("OS keychain (Secret Service)");
#endif
}

const QString& memoryOnlyHint()
{
    static const QString hint = QStringLiteral("Scimitar can keep the token in memory for this run only.");
    return hint;
}

QString noBackendMessage()
{
#if defined(Q_OS_LINUX)
    return QStringLiteral("No OS keychain is available (no Secret Service on the session bus). ") + memoryOnlyHint();
#else
    return QStringLiteral("No OS keychain is available. ") + memoryOnlyHint();
#endif
}

// Linux backends report "there is no keychain" as OtherError with a D-Bus text (libsecret) or a
// KWallet text, never as NoBackendAvailable, so absence has to be recognised by its wording.
// These are the texts seen on Debian 12 (GDBus via libsecret) and those ownCloud handles for KWallet.
bool looksLikeNoService(const QString& text)
{
    static const char* const patterns[] = {
        "Could not connect",                         // DBUS_SESSION_BUS_ADDRESS points at nothing
        "Cannot autolaunch D-Bus",                   // no bus at all and no X11 display
        "Cannot spawn a message bus",                // autolaunch attempted and failed
        "org.freedesktop.DBus.Error.ServiceUnknown", // bus up, no Secret Service registered
        "was not provided by any .service files",    // same, reported by the bus daemon
        "org.freedesktop.DBus.Error.Spawn",          // activation of the service failed
        "org.freedesktop.DBus.Error.NoServer",       // QtDBus (KWallet path) without a bus
        "D-Bus is not running",                      // same, QtKeychain's own KWallet wording
        "Not connected to D-Bus server",             // QDBusError when the connection failed
        "kwalletd",                                  // KWallet daemon missing or not running
    };
    for (const char* pattern : patterns) {
        if (text.contains(QLatin1String(pattern), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// gnome-keyring activated on a bus without a desktop cannot show the prompt that creates the
// default "login" keyring, and libsecret then fails with "Object does not exist at path
// /org/freedesktop/secrets/collection/login". The keychain is there but unusable.
bool looksLikeNoDefaultKeyring(const QString& text)
{
    return text.contains(QLatin1String("/org/freedesktop/secrets/collection/")) ||
           text.contains(QLatin1String("No such secret collection"), Qt::CaseInsensitive);
}

QString durationText(std::chrono::milliseconds duration)
{
    const qint64 seconds = std::max<qint64>(1, (duration.count() + 999) / 1000);
    return seconds == 1 ? QStringLiteral("1 second") : QStringLiteral("%1 seconds").arg(seconds);
}

QString withDetail(const QString& sentence, const QString& backendMessage)
{
    QString detail = backendMessage.trimmed();
    if (detail.isEmpty())
        return sentence + QLatin1Char('.');
    if (!detail.endsWith(QLatin1Char('.')))
        detail += QLatin1Char('.');
    return sentence + QStringLiteral(": ") + detail;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString& serviceName, QObject* parent)
    : SecretStore(parent)
    , m_serviceName(serviceName)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::description() const
{
    return keychainName();
}

SecretResult KeychainSecretStore::resultFor(Operation operation, QKeychain::Error error, const QString& backendMessage)
{
    using Status = SecretResult::Status;
    switch (error) {
    case QKeychain::NoError:
        return SecretResult::success();
    case QKeychain::EntryNotFound:
        // Removing something that is not there reaches the caller's goal.
        if (operation == Operation::Remove)
            return SecretResult::success();
        return SecretResult::failure(Status::NotFound,
                                     QStringLiteral("No token is stored in the OS keychain for this connection yet."));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretResult::failure(Status::NoBackend, noBackendMessage());
    case QKeychain::AccessDeniedByUser:
        return SecretResult::failure(Status::AccessDenied,
                                     QStringLiteral("The keychain request was denied. Allow Scimitar to use the "
                                                    "keychain and try again. ") +
                                         memoryOnlyHint());
    case QKeychain::AccessDenied:
        return SecretResult::failure(Status::AccessDenied,
                                     QStringLiteral("The keychain refused access (it is probably locked). Unlock it "
                                                    "and try again. ") +
                                         memoryOnlyHint());
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }

    if (looksLikeNoService(backendMessage))
        return SecretResult::failure(Status::NoBackend, noBackendMessage());
    if (looksLikeNoDefaultKeyring(backendMessage))
        return SecretResult::failure(
            Status::NoBackend,
            QStringLiteral("The OS keychain has no default keyring that can be opened here (it could not show the "
                           "prompt to create or unlock one, as happens without a desktop session). ") +
                memoryOnlyHint());

    switch (operation) {
    case Operation::Read:
        return SecretResult::failure(
            Status::Failed,
            withDetail(QStringLiteral("The token could not be read from the OS keychain"), backendMessage));
    case Operation::Write:
        return SecretResult::failure(
            Status::Failed,
            withDetail(QStringLiteral("The token could not be saved in the OS keychain"), backendMessage));
    case Operation::Remove:
        break;
    }
    return SecretResult::failure(
        Status::Failed,
        withDetail(QStringLiteral("The token could not be removed from the OS keychain"), backendMessage));
}

void KeychainSecretStore::doRead(const QString& key, Callback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setKey(key);
    run(job, Operation::Read, std::move(done));
}

void KeychainSecretStore::doWrite(const QString& key, const QString& secret, Callback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setKey(key);
    job->setTextData(secret);
    run(job, Operation::Write, std::move(done));
}

void KeychainSecretStore::doRemove(const QString& key, Callback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setKey(key);
    run(job, Operation::Remove, std::move(done));
}

void KeychainSecretStore::run(QKeychain::Job* job, Operation operation, Callback done)
{
    // Never fall back to QtKeychain's plaintext QSettings store: a token on disk in clear text is
    // exactly what this class exists to prevent. When there is no keychain the user is told, and
    // may choose the memory-only store. (0.13 defaults to false already; this keeps it explicit.)
    job->setInsecureFallback(false);
    // The job deletes itself after finished(). It deliberately has no parent: QtKeychain hands the
    // job's internals to libsecret callbacks, so deleting a running job with this store would
    // leave libsecret a dangling pointer. A store deleted mid-job simply never calls `done`.
    job->setAutoDelete(true);

    // finished() and the timeout race; whichever comes first answers, the other is ignored.
    auto answered = std::make_shared<bool>(false);
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);

    connect(job, &QKeychain::Job::finished, this, [this, operation, done, answered, timer](QKeychain::Job* finished) {
        if (*answered)
            return;
        *answered = true;
        timer->deleteLater();
        SecretResult result = resultFor(operation, finished->error(), finished->errorString());
        if (result.ok() && operation == Operation::Read) {
            result.secret = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
            // Scimitar never writes an empty token, so an empty entry came from elsewhere and
            // cannot authenticate; asking the user again is the useful answer.
            if (result.secret.isEmpty())
                result = SecretResult::failure(SecretResult::Status::NotFound,
                                               QStringLiteral("The OS keychain holds an empty token for this "
                                                              "connection. Enter the token again."));
        }
        answer(done, result);
    });
    connect(timer, &QTimer::timeout, this, [this, done, answered, timer]() {
        if (*answered)
            return;
        *answered = true;
        timer->deleteLater();
        answer(done, SecretResult::failure(SecretResult::Status::Failed,
                                           QStringLiteral("The OS keychain did not answer within %1 (it may be "
                                                          "waiting for an unlock prompt). Try again. ")
                                                   .arg(durationText(m_timeout)) +
                                               memoryOnlyHint()));
    });
    timer->start(m_timeout);
    job->start();
}

} // namespace scimitar
