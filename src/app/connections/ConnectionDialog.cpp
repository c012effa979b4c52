#include "ConnectionDialog.h"

#include "AppIcons.h"
#include "TokenVault.h"
#include "connections/ConnectionImporter.h"
#include "connections/ConnectionStore.h"
#include "connections/DatabricksConfigFile.h"
#include "connections/EnvironmentCredentials.h"
#include "scim/ConnectionProbe.h"
#include "ui_ConnectionDialog.h"
#include "widgets/MessageBar.h"
#include "widgets/PlainText.h"
#include "widgets/SecretField.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace scimitar::gui {

namespace {

using Bar = MessageBar::Level;

QString iconHtml(const char* name)
{
    return QStringLiteral("<img src=\":/icons/%1.svg\" width=\"16\" height=\"16\" style=\"vertical-align:middle\"> ")
        .arg(QLatin1String(name));
}

} // namespace

ConnectionDialog::ConnectionDialog(ConnectionStore& connections, TokenVault& tokens, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectionDialog>())
    , m_connections(connections)
    , m_tokens(tokens)
    , m_keychainImporter(new ConnectionImporter(tokens.persistent(), connections, this))
    , m_memoryImporter(new ConnectionImporter(tokens.memory(), connections, this))
    , m_probe(new ConnectionProbe(this))
{
    m_ui->setupUi(this);
    setWindowIcon(AppIcons::connections());
    QFont titleFont = m_ui->editorTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_ui->editorTitle->setFont(titleFont);
    m_ui->addButton->setIcon(AppIcons::connections());
    m_ui->testButton->setIcon(AppIcons::refresh());
    // Wrapped labels in a form otherwise take their narrow default width and break after every few words.
    m_ui->tokenHint->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_ui->tokenHint->setMinimumWidth(360);

    auto* importMenu = new QMenu(m_ui->importButton);
    importMenu->addAction(tr("From ~/.databrickscfg…"), this, &ConnectionDialog::importFromConfigFile);
    importMenu->addAction(tr("From environment variables (DATABRICKS_HOST, DATABRICKS_TOKEN)"), this,
                          &ConnectionDialog::importFromEnvironment);
    m_ui->importButton->setMenu(importMenu);

    connect(m_ui->connectionList, &QListWidget::currentRowChanged, this, &ConnectionDialog::onCurrentRowChanged);
    connect(m_ui->addButton, &QPushButton::clicked, this, [this] {
        if (confirmDiscard())
            startNew();
    });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &ConnectionDialog::deleteConnection);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    SecretField::addRevealToggle(m_ui->tokenEdit);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &ConnectionDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    for (QLineEdit* edit : {m_ui->nameEdit, m_ui->hostEdit, m_ui->accountIdEdit, m_ui->tokenEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::markDirty);
    connect(m_ui->kindCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        // An account SCIM token only works against the account console; switching to a workspace would leave an
        // invalid pair behind.
        if (index == 0 && m_ui->authCombo->currentIndex() == 1)
            m_ui->authCombo->setCurrentIndex(0);
        markDirty();
    });
    connect(m_ui->authCombo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::markDirty);
    connect(m_ui->readOnlyCheck, &QCheckBox::toggled, this, &ConnectionDialog::markDirty);

    connect(m_probe, &ConnectionProbe::succeeded, this,
            [this](const QString& userName, const QString& displayName, const QStringList& cannotRead) {
                m_ui->testButton->setEnabled(true);
                const QString who = displayName.isEmpty() || displayName == userName
                                        ? userName
                                        : QStringLiteral("%1 (%2)").arg(displayName, userName);
                if (cannotRead.isEmpty()) {
                    setTestResult(true, tr("Token belongs to %1. It can read users, groups and service principals: "
                                           "everything Scimitar needs.")
                                            .arg(who));
                    return;
                }
                // Signs in, but a refresh would stop at what it may not list: say so now, not after a long load.
                setTestResult(false,
                              tr("Token belongs to %1, but it cannot read everything Scimitar needs. %2")
                                  .arg(who, cannotRead.join(QLatin1Char(' '))),
                              /*warning=*/true);
            });
    connect(m_probe, &ConnectionProbe::failed, this, [this](const QString& message) {
        m_ui->testButton->setEnabled(true);
        setTestResult(false, message);
    });
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, [this] {
        // Take the action first: running it may show a new message with a new action.
        const std::function<void()> action = std::exchange(m_barAction, {});
        m_ui->messageBar->dismiss();
        if (action)
            action();
    });
    connect(&m_connections, &ConnectionStore::changed, this,
            [this] { reloadList(m_isNew ? QString() : m_editing.id); });

    reloadList(QString());
    if (m_ui->connectionList->count() > 0)
        m_ui->connectionList->setCurrentRow(0);
    else
        startNew();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::reloadList(const QString& selectId)
{
    const QSignalBlocker blocker(m_ui->connectionList);
    m_ui->connectionList->clear();
    m_currentRow = -1;
    for (const Connection& connection : m_connections.list()) {
        auto* item = new QListWidgetItem(connection.name, m_ui->connectionList);
        item->setData(Qt::UserRole, connection.id);
        item->setToolTip(connection.host.toString());
        if (connection.id == selectId) {
            m_ui->connectionList->setCurrentItem(item);
            m_currentRow = m_ui->connectionList->row(item);
        }
    }
    m_ui->deleteButton->setEnabled(m_currentRow >= 0);
}

