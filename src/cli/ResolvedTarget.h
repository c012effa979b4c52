#pragma once

#include "model/DirectorySnapshot.h"
#include "net/HttpTypes.h"
#include "scim/DirectoryLoader.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace scimitar::cli {

// Where to load from and with which token, once the connection sources have been consulted.
struct ResolvedTarget
{
    QString name;   // shown in messages and stored in the snapshot
    QString origin; // "environment variables", "profile 'dev' in /home/ana/.databrickscfg", …
    QUrl scimBaseUrl;
    DirectoryLevel level = DirectoryLevel::Workspace;
    QByteArray token;      // memory only; never printed
    bool readOnly = false; // a saved connection marked read-only (profiles and the environment never are)
    net::RetryPolicy retry; // --timeout and --retries applied to the defaults

    LoadRequest loadRequest() const
    {
        LoadRequest request;
        request.connectionName = name;
        request.scimBaseUrl = scimBaseUrl;
        request.level = level;
        request.token = token;
        request.retryPolicy = retry;
        return request;
    }
};

} // namespace scimitar::cli
