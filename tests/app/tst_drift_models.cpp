#include "drift/FindingFilterProxy.h"
#include "drift/FindingText.h"
#include "drift/FindingsModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

Finding makeFinding(FindingKind kind, const QString& userName, const QString& target, const QString& blockedBy = {})
{
    Finding f;
    f.kind = kind;
    f.severity = severityOf(kind);
    f.principal = {QStringLiteral("id-") + userName, userName, PrincipalKind::User};
    f.target = target;
    f.idpGroups = {QStringLiteral("dbx-pii-analysts")};
    f.explanation = QStringLiteral("%1 holds %2 and no IdP group grants it.").arg(userName, target);
    f.blockedBy = blockedBy;
    switch (kind) {
    case FindingKind::RoleWithoutGrant:
        f.action = {ActionOp::RemoveRole, f.principal.id, {}, target};
        break;
    case FindingKind::MissingMember:
        f.action = {ActionOp::AddMember, f.principal.id, QStringLiteral("g1"), {}};
        break;
    case FindingKind::DeprovisionedActive:
        f.action = {ActionOp::Deactivate, f.principal.id, {}, {}};
        break;
    default:
        break;
    }
    return f;
}

QList<Finding> sample()
{
    return {
        makeFinding(FindingKind::RoleWithoutGrant, QStringLiteral("ana@acme.example"),
                    QStringLiteral("arn:aws:iam::1:instance-profile/pii-read")),
        makeFinding(FindingKind::RoleWithoutGrant, QStringLiteral("bo@acme.example"),
                    QStringLiteral("arn:aws:iam::1:instance-profile/pii-read"), QStringLiteral("protected user")),
        makeFinding(FindingKind::EntitlementWithoutGrant, QStringLiteral("cy@acme.example"),
                    QStringLiteral("allow-cluster-create")),
        makeFinding(FindingKind::DeprovisionedActive, QStringLiteral("di@acme.example"), {}),
        makeFinding(FindingKind::MissingMember, QStringLiteral("ed@acme.example"), QStringLiteral("pii-analysts")),
        makeFinding(FindingKind::NotProvisioned, QStringLiteral("fay@acme.example"), QStringLiteral("pii-analysts")),
    };
}

} // namespace

class TestDriftModels final : public QObject
{
    Q_OBJECT

private slots:
    void modelPassesTester();
    void rowsReadAsSentences();
    void staleGreysRows();
    void filters_data();
    void filters();
    void actionWords_data();
    void actionWords();
};

void TestDriftModels::modelPassesTester()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(sample());
    proxy.setSeverity(Severity::High);
    proxy.setSearchText(QStringLiteral("ana"));
    proxy.sort(FindingsModel::PrincipalColumn, Qt::DescendingOrder);
    model.setStale(true);
    model.setFindings({});
    model.setFindings(sample());
    proxy.setSeverity(std::nullopt);
    proxy.setSearchText({});
    QCOMPARE(proxy.rowCount(), 6);
}

void TestDriftModels::rowsReadAsSentences()
{
    FindingsModel model;
    model.setFindings(sample());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(FindingsModel::ColumnCount));
    const QModelIndex severity = model.index(0, FindingsModel::SeverityColumn);
    // Severity is always icon + word, never colour alone.
    QCOMPARE(severity.data().toString(), QStringLiteral("High"));
    QVERIFY(!severity.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(0, FindingsModel::KindColumn).data().toString(), QStringLiteral("Role without grant"));
    QCOMPARE(model.index(0, FindingsModel::ActionColumn).data().toString(),
             QStringLiteral("Remove role pii-read from ana@acme.example"));
    QVERIFY(model.index(0, FindingsModel::BlockedColumn).data().toString().isEmpty());
    QCOMPARE(model.index(1, FindingsModel::BlockedColumn).data().toString(), QStringLiteral("Blocked: protected user"));
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, FindingsModel::ExplanationColumn).data().toString().endsWith(QLatin1Char('.')));
}

void TestDriftModels::staleGreysRows()
{
    FindingsModel model;
    model.setFindings(sample());
    QVERIFY(!model.index(0, 0).data(Qt::ForegroundRole).isValid());
    model.setStale(true);
    QVERIFY(model.index(0, 0).data(Qt::ForegroundRole).isValid());
    model.setFindings(sample()); // a fresh review is never stale
    QVERIFY(!model.isStale());
}

void TestDriftModels::filters_data()
{
    QTest::addColumn<int>("severity"); // -1: any
    QTest::addColumn<int>("kind");     // -1: any
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("rows");

    QTest::newRow("everything") << -1 << -1 << QString() << 6;
    QTest::newRow("high") << int(Severity::High) << -1 << QString() << 3;
    QTest::newRow("medium") << int(Severity::Medium) << -1 << QString() << 1;
    QTest::newRow("low") << int(Severity::Low) << -1 << QString() << 2;
    QTest::newRow("kind role") << -1 << int(FindingKind::RoleWithoutGrant) << QString() << 2;
    QTest::newRow("kind and severity disagree")
        << int(Severity::Low) << int(FindingKind::RoleWithoutGrant) << QString() << 0;
    QTest::newRow("search principal") << -1 << -1 << QStringLiteral("BO@acme") << 1;
    QTest::newRow("search target words") << -1 << -1 << QStringLiteral("pii-analysts fay") << 1;
    QTest::newRow("search blocked reason") << -1 << -1 << QStringLiteral("protected") << 1;
    QTest::newRow("search and severity") << int(Severity::Low) << -1 << QStringLiteral("pii") << 2;
    QTest::newRow("no match") << -1 << -1 << QStringLiteral("nobody") << 0;
}

void TestDriftModels::filters()
{
    QFETCH(int, severity);
    QFETCH(int, kind);
    QFETCH(QString, search);
    QFETCH(int, rows);
    FindingsModel model;
    model.setFindings(sample());
    FindingFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSeverity(severity < 0 ? std::nullopt : std::optional<Severity>(Severity(severity)));
    proxy.setKind(kind < 0 ? std::nullopt : std::optional<FindingKind>(FindingKind(kind)));
    proxy.setSearchText(search);
    QCOMPARE(proxy.rowCount(), rows);
}

void TestDriftModels::actionWords_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("words");
    QTest::newRow("remove role") << 0 << QStringLiteral("Remove role pii-read from ana@acme.example");
    QTest::newRow("deactivate") << 3 << QStringLiteral("Deactivate di@acme.example in Databricks");
    QTest::newRow("add member") << 4 << QStringLiteral("Add ed@acme.example to group pii-analysts");
    QTest::newRow("none") << 5 << QStringLiteral("No automatic action");
}

void TestDriftModels::actionWords()
{
    QFETCH(int, index);
    QFETCH(QString, words);
    QCOMPARE(FindingText::actionSentence(sample().at(index)), words);
}

QTEST_MAIN(TestDriftModels)
#include "tst_drift_models.moc"