void ConnectionDialog::selectConnection(const QString& id)
{
    for (int row = 0; row < m_ui->connectionList->count(); ++row) {
        if (m_ui->connectionList->item(row)->data(Qt::UserRole).toString() == id) {
            m_ui->connectionList->setCurrentRow(row);
            return;
        }
    }
}

void ConnectionDialog::onCurrentRowChanged(int row)
{
    if (row == m_currentRow)
        return;
    if (!confirmDiscard()) {
        const QSignalBlocker blocker(m_ui->connectionList);
        m_ui->connectionList->setCurrentRow(m_currentRow);
        return;
    }
    m_currentRow = row;
    m_ui->deleteButton->setEnabled(row >= 0);
    if (row < 0)
        return;
    const std::optional<Connection> connection =
        m_connections.find(m_ui->connectionList->item(row)->data(Qt::UserRole).toString());
    if (connection)
        loadForm(*connection, false);
}

void ConnectionDialog::startNew(const ImportedConnection& prefill)
{
    {
        const QSignalBlocker blocker(m_ui->connectionList);
        m_ui->connectionList->setCurrentRow(-1);
        m_ui->connectionList->clearSelection();
    }
    m_currentRow = -1;
    m_ui->deleteButton->setEnabled(false);
    Connection connection = prefill.connection;
    if (connection.id.isEmpty())
        connection = Connection::create();
    // Read-only until the user says otherwise: a new connection is for looking first (imported ones too).
    connection.readOnly = true;
    loadForm(connection, true);
    if (!prefill.token.isEmpty()) {
        m_ui->tokenEdit->setText(prefill.token);
        m_dirty = true;
    }
    m_ui->nameEdit->setFocus();
}

void ConnectionDialog::loadForm(const Connection& connection, bool isNew)
{
    m_loading = true;
    m_editing = connection;
    m_isNew = isNew;
    m_triedSave = false;
    m_ui->editorTitle->setText(isNew ? tr("New connection") : tr("Edit “%1”").arg(connection.name));
    m_ui->nameEdit->setText(connection.name);
    m_ui->kindCombo->setCurrentIndex(connection.kind == Connection::Kind::Account ? 1 : 0);
    m_ui->hostEdit->setText(connection.host.toString());
    m_ui->accountIdEdit->setText(connection.accountId);
    m_ui->authCombo->setCurrentIndex(connection.authType == Connection::AuthType::AccountScimToken ? 1 : 0);
    m_ui->readOnlyCheck->setChecked(connection.readOnly);
    // Never show a stored token, not even masked: an empty field means "keep it".
    m_ui->tokenEdit->clear();
    m_ui->tokenEdit->setPlaceholderText(isNew ? tr("Paste the token") : tr("Leave empty to keep the stored token"));
    m_ui->testResultLabel->clear();
    m_ui->messageBar->dismiss();
    m_loading = false;
    m_dirty = false;
    updateFormState();
}

Connection ConnectionDialog::formConnection() const
{
    Connection connection = m_editing;
    connection.name = m_ui->nameEdit->text().trimmed();
    connection.kind = m_ui->kindCombo->currentIndex() == 1 ? Connection::Kind::Account : Connection::Kind::Workspace;
    connection.setHost(m_ui->hostEdit->text().trimmed());
    connection.accountId =
        connection.kind == Connection::Kind::Account ? m_ui->accountIdEdit->text().trimmed() : QString();
    connection.authType = m_ui->authCombo->currentIndex() == 1 ? Connection::AuthType::AccountScimToken
                                                               : Connection::AuthType::PersonalAccessToken;
    connection.readOnly = m_ui->readOnlyCheck->isChecked();
    return connection;
}

