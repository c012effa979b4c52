#pragma once

#include "connections/IdpConnection.h"
#include "policy/IdpSettings.h"

#include <QDialog>

class QLabel;
#include <QPointer>
#include <memory>

namespace Ui {
class IdpConnectionDialog;
}

namespace scimitar {
class IdpConnectionStore;
class IdpSource;
class TokenVault;
} // namespace scimitar

namespace scimitar::gui {

// Where the identity provider is (Okta org URL; Entra tenant, client id, and the login and Graph hosts of national
// clouds; or a file) and the secret to read it with. Okta and Entra connections are saved by name in the
// IdpConnectionStore (so they can be picked again here, and `scimitar-cli drift --idp-connection NAME` finds them);
// the secret goes to the OS keychain under IdpConnection::secretKey() and nowhere else. Without a keychain the
// dialog says so and offers to keep it in memory for this run only, as the Databricks connections do. Test asks
// the IdP for one group the policy names.
class IdpConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    IdpConnectionDialog(TokenVault& tokens, IdpConnectionStore& connections, QWidget* parent = nullptr);
    ~IdpConnectionDialog() override;

    // `testGroup`: an IdP group the policy names, what Test looks for. A saved connection to the same IdP is
    // selected, so saving updates it rather than adding a second one.
    void setSettings(const IdpSettings& settings, const QString& testGroup);
    IdpSettings settings() const;
    // The saved connection being edited; empty for a new one (or a file IdP).
    QString connectionId() const { return m_connectionId; }

    void test();
    void save();
    QString testResult() const;
    QString message() const;

signals:
    // After Save: the connection (Okta, Entra) is in the store and its secret, when one was typed, in a SecretStore.
    void settingsSaved(const scimitar::IdpSettings& settings);
    void testFinished(bool ok);

private:
    void updateFields();
    void populateSaved();
    void updatePlaceholders();
    void pickSaved();
    void showFields(const IdpSettings& settings);
    void suggestName();
    void finishSave(const IdpConnection& connection, const IdpSettings& settings, const QString& note);
    void showMessage(const QString& text);
    QString typedSecret() const;
    void runTest(const QString& secret);
    void saveWith(bool memoryOnly);
    void setTestResult(bool ok, const QString& text);

    std::unique_ptr<Ui::IdpConnectionDialog> m_ui;
    TokenVault& m_tokens;
    IdpConnectionStore& m_connections;
    QString m_connectionId;
    bool m_nameTyped = false; // the user chose a name: stop suggesting one from the host or tenant
    QString m_testGroup;
    QLabel* m_policyLabel = nullptr;
    QPointer<IdpSource> m_testSource;
};

} // namespace scimitar::gui
