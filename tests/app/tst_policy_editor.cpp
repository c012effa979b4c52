#include "policy/PolicyEditorDialog.h"
#include "policy/PolicyParser.h"
#include "policy/PolicyRulesModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

Policy samplePolicy()
{
    IdpSettings idp;
    idp.type = IdpType::Okta;
    idp.url = QUrl(QStringLiteral("https://acme.okta.example"));
    return Policy(
        idp, MatchAttribute::UserName,
        {PolicyRule::group(QStringLiteral("dbx-pii-analysts"), QStringLiteral("pii-analysts")),
         PolicyRule::grantsRole(QStringLiteral("dbx-pii-analysts"),
                                QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read")),
         PolicyRule::grantsEntitlements(QStringLiteral("dbx-engineers"), {QStringLiteral("allow-cluster-create")})},
        {QStringLiteral("scim-admin@acme.example")}, {QStringLiteral("admins")});
}

} // namespace

class TestPolicyEditor final : public QObject
{
    Q_OBJECT

private slots:
    void rulesModelEdits_data();
    void rulesModelEdits();
    void roundTripsThroughFile();
    void invalidRuleShownInline();
    void marksModifications();
    void describesItselfAndChecksBeforeUse();
};

void TestPolicyEditor::rulesModelEdits_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("targets");
    QTest::newRow("group") << int(PolicyRule::Target::DatabricksGroup) << QStringLiteral("pii-analysts")
                           << QStringList{QStringLiteral("pii-analysts")};
    QTest::newRow("role") << int(PolicyRule::Target::Role) << QStringLiteral("account_admin")
                          << QStringList{QStringLiteral("account_admin")};
    QTest::newRow("entitlements") << int(PolicyRule::Target::Entitlements)
                                  << QStringLiteral(" allow-cluster-create , databricks-sql-access")
                                  << QStringList{QStringLiteral("allow-cluster-create"),
                                                 QStringLiteral("databricks-sql-access")};
}

void TestPolicyEditor::rulesModelEdits()
{
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(QStringList, targets);
    PolicyRulesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRules(samplePolicy().rules());
    model.addRule();
    const int row = model.rowCount() - 1;
    QVERIFY(model.setData(model.index(row, PolicyRulesModel::IdpGroupColumn), QStringLiteral(" dbx-new ")));
    QVERIFY(model.setData(model.index(row, PolicyRulesModel::KindColumn), kind));
    QVERIFY(model.setData(model.index(row, PolicyRulesModel::TargetColumn), target));
    QCOMPARE(model.rules().last().idpGroup, QStringLiteral("dbx-new"));
    QCOMPARE(model.rules().last().targets(), targets);
    // Switching the kind keeps what was typed.
    QVERIFY(model.setData(model.index(row, PolicyRulesModel::KindColumn), int(PolicyRule::Target::Role)));
    QCOMPARE(model.rules().last().role, targets.join(QStringLiteral(", ")));
    model.removeRule(0);
    QCOMPARE(model.rowCount(), 3);
}

void TestPolicyEditor::roundTripsThroughFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("policy.json"));
    PolicyEditorDialog dialog;
    dialog.setPolicy(samplePolicy(), {});
    QVERIFY2(dialog.saveTo(path), qPrintable(dialog.errorText()));
    QString error;
    const std::optional<Policy> saved = PolicyParser::load(path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->rules(), samplePolicy().rules());
    QCOMPARE(saved->protectedUsers(), samplePolicy().protectedUsers());
    PolicyEditorDialog reopened;
    QVERIFY(reopened.openFile(path));
    QCOMPARE(reopened.path(), path);
    const std::optional<Policy> again = reopened.policy();
    QVERIFY(again);
    QCOMPARE(again->rules(), samplePolicy().rules());
    QCOMPARE(again->idp().url, samplePolicy().idp().url);
}

void TestPolicyEditor::invalidRuleShownInline()
{
    PolicyEditorDialog dialog;
    dialog.setPolicy(samplePolicy(), {});
    dialog.rulesModel()->addRule(); // an empty rule: no IdP group, no target
    QVERIFY(!dialog.policy());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("rules[3]")), qPrintable(dialog.errorText()));
    QTemporaryDir dir;
    QVERIFY(!dialog.saveTo(dir.filePath(QStringLiteral("bad.json"))));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.json"))));
    dialog.rulesModel()->removeRule(3);
    QVERIFY(dialog.policy());
    QVERIFY(dialog.errorText().isEmpty());
}

void TestPolicyEditor::describesItselfAndChecksBeforeUse()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pii.json"));
    PolicyEditorDialog dialog;
    Policy described = samplePolicy();
    described.setDescription(QStringLiteral("PII access, owned by data-access-ops"));
    dialog.setPolicy(described, {});
    // Not saved yet, said plainly, in the title too.
    QVERIFY2(dialog.windowTitle().contains(QStringLiteral("Access policy — new")), qPrintable(dialog.windowTitle()));
    QVERIFY(
        dialog.findChild<QLabel*>(QStringLiteral("pathLabel"))->text().contains(QStringLiteral("not saved to a file")));
    QCOMPARE(dialog.descriptionEdit()->text(), described.description());
    QTest::keyClicks(dialog.descriptionEdit(), QStringLiteral(" (reviewed weekly)"));
    QVERIFY(dialog.isModified());
    QVERIFY2(dialog.saveTo(path), qPrintable(dialog.errorText()));
    QVERIFY2(dialog.windowTitle().contains(QStringLiteral("pii.json")), qPrintable(dialog.windowTitle()));
    QString error;
    const std::optional<Policy> saved = PolicyParser::load(path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->description(), described.description() + QStringLiteral(" (reviewed weekly)"));

    // Check: the verdict in words, before anything is used.
    QVERIFY(dialog.check());
    QVERIFY2(
        dialog.checkResult()->text().startsWith(QStringLiteral("✔ Valid: %1 rules").arg(samplePolicy().rules().size())),
        qPrintable(dialog.checkResult()->text()));
    dialog.rulesModel()->addRule();
    QVERIFY(!dialog.check());
    QVERIFY(dialog.checkResult()->text().startsWith(QStringLiteral("✖")));
    QVERIFY(!dialog.errorText().isEmpty());
}

void TestPolicyEditor::marksModifications()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("policy.json"));
    PolicyEditorDialog editor;
    auto* pathLabel = editor.findChild<QLabel*>(QStringLiteral("pathLabel"));
    // A policy changed elsewhere (the IdP dialog changed its idp block) is shown as not saved.
    editor.setPolicy(samplePolicy(), path, true);
    QVERIFY(editor.isModified());
    QVERIFY(editor.isWindowModified());
    QVERIFY2(pathLabel->text().contains(QStringLiteral("modified, not saved")), qPrintable(pathLabel->text()));
    QVERIFY(editor.saveTo(path));
    QVERIFY(!editor.isModified());
    QVERIFY(!editor.isWindowModified());
    QCOMPARE(pathLabel->text(), QFileInfo(path).absoluteFilePath());

    // Filling the form is not an edit; typing is.
    editor.setPolicy(samplePolicy(), path);
    QVERIFY(!editor.isModified());
    QTest::keyClicks(editor.findChild<QLineEdit*>(QStringLiteral("idpUrl")), QStringLiteral("x"));
    QVERIFY(editor.isModified());
    editor.rulesModel()->addRule();
    QVERIFY(editor.isModified());
}

QTEST_MAIN(TestPolicyEditor)
#include "tst_policy_editor.moc"