void ConnectionDialog::markDirty()
{
    if (m_loading)
        return;
    m_dirty = true;
    updateFormState();
}

QString ConnectionDialog::formProblem() const
{
    if (const QString invalid = formConnection().validate(); !invalid.isEmpty())
        return invalid;
    if (m_isNew && m_ui->tokenEdit->text().trimmed().isEmpty())
        return tr("The token is empty; paste the personal access token or account SCIM token.");
    return {};
}

void ConnectionDialog::updateFormState()
{
    const bool account = m_ui->kindCombo->currentIndex() == 1;
    m_ui->accountIdEdit->setEnabled(account);
    m_ui->accountIdLabel->setEnabled(account);
    m_ui->tokenHint->setText(m_isNew ? tr("Stored in the OS keychain, never in a file.")
                                     : tr("Stored in the OS keychain. Leave empty to keep the stored token; paste a "
                                          "new one to replace it."));
    m_ui->tokenHint->setForegroundRole(QPalette::PlaceholderText);
    // Inline validation, once the user has started typing (a fresh form full of errors is only noise).
    const QString problem = (m_dirty || m_triedSave) ? formProblem() : QString();
    if (problem.isEmpty()) {
        m_ui->validationLabel->clear();
        m_ui->validationLabel->setVisible(false);
    } else {
        m_ui->validationLabel->setText(iconHtml("warning") + problem.toHtmlEscaped());
        m_ui->validationLabel->setVisible(true);
    }
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(m_dirty || m_isNew);
}

bool ConnectionDialog::confirmDiscard()
{
    if (!m_dirty)
        return true;
    const auto answer = PlainText::question(
        this, tr("Discard changes?"),
        tr("Discard the unsaved changes to “%1”?")
            .arg(m_ui->nameEdit->text().isEmpty() ? tr("the new connection") : m_ui->nameEdit->text()),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Discard)
        return false;
    m_dirty = false;
    return true;
}

void ConnectionDialog::reject()
{
    if (confirmDiscard())
        QDialog::reject();
}

void ConnectionDialog::showBar(MessageBar::Level level, const QString& text, const QString& actionText,
                               std::function<void()> action)
{
    m_barAction = std::move(action);
    m_ui->messageBar->showMessage(level, text, actionText);
}

// ---- save ----

void ConnectionDialog::save()
{
    m_triedSave = true;
    if (const QString problem = formProblem(); !problem.isEmpty()) {
        updateFormState();
        return;
    }
    const Connection connection = formConnection();
    const QString token = m_ui->tokenEdit->text().trimmed();
    if (token.isEmpty()) {
        // Editing without a new token: only the metadata changes; the stored token stays where it is.
        if (const QString failed = m_connections.save(connection); !failed.isEmpty()) {
            showBar(Bar::Error, failed);
            return;
        }
        m_dirty = false;
        m_editing = connection;
        reloadList(connection.id);
        loadForm(connection, false);
        showBar(Bar::Information, tr("Saved “%1”.").arg(connection.name));
        emit connectionSaved(connection.id);
        return;
    }
    saveWith(false, connection, token);
}

void ConnectionDialog::saveWith(bool memoryOnly, const Connection& connection, const QString& token)
{
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(false);
    ConnectionImporter* importer = memoryOnly ? m_memoryImporter : m_keychainImporter;
    QPointer<ConnectionDialog> self(this);
    importer->import(connection, token, [self, memoryOnly, token](const ConnectionImporter::Result& result) {
        if (!self)
            return;
        ConnectionDialog* dialog = self;
        if (result.ok) {
            if (!memoryOnly) {
                // A memory copy from an earlier "this run only" would shadow the new keychain token.
                dialog->m_tokens.memory().remove(result.connection.secretKey(), nullptr);
            }
            dialog->m_dirty = false;
            dialog->reloadList(result.connection.id);
            dialog->loadForm(result.connection, false);
            dialog->showBar(
                Bar::Information,
                memoryOnly ? tr("Saved “%1”. The token is kept in memory until Scimitar quits; you will be asked for "
                                "it again next time.")
                                 .arg(result.connection.name)
                           : tr("Saved “%1”. The token is in the %2.")
                                 .arg(result.connection.name, dialog->m_tokens.persistent().description()));
            emit dialog->connectionSaved(result.connection.id);
            return;
        }
        dialog->updateFormState();
        if (result.secret.status == SecretResult::Status::NoBackend && !memoryOnly) {
            // Say plainly what happened and offer the one safe alternative; never a file.
            dialog->showBar(
                Bar::Warning, tr("%1 Scimitar never writes tokens to files.").arg(result.secret.message),
                tr("Keep the token in memory for this run only"),
                [dialog, connection = result.connection, token] { dialog->saveWith(true, connection, token); });
            return;
        }
        dialog->showBar(Bar::Error, result.message);
    });
}

