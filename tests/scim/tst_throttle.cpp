#include "net/RetryNote.h"
#include "net/ThrottleClassifier.h"
#include "scim/ScimError.h"

#include <QTest>

using namespace scimitar;
using namespace scimitar::net;
using scimitar::net::ThrottleClassifier;

class TestThrottle final : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data();
    void classifies();
    void retryAfter_data();
    void retryAfter();
    void rateLimitReset_data();
    void rateLimitReset();
    void retryAfterWinsOverReset();
    void errorSentences_data();
    void errorSentences();
    void retryNotesCountDown_data();
    void retryNotesCountDown();
};

void TestThrottle::classifies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("throttled");
    QTest::newRow("429") << 429 << QByteArray() << true;
    QTest::newRow("503") << 503 << QByteArray() << true;
    QTest::newRow("500 limit exceeded") << 500
                                        << QByteArray(R"({"detail":"REQUEST_LIMIT_EXCEEDED: Workspace 1234 exceeded "
                                                      R"the concurrent limit of 4 requests.","status":"500"})")
                                        << true;
    QTest::newRow("500 platform form") << 500 << QByteArray(R"({"error_code":"RESOURCE_EXHAUSTED","message":"x"})")
                                       << true;
    QTest::newRow("500 token bucket") << 500 << QByteArray("RPC token bucket limit has been exceeded") << true;
    QTest::newRow("plain 500") << 500 << QByteArray(R"({"detail":"NullPointerException","status":"500"})") << false;
    QTest::newRow("400") << 400 << QByteArray("REQUEST_LIMIT_EXCEEDED") << false;
    QTest::newRow("200") << 200 << QByteArray() << false;
}

void TestThrottle::classifies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, throttled);
    QCOMPARE(ThrottleClassifier::isThrottled(status, body), throttled);
}

void TestThrottle::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("expectedMs"); // -1: no usable value
    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("integer") << QByteArray("2") << 2000;
    QTest::newRow("fractional") << QByteArray("0.25") << 250;
    QTest::newRow("spaces") << QByteArray(" 1 ") << 1000;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("negative") << QByteArray("-3") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("past date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << 0;
    // Found by fuzzing: converted to int unclamped, this was undefined behaviour.
    QTest::newRow("4.4e27 seconds: a day at most") << QByteArray("4.4e27") << 24 * 3600 * 1000;
    QTest::newRow("one day and a bit") << QByteArray("86401") << 24 * 3600 * 1000;
}

void TestThrottle::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(int, expectedMs);
    const auto ms = ThrottleClassifier::retryAfterMs(header);
    QCOMPARE(ms ? *ms : -1, expectedMs);
}

void TestThrottle::rateLimitReset_data()
{
    QTest::addColumn<QByteArray>("reset");
    QTest::addColumn<QByteArray>("date");
    QTest::addColumn<int>("expectedMs"); // -1: no usable value
    // 1609459200 is Fri, 01 Jan 2021 00:00:00 GMT: the wait is measured against the server's clock, not ours.
    const QByteArray serverNow("Fri, 01 Jan 2021 00:00:00 GMT");
    QTest::newRow("resets in 5 s") << QByteArray("1609459205") << serverNow << 6000;
    QTest::newRow("already reset") << QByteArray("1609459100") << serverNow << 0;
    QTest::newRow("absent") << QByteArray() << serverNow << -1;
    QTest::newRow("garbage") << QByteArray("soon") << serverNow << -1;
    // Found by fuzzing: the subtraction overflowed (undefined behaviour).
    QTest::newRow("reset at the end of time") << QByteArray("9223372036854775807") << serverNow << 24 * 3600 * 1000;
    QTest::newRow("reset at the end of time, Date from year 1")
        << QByteArray("9223372036854775807") << QByteArray("Mon, 01 Jan 0001 00:00:00 GMT") << 24 * 3600 * 1000;
}

void TestThrottle::rateLimitReset()
{
    QFETCH(QByteArray, reset);
    QFETCH(QByteArray, date);
    QFETCH(int, expectedMs);
    const auto ms = ThrottleClassifier::rateLimitResetMs(reset, date);
    QCOMPARE(ms ? *ms : -1, expectedMs);
}

