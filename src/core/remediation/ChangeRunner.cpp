#include "remediation/ChangeRunner.h"

#include "net/HttpClient.h"
#include "remediation/ChangeVerifier.h"
#include "remediation/OsUser.h"
#include "remediation/ScimPatch.h"
#include "scim/ScimClient.h"
#include "scim/ScimError.h"

#include <QJsonDocument>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>
#include <QUuid>

namespace scimitar {

namespace {

bool isRemoval(ChangeOp op)
{
    return op == ChangeOp::RemoveRole || op == ChangeOp::RemoveEntitlement || op == ChangeOp::RemoveMember;
}

// Databricks answers a remove of a role or entitlement the object does not hold with 400 invalidPath "No such
// attribute…" (Terraform treats it as done, reference §7): the wanted state is there already.
bool isAlreadyAbsent(const Change& change, const net::HttpResponse& response)
{
    if (!isRemoval(change.op) || response.status != 400)
        return false;
    const QString detail = ScimError::serverDetail(response.body);
    return detail.contains(QLatin1String("No such attribute"), Qt::CaseInsensitive) ||
           QJsonDocument::fromJson(response.body).object().value(QStringLiteral("scimType")).toString() ==
               QLatin1String("invalidPath");
}

} // namespace

QString itemStateName(ItemStatus::State state)
{
    switch (state) {
    case ItemStatus::State::Pending:
        return QStringLiteral("pending");
    case ItemStatus::State::Refused:
        return QStringLiteral("refused");
    case ItemStatus::State::Sending:
        return QStringLiteral("sending");
    case ItemStatus::State::Done:
        return QStringLiteral("done");
    case ItemStatus::State::AlreadyInState:
        return QStringLiteral("already-absent");
    case ItemStatus::State::Failed:
        return QStringLiteral("failed");
    case ItemStatus::State::Unknown:
        return QStringLiteral("unknown");
    case ItemStatus::State::Cancelled:
        return QStringLiteral("cancelled");
    case ItemStatus::State::DryRun:
        return QStringLiteral("dry-run");
    }
    return {};
}

ItemStatus ChangeRunner::classify(const Change& change, const net::HttpResponse& response)
{
    ItemStatus status;
    status.httpStatus = response.status;
    status.requestId = QString::fromLatin1(response.requestId);
    if (response.resentByQt() && response.status != 0)
        return classifyResent(change, response, status);
    if (response.isSuccess()) {
        // Databricks answers a PATCH with the resource (or 204). A 2xx whose body is not a JSON object came from
        // something else in the path (a sign-in page, a proxy that cut the body): it does not say the change was
        // made, so only the re-read can.
        if (!response.body.trimmed().isEmpty() && !QJsonDocument::fromJson(response.body).isObject()) {
            status.state = ItemStatus::State::Unknown;
            status.detail = QStringLiteral("%1 The re-read will tell whether it was applied.")
                                .arg(ScimError::unreadableBody(
                                    QStringLiteral("The answer (HTTP %1)").arg(response.status), response.body));
            return status;
        }
        status.state = ItemStatus::State::Done;
        return status;
    }
    if (response.status == 502 || response.status == 504) {
        // A gateway that gave up waiting, or got a broken answer, cannot know whether Databricks made the change.
        status.state = ItemStatus::State::Unknown;
        status.detail = QStringLiteral("%1 The re-read will tell whether it was applied.")
                            .arg(ScimError::describe(change.describe(), response));
        return status;
    }
    if (response.status == 0) {
        // The request may or may not have been applied; a PATCH is never resent blindly (HttpRequest::idempotent).
        status.state = ItemStatus::State::Unknown;
        status.detail =
            QStringLiteral("No answer (%1); the re-read will tell whether it was applied.")
                .arg(response.transportError.isEmpty() ? QStringLiteral("cancelled") : response.transportError);
        return status;
    }
    if (isAlreadyAbsent(change, response)) {
        status.state = ItemStatus::State::AlreadyInState;
        status.detail =
            QStringLiteral("Already absent (the server says: %1).").arg(ScimError::serverDetail(response.body));
        return status;
    }
    status.state = ItemStatus::State::Failed;
    status.detail = ScimError::describe(change.describe(), response);
    return status;
}

ItemStatus ChangeRunner::classifyResent(const Change& change, const net::HttpResponse& response, ItemStatus status)
{
    // The answer is to the copy Qt sent again after the first copy's connection closed unanswered: the first copy
    // may have made the change, so "already absent" or a refusal says nothing about what happened to it.
    const QString lost = QStringLiteral("the first answer was lost and Qt sent the request again");
    const ItemStatus plain = classify(change, [&response] {
        net::HttpResponse single = response;
        single.bodySends = 1;
        return single;
    }());
    switch (plain.state) {
    case ItemStatus::State::Done:
        status.state = ItemStatus::State::Done;
        status.detail = QStringLiteral("Done (%1; that copy was answered HTTP %2).").arg(lost).arg(response.status);
        return status;
    case ItemStatus::State::AlreadyInState:
        status.state = ItemStatus::State::Unknown;
        status.detail = QStringLiteral("Done or already absent: %1, which found it already absent (the server says: "
                                       "%2). The re-read will tell whether it is in effect.")
                            .arg(lost, ScimError::serverDetail(response.body));
        return status;
    default:
        status.state = ItemStatus::State::Unknown;
        status.detail =
            QStringLiteral("Perhaps done: %1, and that copy got no answer that settles it. %2").arg(lost, plain.detail);
        if (plain.state != ItemStatus::State::Unknown) // an Unknown's detail already says the re-read will tell
            status.detail += QStringLiteral(" The re-read will tell whether it is in effect.");
        return status;
    }
}

ChangeRunner::ChangeRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<scimitar::ItemStatus>();
    qRegisterMetaType<QList<scimitar::ItemStatus>>();
}

