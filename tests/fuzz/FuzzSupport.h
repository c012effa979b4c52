#pragma once

// Shared by the fuzz targets: one QCoreApplication for the process, inputs split into several pieces (the pages of
// one listing, the header lines and body of one answer), and an event loop run until a reader settles.

#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <functional>

namespace scimitar::fuzz {

// The separator between the pieces of one input; in every target's dictionary so the fuzzer learns it.
inline constexpr char kPieceSeparator[] = "\n--\n";

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* application = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    Q_UNUSED(application);
}

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

inline QList<QByteArray> pieces(const QByteArray& input)
{
    QList<QByteArray> out;
    const QByteArray separator(kPieceSeparator);
    qsizetype from = 0;
    for (qsizetype at = input.indexOf(separator); at >= 0; at = input.indexOf(separator, from)) {
        out.append(input.mid(from, at - from));
        from = at + separator.size();
    }
    out.append(input.mid(from));
    return out;
}

// A piece read as an HTTP answer: optional "NNN" status line and "Name: value" header lines, a blank line, then
// the body. A piece without a blank line is a 200 whose whole piece is the body.
inline net::HttpResponse answerFrom(const QByteArray& piece)
{
    net::HttpResponse response;
    response.status = 200;
    const qsizetype blank = piece.indexOf("\n\n");
    if (blank < 0) {
        response.body = piece;
        return response;
    }
    response.body = piece.mid(blank + 2);
    const QList<QByteArray> lines = piece.left(blank).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        bool isStatus = false;
        const int status = line.trimmed().toInt(&isStatus);
        if (i == 0 && isStatus) {
            response.status = status;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return response;
}

// An HttpClient whose answers are the pieces of one input, in order, and `whenSpent` once they are used up (an
// empty page, so every listing ends). The QCoreApplication is made here too.
class PieceResponder
{
public:
    PieceResponder(const uint8_t* data, size_t size, const QByteArray& whenSpent)
        : m_pieces((ensureApplication(), pieces(bytes(data, size))))
    {
        m_http.setResponder([this, whenSpent](const net::HttpRequest&) {
            return answerFrom(m_next < m_pieces.size() ? m_pieces.at(m_next++) : whenSpent);
        });
    }

    net::HttpClient* http() { return &m_http; }
    qsizetype pieceCount() const { return m_pieces.size(); }
    // The Sender the IdP pagers take.
    auto sender()
    {
        return [this](const net::HttpRequest& request, net::HttpClient::Callback done) { m_http.send(request, done); };
    }

private:
    QList<QByteArray> m_pieces;
    qsizetype m_next = 0;
    net::HttpClient m_http;
};

// Runs the event loop until `settled` or a bound on rounds (a reader that never settles is a finding too, but a
// hang is found by libFuzzer's own -timeout).
inline void runUntil(const std::function<bool()>& settled, int maxRounds = 100000)
{
    for (int round = 0; round < maxRounds && !settled(); ++round)
        QCoreApplication::processEvents();
}

} // namespace scimitar::fuzz
