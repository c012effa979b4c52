#include "scim/ScimResourceParser.h"

#include <QJsonObject>
#include <QTest>

using namespace scimitar;

// What a SCIM resource's fields become when a server sends them in shapes other than Databricks'.
class TestScimResource final : public QObject
{
    Q_OBJECT

private slots:
    void numericIds_data();
    void numericIds();
};

void TestScimResource::numericIds_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("expected"); // empty: no usable id
    QTest::newRow("a string") << QJsonValue(QStringLiteral("8675309")) << QStringLiteral("8675309");
    QTest::newRow("a whole number") << QJsonValue(8675309.0) << QStringLiteral("8675309");
    QTest::newRow("2^53") << QJsonValue(9007199254740992.0) << QStringLiteral("9007199254740992");
    // Found by fuzzing: converting these to an integer was undefined behaviour.
    QTest::newRow("1e308") << QJsonValue(1e308) << QString();
    QTest::newRow("-1e308") << QJsonValue(-1e308) << QString();
    QTest::newRow("a fraction") << QJsonValue(1.5) << QString();
}

void TestScimResource::numericIds()
{
    QFETCH(QJsonValue, id);
    QFETCH(QString, expected);
    const User user = ScimResourceParser::user(QJsonObject{{"id", id}, {"userName", "ana@acme.example"}});
    QCOMPARE(user.id, expected);
}

QTEST_GUILESS_MAIN(TestScimResource)
#include "tst_scimresource.moc"
