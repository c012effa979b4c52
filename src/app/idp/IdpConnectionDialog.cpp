#include "IdpConnectionDialog.h"

#include "TokenVault.h"
#include "connections/IdpBinding.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "idp/IdpSource.h"
#include "idp/IdpSourceFactory.h"
#include "policy/Policy.h"
#include "secrets/SecretKeys.h"
#include "ui_IdpConnectionDialog.h"
#include "widgets/SecretField.h"

#include <QPushButton>
#include <QSignalBlocker>

namespace scimitar::gui {

IdpConnectionDialog::IdpConnectionDialog(TokenVault& tokens, IdpConnectionStore& connections, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::IdpConnectionDialog>())
    , m_tokens(tokens)
    , m_connections(connections)
{
    m_ui->setupUi(this);
    m_ui->type->addItem(tr("Okta"), idpTypeName(IdpType::Okta));
    m_ui->type->addItem(tr("Microsoft Entra ID"), idpTypeName(IdpType::Entra));
    m_ui->type->addItem(tr("File"), idpTypeName(IdpType::File));
    m_ui->memoryButton->setVisible(false);
    m_ui->message->setVisible(false);
    // Which IdP the reviews run against, before anything is changed here.
    m_policyLabel = new QLabel(this);
    m_policyLabel->setObjectName(QStringLiteral("policyIdp"));
    m_policyLabel->setWordWrap(true);
    m_policyLabel->setTextFormat(Qt::PlainText);
    m_ui->mainLayout->insertWidget(0, m_policyLabel);
    m_policyLabel->setVisible(false);
    // A result is of the type it was run for: another type's fields make it stale.
    connect(m_ui->type, &QComboBox::currentIndexChanged, m_ui->testResult, &QLabel::clear);
    connect(m_ui->type, &QComboBox::currentIndexChanged, this, &IdpConnectionDialog::updateFields);
    connect(m_ui->type, &QComboBox::currentIndexChanged, this, &IdpConnectionDialog::suggestName);
    connect(m_ui->url, &QLineEdit::textChanged, this, &IdpConnectionDialog::suggestName);
    connect(m_ui->tenant, &QLineEdit::textChanged, this, &IdpConnectionDialog::suggestName);
    connect(m_ui->name, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_nameTyped = !text.trimmed().isEmpty(); });
    connect(m_ui->savedConnection, &QComboBox::activated, this, &IdpConnectionDialog::pickSaved);
    connect(m_ui->testButton, &QPushButton::clicked, this, &IdpConnectionDialog::test);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &IdpConnectionDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->memoryButton, &QPushButton::clicked, this, [this] { saveWith(true); });
    SecretField::addRevealToggle(m_ui->token);
    SecretField::addRevealToggle(m_ui->clientSecret);
    populateSaved();
    updateFields();
}

IdpConnectionDialog::~IdpConnectionDialog()
{
    delete m_testSource;
}

void IdpConnectionDialog::updateFields()
{
    const QString type = m_ui->type->currentData().toString();
    const bool okta = type == idpTypeName(IdpType::Okta);
    const bool entra = type == idpTypeName(IdpType::Entra);
    const bool file = type == idpTypeName(IdpType::File);
    const QList<std::pair<QWidget*, bool>> rows = {
        {m_ui->urlLabel, okta},           {m_ui->url, okta},
        {m_ui->tokenLabel, okta},         {m_ui->token, okta},
        {m_ui->tenantLabel, entra},       {m_ui->tenant, entra},
        {m_ui->clientIdLabel, entra},     {m_ui->clientId, entra},
        {m_ui->clientSecretLabel, entra}, {m_ui->clientSecret, entra},
        {m_ui->authorityLabel, entra},    {m_ui->authority, entra},
        {m_ui->graphLabel, entra},        {m_ui->graph, entra},
        {m_ui->pathLabel, file},          {m_ui->path, file},
        {m_ui->nameLabel, !file},         {m_ui->name, !file},
    };
    for (const auto& [widget, visible] : rows)
        widget->setVisible(visible);
}

void IdpConnectionDialog::populateSaved()
{
    const QSignalBlocker blocker(m_ui->savedConnection);
    m_ui->savedConnection->clear();
    m_ui->savedConnection->addItem(tr("New connection"), QString());
    for (const IdpConnection& connection : m_connections.list())
        m_ui->savedConnection->addItem(connection.name, connection.id);
    m_ui->savedConnection->setCurrentIndex(std::max(0, m_ui->savedConnection->findData(m_connectionId)));
    updatePlaceholders();
}

void IdpConnectionDialog::updatePlaceholders()
{
    // A new connection has nothing stored to keep.
    const bool stored = m_connections.find(m_connectionId).has_value();
    m_ui->token->setPlaceholderText(stored ? tr("Leave empty to keep the stored token") : tr("Paste the API token"));
    m_ui->clientSecret->setPlaceholderText(stored ? tr("Leave empty to keep the stored secret")
                                                  : tr("Paste the client secret"));
}

