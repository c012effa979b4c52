#include "PolicyEditorDialog.h"

#include "DisplayFormat.h"
#include "policy/PolicyKindDelegate.h"
#include "policy/PolicyParser.h"
#include "policy/PolicyRulesModel.h"
#include "ui_PolicyEditorDialog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>

namespace scimitar::gui {

namespace {

QStringList lines(const QString& text)
{
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

} // namespace

PolicyEditorDialog::PolicyEditorDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PolicyEditorDialog>())
    , m_rules(new PolicyRulesModel(this))
{
    m_ui->setupUi(this);
    for (const QString& name : idpTypeNames())
        m_ui->idpType->addItem(name == QLatin1String("okta")    ? tr("Okta")
                               : name == QLatin1String("entra") ? tr("Microsoft Entra ID")
                                                                : tr("File"),
                               name);
    m_ui->match->addItem(tr("User name = IdP login"), int(MatchAttribute::UserName));
    m_ui->match->addItem(tr("Email"), int(MatchAttribute::Email));
    m_ui->rules->setModel(m_rules);
    m_ui->rules->setItemDelegateForColumn(PolicyRulesModel::KindColumn, new PolicyKindDelegate(m_ui->rules));
    m_ui->rules->horizontalHeader()->setStretchLastSection(true);
    m_ui->rules->verticalHeader()->setVisible(false);
    m_ui->rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ui->errorLabel->setVisible(false);
    m_ui->saveButton->setEnabled(false);
    // The description is the policy's own words about itself (who owns it, what it is for): shown and editable.
    auto* descriptionRow = new QHBoxLayout;
    auto* descriptionLabel = new QLabel(tr("&Description:"), this);
    m_descriptionEdit = new QLineEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("policyDescription"));
    m_descriptionEdit->setPlaceholderText(tr("What this policy is for and who owns it"));
    descriptionLabel->setBuddy(m_descriptionEdit);
    descriptionRow->addWidget(descriptionLabel);
    descriptionRow->addWidget(m_descriptionEdit, 1);
    m_ui->mainLayout->insertLayout(1, descriptionRow);
    // Check before Use: the same judge a review uses, with its verdict in words.
    auto* checkButton = new QPushButton(tr("&Check"), this);
    checkButton->setObjectName(QStringLiteral("checkButton"));
    checkButton->setToolTip(tr("Check the policy as a review would, without using or saving it"));
    m_checkResult = new QLabel(this);
    m_checkResult->setObjectName(QStringLiteral("checkResult"));
    m_checkResult->setTextFormat(Qt::PlainText);
    m_checkResult->setWordWrap(true);
    m_ui->buttonsLayout->insertWidget(0, checkButton);
    m_ui->buttonsLayout->insertWidget(1, m_checkResult, 1);
    connect(checkButton, &QPushButton::clicked, this, &PolicyEditorDialog::check);

