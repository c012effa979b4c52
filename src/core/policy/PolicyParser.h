#pragma once

#include "policy/Policy.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace scimitar {

// Reads an access policy (docs/policy.md) and refuses anything doubtful: a policy decides who loses access, so
// a typo must be an error, not a silently ignored key. Every error is one sentence that starts with the field
// it is about, e.g. `rules[2].role: must be a non-empty string` or `idp.type: "oktaa" is not one of okta, entra,
// file`; JSON syntax errors give line and column.
class PolicyParser
{
public:
    // Parses policy JSON. `baseDirectory` is the folder a relative `idp.path` is relative to (the policy file's).
    static std::optional<Policy> parse(const QByteArray& json, const QString& baseDirectory, QString* error);

    // Reads and parses a policy file; errors name the file ("Cannot read the policy file …: No such file or
    // directory.", "Policy file …: rules[0]: …").
    static std::optional<Policy> load(const QString& path, QString* error);

    // A file larger than this is not a policy someone wrote; refusing it early keeps a wrong path from reading
    // gigabytes.
    static constexpr qint64 kMaxFileSize = 4 * 1024 * 1024;
};

} // namespace scimitar