ChangeRunner::~ChangeRunner()
{
    ++m_generation;
    if (m_http)
        m_http->cancelAll();
}

bool ChangeRunner::begin(const QList<RunItem>& items, const RunSettings& settings)
{
    ++m_generation;
    if (m_http) {
        m_http->cancelAll();
        m_http->deleteLater();
    }
    m_items = items;
    m_settings = settings;
    m_statuses = QList<ItemStatus>(items.size());
    m_batch = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_next = 0;
    m_toVerify.clear();
    m_verified = 0;
    m_cancelled = false;
    m_stopReason.clear();
    m_running = true;
    m_journal.reset();

    m_http = new net::HttpClient(this);
    m_http->setAuthorization(settings.authorization);
    m_http->setRetryPolicy(settings.retry);
    connect(m_http, &net::HttpClient::retryScheduled, this,
            [this](const QString& description, int attempt, int delayMs, const QString& reason) {
                emit throttled(QStringLiteral("%1: %2; trying again in %3 s (attempt %4).")
                                   .arg(description, reason)
                                   .arg(delayMs / 1000.0, 0, 'f', 1)
                                   .arg(attempt + 1));
            });
    m_scim = new ScimClient(m_http, settings.scimBase, m_http);
    m_probe = new EffectiveAccessProbe(m_scim, m_http);

    if (settings.dryRun)
        return true;
    QString journalError;
    m_journal = std::make_unique<AuditJournal>();
    m_journal->addSecret(settings.authorization);
    if (m_journal->open(settings.journalPath, &journalError))
        return true;
    m_journal.reset();
    m_running = false;
    // Queued, so the answer never arrives inside start().
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, journalError] {
            if (generation == m_generation)
                emit failed(
                    QStringLiteral("Nothing was sent: the audit journal cannot be used (%1).").arg(journalError));
        },
        Qt::QueuedConnection);
    return false;
}

