#pragma once

#include "remediation/ChangeRunner.h"
#include "remediation/PlannedItems.h"
#include "remediation/TypedConfirmation.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Ui {
class ReviewChangesDialog;
}

namespace scimitar::gui {

class BackgroundChangeRunner;
class ChangeItemsModel;

// Every change of a batch in words, the exact request of the selected one, and what the guards refuse (shown with
// the reason, never sent). Apply sends them one at a time in the background (BackgroundChangeRunner: journaled
// before and after, re-read to verify) with a progress bar and per-item status; Cancel stops the items not sent
// yet. More than 10 changes need the connection's name typed first: a batch that size should be a decision, not a
// reflex. A dry run shows what would be sent and sends nothing. Also re-reads journaled changes whose outcome is
// unknown (verify-only), for the Audit page.
class ReviewChangesDialog final : public QDialog
{
    Q_OBJECT

public:
    // Batches with more sendable changes than this need the connection's name typed before Apply.
    static constexpr int kTypedConfirmationAbove = TypedConfirmation::kNameThreshold;

    explicit ReviewChangesDialog(QWidget* parent = nullptr);
    ~ReviewChangesDialog() override;

    // What a batch leaves out, each with why: failures (a fix asked for that cannot be built) and what is left alone
    // on purpose (blocked, nothing to do, cannot be undone). Listed in a scrollable pane of their own, with one
    // summary line above the changes: two hundred of them must not push the buttons off the screen.
    struct LeftOut
    {
        QStringList failed;
        QStringList alone;
        bool isEmpty() const { return failed.isEmpty() && alone.isEmpty(); }
    };

    // The changes to review and send under `settings` (undos carry RunItem::undoOf), and what was left out.
    void setChanges(const QList<RunItem>& items, const RunSettings& settings, const LeftOut& leftOut = {});
    // The same with each change's blast radius (PlannedItems): shown per change in "Also takes away" and summed
    // for the batch above the buttons. Changes that take away guarded access (admins, a protected group) are
    // refused unless their own check box is ticked.
    void setChanges(const QList<PlannedItem>& items, const RunSettings& settings, const LeftOut& leftOut = {});
    // Verify-only: re-reads journaled changes (intentIds[i] is the journal row of items[i]) and journals what the
    // re-read shows; sends no change.
    void setVerification(const QList<RunItem>& items, const QList<qint64>& intentIds, const RunSettings& settings);

    // One more sentence under the summary above the changes (what an undo gives back).
    void addIntroLine(const QString& line);
    bool needsTypedName() const;
    bool isRunning() const { return m_phase == Phase::Running; }
    bool isDone() const { return m_phase == Phase::Done; }

    // For tests.
    ChangeItemsModel* model() const { return m_model; }
    QTableView* table() const;
    QPlainTextEdit* requestView() const;
    QCheckBox* dryRunCheck() const;
    QCheckBox* guardedCheck() const;
    QLabel* blastLabel() const;
    QLineEdit* confirmEdit() const;
    QLabel* confirmLabel() const;
    QPushButton* applyButton() const;
    QPushButton* cancelButton() const;
    QPushButton* closeButton() const;
    QPushButton* undoButton() const;
    QProgressBar* progressBar() const;
    QLabel* noteLabel() const;
    QLabel* introLabel() const;
    QPlainTextEdit* leftOutView() const;
    QLabel* progressLabel() const;

signals:
    // A real batch (not a dry run, not verify-only) finished: the window re-reads Databricks and recomputes drift.
    void changesApplied(const QList<scimitar::ItemStatus>& statuses, bool cancelled);
    void verificationFinished(const QList<scimitar::ItemStatus>& statuses);
    // Undo right after a batch: the inverse of every change that took effect, each linked to its journal row.
    void undoRequested(const QList<scimitar::RunItem>& items);

public slots:
    // While a batch runs, Escape and the window's close button stop it instead of leaving it unwatched.
    void reject() override;

protected:
    void showEvent(QShowEvent* event) override;

private:
    enum class Phase
    {
        Ready,
        Running,
        Done,
    };
    enum class Mode
    {
        Apply,
        Verify,
    };

    void setupCommon(const QList<PlannedItem>& items, const RunSettings& settings, const QStringList& refusals);
    // The guards' refusals, plus the guarded losses not confirmed by guardedCheck.
    QStringList refusals() const;
    void apply();
    void updateControls();
    void showRequest();
    void showLeftOut(const LeftOut& leftOut);
    void onItemChanged(int index, const ItemStatus& status);
    void onVerifying(int done, int total);
    void onFinished(const QList<ItemStatus>& statuses, bool cancelled);
    void onFailed(const QString& message);
    QString summary(const QList<ItemStatus>& statuses, bool cancelled) const;

    std::unique_ptr<Ui::ReviewChangesDialog> m_ui;
    ChangeItemsModel* m_model = nullptr;
    BackgroundChangeRunner* m_runner = nullptr;
    RunSettings m_settings;
    QList<qint64> m_intentIds;
    QList<PlannedItem> m_items;
    QList<RunItem> m_undoItems; // after a real batch: what "Undo these changes" would send
    Mode m_mode = Mode::Apply;
    Phase m_phase = Phase::Ready;
    bool m_dryRunning = false; // the run going on is a dry run
    int m_sent = 0;            // items with a final send state in the current run
};

} // namespace scimitar::gui
