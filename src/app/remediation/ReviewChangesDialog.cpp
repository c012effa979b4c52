#include "ReviewChangesDialog.h"

#include "DisplayFormat.h"
#include "remediation/BackgroundChangeRunner.h"
#include "remediation/ChangeItemsModel.h"
#include "remediation/ChangeWords.h"
#include "remediation/TypedConfirmation.h"
#include "ui_ReviewChangesDialog.h"
#include "widgets/ScreenFit.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMap>

namespace scimitar::gui {

namespace {

bool isFinalSendState(ItemStatus::State state)
{
    return state != ItemStatus::State::Pending && state != ItemStatus::State::Sending &&
           state != ItemStatus::State::Refused;
}

} // namespace

ReviewChangesDialog::ReviewChangesDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ReviewChangesDialog>())
    , m_model(new ChangeItemsModel(this))
    , m_runner(new BackgroundChangeRunner(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("reviewChangesDialog"));
    m_ui->changesTable->setModel(m_model);
    m_ui->changesTable->horizontalHeader()->setHighlightSections(false);
    m_ui->changesTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_ui->requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->splitter->setStretchFactor(2, 1);
    m_ui->noteLabel->setVisible(false);
    m_ui->progressBar->setVisible(false);

    connect(m_ui->changesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewChangesDialog::showRequest);
    connect(m_ui->dryRunCheck, &QCheckBox::toggled, this, [this](bool dryRun) {
        // A dry run's "not sent (dry run)" rows would read as the outcome of the real batch about to be sent.
        if (!dryRun && m_phase == Phase::Ready && m_mode == Mode::Apply) {
            m_model->resetStatuses();
            showRequest();
        }
        updateControls();
    });
    connect(m_ui->guardedCheck, &QCheckBox::toggled, this, [this] {
        if (m_phase != Phase::Ready || m_mode != Mode::Apply)
            return;
        m_model->setRefusals(refusals());
        showRequest();
        updateControls();
    });
    connect(m_ui->confirmEdit, &QLineEdit::textChanged, this, &ReviewChangesDialog::updateControls);
    connect(m_ui->applyButton, &QPushButton::clicked, this, &ReviewChangesDialog::apply);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &ReviewChangesDialog::reject);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &ReviewChangesDialog::accept);
    connect(m_ui->undoButton, &QPushButton::clicked, this, [this] { emit undoRequested(m_undoItems); });

    connect(m_runner, &BackgroundChangeRunner::itemChanged, this, &ReviewChangesDialog::onItemChanged);
    connect(m_runner, &BackgroundChangeRunner::verifying, this, &ReviewChangesDialog::onVerifying);
    connect(m_runner, &BackgroundChangeRunner::finished, this, &ReviewChangesDialog::onFinished);
    connect(m_runner, &BackgroundChangeRunner::failed, this, &ReviewChangesDialog::onFailed);
    connect(m_runner, &BackgroundChangeRunner::throttled, m_ui->progressLabel, &QLabel::setText);
}

ReviewChangesDialog::~ReviewChangesDialog() = default;

QTableView* ReviewChangesDialog::table() const
{
    return m_ui->changesTable;
}
QPlainTextEdit* ReviewChangesDialog::requestView() const
{
    return m_ui->requestView;
}
QLabel* ReviewChangesDialog::confirmLabel() const
{
    return m_ui->confirmLabel;
}

QCheckBox* ReviewChangesDialog::dryRunCheck() const
{
    return m_ui->dryRunCheck;
}
QCheckBox* ReviewChangesDialog::guardedCheck() const
{
    return m_ui->guardedCheck;
}
void ReviewChangesDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    ScreenFit::fit(this); // again once shown: the window system may have placed it partly off the screen
}

QLabel* ReviewChangesDialog::introLabel() const
{
    return m_ui->introLabel;
}

QPlainTextEdit* ReviewChangesDialog::leftOutView() const
{
    return m_ui->leftOutView;
}

void ReviewChangesDialog::showLeftOut(const LeftOut& leftOut)
{
    m_ui->leftOutPane->setVisible(!leftOut.isEmpty());
    m_ui->leftOutLabel->setText(tr("&Left out of this batch (%1):").arg(leftOut.failed.size() + leftOut.alone.size()));
    m_ui->leftOutView->setPlainText((leftOut.failed + leftOut.alone).join(QLatin1Char('\n')));
}