void ChangeRunner::start(const QList<RunItem>& items, const RunSettings& settings)
{
    if (!begin(items, settings))
        return;
    const ChangeGuard guard(settings.guard);
    const bool inBatch = items.size() > 1;
    for (int i = 0; i < items.size(); ++i) {
        QString refusal = guard.refusal(items.at(i).change, inBatch);
        if (refusal.isEmpty() && !items.at(i).guardedLoss.isEmpty() && !items.at(i).guardedLossConfirmed)
            refusal =
                QStringLiteral("%1 It needs its own confirmation, apart from the batch.").arg(items.at(i).guardedLoss);
        if (!refusal.isEmpty()) {
            m_statuses[i].state = ItemStatus::State::Refused;
            m_statuses[i].detail = refusal;
        }
    }
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation)
                return;
            for (int i = 0; i < m_statuses.size(); ++i)
                if (m_statuses.at(i).state == ItemStatus::State::Refused)
                    emit itemChanged(i, m_statuses.at(i));
            sendNext();
        },
        Qt::QueuedConnection);
}

void ChangeRunner::verify(const QList<RunItem>& items, const QList<qint64>& intentIds, const RunSettings& settings)
{
    RunSettings verifyOnly = settings;
    verifyOnly.dryRun = false; // the verification is journaled
    if (!begin(items, verifyOnly))
        return;
    for (int i = 0; i < items.size(); ++i) {
        m_statuses[i].state = ItemStatus::State::Unknown;
        m_statuses[i].intentId = intentIds.value(i);
        m_statuses[i].detail = QStringLiteral("No outcome was recorded; re-reading to find out.");
    }
    m_next = int(items.size()); // nothing to send
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation)
                startVerification();
        },
        Qt::QueuedConnection);
}

void ChangeRunner::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_next >= m_items.size() && !m_toVerify.isEmpty()) {
        // Sending is over; stop re-reading and report what is known.
        ++m_generation;
        m_http->cancelAll();
        finish();
    }
}

void ChangeRunner::setStatus(int index, const ItemStatus& status)
{
    m_statuses[index] = status;
    emit itemChanged(index, status);
}

void ChangeRunner::sendNext()
{
    while (m_next < m_items.size() && m_statuses.at(m_next).state != ItemStatus::State::Pending)
        ++m_next;
    if (m_next >= m_items.size()) {
        startVerification();
        return;
    }
    const int index = m_next++;
    const RunItem& item = m_items.at(index);

    if (m_cancelled) {
        ItemStatus status;
        status.state = ItemStatus::State::Cancelled;
        status.detail = m_stopReason.isEmpty()
                            ? QStringLiteral("Not sent: the batch was cancelled.")
                            : QStringLiteral("Not sent: the batch stopped because %1.").arg(m_stopReason);
        setStatus(index, status);
        sendNext();
        return;
    }

    const net::HttpRequest request = ScimPatch::request(item.change, m_settings.scimBase);
    if (m_settings.dryRun) {
        ItemStatus status;
        status.state = ItemStatus::State::DryRun;
        status.detail = QStringLiteral("Would send PATCH %1 %2")
                            .arg(ScimPatch::objectPath(item.change), QString::fromUtf8(request.body));
        setStatus(index, status);
        sendNext();
        return;
    }

    // The intent is committed before anything leaves: a crash after this point leaves a row that says "unknown —
    // verify", never a change nobody knows about.
    JournalIntent intent;
    intent.at = QDateTime::currentDateTimeUtc();
    intent.osUser = OsUser::name();
    intent.tokenOwner = m_settings.tokenOwnerUserName;
    intent.connection = m_settings.connectionName;
    intent.scimBase = m_settings.scimBase.toString();
    intent.change = item.change;
    intent.method = QStringLiteral("PATCH");
    intent.path = ScimPatch::objectPath(item.change);
    intent.body = request.body;
    intent.undoOf = item.undoOf;
    intent.batch = m_batch;
    QString error;
    const qint64 intentId = m_journal->recordIntent(intent, &error);
    if (intentId == 0) {
        ItemStatus status;
        status.state = ItemStatus::State::Failed;
        status.detail = QStringLiteral("Not sent: the audit journal could not record it (%1).").arg(error);
        setStatus(index, status);
        // Every later item would fail the same way; none of them may go out unjournaled.
        m_cancelled = true;
        m_stopReason = QStringLiteral("the audit journal failed (%1)").arg(error);
        sendNext();
        return;
    }

    ItemStatus sending;
    sending.state = ItemStatus::State::Sending;
    sending.intentId = intentId;
    setStatus(index, sending);
    const quint64 generation = m_generation;
    m_http->send(request, [this, generation, index](const net::HttpResponse& response) {
        if (generation == m_generation)
            onAnswer(index, response);
    });
}