void IdpConnectionDialog::pickSaved()
{
    const QString id = m_ui->savedConnection->currentData().toString();
    const std::optional<IdpConnection> connection = m_connections.find(id);
    if (!connection) {
        // "New connection": keep what is typed, but save it under a new id and a name of its own.
        m_connectionId.clear();
        m_nameTyped = false;
        suggestName();
        updatePlaceholders();
        return;
    }
    m_connectionId = connection->id;
    updatePlaceholders();
    IdpSettings settings = connection->settings;
    settings.path = m_ui->path->text().trimmed();
    showFields(settings);
    m_ui->name->setText(connection->name);
    m_nameTyped = true;
}

void IdpConnectionDialog::showFields(const IdpSettings& settings)
{
    m_ui->type->setCurrentIndex(m_ui->type->findData(idpTypeName(settings.type)));
    m_ui->url->setText(settings.url.toString());
    m_ui->tenant->setText(settings.tenant);
    m_ui->clientId->setText(settings.clientId);
    m_ui->authority->setText(settings.authority.toString());
    m_ui->graph->setText(settings.graph.toString());
    m_ui->path->setText(settings.path);
}

void IdpConnectionDialog::suggestName()
{
    if (!m_nameTyped)
        m_ui->name->setText(IdpConnection::defaultName(settings()));
}

void IdpConnectionDialog::setSettings(const IdpSettings& settings, const QString& testGroup)
{
    m_testGroup = testGroup;
    const QString named = settings.type == IdpType::File ? settings.path : IdpConnection::defaultName(settings);
    m_policyLabel->setText(
        named.isEmpty() ? tr("The active policy names no identity provider yet; what is saved here becomes its.")
                        : tr("The active policy reviews drift against %1 (%2).")
                              .arg(named, m_ui->type->itemText(m_ui->type->findData(idpTypeName(settings.type)))));
    m_policyLabel->setVisible(true);
    const std::optional<IdpConnection> saved = m_connections.findFor(settings);
    m_connectionId = saved ? saved->id : QString();
    m_nameTyped = saved.has_value();
    populateSaved();
    // The policy's own words win over the saved connection's (they share the secret, so they name the same IdP) —
    // unless they send the secret somewhere else: then the connection the user saved is shown, with why.
    QString mismatch;
    if (saved && !IdpBinding::combine(settings, *saved, &mismatch)) {
        IdpSettings savedSettings = saved->settings;
        savedSettings.path = settings.path;
        showFields(savedSettings);
        showMessage(QStringLiteral("✖ ") + mismatch);
    } else {
        showFields(settings);
    }
    m_ui->name->setText(saved ? saved->name : IdpConnection::defaultName(settings));
    m_ui->testButton->setEnabled(!testGroup.isEmpty());
    m_ui->testButton->setToolTip(testGroup.isEmpty() ? tr("The policy names no IdP group to look for.")
                                                     : tr("Looks up the IdP group %1.").arg(testGroup));
}

IdpSettings IdpConnectionDialog::settings() const
{
    IdpSettings settings;
    idpTypeFromName(m_ui->type->currentData().toString(), &settings.type);
    settings.url = QUrl(m_ui->url->text().trimmed());
    settings.tenant = m_ui->tenant->text().trimmed();
    settings.clientId = m_ui->clientId->text().trimmed();
    settings.authority = QUrl(m_ui->authority->text().trimmed());
    settings.graph = QUrl(m_ui->graph->text().trimmed());
    settings.path = m_ui->path->text().trimmed();
    return settings;
}

QString IdpConnectionDialog::typedSecret() const
{
    const IdpSettings current = settings();
    return (current.type == IdpType::Entra ? m_ui->clientSecret->text() : m_ui->token->text()).trimmed();
}

void IdpConnectionDialog::test()
{
    const IdpSettings current = settings();
    const QString secretId = IdpSourceFactory::secretId(current);
    m_ui->testButton->setEnabled(false);
    setTestResult(true, tr("Testing…"));
    if (secretId.isEmpty() || !typedSecret().isEmpty()) {
        runTest(typedSecret());
        return;
    }
    // Nothing typed: test with the stored secret, without ever showing it.
    QPointer<IdpConnectionDialog> self(this);
    m_tokens.read(SecretKeys::idp(secretId), [self, current](const SecretResult& result) {
        if (!self)
            return;
        if (!result.ok()) {
            self->setTestResult(false, result.status == SecretResult::Status::NotFound
                                           ? tr("No secret is stored yet; type it above.")
                                           : result.message);
            return;
        }
        // Hosts typed since the secret was saved do not get it.
        QString unbound;
        const std::optional<QString> secret = IdpStoredSecret::decode(result.secret, current, &unbound);
        if (!secret) {
            self->setTestResult(false, unbound);
            return;
        }
        self->runTest(*secret);
    });
}