QLabel* ReviewChangesDialog::blastLabel() const
{
    return m_ui->blastLabel;
}
QLineEdit* ReviewChangesDialog::confirmEdit() const
{
    return m_ui->confirmEdit;
}
QPushButton* ReviewChangesDialog::applyButton() const
{
    return m_ui->applyButton;
}
QPushButton* ReviewChangesDialog::cancelButton() const
{
    return m_ui->cancelButton;
}
QPushButton* ReviewChangesDialog::closeButton() const
{
    return m_ui->closeButton;
}

QPushButton* ReviewChangesDialog::undoButton() const
{
    return m_ui->undoButton;
}
QProgressBar* ReviewChangesDialog::progressBar() const
{
    return m_ui->progressBar;
}
QLabel* ReviewChangesDialog::noteLabel() const
{
    return m_ui->noteLabel;
}
QLabel* ReviewChangesDialog::progressLabel() const
{
    return m_ui->progressLabel;
}

void ReviewChangesDialog::setupCommon(const QList<PlannedItem>& items, const RunSettings& settings,
                                      const QStringList& refusals)
{
    m_settings = settings;
    m_phase = Phase::Ready;
    m_items = items;
    m_undoItems.clear();
    m_model->setItems(items, refusals);
    bool reactivates = false;
    for (const PlannedItem& item : items)
        reactivates = reactivates || item.run.change.op == ChangeOp::Reactivate;
    m_ui->noteLabel->setText(QStringLiteral("ⓘ ") + ChangeWords::reactivationNote());
    m_ui->noteLabel->setVisible(reactivates);
    m_ui->changesTable->resizeColumnToContents(ChangeItemsModel::ChangeColumn);
    m_ui->changesTable->setColumnWidth(ChangeItemsModel::ChangeColumn,
                                       std::min(m_ui->changesTable->columnWidth(ChangeItemsModel::ChangeColumn), 480));
    m_ui->changesTable->setColumnWidth(ChangeItemsModel::AlsoTakesColumn, 240);
    m_ui->changesTable->setColumnWidth(ChangeItemsModel::StatusColumn, 220);
    if (!items.isEmpty())
        m_ui->changesTable->setCurrentIndex(m_model->index(0, 0));
    showRequest();
    updateControls();
}

QStringList ReviewChangesDialog::refusals() const
{
    // The same guards the runner applies (it checks again before sending): shown now, so nothing is a surprise.
    const ChangeGuard guard(m_settings.guard);
    QStringList refusals;
    for (const PlannedItem& item : m_items) {
        QString refusal = guard.refusal(item.run.change, m_items.size() > 1);
        if (refusal.isEmpty() && !item.run.guardedLoss.isEmpty() && !m_ui->guardedCheck->isChecked())
            refusal = tr("%1 Tick the box below to send it too.").arg(item.run.guardedLoss);
        refusals.append(refusal);
    }
    return refusals;
}

void ReviewChangesDialog::setChanges(const QList<RunItem>& items, const RunSettings& settings, const LeftOut& leftOut)
{
    setChanges(PlannedItems::of(items, nullptr, settings.guard), settings, leftOut);
}

