#pragma once

#include "connections/Connection.h"
#include "connections/ImportedConnection.h"
#include "widgets/MessageBar.h"

#include <QDialog>
#include <functional>
#include <memory>

namespace Ui {
class ConnectionDialog;
}

namespace scimitar {

class ConnectionImporter;
class ConnectionProbe;
class ConnectionStore;
class TokenVault;

namespace gui {

// Add, edit, test, import and delete connections. Tokens go to the OS keychain and nowhere else; when there is
// no keychain the dialog says so and offers to keep the token in memory for this run only. A stored token is
// never shown: leaving the token field empty while editing keeps it.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    ConnectionDialog(ConnectionStore& connections, TokenVault& tokens, QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    void selectConnection(const QString& id);
    // Starts a new connection pre-filled from an importer (the token goes to the token field, masked).
    void startNew(const ImportedConnection& prefill = {});

signals:
    // A connection was saved (added or changed, with or without a new token).
    void connectionSaved(const QString& id);

public slots:
    void reject() override;

private:
    void reloadList(const QString& selectId);
    void onCurrentRowChanged(int row);
    void loadForm(const Connection& connection, bool isNew);
    Connection formConnection() const;
    void markDirty();
    void updateFormState();
    QString formProblem() const;
    bool confirmDiscard();

    void save();
    void saveWith(bool memoryOnly, const Connection& connection, const QString& token);
    void testConnection();
    void probe(const Connection& connection, const QString& token);
    void deleteConnection();
    void importFromConfigFile();
    void importFromEnvironment();
    void setTestResult(bool ok, const QString& text, bool warning = false);
    // `action` runs when the bar's button is pressed.
    void showBar(MessageBar::Level level, const QString& text, const QString& actionText = {},
                 std::function<void()> action = {});

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    ConnectionStore& m_connections;
    TokenVault& m_tokens;
    ConnectionImporter* m_keychainImporter = nullptr;
    ConnectionImporter* m_memoryImporter = nullptr;
    ConnectionProbe* m_probe = nullptr;
    std::function<void()> m_barAction;

    Connection m_editing;
    bool m_isNew = true;
    bool m_dirty = false;
    bool m_triedSave = false;
    bool m_loading = false; // filling the form programmatically: not an edit
    int m_currentRow = -1;
};

} // namespace gui
} // namespace scimitar
