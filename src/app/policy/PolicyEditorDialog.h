#pragma once

#include "policy/Policy.h"

#include <QDialog>

class QLabel;
class QLineEdit;
#include <memory>
#include <optional>

namespace Ui {
class PolicyEditorDialog;
}

namespace scimitar::gui {

class PolicyRulesModel;

// Edits an access policy file: the IdP settings, the match, the rules and who is protected. Saving writes
// Policy::toJson() after PolicyParser has read it back, so a file this dialog writes is one the review accepts;
// what the parser refuses is shown inline in its own words ("rules[2].role: must be a non-empty string").
class PolicyEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PolicyEditorDialog(QWidget* parent = nullptr);
    ~PolicyEditorDialog() override;

    // `modified`: the policy differs from its file (e.g. the IdP dialog changed its idp block); shown as unsaved.
    void setPolicy(const Policy& policy, const QString& path, bool modified = false);
    bool openFile(const QString& path);
    bool saveTo(const QString& path);
    // The policy as the form describes it, checked by the parser; nullopt with the error shown inline.
    std::optional<Policy> policy();
    QString path() const { return m_path; }
    QString errorText() const;
    // Whether the policy shown has changes its file does not have (title "*", "modified" next to the path).
    bool isModified() const { return m_modified; }
    PolicyRulesModel* rulesModel() const { return m_rules; }
    // Checks the form as a review would, and says so ("✔ Valid: 4 rules …" or the error); true when valid.
    bool check();
    QLineEdit* descriptionEdit() const { return m_descriptionEdit; }
    QLabel* checkResult() const { return m_checkResult; }

signals:
    // "Use this policy": the window makes it the active one (and remembers `path` if not empty).
    void policyChosen(const scimitar::Policy& policy, const QString& path);

private:
    void updateIdpFields();
    void showError(const QString& text);
    void setModified(bool modified);

    std::unique_ptr<Ui::PolicyEditorDialog> m_ui;
    PolicyRulesModel* m_rules = nullptr;
    QString m_path;
    QLineEdit* m_descriptionEdit = nullptr;
    QLabel* m_checkResult = nullptr;
    bool m_modified = false;
};

} // namespace scimitar::gui