void ReviewChangesDialog::setChanges(const QList<PlannedItem>& items, const RunSettings& settings,
                                     const LeftOut& leftOut)
{
    m_mode = Mode::Apply;
    m_intentIds.clear();
    m_settings = settings;
    m_items = items;
    setWindowTitle(tr("Review changes — %1").arg(settings.connectionName));
    QString intro =
        tr("%1 to %2, sent one at a time. Each is written to the audit journal before it is sent, and re-read "
           "afterwards to verify it.")
            .arg(DisplayFormat::count(items.size(), tr("change"), tr("changes")), settings.connectionName);
    if (!leftOut.failed.isEmpty())
        intro +=
            QLatin1Char('\n') + tr("%1 FAILED: no change can be built for them (see below).")
                                    .arg(DisplayFormat::count(leftOut.failed.size(), tr("finding"), tr("findings")));
    if (!leftOut.alone.isEmpty())
        intro += QLatin1Char('\n') + tr("%1 left out of this batch (see below).")
                                         .arg(DisplayFormat::count(leftOut.alone.size(), tr("item"), tr("items")));
    m_ui->introLabel->setText(intro);
    showLeftOut(leftOut);

    // The batch's sum: everything it takes away beyond what the findings are about, at a glance.
    const BlastRadius total = PlannedItems::total(items);
    QStringList lines;
    if (!total.sideEffects.isEmpty()) {
        // At most ten in this sum (each change's own column lists all of its own): a batch that takes away
        // hundreds must still leave the buttons on the screen.
        constexpr qsizetype kListed = 10;
        QStringList parts;
        for (const SideEffect& effect : total.sideEffects.mid(0, kListed))
            parts.append(BlastRadius::describe(effect));
        if (total.sideEffects.size() > kListed)
            parts.append(
                tr("and %1 more (see each change's “Also takes away”)").arg(total.sideEffects.size() - kListed));
        lines.append(tr("Beyond what the changes are for, this batch also takes away: %1.")
                         .arg(parts.join(QStringLiteral(", "))));
    }
    if (!total.stillHeldThrough.isEmpty())
        lines.append(tr("Still held afterwards, so not revoked by this batch: %1.")
                         .arg(total.stillHeldThrough.join(QStringLiteral("; "))));
    bool unknown = false;
    QStringList guarded;
    for (const PlannedItem& item : items) {
        unknown = unknown || (!item.radiusKnown && item.run.change.revokesAccess());
        if (!item.run.guardedLoss.isEmpty())
            guarded.append(item.run.guardedLoss);
    }
    if (unknown)
        lines.append(tr("What some changes take away beyond their target is not known (no snapshot to measure it)."));
    if (lines.isEmpty())
        lines.append(tr("Nothing is taken away beyond what the changes are for."));
    m_ui->blastLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->blastLabel->setVisible(true);
    m_ui->guardedCheck->setChecked(false);
    m_ui->guardedCheck->setVisible(!guarded.isEmpty());
    // A check box does not wrap: it says how many; what they take away is a wrapped line of the batch's sum above
    // (three at most, the rest are in each change's row).
    m_ui->guardedCheck->setText(guarded.size() == 1
                                    ? tr("Also send the change that takes away guarded access")
                                    : tr("Also send the %1 changes that take away guarded access").arg(guarded.size()));
    m_ui->guardedCheck->setToolTip(guarded.join(QLatin1Char('\n')));
    if (!guarded.isEmpty()) {
        QString losses = guarded.mid(0, 3).join(QLatin1Char(' '));
        if (guarded.size() > 3)
            losses += QLatin1Char(' ') + tr("And %1 more (see the changes marked guarded).").arg(guarded.size() - 3);
        m_ui->blastLabel->setText(m_ui->blastLabel->text() + QLatin1Char('\n') + tr("Guarded: %1").arg(losses));
    }

    m_ui->dryRunCheck->setVisible(true);
    m_ui->confirmLabel->setText(tr("To send more than %1 changes, type the connection's name, %2 (case does not "
                                   "matter):")
                                    .arg(kTypedConfirmationAbove)
                                    .arg(settings.connectionName));
    m_ui->confirmEdit->clear();
    setupCommon(items, settings, refusals());
    ScreenFit::fit(this);
}

void ReviewChangesDialog::setVerification(const QList<RunItem>& items, const QList<qint64>& intentIds,
                                          const RunSettings& settings)
{
    m_mode = Mode::Verify;
    m_intentIds = intentIds;
    setWindowTitle(tr("Verify changes — %1").arg(settings.connectionName));
    m_ui->introLabel->setText(tr("No outcome was recorded for %1: Scimitar stopped, or the answer was lost. "
                                 "Verifying re-reads each object and journals what it shows; nothing is changed.")
                                  .arg(DisplayFormat::count(items.size(), tr("change"), tr("changes"))));
    m_ui->dryRunCheck->setChecked(false);
    m_ui->dryRunCheck->setVisible(false);
    m_ui->blastLabel->setVisible(false);
    m_ui->guardedCheck->setVisible(false);
    showLeftOut({});
    QList<PlannedItem> planned;
    for (const RunItem& item : items)
        planned.append({item, {}, false, {}});
    setupCommon(planned, settings, QStringList());
    ScreenFit::fit(this);
    for (int row = 0; row < items.size(); ++row) {
        ItemStatus status;
        status.state = ItemStatus::State::Unknown;
        status.intentId = intentIds.value(row);
        status.detail = tr("no outcome recorded");
        m_model->setStatus(row, status);
    }
}

void ReviewChangesDialog::addIntroLine(const QString& line)
{
    m_ui->introLabel->setText(m_ui->introLabel->text() + QLatin1Char('\n') + line);
}

bool ReviewChangesDialog::needsTypedName() const
{
    return m_mode == Mode::Apply && !m_ui->dryRunCheck->isChecked() &&
           TypedConfirmation::needsName(m_model->sendableCount());
}

