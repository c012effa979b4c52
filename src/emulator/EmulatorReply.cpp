#include "EmulatorReply.h"

#include <QDateTime>
#include <algorithm>

namespace scimitar::emulator {

bool EmulatorReply::isSendable(int status)
{
    static constexpr int kKnown[] = {200, 201, 204, 400, 401, 403, 404, 405, 409, 412,
                                     413, 415, 422, 429, 500, 501, 502, 503, 504};
    return std::find(std::begin(kKnown), std::end(kKnown), status) != std::end(kKnown);
}

QByteArray EmulatorReply::httpDate(qint64 epochSeconds)
{
    static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime time = QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC);
    const QDate date = time.date();
    return QByteArray(kDays[date.dayOfWeek() - 1]) + ", " + QByteArray::number(date.day()).rightJustified(2, '0') +
           ' ' + kMonths[date.month() - 1] + ' ' + QByteArray::number(date.year()) + ' ' +
           time.time().toString(QStringLiteral("HH:mm:ss")).toLatin1() + " GMT";
}

} // namespace scimitar::emulator