// ---- test ----

void ConnectionDialog::testConnection()
{
    const Connection connection = formConnection();
    if (const QString invalid = connection.validate(); !invalid.isEmpty()) {
        setTestResult(false, invalid);
        return;
    }
    const QString typed = m_ui->tokenEdit->text().trimmed();
    m_ui->testButton->setEnabled(false);
    setTestResult(true, tr("Testing…"));
    if (!typed.isEmpty() || m_isNew) {
        probe(connection, typed);
        return;
    }
    // No token typed while editing: test the stored one, without ever showing it.
    QPointer<ConnectionDialog> self(this);
    m_tokens.read(connection.secretKey(), [self, connection](const SecretResult& result) {
        if (!self)
            return;
        if (!result.ok()) {
            self->m_ui->testButton->setEnabled(true);
            self->setTestResult(false, result.message);
            return;
        }
        self->probe(connection, result.secret);
    });
}

void ConnectionDialog::probe(const Connection& connection, const QString& token)
{
    if (token.isEmpty()) {
        m_ui->testButton->setEnabled(true);
        setTestResult(false, tr("Paste the token first."));
        return;
    }
    m_probe->start(connection.scimBaseUrl(), token.toUtf8());
}

void ConnectionDialog::setTestResult(bool ok, const QString& text, bool warning)
{
    m_ui->testResultLabel->setTextFormat(Qt::RichText);
    m_ui->testResultLabel->setText(iconHtml(warning ? "warning" : ok ? "information" : "error") + text.toHtmlEscaped());
}

// ---- delete ----

void ConnectionDialog::deleteConnection()
{
    if (m_isNew || m_currentRow < 0)
        return;
    const Connection connection = m_editing;
    const auto answer =
        PlainText::question(this, tr("Delete connection?"),
                            tr("Delete “%1”? Its token is removed from the keychain too.").arg(connection.name),
                            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_dirty = false;
    m_connections.remove(connection.id);
    QPointer<ConnectionDialog> self(this);
    m_tokens.remove(connection.secretKey(), [self, connection](const SecretResult& result) {
        if (!self)
            return;
        if (result.ok())
            self->showBar(Bar::Information, tr("Deleted “%1” and its token.").arg(connection.name));
        else
            self->showBar(Bar::Warning, tr("Deleted “%1”, but its token could not be removed from the keychain: %2")
                                            .arg(connection.name, result.message));
    });
    if (m_ui->connectionList->count() > 0)
        m_ui->connectionList->setCurrentRow(0);
    else
        startNew();
}

// ---- import ----

void ConnectionDialog::importFromConfigFile()
{
    if (!confirmDiscard())
        return;
    const DatabricksConfigFile file = DatabricksConfigFile::load();
    const QStringList profiles = file.profileNames();
    if (profiles.isEmpty()) {
        showBar(Bar::Warning, file.isOk() ? tr("%1 has no profiles.").arg(file.source()) : file.errorString());
        return;
    }
    QString profile = profiles.first();
    if (profiles.size() > 1) {
        const QString preferred = file.resolveProfileName();
        bool ok = false;
        profile = QInputDialog::getItem(this, tr("Import from %1").arg(file.source()), tr("Profile:"), profiles,
                                        std::max<qsizetype>(0, profiles.indexOf(preferred)), false, &ok);
        if (!ok)
            return;
    }
    const ImportedConnection imported = file.toConnection(profile);
    startNew(imported);
    if (imported.ok())
        showBar(Bar::Information, tr("Imported %1. Check the fields, test, then Save.").arg(imported.origin));
    else
        showBar(Bar::Warning, imported.error);
}

void ConnectionDialog::importFromEnvironment()
{
    if (!confirmDiscard())
        return;
    if (!EnvironmentCredentials::isPresent()) {
        showBar(Bar::Information, tr("Neither DATABRICKS_HOST nor DATABRICKS_TOKEN is set in Scimitar's "
                                     "environment."));
        return;
    }
    const ImportedConnection imported = EnvironmentCredentials::read();
    startNew(imported);
    if (imported.ok())
        showBar(Bar::Information, tr("Imported %1. Check the fields, test, then Save.").arg(imported.origin));
    else
        showBar(Bar::Warning, imported.error);
}

} // namespace scimitar::gui