void ReviewChangesDialog::updateControls()
{
    const int count = m_mode == Mode::Verify ? m_model->rowCount() : m_model->sendableCount();
    const bool ready = m_phase == Phase::Ready;
    const bool typed =
        !needsTypedName() || TypedConfirmation::accepts(m_ui->confirmEdit->text(), m_settings.connectionName);
    if (m_mode == Mode::Verify)
        m_ui->applyButton->setText(tr("Verify %1").arg(DisplayFormat::count(count, tr("change"), tr("changes"))));
    else if (m_ui->dryRunCheck->isChecked())
        m_ui->applyButton->setText(
            tr("Show %1 (dry run)").arg(DisplayFormat::count(count, tr("request"), tr("requests"))));
    else
        m_ui->applyButton->setText(tr("Apply %1").arg(DisplayFormat::count(count, tr("change"), tr("changes"))));
    m_ui->applyButton->setVisible(m_phase != Phase::Done);
    m_ui->applyButton->setEnabled(ready && count > 0 && typed);
    m_ui->applyButton->setToolTip(count == 0 ? tr("Every change is refused; nothing can be sent.")
                                  : !typed   ? tr("Type the connection's name first.")
                                             : QString());
    m_ui->dryRunCheck->setEnabled(ready);
    m_ui->guardedCheck->setEnabled(ready);
    m_ui->confirmLabel->setVisible(needsTypedName() && m_phase != Phase::Done);
    m_ui->confirmEdit->setVisible(needsTypedName() && m_phase != Phase::Done);
    m_ui->confirmEdit->setEnabled(ready);
    m_ui->cancelButton->setVisible(m_phase != Phase::Done);
    m_ui->cancelButton->setToolTip(m_phase == Phase::Running ? tr("Stop: the changes not sent yet are not sent")
                                                             : tr("Close without sending anything"));
    m_ui->closeButton->setVisible(m_phase == Phase::Done);
    m_ui->closeButton->setDefault(m_phase == Phase::Done);
    m_ui->undoButton->setVisible(m_phase == Phase::Done && !m_undoItems.isEmpty());
}

void ReviewChangesDialog::showRequest()
{
    const QModelIndex current = m_ui->changesTable->currentIndex();
    if (!current.isValid()) {
        m_ui->requestView->clear();
        return;
    }
    const RunItem& item = m_model->items().at(current.row());
    const ItemStatus& status = m_model->status(current.row());
    QString text = ChangeWords::request(item.change, m_settings.scimBase);
    if (status.state == ItemStatus::State::Refused)
        text = tr("Not sent: %1").arg(status.detail) + QStringLiteral("\n\n") + text;
    if (item.change.op == ChangeOp::Reactivate)
        text += QStringLiteral("\n\n") + ChangeWords::reactivationNote();
    const PlannedItem& planned = m_model->planned(current.row());
    if (!planned.finding.isEmpty())
        text = tr("Fixes: %1").arg(planned.finding) + QStringLiteral("\n\n") + text;
    const QStringList radius = planned.radius.sentences(planned.run.revokes ? planned.run.revokes->value : QString());
    if (!radius.isEmpty())
        text += QStringLiteral("\n\n") + radius.join(QLatin1Char('\n'));
    if (!planned.run.guardedLoss.isEmpty())
        text += QStringLiteral("\n\n") + tr("Guarded: %1").arg(planned.run.guardedLoss);
    if (!status.revocation.isEmpty())
        text += QStringLiteral("\n\n") + tr("After the batch: %1").arg(status.revocation);
    m_ui->requestView->setPlainText(text);
}

void ReviewChangesDialog::apply()
{
    if (m_phase != Phase::Ready || !m_ui->applyButton->isEnabled())
        return;
    m_phase = Phase::Running;
    m_dryRunning = m_mode == Mode::Apply && m_ui->dryRunCheck->isChecked();
    m_sent = 0;
    if (m_mode == Mode::Apply)
        m_model->resetStatuses(); // a dry run's "not sent" rows become "will be sent" again
    m_ui->progressBar->setVisible(true);
    m_ui->progressLabel->clear();
    m_ui->cancelButton->setEnabled(true);
    if (m_mode == Mode::Verify) {
        m_ui->progressBar->setRange(0, m_model->rowCount());
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->setFormat(tr("Re-reading…"));
        m_runner->verify(m_model->items(), m_intentIds, m_settings);
    } else {
        m_ui->progressBar->setRange(0, m_model->sendableCount());
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->setFormat(m_dryRunning ? tr("Dry run: %v of %m") : tr("Sending %v of %m"));
        RunSettings settings = m_settings;
        settings.dryRun = m_dryRunning;
        QList<RunItem> items = m_model->items();
        for (RunItem& item : items)
            item.guardedLossConfirmed = m_ui->guardedCheck->isChecked();
        m_runner->start(items, settings);
    }
    updateControls();
}