void TestThrottle::retryAfterWinsOverReset()
{
    const auto ms = ThrottleClassifier::requestedDelayMs("0.5", "1609459205", "Fri, 01 Jan 2021 00:00:00 GMT");
    QVERIFY(ms);
    QCOMPARE(*ms, 500);
    const auto fromReset = ThrottleClassifier::requestedDelayMs({}, "1609459202", "Fri, 01 Jan 2021 00:00:00 GMT");
    QVERIFY(fromReset);
    QCOMPARE(*fromReset, 3000);
}

void TestThrottle::errorSentences_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("401") << 401 << QByteArray(R"({"detail":"Invalid access token.","status":"401"})")
                         << QStringList{QStringLiteral("Listing users"), QStringLiteral("401"),
                                        QStringLiteral("wrong or has expired"), QStringLiteral("Invalid access token")};
    QTest::newRow("403") << 403 << QByteArray() << QStringList{QStringLiteral("admin")};
    QTest::newRow("scim error, string status")
        << 400 << QByteArray(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"bad filter",)"
                             R"("status":"400","scimType":"invalidFilter"})")
        << QStringList{QStringLiteral("HTTP 400"), QStringLiteral("invalidFilter"), QStringLiteral("bad filter")};
    QTest::newRow("platform error") << 400 << QByteArray(R"({"error_code":"INVALID_PARAMETER_VALUE","message":"m"})")
                                    << QStringList{QStringLiteral("INVALID_PARAMETER_VALUE: m")};
    QTest::newRow("html") << 502 << QByteArray("<html><body>Bad gateway</body></html>")
                          << QStringList{QStringLiteral("Bad gateway"), QStringLiteral("HTTP 502")};
}

void TestThrottle::errorSentences()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    net::HttpResponse response;
    response.status = status;
    response.body = body;
    const QString sentence = ScimError::describe(QStringLiteral("Listing users from 1"), response);
    for (const QString& part : mustContain)
        QVERIFY2(sentence.contains(part), qPrintable(sentence));
    QVERIFY(!sentence.contains(QLatin1Char('\n')));
}

void TestThrottle::retryNotesCountDown_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<int>("delayMs"); // -1: the note announces no wait
    QTest::addColumn<qint64>("msLeft");
    QTest::addColumn<QString>("rendered");
    const QString retry =
        RetryNote::retrying(QStringLiteral("Okta: groups"), QStringLiteral("throttled (429)"), 58000, 2);
    QTest::newRow("retry, at once") << retry << 58000 << qint64(58000)
                                    << "Okta: groups: throttled (429), retrying in 58 s (attempt 2)";
    QTest::newRow("retry, a second later, rounded up")
        << retry << 58000 << qint64(56001) << "Okta: groups: throttled (429), retrying in 57 s (attempt 2)";
    QTest::newRow("retry, due") << retry << 58000 << qint64(0)
                                << "Okta: groups: throttled (429), retrying now (attempt 2)";
    QTest::newRow("retry, overdue") << retry << 58000 << qint64(-5000)
                                    << "Okta: groups: throttled (429), retrying now (attempt 2)";
    QTest::newRow("pause") << RetryNote::waiting(QStringLiteral("Okta: rate limit nearly used up (2 left); "), 30500,
                                                 QStringLiteral(" for it to reset"))
                           << 30500 << qint64(10000)
                           << "Okta: rate limit nearly used up (2 left); waiting 10 s for it to reset";
    // A server's own words that look like a wait come before ours: ours is the one counted.
    QTest::newRow("quoted wait first") << RetryNote::retrying(QStringLiteral("Users"),
                                                              QStringLiteral("'retrying in 5 s' said the proxy"), 2000,
                                                              1)
                                       << 2000 << qint64(1000)
                                       << "Users: 'retrying in 5 s' said the proxy, retrying in 1 s (attempt 1)";
    QTest::newRow("no wait") << "Reading groups" << -1 << qint64(0) << "";
    QTest::newRow("absurd wait") << "retrying in 99999999 s" << -1 << qint64(0) << "";
}

void TestThrottle::retryNotesCountDown()
{
    QFETCH(QString, note);
    QFETCH(int, delayMs);
    QFETCH(qint64, msLeft);
    QFETCH(QString, rendered);
    const std::optional<RetryNote::Wait> wait = RetryNote::find(note);
    QCOMPARE(wait.has_value(), delayMs >= 0);
    if (!wait)
        return;
    QCOMPARE(wait->delayMs, delayMs);
    QCOMPARE(RetryNote::render(*wait, msLeft), rendered);
}

QTEST_GUILESS_MAIN(TestThrottle)
#include "tst_throttle.moc"
