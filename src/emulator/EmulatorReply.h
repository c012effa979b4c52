#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace scimitar::emulator {

// One answer of the emulator, whichever API produced it. Headers are a list, not a map, because some
// services send a header more than once (Okta puts each `Link` relation on its own line) and the
// emulator must reproduce that byte for byte.
struct EmulatorReply
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    int status = 200;
    QByteArray body;
    Headers headers;
    QByteArray contentType = "application/json"; // not sent with 204
    bool drop = false;                           // close the connection without answering
    // How the answer leaves; everything but Whole is a fault (see RawReplyWriter).
    enum class Delivery
    {
        Whole,
        ResetMidBody,
        SlowBody,
        Huge,
        Never
    };
    Delivery delivery = Delivery::Whole;
    bool immediate = false;                      // skip the latency (concurrency rejections are instant)
    bool countsAsScim = false;                   // counted against maxConcurrent, which models Databricks' budget only

    void addHeader(const QByteArray& name, const QByteArray& value) { headers.append({name, value}); }

    static EmulatorReply json(int status, const QByteArray& body)
    {
        EmulatorReply reply;
        reply.status = status;
        reply.body = body;
        return reply;
    }
    static EmulatorReply dropped()
    {
        EmulatorReply reply;
        reply.drop = true;
        return reply;
    }

    // Qt HttpServer 6.4 looks the reason phrase up in a fixed table and throws for codes it does
    // not know, so only codes from that table may be sent.
    static bool isSendable(int status);

    // RFC 9110 IMF-fixdate, e.g. "Tue, 05 Mar 2024 09:15:00 GMT"; built by hand because
    // QLocale-based formatting would follow the process locale.
    static QByteArray httpDate(qint64 epochSeconds);
};

} // namespace scimitar::emulator