void IdpConnectionDialog::runTest(const QString& secret)
{
    delete m_testSource;
    const Policy policy(settings(), MatchAttribute::UserName, {PolicyRule::group(m_testGroup, m_testGroup)});
    QString error;
    // Tests run on the GUI thread: one small, asynchronous request; nothing here blocks.
    IdpSource* source = IdpSourceFactory::factory(policy, secret)(&error);
    if (!source) {
        setTestResult(false, error);
        return;
    }
    source->setParent(this);
    m_testSource = source;
    connect(source, &IdpSource::groupsLoaded, this, [this, source](const QList<IdpGroup>& groups) {
        const int members = groups.isEmpty() ? 0 : int(groups.first().members.size());
        setTestResult(
            true,
            tr("Connected to %1: group %2 has %n member(s).", nullptr, members).arg(source->label(), m_testGroup));
        source->deleteLater();
    });
    connect(source, &IdpSource::failed, this, [this, source](const QString& message) {
        setTestResult(false, message);
        source->deleteLater();
    });
    source->loadGroups({m_testGroup});
}

void IdpConnectionDialog::setTestResult(bool ok, const QString& text)
{
    m_ui->testResult->setText(ok ? text : QStringLiteral("✖ ") + text);
    m_ui->testButton->setEnabled(!m_testGroup.isEmpty());
    if (text != tr("Testing…"))
        emit testFinished(ok);
}

QString IdpConnectionDialog::testResult() const
{
    return m_ui->testResult->text();
}

QString IdpConnectionDialog::message() const
{
    return m_ui->message->isHidden() ? QString() : m_ui->message->text();
}

void IdpConnectionDialog::save()
{
    saveWith(false);
}

void IdpConnectionDialog::showMessage(const QString& text)
{
    m_ui->message->setText(text);
    m_ui->message->setVisible(true);
}

void IdpConnectionDialog::saveWith(bool memoryOnly)
{
    const IdpSettings current = settings();
    m_ui->memoryButton->setVisible(false);
    if (current.type == IdpType::File) {
        // Nothing to sign in to: no connection, no secret; the policy names the file.
        emit settingsSaved(current);
        showMessage(tr("Saved."));
        return;
    }

    IdpConnection connection = IdpConnection::create(m_ui->name->text().trimmed(), current);
    if (!m_connectionId.isEmpty())
        connection.id = m_connectionId;
    if (connection.name.isEmpty())
        connection.name = IdpConnection::defaultName(current);
    // Refused before the secret is written, so a rejected name leaves the keychain as it was.
    if (const QString refused = m_connections.checkSave(connection); !refused.isEmpty()) {
        showMessage(QStringLiteral("✖ ") + refused);
        return;
    }
    const QString secret = typedSecret();
    if (secret.isEmpty()) {
        // The stored secret (if any) stays, and it records the hosts it was saved for: moving the connection to
        // other hosts needs the secret typed again, so it is never sent somewhere it was not given for.
        const std::optional<IdpConnection> before = m_connections.find(connection.id);
        if (before && IdpBinding::destinations(before->settings) != IdpBinding::destinations(current)) {
            showMessage(QStringLiteral("✖ ") +
                        tr("The connection now sends its secret to %1 instead of %2: type the secret again to save "
                           "it for the new host.")
                            .arg(IdpBinding::destinations(current).join(QStringLiteral(" and ")),
                                 IdpBinding::destinations(before->settings).join(QStringLiteral(" and "))));
            return;
        }
        finishSave(connection, current, tr("Saved."));
        return;
    }
    SecretStore& store = memoryOnly ? m_tokens.memory() : m_tokens.persistent();
    QPointer<IdpConnectionDialog> self(this);
    const QString key = connection.secretKey();
    store.write(key, IdpStoredSecret::encode(secret, current),
                [self, memoryOnly, current, connection, key](const SecretResult& result) {
                    if (!self)
                        return;
                    if (result.ok()) {
                        if (!memoryOnly)
                            self->m_tokens.memory().remove(key, nullptr); // an older memory copy would shadow it
                        self->m_ui->token->clear();
                        self->m_ui->clientSecret->clear();
                        self->finishSave(
                            connection, current,
                            memoryOnly
                                ? tr("Saved. The secret is kept in memory until Scimitar quits.")
                                : tr("Saved. The secret is in the %1.").arg(self->m_tokens.persistent().description()));
                        return;
                    }
                    if (result.status == SecretResult::Status::NoBackend && !memoryOnly) {
                        self->showMessage(tr("%1 Scimitar never writes secrets to files.").arg(result.message));
                        self->m_ui->memoryButton->setVisible(true);
                        return;
                    }
                    self->showMessage(result.message);
                });
}

void IdpConnectionDialog::finishSave(const IdpConnection& connection, const IdpSettings& settings, const QString& note)
{
    // Metadata after the secret, as ConnectionImporter does: a connection is never listed for a secret that
    // could not be stored (a memory-only secret still counts: next run it is simply asked for again).
    if (const QString failed = m_connections.save(connection); !failed.isEmpty()) {
        showMessage(QStringLiteral("✖ ") + failed);
        return;
    }
    m_connectionId = connection.id;
    m_nameTyped = true;
    m_ui->name->setText(connection.name);
    populateSaved();
    showMessage(note);
    emit settingsSaved(settings);
}

} // namespace scimitar::gui
