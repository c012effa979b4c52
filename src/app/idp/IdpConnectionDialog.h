#pragma once

#include "policy/IdpSettings.h"

#include <QDialog>
#include <QPointer>
#include <memory>

namespace Ui {
class IdpConnectionDialog;
}

namespace scimitar {
class IdpSource;
class TokenVault;
} // namespace scimitar

namespace scimitar::gui {

// Where the identity provider is (Okta org URL; Entra tenant, client id, and the login and Graph hosts of national
// clouds; or a file) and the secret to read it with. The secret goes to the OS keychain under
// SecretKeys::idp(...) and nowhere else; without a keychain the dialog says so and offers to keep it in memory for
// this run only, as the Databricks connections do. Test asks the IdP for one group the policy names.
class IdpConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    IdpConnectionDialog(TokenVault& tokens, QWidget* parent = nullptr);
    ~IdpConnectionDialog() override;

    // `testGroup`: an IdP group the policy names, what Test looks for.
    void setSettings(const IdpSettings& settings, const QString& testGroup);
    IdpSettings settings() const;

    void test();
    void save();
    QString testResult() const;
    QString message() const;

signals:
    void settingsSaved(const scimitar::IdpSettings& settings);
    void testFinished(bool ok);

private:
    void updateFields();
    QString typedSecret() const;
    void runTest(const QString& secret);
    void saveWith(bool memoryOnly);
    void setTestResult(bool ok, const QString& text);

    std::unique_ptr<Ui::IdpConnectionDialog> m_ui;
    TokenVault& m_tokens;
    QString m_testGroup;
    QPointer<IdpSource> m_testSource;
};

} // namespace scimitar::gui
