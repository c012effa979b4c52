#pragma once

#include "net/HttpTypes.h"
#include "remediation/AuditJournal.h"
#include "remediation/BlastRadius.h"
#include "remediation/Change.h"
#include "remediation/ChangeGuard.h"
#include "remediation/EffectiveAccessProbe.h"

#include <QList>
#include <QObject>
#include <QUrl>
#include <memory>
#include <optional>

namespace scimitar {

class ScimClient;
namespace net {
class HttpClient;
}

// Where and how a batch is sent.
struct RunSettings
{
    QUrl scimBase;            // Connection::scimBaseUrl()
    QByteArray authorization; // "Bearer …"; in memory only, never journaled
    net::RetryPolicy retry;
    QString connectionName;
    QString tokenOwnerUserName; // from /Me, for the journal
    GuardContext guard;         // the guards every item must pass
    QString journalPath;        // required unless dryRun
    bool dryRun = false;        // show what would be sent; send and journal nothing
    int verifyAttempts = 3;     // re-reads before a change that did not show yet is called "not visible yet"
    int verifyDelayMs = 1500;   // between them: group changes are not monotonically consistent
};

// One item of a batch.
struct RunItem
{
    RunItem() = default;
    RunItem(Change change, qint64 undoOf = 0)
        : change(std::move(change))
        , undoOf(undoOf)
    {
    }

    Change change;
    qint64 undoOf = 0; // the journal intent this item undoes
    // The access this item's fix is for. After every item is sent and re-read, the runner asks the server whether
    // the principal still holds it by any path (EffectiveAccessProbe): items of one fix share a target, and a
    // target still held leaves each of them "not revoked", however well the edit itself went.
    std::optional<AccessTarget> revokes;
    // A change whose blast radius takes away something guarded (a system group, a protected group, account admin)
    // names it here; the runner refuses it unless it was confirmed on its own (guardedLossConfirmed).
    QString guardedLoss;
    bool guardedLossConfirmed = false;
};

// What became of one item, as the review dialog and the CLI show it.
struct ItemStatus
{
    enum class State
    {
        Pending,
        Refused, // a guard said no: never sent, not journaled
        Sending,
        Done,
        AlreadyInState,
        Failed,
        Unknown,   // no answer arrived: only the re-read can tell
        Cancelled, // never sent: the batch was cancelled first
        DryRun,    // would have been sent
    };
    State state = State::Pending;
    QString detail; // refusal, the server's words, …
    int httpStatus = 0;
    QString requestId;
    qint64 intentId = 0;
    std::optional<bool> verified; // after the re-read
    QString verification;         // "role gone on re-read"
    // Items with RunItem::revokes, once the re-read of effective access is done: false when the target is still
    // held (stillHeldThrough says how), unset when it was not checked or could not be (revocation says why).
    std::optional<bool> revoked;
    QStringList stillHeldThrough;
    QString revocation; // "pii-read held by no path any more", "pii-read still held through pii-analysts", …
    // Why the journal could not record this item's outcome; the batch stopped after it.
    QString journalError;

    bool tookEffect() const { return state == State::Done || state == State::AlreadyInState; }
};

QString itemStateName(ItemStatus::State state); // "pending", "refused", "sending", "done", "already-absent", …

// Sends a batch of changes one at a time (writes to one workspace are serialised), journaling each before it is
// sent and its outcome after, then re-reads every changed object to verify. Throttling slows a batch down
// (HttpClient honours Retry-After and REQUEST_LIMIT_EXCEEDED), it does not fail it; one failed item does not stop
// the others; cancel() stops the items not yet sent (the one in flight is answered and journaled).
//
// Works in the thread it lives in, like DirectoryLoader. Exactly one finished() or failed() answers each start().
class ChangeRunner : public QObject
{
    Q_OBJECT

public:
    explicit ChangeRunner(QObject* parent = nullptr);
    ~ChangeRunner() override;

    void start(const QList<RunItem>& items, const RunSettings& settings);
    // Sends nothing: re-reads the objects of journaled changes whose outcome is unknown (a crash mid-batch, a lost
    // answer) and journals what the re-read shows. intentIds[i] is the journal row of items[i].
    void verify(const QList<RunItem>& items, const QList<qint64>& intentIds, const RunSettings& settings);
    void cancel();
    bool isRunning() const { return m_running; }
    const QList<ItemStatus>& statuses() const { return m_statuses; }
    // Why the batch stopped by itself before every item was sent ("the audit journal failed (…)"); empty when it
    // ran to the end or the user cancelled it.
    const QString& stopReason() const { return m_stopReason; }

    // Done, already absent, failed (with the server's words) or unknown (no answer), from one PATCH answer.
    static ItemStatus classify(const Change& change, const net::HttpResponse& response);

signals:
    void itemChanged(int index, const scimitar::ItemStatus& status);
    void verifying(int done, int total);
    // Every item has its final state (and verification, when it was sent).
    void finished(const QList<scimitar::ItemStatus>& statuses, bool cancelled);
    // Nothing could be sent at all (the journal cannot be opened): no item went out.
    void failed(const QString& message);
    void throttled(const QString& note);

private:
    // classify() for an answer to the copy Qt resent by itself (HttpResponse::resentByQt()).
    static ItemStatus classifyResent(const Change& change, const net::HttpResponse& response, ItemStatus status);
    bool begin(const QList<RunItem>& items, const RunSettings& settings);
    void sendNext();
    void onAnswer(int index, const net::HttpResponse& response);
    void startVerification();
    void verifyNext();
    void reread(int index, int attempt);
    void onReread(int index, int attempt, const QJsonObject& object, const QString& error);
    void startRevocationChecks();
    void checkNextRevocation(int attempt);
    void onRevocationChecked(int attempt, const EffectiveAccessProbe::Result& result);
    void finish();
    void setStatus(int index, const ItemStatus& status);
    bool journalOutcome(int index);

    QList<RunItem> m_items;
    QList<ItemStatus> m_statuses;
    RunSettings m_settings;
    std::unique_ptr<AuditJournal> m_journal;
    net::HttpClient* m_http = nullptr;
    ScimClient* m_scim = nullptr;
    QString m_batch;
    int m_next = 0;
    QList<int> m_toVerify;
    QList<AccessTarget> m_targets; // distinct RunItem::revokes of the items that went out
    int m_targetsChecked = 0;
    EffectiveAccessProbe* m_probe = nullptr;
    int m_verified = 0;
    bool m_running = false;
    bool m_cancelled = false;
    QString m_stopReason;
    quint64 m_generation = 0;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::ItemStatus)