void ChangeRunner::onAnswer(int index, const net::HttpResponse& response)
{
    ItemStatus status = classify(m_items.at(index).change, response);
    status.intentId = m_statuses.at(index).intentId;
    m_statuses[index] = status;
    if (!journalOutcome(index))
        m_cancelled = true; // the journal stopped working: send nothing more
    emit itemChanged(index, m_statuses.at(index));
    sendNext();
}

bool ChangeRunner::journalOutcome(int index)
{
    ItemStatus& status = m_statuses[index];
    JournalOutcome outcome;
    outcome.intentId = status.intentId;
    outcome.at = QDateTime::currentDateTimeUtc();
    outcome.httpStatus = status.httpStatus;
    outcome.detail = status.detail;
    outcome.requestId = status.requestId;
    switch (status.state) {
    case ItemStatus::State::Done:
        outcome.result = ChangeResult::Done;
        break;
    case ItemStatus::State::AlreadyInState:
        outcome.result = ChangeResult::AlreadyInState;
        break;
    case ItemStatus::State::Unknown:
        outcome.result = ChangeResult::Unknown;
        break;
    default:
        outcome.result = ChangeResult::Failed;
        break;
    }
    QString error;
    if (m_journal->recordOutcome(outcome, &error))
        return true;
    status.journalError = error;
    m_stopReason = QStringLiteral("the audit journal failed (%1)").arg(error);
    return false;
}

void ChangeRunner::startVerification()
{
    m_toVerify.clear();
    m_verified = 0;
    if (!m_settings.dryRun) {
        for (int i = 0; i < m_statuses.size(); ++i) {
            const ItemStatus::State state = m_statuses.at(i).state;
            if (state == ItemStatus::State::Done || state == ItemStatus::State::AlreadyInState ||
                state == ItemStatus::State::Unknown)
                m_toVerify.append(i);
        }
    }
    if (m_toVerify.isEmpty()) {
        finish();
        return;
    }
    emit verifying(0, int(m_toVerify.size()));
    verifyNext();
}

void ChangeRunner::verifyNext()
{
    if (m_verified >= m_toVerify.size()) {
        startRevocationChecks();
        return;
    }
    reread(m_toVerify.at(m_verified), 1);
}

void ChangeRunner::reread(int index, int attempt)
{
    const Change& change = m_items.at(index).change;
    const quint64 generation = m_generation;
    const QString what = change.objectName.isEmpty() ? change.objectId : change.objectName;
    m_scim->getResource(ScimPatch::collection(change.objectKind), change.objectId,
                        ChangeVerifier::attributesFor(change), QStringLiteral("re-read %1 to verify").arg(what),
                        [this, generation, index, attempt](const ScimClient::ObjectResult& result) {
                            if (generation == m_generation)
                                onReread(index, attempt, result.object, result.error);
                        });
}

