#pragma once

#include "secrets/SecretResult.h"

#include <QObject>
#include <functional>

namespace scimitar {

// Where Scimitar keeps tokens. The product talks only to this interface, never to a keychain
// library, so keychain quirks stay in one class and tests can use an in-memory store.
//
// Every operation is asynchronous because the OS keychain is (D-Bus round trips, unlock prompts)
// and the GUI thread must never block. `done` is always called later from the event loop, never
// before the call returns, for every implementation, so callers cannot come to depend on an
// accidental synchronous answer. `done` is not called if the store is destroyed first.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult&)>;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    void read(const QString& key, Callback done);
    // An empty secret is refused (Status::Failed): a blank token can never authenticate, and storing
    // one would hide the real problem until the first request fails. Use remove() instead.
    void write(const QString& key, const QString& secret, Callback done);
    // Removing a key that does not exist succeeds: the caller's goal (no secret stored) is reached.
    void remove(const QString& key, Callback done);

    // True when secrets survive a restart of Scimitar.
    virtual bool isPersistent() const = 0;
    // A short phrase for the UI, e.g. "OS keychain (Secret Service)".
    virtual QString description() const = 0;

protected:
    // Implementations answer exactly once through answer() (or directly through a queued call).
    virtual void doRead(const QString& key, Callback done) = 0;
    virtual void doWrite(const QString& key, const QString& secret, Callback done) = 0;
    virtual void doRemove(const QString& key, Callback done) = 0;

    // Delivers `result` to `done` from the event loop, after the current call has returned.
    void answer(Callback done, const SecretResult& result);
};

} // namespace scimitar