    connect(m_ui->idpType, &QComboBox::currentIndexChanged, this, &PolicyEditorDialog::updateIdpFields);
    connect(m_ui->addRule, &QPushButton::clicked, this, [this] {
        m_rules->addRule();
        m_ui->rules->setCurrentIndex(m_rules->index(m_rules->rowCount() - 1, 0));
        m_ui->rules->edit(m_ui->rules->currentIndex());
    });
    connect(m_ui->removeRule, &QPushButton::clicked, this,
            [this] { m_rules->removeRule(m_ui->rules->currentIndex().row()); });
    connect(m_ui->openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open access policy"), QFileInfo(m_path).path(),
                                                          tr("Access policies (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_ui->saveButton, &QPushButton::clicked, this, [this] { saveTo(m_path); });
    connect(m_ui->saveAsButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save access policy"),
                                                          m_path.isEmpty() ? QStringLiteral("policy.json") : m_path,
                                                          tr("Access policies (*.json)"));
        if (!path.isEmpty())
            saveTo(path);
    });
    connect(m_ui->useButton, &QPushButton::clicked, this, [this] {
        if (const std::optional<Policy> checked = policy()) {
            emit policyChosen(*checked, m_path);
            accept();
        }
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);

    // Any edit makes the form differ from the file until it is saved. setPolicy() fills the form first and sets the
    // flag last, so filling it never counts as an edit.
    const auto markModified = [this] { setModified(true); };
    connect(m_ui->idpType, &QComboBox::activated, this, markModified);
    connect(m_ui->match, &QComboBox::activated, this, markModified);
    for (QLineEdit* edit :
         {m_ui->idpUrl, m_ui->idpTenant, m_ui->idpClientId, m_ui->idpAuthority, m_ui->idpGraph, m_ui->idpPath})
        connect(edit, &QLineEdit::textEdited, this, markModified);
    connect(m_descriptionEdit, &QLineEdit::textEdited, this, markModified);
    for (QPlainTextEdit* edit : {m_ui->protectedUsers, m_ui->protectedGroups})
        connect(edit, &QPlainTextEdit::textChanged, this, markModified);
    connect(m_rules, &QAbstractItemModel::dataChanged, this, markModified);
    connect(m_rules, &QAbstractItemModel::rowsInserted, this, markModified);
    connect(m_rules, &QAbstractItemModel::rowsRemoved, this, markModified);
    updateIdpFields();
    setModified(false);
}

PolicyEditorDialog::~PolicyEditorDialog() = default;

void PolicyEditorDialog::updateIdpFields()
{
    const QString type = m_ui->idpType->currentData().toString();
    const bool okta = type == QLatin1String("okta");
    const bool entra = type == QLatin1String("entra");
    const bool file = type == QLatin1String("file");
    for (QWidget* w : {static_cast<QWidget*>(m_ui->urlLabel), static_cast<QWidget*>(m_ui->idpUrl)})
        w->setVisible(okta);
    for (QWidget* w : {static_cast<QWidget*>(m_ui->tenantLabel), static_cast<QWidget*>(m_ui->idpTenant),
                       static_cast<QWidget*>(m_ui->clientIdLabel), static_cast<QWidget*>(m_ui->idpClientId),
                       static_cast<QWidget*>(m_ui->authorityLabel), static_cast<QWidget*>(m_ui->idpAuthority),
                       static_cast<QWidget*>(m_ui->graphLabel), static_cast<QWidget*>(m_ui->idpGraph)})
        w->setVisible(entra);
    for (QWidget* w : {static_cast<QWidget*>(m_ui->filePathLabel), static_cast<QWidget*>(m_ui->idpPath)})
        w->setVisible(file);
}

void PolicyEditorDialog::setPolicy(const Policy& policy, const QString& path, bool modified)
{
    m_path = path;
    m_descriptionEdit->setText(policy.description());
    m_checkResult->clear();
    const IdpSettings& idp = policy.idp();
    m_ui->idpType->setCurrentIndex(m_ui->idpType->findData(idpTypeName(idp.type)));
    m_ui->idpUrl->setText(idp.url.toString());
    m_ui->idpTenant->setText(idp.tenant);
    m_ui->idpClientId->setText(idp.clientId);
    m_ui->idpAuthority->setText(idp.authority.toString());
    m_ui->idpGraph->setText(idp.graph.toString());
    m_ui->idpPath->setText(idp.path);
    m_ui->match->setCurrentIndex(m_ui->match->findData(int(policy.match())));
    m_rules->setRules(policy.rules());
    m_ui->protectedUsers->setPlainText(policy.protectedUsers().join(QLatin1Char('\n')));
    m_ui->protectedGroups->setPlainText(policy.protectedGroups().join(QLatin1Char('\n')));
    m_ui->rules->resizeColumnsToContents();
    m_ui->saveButton->setEnabled(!path.isEmpty());
    showError({});
    setModified(modified);
}

void PolicyEditorDialog::setModified(bool modified)
{
    m_modified = modified;
    setWindowModified(modified);
    const QString where =
        m_path.isEmpty() ? tr("A new policy, not saved to a file yet (Save as… keeps it in git)") : m_path;
    setWindowTitle(tr("Access policy — %1[*]").arg(m_path.isEmpty() ? tr("new") : QFileInfo(m_path).fileName()));
    m_ui->pathLabel->setText(modified && !m_path.isEmpty() ? tr("%1 (modified, not saved)").arg(where) : where);
}

bool PolicyEditorDialog::openFile(const QString& path)
{
    QString error;
    const std::optional<Policy> loaded = PolicyParser::load(path, &error);
    if (!loaded) {
        showError(error);
        return false;
    }
    setPolicy(*loaded, QFileInfo(path).absoluteFilePath());
    return true;
}

std::optional<Policy> PolicyEditorDialog::policy()
{
    IdpSettings idp;
    idpTypeFromName(m_ui->idpType->currentData().toString(), &idp.type);
    idp.url = QUrl(m_ui->idpUrl->text().trimmed());
    idp.tenant = m_ui->idpTenant->text().trimmed();
    idp.clientId = m_ui->idpClientId->text().trimmed();
    idp.authority = QUrl(m_ui->idpAuthority->text().trimmed());
    idp.graph = QUrl(m_ui->idpGraph->text().trimmed());
    idp.path = m_ui->idpPath->text().trimmed();
    Policy draft(idp, MatchAttribute(m_ui->match->currentData().toInt()), m_rules->rules(),
                 lines(m_ui->protectedUsers->toPlainText()), lines(m_ui->protectedGroups->toPlainText()));
    draft.setDescription(m_descriptionEdit->text().trimmed());
    // The parser is the one judge of a policy: what it refuses here, a review would refuse too.
    QString error;
    const QString base = m_path.isEmpty() ? QString() : QFileInfo(m_path).path();
    std::optional<Policy> checked =
        PolicyParser::parse(QJsonDocument(draft.toJson()).toJson(QJsonDocument::Indented), base, &error);
    showError(checked ? QString() : error);
    return checked;
}

bool PolicyEditorDialog::saveTo(const QString& path)
{
    const std::optional<Policy> checked = policy();
    if (!checked)
        return false;
    const QByteArray data = QJsonDocument(checked->toJson()).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        showError(tr("Could not save %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_ui->saveButton->setEnabled(true);
    setModified(false);
    return true;
}

bool PolicyEditorDialog::check()
{
    const std::optional<Policy> checked = policy();
    if (!checked) {
        m_checkResult->setText(tr("✖ Not valid; see the message above."));
        return false;
    }
    m_checkResult->setText(
        tr("✔ Valid: %1, matching by %2, %3.")
            .arg(DisplayFormat::count(checked->rules().size(), tr("rule"), tr("rules")), m_ui->match->currentText(),
                 checked->idpGroups().isEmpty()
                     ? tr("no IdP group named")
                     : DisplayFormat::count(checked->idpGroups().size(), tr("IdP group"), tr("IdP groups"))));
    return true;
}

QString PolicyEditorDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

void PolicyEditorDialog::showError(const QString& text)
{
    m_ui->errorLabel->setText(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

} // namespace scimitar::gui
