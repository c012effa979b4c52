#pragma once

#include "secrets/SecretStore.h"

#include <chrono>

namespace scimitar {

// Blocking wrappers around SecretStore for the command-line tool, which has no GUI thread to
// protect and simply needs the token before it can do anything. Each call spins a nested
// QEventLoop until the store answers or the timeout passes. Never use this from the GUI: a
// nested loop there re-enters widgets and a keychain prompt could freeze the window.
// Needs a QCoreApplication.
class SyncSecretReader
{
public:
    static constexpr std::chrono::milliseconds defaultTimeout = std::chrono::seconds(30);

    static SecretResult read(SecretStore& store, const QString& key,
                             std::chrono::milliseconds timeout = defaultTimeout);
    static SecretResult write(SecretStore& store, const QString& key, const QString& secret,
                              std::chrono::milliseconds timeout = defaultTimeout);
    static SecretResult remove(SecretStore& store, const QString& key,
                               std::chrono::milliseconds timeout = defaultTimeout);

private:
    using Starter = std::function<void(SecretStore::Callback)>;
    static SecretResult wait(const Starter& start, std::chrono::milliseconds timeout);
};

} // namespace scimitar