void ChangeRunner::onReread(int index, int attempt, const QJsonObject& object, const QString& error)
{
    const Change& change = m_items.at(index).change;
    ChangeVerifier::Verdict verdict;
    if (!error.isEmpty()) {
        verdict = {false, QStringLiteral("could not re-read: %1").arg(error)};
    } else {
        verdict = ChangeVerifier::check(change, object);
        if (!verdict.holds && attempt < m_settings.verifyAttempts) {
            // Databricks group changes are not monotonically consistent: give the write time to show.
            const quint64 generation = m_generation;
            QTimer::singleShot(m_settings.verifyDelayMs, this, [this, generation, index, attempt] {
                if (generation == m_generation)
                    reread(index, attempt + 1);
            });
            return;
        }
        if (!verdict.holds && attempt > 1)
            verdict.words += QStringLiteral(" (after %1 re-reads)").arg(attempt);
    }

    ItemStatus& status = m_statuses[index];
    status.verified = verdict.holds;
    status.verification = verdict.words;
    if (status.state == ItemStatus::State::Unknown && verdict.holds && error.isEmpty())
        status.state = ItemStatus::State::Done; // no answer arrived, but the change is there

    if (m_journal) {
        JournalVerification verification;
        verification.intentId = status.intentId;
        verification.at = QDateTime::currentDateTimeUtc();
        verification.verified = verdict.holds;
        verification.detail = verdict.words;
        QString journalError;
        if (!m_journal->recordVerification(verification, &journalError))
            status.verification += QStringLiteral(" (not journaled: %1)").arg(journalError);
    }
    emit itemChanged(index, status);
    ++m_verified;
    emit verifying(m_verified, int(m_toVerify.size()));
    verifyNext();
}

void ChangeRunner::startRevocationChecks()
{
    m_targets.clear();
    m_targetsChecked = 0;
    for (int index : std::as_const(m_toVerify)) {
        const std::optional<AccessTarget>& target = m_items.at(index).revokes;
        if (target && !m_targets.contains(*target))
            m_targets.append(*target);
    }
    if (m_targets.isEmpty()) {
        finish();
        return;
    }
    m_probe->clearCache();
    checkNextRevocation(1);
}

void ChangeRunner::checkNextRevocation(int attempt)
{
    if (m_targetsChecked >= m_targets.size()) {
        finish();
        return;
    }
    const quint64 generation = m_generation;
    m_probe->check(m_targets.at(m_targetsChecked), [this, generation, attempt](const EffectiveAccessProbe::Result& r) {
        if (generation == m_generation)
            onRevocationChecked(attempt, r);
    });
}

void ChangeRunner::onRevocationChecked(int attempt, const EffectiveAccessProbe::Result& result)
{
    const AccessTarget& target = m_targets.at(m_targetsChecked);
    if (result.error.isEmpty() && result.held && attempt < m_settings.verifyAttempts) {
        // Group membership shows up on users later than the write that changed it: give it time, read afresh.
        const quint64 generation = m_generation;
        QTimer::singleShot(m_settings.verifyDelayMs, this, [this, generation, attempt] {
            if (generation != m_generation)
                return;
            m_probe->clearCache();
            checkNextRevocation(attempt + 1);
        });
        return;
    }
    const QString value = target.kind == SideEffect::Kind::Role ? shortRoleName(target.value) : target.value;
    QString words;
    if (!result.error.isEmpty())
        words = QStringLiteral("could not check whether %1 is still held by another path: %2").arg(value, result.error);
    else if (result.held)
        words = QStringLiteral("%1 is still held by %2 through %3: not revoked")
                    .arg(value, target.principalName, result.through.join(QStringLiteral(" and ")));
    else
        words = QStringLiteral("%1 held by no path any more").arg(value);
    for (int index : std::as_const(m_toVerify)) {
        if (m_items.at(index).revokes != target)
            continue;
        ItemStatus& status = m_statuses[index];
        status.revoked = result.error.isEmpty() ? std::optional<bool>(!result.held) : std::nullopt;
        status.stillHeldThrough = result.error.isEmpty() ? result.through : QStringList();
        status.revocation = words;
        if (m_journal) {
            JournalVerification verification;
            verification.intentId = status.intentId;
            verification.at = QDateTime::currentDateTimeUtc();
            verification.verified = status.verified.value_or(false);
            verification.detail = QStringLiteral("%1; %2").arg(status.verification, words);
            QString journalError;
            if (!m_journal->recordVerification(verification, &journalError))
                status.revocation += QStringLiteral(" (not journaled: %1)").arg(journalError);
        }
        emit itemChanged(index, status);
    }
    ++m_targetsChecked;
    checkNextRevocation(1);
}

void ChangeRunner::finish()
{
    if (!m_running)
        return;
    m_running = false;
    emit finished(m_statuses, m_cancelled);
}

} // namespace scimitar
