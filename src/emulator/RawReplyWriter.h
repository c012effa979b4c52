#pragma once

#include "EmulatorReply.h"

#include <QByteArray>

class QObject;
class QTcpSocket;

namespace scimitar::emulator {

// Writes an answer straight to the connection, past QHttpServerResponder, for the faults a well-formed responder
// cannot produce: a body cut off by a reset, a body that stalls, a body too large to keep in memory. Everything runs
// on the server's thread; a connection the client closes meanwhile is left alone.
class RawReplyWriter
{
public:
    // Status line, the reply's headers and Content-Type, then Content-Length (or chunked when `contentLength` < 0).
    static QByteArray head(const EmulatorReply& reply, qint64 contentLength);

    // The head and the first half of the body, then a reset once those bytes have left.
    static void resetMidBody(QTcpSocket* socket, const EmulatorReply& reply);
    // The head and the first few bytes of the body; the rest after `delayMs` if the client is still there.
    static void slowBody(QTcpSocket* socket, const EmulatorReply& reply, int delayMs);
    // A chunked JSON-looking body of `bytes`, written as the client reads it so the emulator never holds more than
    // a megabyte of it.
    static void stream(QTcpSocket* socket, const EmulatorReply& reply, qint64 bytes);
};

} // namespace scimitar::emulator
