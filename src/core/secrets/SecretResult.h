#pragma once

#include <QString>

namespace scimitar {

// The answer of a SecretStore operation. `message` is written for the person in front of the
// screen (what happened and what they can do) and never contains the secret itself, so callers
// may show or log it as is.
struct SecretResult
{
    enum class Status
    {
        Ok,
        NotFound,     // no secret under that key: normal on first use, not an error to alarm about
        NoBackend,    // no usable OS keychain; the caller may offer a memory-only store instead
        AccessDenied, // the keychain exists but refused (locked, or the user said no)
        Failed,       // anything else, including timeouts and refused input
    };

    Status status = Status::Failed;
    QString secret; // filled only by a successful read
    QString message;

    bool ok() const { return status == Status::Ok; }

    static SecretResult success(const QString& secret = {}) { return {Status::Ok, secret, {}}; }
    static SecretResult failure(Status status, const QString& message) { return {status, {}, message}; }

    // Stable English name of a status, for logs and test output (never translated).
    static QString statusName(Status status);
};

} // namespace scimitar
