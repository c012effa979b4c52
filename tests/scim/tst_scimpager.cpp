#include "net/HttpClient.h"
#include "scim/ScimClient.h"
#include "scim/ScimPager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace scimitar;

namespace {

// A SCIM collection of `stored` resources whose pages say whatever the row asks: a totalResults of its choosing
// (or none), at most `pageCap` resources per page — or exactly `pageCap` whatever `count` asked, when it ignores count.
struct ScriptedCollection
{
    int stored = 0;
    QJsonValue claimedTotal; // undefined: no totalResults at all
    int pageCap = 100;
    bool ignoresCount = false;
    int requests = 0;

    net::HttpResponse answer(const net::HttpRequest& request)
    {
        ++requests;
        const QUrlQuery query(request.url);
        const int startIndex = query.queryItemValue(QStringLiteral("startIndex")).toInt();
        const int count = query.queryItemValue(QStringLiteral("count")).toInt();
        QJsonArray resources;
        const int size = ignoresCount ? pageCap : std::min(count, pageCap);
        for (int position = startIndex; position < startIndex + size && position <= stored; ++position)
            resources.append(
                QJsonObject{{"id", QString::number(position)}, {"userName", QStringLiteral("u%1").arg(position)}});
        QJsonObject page{{"Resources", resources}, {"startIndex", startIndex}, {"itemsPerPage", resources.size()}};
        if (!claimedTotal.isUndefined())
            page.insert(QStringLiteral("totalResults"), claimedTotal);
        net::HttpResponse response;
        response.status = 200;
        response.body = QJsonDocument(page).toJson(QJsonDocument::Compact);
        return response;
    }
};

} // namespace

// How the one SCIM reader plans its requests when the server's first page is not to be believed.
class TestScimPager final : public QObject
{
    Q_OBJECT

private slots:
    void planningStaysBounded_data();
    void planningStaysBounded();
    void implausibleTotalsAreRefused_data();
    void implausibleTotalsAreRefused();
};

void TestScimPager::planningStaysBounded_data()
{
    QTest::addColumn<int>("stored");
    QTest::addColumn<int>("pageCap");
    QTest::addColumn<bool>("withTotal");
    QTest::addColumn<bool>("ignoresCount");
    QTest::newRow("5,000 in pages capped at 10") << 5000 << 10 << true << false;
    QTest::newRow("the whole 10,000 in pages of 100") << 10000 << 100 << true << false;
    QTest::newRow("count ignored: pages of 250") << 3000 << 250 << true << true;
    QTest::newRow("count ignored: pages of 3") << 600 << 3 << true << true;
    QTest::newRow("no totalResults, pages of 7") << 700 << 7 << false << false;
}

void TestScimPager::planningStaysBounded()
{
    QFETCH(int, stored);
    QFETCH(int, pageCap);
    QFETCH(bool, withTotal);
    QFETCH(bool, ignoresCount);
    ScriptedCollection collection{stored, withTotal ? QJsonValue(stored) : QJsonValue(QJsonValue::Undefined), pageCap,
                                  ignoresCount};
    net::HttpClient http;
    ScimClient client(&http, QUrl(QStringLiteral("http://127.0.0.1:1/api/2.0/preview/scim/v2")));
    ScimPager* pager = client.createPager(QStringLiteral("Users"), QStringLiteral("users"), {}, this);
    int mostOutstanding = 0;
    http.setResponder([&](const net::HttpRequest& request) {
        mostOutstanding = std::max(mostOutstanding, pager->outstanding());
        return collection.answer(request);
    });
    QSignalSpy finished(pager, &ScimPager::finished);
    QSignalSpy failed(pager, &ScimPager::failed);
    pager->start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));

    const QList<QJsonObject> resources = pager->takeResources();
    QCOMPARE(resources.size(), stored);
    QCOMPARE(resources.first().value("id").toString(), QStringLiteral("1"));
    QCOMPARE(resources.last().value("id").toString(), QString::number(stored));
    // A few segments ahead of the answers (each continuing itself one page at a time), plus the open-ended last.
    QVERIFY2(mostOutstanding <= ScimPager::kSegmentsAhead + 1, qPrintable(QString::number(mostOutstanding)));
    // Nothing read twice: one request per page of each segment (segments are at least 10 positions, so tiny pages
    // overlap a little at their ends), plus the empty page that proves the end.
    const int stride = std::max(pageCap, 10);
    const int bound = (stored + stride - 1) / stride * ((stride + pageCap - 1) / pageCap) + 2;
    QVERIFY2(collection.requests <= bound, qPrintable(QStringLiteral("%1 > %2").arg(collection.requests).arg(bound)));
}

void TestScimPager::implausibleTotalsAreRefused_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<int>("stored");
    QTest::addColumn<QJsonValue>("claimedTotal");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("mostRequests");
    // Found by fuzzing: a first page claiming 2,000,002 planned 200,000 requests at once.
    QTest::newRow("two million users claimed")
        << "Users" << 100 << QJsonValue(2000002) << "reports 2000002, more than the 10000" << 1;
    QTest::newRow("one user over the limit")
        << "Users" << 100 << QJsonValue(10001) << "reports 10001, more than the 10000" << 1;
    QTest::newRow("one group over the limit")
        << "Groups" << 100 << QJsonValue(5001) << "reports 5001, more than the 5000" << 1;
    QTest::newRow("service principals over the limit")
        << "ServicePrincipals" << 100 << QJsonValue(1e9) << "reports 1000000000, more than the 10000" << 1;
    QTest::newRow("a negative total") << "Users" << 100 << QJsonValue(-5) << "totalResults (-5) is not a count" << 1;
    QTest::newRow("a fractional total") << "Users" << 100 << QJsonValue(2.5) << "totalResults (2.5) is not a count"
                                        << 1;
    QTest::newRow("a total beyond any integer")
        << "Users" << 100 << QJsonValue(1e308) << "totalResults (1e+308) is not a count" << 1;
    QTest::newRow("a total in words") << "Users" << 100 << QJsonValue(QStringLiteral("many"))
                                      << "totalResults (not a number) is not a count" << 1;
    // No totalResults to refuse up front: what arrives is counted instead.
    QTest::newRow("more groups sent than exist")
        << "Groups" << 6000 << QJsonValue(QJsonValue::Undefined) << "sent more than 5000" << 51;
}

void TestScimPager::implausibleTotalsAreRefused()
{
    QFETCH(QString, resource);
    QFETCH(int, stored);
    QFETCH(QJsonValue, claimedTotal);
    QFETCH(QString, error);
    QFETCH(int, mostRequests);
    ScriptedCollection collection{stored, claimedTotal, 100};
    net::HttpClient http;
    http.setResponder([&](const net::HttpRequest& request) { return collection.answer(request); });
    ScimClient client(&http, QUrl(QStringLiteral("http://127.0.0.1:1/api/2.0/preview/scim/v2")));
    ScimPager* pager = client.createPager(resource, resource.toLower(), {}, this);
    QSignalSpy finished(pager, &ScimPager::finished);
    QSignalSpy failed(pager, &ScimPager::failed);
    pager->start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY(finished.isEmpty());
    const QString message = failed.value(0).value(0).toString();
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY2(message.contains(resource.toLower()), qPrintable(message)); // names the listing
    QVERIFY2(collection.requests <= mostRequests, qPrintable(QString::number(collection.requests)));
}

QTEST_GUILESS_MAIN(TestScimPager)
#include "tst_scimpager.moc"
