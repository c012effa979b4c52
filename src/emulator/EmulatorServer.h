#pragma once

#include "Dataset.h"
#include "EmulatorOptions.h"
#include "EmulatorReply.h"
#include "EmulatorRequest.h"
#include "EmulatorStats.h"
#include "GraphApi.h"
#include "GraphTokenEndpoint.h"
#include "OktaApi.h"
#include "ResourceRenderer.h"
#include "ScimError.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <functional>

namespace scimitar::emulator {

// A loopback HTTP server speaking Databricks' SCIM 2.0 dialect (workspace and account faces) and,
// from the same dataset's IdP side, Okta (OktaApi) and Microsoft Graph (GraphApi with
// GraphTokenEndpoint), with switchable faults (see EmulatorOptions). It answers every request itself through
// QHttpServerResponder so that each header and status is under its control, and delays replies
// with timers rather than sleeping so that slow requests overlap like real ones.
//
// The object lives in one thread (see EmulatorThread); the accessors below are thread-safe and
// may be called from any thread.
class EmulatorServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit EmulatorServer(Dataset dataset, EmulatorOptions options = {}, QObject* parent = nullptr);
    ~EmulatorServer() override;

    // Listens on 127.0.0.1 only (never on other interfaces: the emulator accepts a well-known
    // token). port 0 picks a free port. Returns the port, or 0 with *error set.
    quint16 listenLocal(quint16 port = 0, QString* error = nullptr);

    EmulatorOptions options() const;
    // Replaces the options and restarts the "every Nth request" counter, so a test that turns a
    // fault on knows exactly which of its next requests will hit it.
    void setOptions(const EmulatorOptions& options);

    EmulatorStats stats() const;
    void resetStats();

    Dataset dataset() const; // a copy
    void setDataset(Dataset dataset);
    void modifyDataset(const std::function<void(Dataset&)>& change);

    static bool isSupportedStatus(int status);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    using Headers = EmulatorReply::Headers;
    using Reply = EmulatorReply;

    struct Route
    {
        bool valid = false;
        ApiFace face = ApiFace::Workspace;
        QString accountId;
        QString resource; // Users, Groups, ServicePrincipals, Me
        QString id;       // empty for collection requests
    };

    static Route parseRoute(const QString& path);
    static QHash<QString, QString> parseQuery(const QString& encodedQuery);
    static Reply json(int status, const QByteArray& body);
    static Reply error(const ScimError& error);

    Reply process(const QHttpServerRequest& request, const EmulatorRequest& decoded);
    Reply dispatch(const QHttpServerRequest& request, const Route& route, const QHash<QString, QString>& query);
    Reply list(const Route& route, ResourceKind kind, const QHash<QString, QString>& query);
    Reply getOne(const Route& route, ResourceKind kind, const QString& id, const QHash<QString, QString>& query);
    Reply patch(const Route& route, ResourceKind kind, const QString& id, const QByteArray& body);
    void send(QHttpServerResponder& responder, const Reply& reply) const;
    void deliverFaulty(QTcpSocket* socket, const Reply& reply) const;
    void finishRequest(bool scim);

    mutable QMutex m_mutex; // guards everything below: handlers run in the server thread, accessors anywhere
    Dataset m_dataset;
    EmulatorOptions m_options;
    EmulatorStats m_stats;
    qint64 m_faultCounter = 0; // authenticated SCIM requests since the options were last set
    int m_dropsAfterApply = 0; // connections dropped after carrying the request out, since the options were set
    bool m_faultStrikes = false; // the request being processed meets options().faults
    int m_scimInFlight = 0;    // maxConcurrent models Databricks' budget, so IdP traffic does not count
    OktaApi m_okta;
    GraphTokenEndpoint m_graphTokens;
    GraphApi m_graph;
    static constexpr quint32 kFirstGrowSeed = 7000;
    quint32 m_growSeed = kFirstGrowSeed; // seeds users appended by growTotalPerListRequest
};

} // namespace scimitar::emulator
