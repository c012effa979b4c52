// Link header parsing (Okta paging) and the URL helpers the IdP clients build requests with.
#include "idp/IdpUrl.h"
#include "idp/LinkHeader.h"
#include "idp/ODataQuery.h"

#include <QTest>
#include <QUrlQuery>

using namespace scimitar;

class TestLinkHeader final : public QObject
{
    Q_OBJECT

private slots:
    void parsesNext_data();
    void parsesNext();
    void separateLinesAndMerged();
    void relationsAreLowerCase();
    void encodesQueryValues_data();
    void encodesQueryValues();
    void sameOrigin_data();
    void sameOrigin();
    void odataLiteral_data();
    void odataLiteral();
};

void TestLinkHeader::parsesNext_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("next"); // empty: no next relation

    const QString next = QStringLiteral("https://acme.okta.com/api/v1/groups/00g1/users?after=00u2&limit=200");
    QTest::newRow("self only (last page)")
        << QByteArray(R"(<https://acme.okta.com/api/v1/groups/00g1/users?limit=200>; rel="self")") << QString();
    QTest::newRow("next alone")
        << QByteArray(R"(<https://acme.okta.com/api/v1/groups/00g1/users?after=00u2&limit=200>; rel="next")") << next;
    QTest::newRow("merged by Qt with \", \"")
        << QByteArray(R"(<https://acme.okta.com/api/v1/groups/00g1/users?limit=200>; rel="self", )"
                      R"(<https://acme.okta.com/api/v1/groups/00g1/users?after=00u2&limit=200>; rel="next")")
        << next;
    QTest::newRow("merged, next first")
        << QByteArray(R"(<https://acme.okta.com/api/v1/groups/00g1/users?after=00u2&limit=200>; rel="next", )"
                      R"(<https://acme.okta.com/api/v1/groups/00g1/users?limit=200>; rel="self")")
        << next;
    QTest::newRow("commas inside URLs")
        << QByteArray(
               R"(<https://acme.okta.com/a?x=1,2,3>; rel="self", <https://acme.okta.com/a?after=a,b&y=c,d>; rel="next")")
        << QStringLiteral("https://acme.okta.com/a?after=a,b&y=c,d");
    QTest::newRow("unquoted rel") << QByteArray("<https://acme.okta.com/n?after=1>; rel=next")
                                  << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("REL in capitals, spaces") << QByteArray("<https://acme.okta.com/n?after=1> ;  REL = \"NEXT\"")
                                             << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("several rels") << QByteArray(R"(<https://acme.okta.com/n?after=1>; rel="last next")")
                                  << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("other parameters first")
        << QByteArray(R"(<https://acme.okta.com/n?after=1>; title="a, <b>; c"; type="application/json"; rel="next")")
        << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("only the first rel counts")
        << QByteArray(R"(<https://acme.okta.com/n?after=1>; rel="self"; rel="next")") << QString();
    QTest::newRow("no comma between entries")
        << QByteArray(R"(<https://acme.okta.com/s>; rel="self" <https://acme.okta.com/n?after=1>; rel="next")")
        << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("relation names containing next")
        << QByteArray(R"(<https://acme.okta.com/n>; rel="nextpage")") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("garbage") << QByteArray("rel=next; ,,, ;;; >") << QString();
    QTest::newRow("garbage before a good entry")
        << QByteArray(R"(junk; rel="next", <https://acme.okta.com/n?after=1>; rel="next")")
        << QStringLiteral("https://acme.okta.com/n?after=1");
    QTest::newRow("unterminated target") << QByteArray(R"(<https://acme.okta.com/n?after=1; rel="next")") << QString();
    QTest::newRow("empty target") << QByteArray(R"(<>; rel="next")") << QString();
    QTest::newRow("relative target") << QByteArray(R"(</api/v1/users?after=9>; rel="next")")
                                     << QStringLiteral("/api/v1/users?after=9");
    QTest::newRow("escaped quote in a quoted value")
        << QByteArray(R"(<https://acme.okta.com/n>; title="say \"hi\", <x>"; rel="next")")
        << QStringLiteral("https://acme.okta.com/n");
}

void TestLinkHeader::parsesNext()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, next);
    const QUrl found = LinkHeader::find(LinkHeader::parse(header), QStringLiteral("next"));
    QCOMPARE(found.toString(), next);
}

