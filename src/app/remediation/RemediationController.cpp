#include "RemediationController.h"

#include "remediation/BackgroundChangeRunner.h"
#include "remediation/ChangeItemsModel.h"
#include "remediation/ChangeWords.h"
#include "remediation/FindingChanges.h"
#include "remediation/PlannedItems.h"
#include "remediation/ReviewChangesDialog.h"
#include "remediation/RunSettingsProvider.h"
#include "widgets/PlainText.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace scimitar::gui {

RemediationController::RemediationController(TokenVault& tokens, QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_settings(new RunSettingsProvider(tokens, this))
    , m_runner(new BackgroundChangeRunner(this))
{
    connect(m_runner, &BackgroundChangeRunner::finished, this,
            [this](const QList<ItemStatus>& statuses, bool) { onOneFinished(statuses); });
    connect(m_runner, &BackgroundChangeRunner::failed, this,
            [this](const QString& text) { emit message(MessageBar::Level::Error, text); });
    connect(m_runner, &BackgroundChangeRunner::throttled, this,
            [this](const QString& note) { emit message(MessageBar::Level::Information, note); });
}

RemediationController::~RemediationController() = default;

ReviewChangesDialog* RemediationController::dialog() const
{
    return m_dialog.data();
}

bool RemediationController::isFixing() const
{
    return m_runner->isRunning();
}

QString RemediationController::unreadableReason() const
{
    const RemediationContext context = m_context ? m_context() : RemediationContext();
    if (!context.connection)
        return tr("No connection is selected.");
    if (!context.snapshot)
        return tr("Nothing is loaded for this connection yet; refresh first.");
    return {};
}

QString RemediationController::unavailableReason() const
{
    const RemediationContext context = m_context ? m_context() : RemediationContext();
    if (context.connection && context.connection->readOnly)
        return tr("The connection %1 is marked read-only: Scimitar offers no changes through it.")
            .arg(context.connection->name);
    return unreadableReason();
}

void RemediationController::withSettings(std::function<void(const RunSettings& settings)> use, bool readsOnly)
{
    if (const QString reason = readsOnly ? unreadableReason() : unavailableReason(); !reason.isEmpty()) {
        emit message(MessageBar::Level::Warning, reason);
        return;
    }
    const RemediationContext context = m_context();
    m_settings->prepare(*context.connection, context.snapshot, context.policy,
                        [this, use = std::move(use)](const std::optional<RunSettings>& settings, const QString& error) {
                            if (!settings) {
                                emit message(MessageBar::Level::Error, error);
                                return;
                            }
                            use(*settings);
                        });
}

// ---- one click ----

void RemediationController::fixFinding(const Finding& finding)
{
    if (m_runner->isRunning()) {
        emit message(MessageBar::Level::Information, tr("A change is still being sent; wait for it to finish."));
        return;
    }
    const RemediationContext context = m_context ? m_context() : RemediationContext();
    const FindingChanges::Plan plan = FindingChanges::plan({finding}, context.snapshot.get());
    if (!plan.failed.isEmpty() || !plan.skipped.isEmpty()) {
        emit message(MessageBar::Level::Warning,
                     plan.failed.isEmpty() ? plan.skipped.first().reason : plan.failed.first().reason);
        return;
    }
    if (const QString unavailable = unavailableReason(); !unavailable.isEmpty()) {
        emit message(MessageBar::Level::Warning, unavailable);
        return;
    }
    const GuardContext guard = GuardContext::from(*context.snapshot, context.policy ? &*context.policy : nullptr,
                                                  context.connection->readOnly);
    QList<PlannedItem> items = PlannedItems::of(plan, *context.snapshot, guard);
    if (items.isEmpty())
        return;
    const Change& first = items.first().run.change;

    // One small confirmation that names the change (every change, when the target is held through several paths)
    // and what else goes with it: one click must never be one accident, nor one surprise.
    QStringList described;
    QStringList radius;
    QStringList guarded;
    for (const PlannedItem& item : std::as_const(items)) {
        described.append(item.run.change.describe());
        radius.append(item.radius.sideEffects.isEmpty() ? QStringList() : item.radius.sentences().mid(0, 1));
        if (!item.run.guardedLoss.isEmpty())
            guarded.append(item.run.guardedLoss);
    }
    if (!items.last().radius.stillHeldThrough.isEmpty())
        radius.append(BlastRadius{{}, items.last().radius.stillHeldThrough}.sentences(finding.target));
    auto* box =
        new QMessageBox(guarded.isEmpty() ? QMessageBox::Question : QMessageBox::Warning,
                        ChangeWords::verb(first.op) + QStringLiteral("?"),
                        items.size() == 1 ? tr("%1?").arg(first.describe())
                                          : tr("%1 paths grant it; fix them all?\n\n%2")
                                                .arg(items.size())
                                                .arg(QStringLiteral("• ") + described.join(QStringLiteral("\n• "))),
                        QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmChange"));
    connect(box, &QDialog::finished, box, &QObject::deleteLater);
    QString info = tr("Sent to %1, written to the audit journal first, and verified by re-reading it afterwards.")
                       .arg(context.connection->name);
    if (!radius.isEmpty())
        info += QStringLiteral("\n\n") + radius.join(QLatin1Char('\n'));
    else if (first.revokesAccess())
        info += QStringLiteral("\n\n") + tr("Nothing else is taken away.");
    if (first.op == ChangeOp::Reactivate)
        info += QStringLiteral("\n\n") + ChangeWords::reactivationNote();
    box->setInformativeText(info);
    PlainText::apply(box); // the names in it come from the server
    QPushButton* go = box->addButton(ChangeWords::verb(first.op), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmButton"));
    if (!guarded.isEmpty()) {
        // Something guarded goes with it: confirmed on its own, by ticking what it is, before the button works.
        auto* understood = new QCheckBox(guarded.join(QLatin1Char(' ')) + QLatin1Char(' ') + tr("Send it anyway."));
        understood->setObjectName(QStringLiteral("confirmGuardedLoss"));
        box->setCheckBox(understood);
        go->setEnabled(false);
        connect(understood, &QCheckBox::toggled, go, &QPushButton::setEnabled);
    }
    box->setDefaultButton(qobject_cast<QPushButton*>(box->button(QMessageBox::Cancel)));
    connect(box, &QMessageBox::buttonClicked, this, [this, go, box, items, finding](QAbstractButton* clicked) mutable {
        if (clicked != go)
            return;
        const bool confirmedAlone = box->checkBox() && box->checkBox()->isChecked();
        m_oneFinding = finding;
        QList<RunItem> runs = PlannedItems::runItems(items);
        for (RunItem& run : runs)
            run.guardedLossConfirmed = confirmedAlone;
        withSettings([this, runs](const RunSettings& settings) { sendItems(runs, settings); });
    });
    box->open();
}

void RemediationController::sendItems(const QList<RunItem>& items, const RunSettings& settings)
{
    const bool inBatch = items.size() > 1;
    for (const RunItem& item : items) {
        if (const QString refusal = ChangeGuard(settings.guard).refusal(item.change, inBatch); !refusal.isEmpty()) {
            emit message(MessageBar::Level::Warning, tr("Not sent: %1").arg(refusal));
            return;
        }
    }
    m_oneChanges.clear();
    for (const RunItem& item : items)
        m_oneChanges.append(item.change);
    emit message(MessageBar::Level::Information, tr("Sending: %1…").arg(items.first().change.describe()));
    m_runner->start(items, settings);
}

void RemediationController::onOneFinished(const QList<ItemStatus>& statuses)
{
    if (statuses.isEmpty())
        return;
    QStringList parts;
    bool ok = true;
    bool failed = false;
    bool anySent = false;
    QString revocation;
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const ItemStatus& status = statuses.at(i);
        QString text =
            QStringLiteral("%1: %2").arg(m_oneChanges.value(i).describe(), ChangeItemsModel::statusText(status));
        if (status.verified.has_value())
            text += QStringLiteral("; ") +
                    (*status.verified ? status.verification : tr("not verified: %1").arg(status.verification));
        parts.append(text);
        if (!status.revocation.isEmpty())
            revocation = status.revocation;
        ok = ok && status.tookEffect() && status.verified.value_or(false) && status.revoked.value_or(true);
        failed = failed || status.state == ItemStatus::State::Failed;
        anySent = anySent || status.tookEffect() || status.state == ItemStatus::State::Unknown;
    }
    if (!revocation.isEmpty())
        parts.append(revocation);
    QString text = parts.join(QStringLiteral("; "));
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    emit message(ok       ? MessageBar::Level::Information
                 : failed ? MessageBar::Level::Error
                          : MessageBar::Level::Warning,
                 text);
    emit journalChanged();
    const bool allTookEffect =
        std::all_of(statuses.cbegin(), statuses.cend(), [](const ItemStatus& status) { return status.tookEffect(); });
    if (allTookEffect && m_oneFinding)
        emit findingsFixed({*m_oneFinding});
    QList<qint64> intents;
    for (const ItemStatus& status : statuses)
        if (status.intentId > 0)
            intents.append(status.intentId);
    if (allTookEffect && !intents.isEmpty())
        emit oneClickJournaled(ok ? MessageBar::Level::Information : MessageBar::Level::Warning, text, intents);
    m_oneFinding.reset();
    if (anySent)
        emit changesApplied();
}

// ---- the review dialog ----

ReviewChangesDialog* RemediationController::openDialog()
{
    if (m_dialog)
        m_dialog->close();
    auto* dialog = new ReviewChangesDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReviewChangesDialog::verificationFinished, this, &RemediationController::journalChanged);
    connect(dialog, &ReviewChangesDialog::undoRequested, this, [this](const QList<RunItem>& items) {
        withSettings([this, items](const RunSettings& settings) {
            ReviewChangesDialog* undo = openDialog();
            undo->setChanges(items, settings);
            undo->open();
        });
    });
    connect(dialog, &ReviewChangesDialog::changesApplied, this, [this](const QList<ItemStatus>& statuses) {
        emit journalChanged();
        for (const ItemStatus& status : statuses) {
            if (status.tookEffect() || status.state == ItemStatus::State::Unknown) {
                emit changesApplied();
                return;
            }
        }
    });
    m_dialog = dialog;
    return dialog;
}

void RemediationController::reviewFindings(const QList<Finding>& findings)
{
    const RemediationContext context = m_context ? m_context() : RemediationContext();
    const FindingChanges::Plan plan = FindingChanges::plan(findings, context.snapshot.get());
    ReviewChangesDialog::LeftOut leftOut;
    // A finding that asks for a change which cannot be built is a failure the operator must see, not a skip.
    for (const FindingChanges::Plan::Failed& failed : plan.failed)
        leftOut.failed.append(
            tr("FAILED, cannot be sent: %1 — %2").arg(failed.finding.principal.userName, failed.reason));
    for (const FindingChanges::Skipped& skipped : plan.skipped)
        leftOut.alone.append(tr("Left alone: %1 — %2").arg(skipped.finding.principal.userName, skipped.reason));
    if (plan.changes.isEmpty()) {
        const QStringList notes = leftOut.failed + leftOut.alone;
        emit message(plan.failed.isEmpty() ? MessageBar::Level::Warning : MessageBar::Level::Error,
                     tr("None of the selected findings can be fixed automatically. %1")
                         .arg(notes.size() <= 3 ? notes.join(QLatin1Char(' '))
                                                : tr("%1 … and %2 more.").arg(notes.first()).arg(notes.size() - 1)));
        return;
    }
    const SnapshotPtr snapshot = context.snapshot;
    withSettings([this, plan, leftOut, snapshot](const RunSettings& settings) {
        // Each finding's fix measured as a whole on the snapshot it was found in, and its target re-read after.
        ReviewChangesDialog* dialog = openDialog();
        // A finding is fixed when every change of its fix took effect (statuses[i] answers plan.changes[i]).
        connect(dialog, &ReviewChangesDialog::changesApplied, this,
                [this, sources = plan.sources](const QList<ItemStatus>& statuses) {
                    QList<Finding> fixed;
                    for (qsizetype i = 0; i < sources.size() && i < statuses.size(); ++i) {
                        bool whole = true;
                        for (qsizetype j = 0; j < sources.size() && j < statuses.size(); ++j)
                            whole = whole && (!(sources.at(j) == sources.at(i)) || statuses.at(j).tookEffect());
                        if (whole && !fixed.contains(sources.at(i)))
                            fixed.append(sources.at(i));
                    }
                    if (!fixed.isEmpty())
                        emit findingsFixed(fixed);
                });
        dialog->setChanges(PlannedItems::of(plan, *snapshot, settings.guard), settings, leftOut);
        dialog->open();
    });
}

void RemediationController::reviewChanges(const QList<RunItem>& items)
{
    const RemediationContext context = m_context ? m_context() : RemediationContext();
    const SnapshotPtr snapshot = context.snapshot;
    withSettings([this, items, snapshot](const RunSettings& settings) {
        ReviewChangesDialog* dialog = openDialog();
        dialog->setChanges(PlannedItems::of(items, snapshot.get(), settings.guard), settings);
        dialog->open();
    });
}

QStringList RemediationController::foreignEntries(const QList<JournalEntry>& entries, const RunSettings& settings) const
{
    QStringList foreign;
    for (const JournalEntry& entry : entries) {
        if (QUrl(entry.intent.scimBase).adjusted(QUrl::StripTrailingSlash) !=
            settings.scimBase.adjusted(QUrl::StripTrailingSlash))
            // The base names it: two demo runs (or two profiles) may share a connection name.
            foreign.append(tr("#%1 was sent through %2 (%3)")
                               .arg(entry.intent.id)
                               .arg(entry.intent.connection, entry.intent.scimBase));
    }
    return foreign;
}

void RemediationController::setJournalPath(const QString& path)
{
    m_settings->setJournalPath(path);
}

void RemediationController::reviewUndo(const QList<JournalEntry>& entries)
{
    withSettings([this, entries](const RunSettings& settings) {
        if (const QStringList foreign = foreignEntries(entries, settings); !foreign.isEmpty()) {
            emit message(MessageBar::Level::Warning,
                         tr("Switch to the connection these changes were sent through to undo them: %1.")
                             .arg(foreign.join(QStringLiteral("; "))));
            return;
        }
        QList<RunItem> items;
        ReviewChangesDialog::LeftOut leftOut;
        for (const JournalEntry& entry : entries) {
            if (entry.canUndo())
                items.append({entry.intent.change.inverse(), entry.intent.id});
            else
                leftOut.alone.append(
                    tr("#%1 cannot be undone: it did not take effect, or was undone already.").arg(entry.intent.id));
        }
        if (items.isEmpty()) {
            emit message(MessageBar::Level::Warning, leftOut.alone.join(QLatin1Char(' ')));
            return;
        }
        ReviewChangesDialog* dialog = openDialog();
        dialog->setChanges(items, settings, leftOut);
        // What an undo gives back, said before it is sent: access the drift review took away comes back as drift.
        QStringList restores;
        bool restoresAccess = false;
        for (const RunItem& item : std::as_const(items)) {
            if (restores.size() < 3)
                restores.append(item.change.describe());
            restoresAccess = restoresAccess || !item.change.revokesAccess();
        }
        QString note = tr("Undo gives back what the changes took away: %1%2.")
                           .arg(restores.join(QStringLiteral("; ")),
                                items.size() > 3 ? tr(" and %1 more").arg(items.size() - 3) : QString());
        if (restoresAccess)
            note += QLatin1Char(' ') + tr("If the access policy still says it should not be held, the next review "
                                          "reports it as drift again.");
        dialog->addIntroLine(note);
        dialog->open();
    });
}

void RemediationController::reviewVerify(const QList<JournalEntry>& entries)
{
    withSettings(
        [this, entries](const RunSettings& settings) {
            if (const QStringList foreign = foreignEntries(entries, settings); !foreign.isEmpty()) {
                emit message(MessageBar::Level::Warning,
                             tr("Switch to the connection these changes were sent through to verify them: %1.")
                                 .arg(foreign.join(QStringLiteral("; "))));
                return;
            }
            QList<RunItem> items;
            QList<qint64> intentIds;
            for (const JournalEntry& entry : entries) {
                items.append({entry.intent.change, entry.intent.undoOf});
                intentIds.append(entry.intent.id);
            }
            ReviewChangesDialog* dialog = openDialog();
            dialog->setVerification(items, intentIds, settings);
            dialog->open();
        },
        /*readsOnly=*/true);
}

} // namespace scimitar::gui