void ReviewChangesDialog::onItemChanged(int index, const ItemStatus& status)
{
    const bool wasFinal = isFinalSendState(m_model->status(index).state);
    m_model->setStatus(index, status);
    if (m_mode == Mode::Apply && !wasFinal && isFinalSendState(status.state)) {
        ++m_sent;
        m_ui->progressBar->setValue(std::min(m_sent, m_ui->progressBar->maximum()));
    }
    if (m_ui->changesTable->currentIndex().row() == index)
        showRequest();
}

void ReviewChangesDialog::onVerifying(int done, int total)
{
    m_ui->progressBar->setRange(0, std::max(total, 1));
    m_ui->progressBar->setValue(done);
    m_ui->progressBar->setFormat(tr("Re-reading %v of %m to verify"));
}

QString ReviewChangesDialog::summary(const QList<ItemStatus>& statuses, bool cancelled) const
{
    QMap<ItemStatus::State, int> counts;
    int verified = 0;
    int notVerified = 0;
    int notRevoked = 0;
    for (const ItemStatus& status : statuses) {
        ++counts[status.state];
        if (status.verified.has_value())
            ++(*status.verified ? verified : notVerified);
        notRevoked += status.revoked.has_value() && !*status.revoked ? 1 : 0;
    }
    QStringList parts;
    auto add = [&](ItemStatus::State state, const QString& words) {
        if (const int n = counts.value(state))
            parts.append(words.arg(n));
    };
    add(ItemStatus::State::Done, tr("%1 done"));
    add(ItemStatus::State::AlreadyInState, tr("%1 already absent"));
    add(ItemStatus::State::Failed, tr("%1 failed"));
    add(ItemStatus::State::Unknown, tr("%1 unknown — verify"));
    add(ItemStatus::State::Refused, tr("%1 refused"));
    add(ItemStatus::State::Cancelled, tr("%1 not sent (cancelled)"));
    add(ItemStatus::State::DryRun, tr("%1 shown, not sent (dry run)"));
    QString text = parts.join(QStringLiteral(", ")) + QLatin1Char('.');
    if (verified + notVerified > 0)
        text += QLatin1Char(' ') + tr("Re-read: %1 verified, %2 not.").arg(verified).arg(notVerified);
    if (notRevoked > 0)
        text += QLatin1Char(' ') + tr("NOT FIXED: %1 still leave the access held through another path.")
                                       .arg(DisplayFormat::count(notRevoked, tr("change"), tr("changes")));
    if (cancelled)
        text = tr("Cancelled. ") + text;
    return text;
}

void ReviewChangesDialog::onFinished(const QList<ItemStatus>& statuses, bool cancelled)
{
    for (int row = 0; row < statuses.size(); ++row)
        m_model->setStatus(row, statuses.at(row));
    showRequest();
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(1);
    m_ui->progressBar->setFormat(cancelled ? tr("Cancelled") : tr("Finished"));
    m_ui->progressLabel->setText(summary(statuses, cancelled));
    if (m_dryRunning) {
        // Nothing was sent: the operator may now send for real (or close).
        m_dryRunning = false;
        m_phase = Phase::Ready;
        updateControls();
        return;
    }
    m_phase = Phase::Done;
    m_undoItems.clear();
    if (m_mode == Mode::Apply) {
        // What took effect can be reversed at once, before anyone has to go looking in the Audit page.
        for (int row = 0; row < statuses.size() && row < m_items.size(); ++row) {
            const ItemStatus& status = statuses.at(row);
            if (status.intentId > 0 && (status.tookEffect() || status.verified.value_or(false)))
                m_undoItems.append({m_items.at(row).run.change.inverse(), status.intentId});
        }
    }
    updateControls();
    if (m_mode == Mode::Verify)
        emit verificationFinished(statuses);
    else
        emit changesApplied(statuses, cancelled);
}

void ReviewChangesDialog::onFailed(const QString& message)
{
    m_dryRunning = false;
    m_phase = Phase::Done;
    m_ui->progressBar->setVisible(false);
    m_ui->progressLabel->setText(message);
    updateControls();
}

void ReviewChangesDialog::reject()
{
    if (m_phase == Phase::Running) {
        m_ui->cancelButton->setEnabled(false);
        m_ui->progressLabel->setText(tr("Cancelling: the change in flight is answered and journaled, the rest are "
                                        "not sent…"));
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace scimitar::gui