void TestLinkHeader::separateLinesAndMerged()
{
    // Whether Qt hands over two Link lines or one merged value, the answer is the same.
    const QList<QPair<QByteArray, QByteArray>> separate{
        {"Content-Type", "application/json"},
        {"Link", R"(<https://acme.okta.com/u?limit=2>; rel="self")"},
        {"link", R"(<https://acme.okta.com/u?after=x&limit=2>; rel="next")"},
    };
    const QList<QPair<QByteArray, QByteArray>> merged{
        {"link",
         R"(<https://acme.okta.com/u?limit=2>; rel="self", <https://acme.okta.com/u?after=x&limit=2>; rel="next")"},
    };
    for (const auto& headers : {separate, merged}) {
        const QList<LinkRelation> links = LinkHeader::parseAll(headers);
        QCOMPARE(links.size(), 2);
        QCOMPARE(LinkHeader::find(links, QStringLiteral("self")),
                 QUrl(QStringLiteral("https://acme.okta.com/u?limit=2")));
        QCOMPARE(LinkHeader::find(links, QStringLiteral("NEXT")),
                 QUrl(QStringLiteral("https://acme.okta.com/u?after=x&limit=2")));
    }
}

void TestLinkHeader::relationsAreLowerCase()
{
    const QList<LinkRelation> links = LinkHeader::parse(R"(<https://a.example/x>; rel="Next  PREV")");
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().relations, (QStringList{QStringLiteral("next"), QStringLiteral("prev")}));
}

void TestLinkHeader::encodesQueryValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << QStringLiteral("dbx-admins");
    QTest::newRow("ampersand and hash") << QStringLiteral("R&D #1");
    QTest::newRow("plus and equals") << QStringLiteral("a+b=c");
    QTest::newRow("quotes") << QStringLiteral("profile.name eq \"West \\\"Coast\\\"\"");
    QTest::newRow("OData literal") << QStringLiteral("displayName eq 'O''Brien Team'");
    QTest::newRow("percent and slash") << QStringLiteral("100% / sure?");
    QTest::newRow("non-ASCII") << QStringLiteral("Gruppe Ärzte 医生");
}

void TestLinkHeader::encodesQueryValues()
{
    QFETCH(QString, value);
    const QUrl url = IdpUrl::build(QUrl(QStringLiteral("https://graph.example/")), QStringLiteral("/v1.0/groups"),
                                   {{QStringLiteral("$filter"), value}, {QStringLiteral("$top"), QStringLiteral("5")}});
    QCOMPARE(url.path(), QStringLiteral("/v1.0/groups"));
    const QByteArray encoded = url.toEncoded();
    // What travels must carry none of the characters a server would read as structure.
    const QByteArray query = encoded.mid(encoded.indexOf('?') + 1);
    QCOMPARE(query.count('&'), 1);
    QVERIFY(!query.contains('#'));
    QVERIFY(!query.contains('+'));
    QVERIFY(!query.contains(' '));
    // And a server decoding it gets the literal value back.
    const QUrlQuery decoded(QUrl::fromEncoded(encoded));
    QCOMPARE(decoded.queryItemValue(QStringLiteral("$filter"), QUrl::FullyDecoded), value);
    QCOMPARE(decoded.queryItemValue(QStringLiteral("$top")), QStringLiteral("5"));
}

void TestLinkHeader::sameOrigin_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("same") << "https://acme.okta.com"
                          << "https://acme.okta.com/api/v1/users?after=1" << true;
    QTest::newRow("host case") << "https://ACME.okta.com"
                               << "https://acme.okta.com/x" << true;
    QTest::newRow("default port") << "https://acme.okta.com"
                                  << "https://acme.okta.com:443/x" << true;
    QTest::newRow("other port") << "https://acme.okta.com"
                                << "https://acme.okta.com:8443/x" << false;
    QTest::newRow("other host") << "https://acme.okta.com"
                                << "https://evil.example/api/v1/users" << false;
    QTest::newRow("suffix trick") << "https://acme.okta.com"
                                  << "https://acme.okta.com.evil.example/x" << false;
    QTest::newRow("scheme downgrade") << "https://acme.okta.com"
                                      << "http://acme.okta.com/x" << false;
    QTest::newRow("loopback port") << "http://127.0.0.1:4000"
                                   << "http://127.0.0.1:4001/x" << false;
    QTest::newRow("relative") << "https://acme.okta.com"
                              << "/api/v1/users" << false;
}

void TestLinkHeader::sameOrigin()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(IdpUrl::sameOrigin(QUrl(a), QUrl(b)), same);
}

void TestLinkHeader::odataLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << "PII Readers"
                           << "'PII Readers'";
    QTest::newRow("one quote") << "O'Brien Team"
                               << "'O''Brien Team'";
    QTest::newRow("quotes at the ends") << "'x'"
                                        << "'''x'''";
    QTest::newRow("double quotes untouched") << "say \"hi\""
                                             << "'say \"hi\"'";
}

void TestLinkHeader::odataLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(ODataQuery::stringLiteral(text), literal);
}

QTEST_GUILESS_MAIN(TestLinkHeader)
#include "tst_linkheader.moc"
