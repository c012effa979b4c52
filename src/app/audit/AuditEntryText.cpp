#include "AuditEntryText.h"

#include "details/AccessDescriber.h"
#include "remediation/AuditWords.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

namespace scimitar::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AuditEntryText", text);
}

// Local time for people, with the journal's own UTC text beside it: the journal and the CLI speak UTC.
QString timeHtml(const QDateTime& at, const QString& muted)
{
    if (!at.isValid())
        return {};
    return QStringLiteral("%1 <span style=\"color:%2\">(%3)</span>")
        .arg(QLocale().toString(at.toLocalTime(), QLocale::ShortFormat).toHtmlEscaped(), muted,
             AuditWords::time(at).toHtmlEscaped());
}

QString section(const QString& title, const QString& bodyHtml)
{
    return QStringLiteral("<p><b>%1</b><br>%2</p>").arg(title.toHtmlEscaped(), bodyHtml);
}

// The body as it was sent, indented; anything that is not JSON (never expected) is shown as it is.
QString prettyBody(const QByteArray& body)
{
    if (body.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isNull() ? QString::fromUtf8(body) : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace

QString AuditEntryText::who(const JournalEntry& entry)
{
    const JournalIntent& intent = entry.intent;
    if (intent.tokenOwner.isEmpty())
        return intent.osUser;
    return intent.osUser.isEmpty() ? intent.tokenOwner
                                   : QStringLiteral("%1 / %2").arg(intent.osUser, intent.tokenOwner);
}

QString AuditEntryText::verified(const JournalEntry& entry)
{
    if (!entry.verification)
        return {};
    return entry.verification->verified ? tr("yes") : tr("no");
}

QString AuditEntryText::undoLink(const JournalEntry& entry)
{
    QStringList parts;
    if (entry.intent.undoOf > 0)
        parts.append(tr("undoes #%1").arg(entry.intent.undoOf));
    for (qint64 id : entry.undoneBy)
        parts.append(tr("undone by #%1").arg(id));
    return parts.join(QStringLiteral(", "));
}

bool AuditEntryText::needsVerification(const JournalEntry& entry)
{
    return entry.effectiveResult() == ChangeResult::Unknown && !entry.verification;
}

bool AuditEntryText::undoReactivates(const JournalEntry& entry)
{
    return entry.intent.change.inverse().op == ChangeOp::Reactivate;
}

QString AuditEntryText::reactivationNote()
{
    return tr("Undoing a deactivation reactivates the user. Reactivating a user of an account that an identity "
              "provider manages may need the account level first: a workspace cannot reactivate a user the account "
              "has deactivated.");
}

QString AuditEntryText::detailsHtml(const JournalEntry& entry, const QPalette& palette)
{
    const QString muted = AccessDescriber::mutedColor(palette).name();
    const JournalIntent& intent = entry.intent;
    QString html;
    html += QStringLiteral("<h3>#%1 · %2</h3>").arg(intent.id).arg(intent.change.describe().toHtmlEscaped());
    QString result = AuditWords::resultLabel(entry).toHtmlEscaped();
    if (needsVerification(entry))
        result = QStringLiteral("⚠ <b>%1</b><br>%2")
                     .arg(result, tr("Scimitar never heard back from the server: only a re-read of the object can "
                                     "tell whether the change happened. Use Verify… before sending it again.")
                                      .toHtmlEscaped());
    html += section(tr("Result"), result);
    html += section(tr("When"), timeHtml(intent.at, muted));
    html +=
        section(tr("Connection"), QStringLiteral("%1<br><span style=\"color:%2\">%3</span>")
                                      .arg(intent.connection.toHtmlEscaped(), muted, intent.scimBase.toHtmlEscaped()));
    html += section(tr("Who"), tr("OS user %1, with the token of %2")
                                   .arg(intent.osUser.isEmpty() ? tr("(unknown)") : intent.osUser,
                                        intent.tokenOwner.isEmpty() ? tr("(unknown)") : intent.tokenOwner)
                                   .toHtmlEscaped());

    QString request =
        QStringLiteral("<code>%1 %2</code>").arg(intent.method.toHtmlEscaped(), intent.path.toHtmlEscaped());
    if (const QString body = prettyBody(intent.body); !body.isEmpty())
        request += QStringLiteral("<pre>%1</pre>").arg(body.toHtmlEscaped());
    html += section(tr("Request"), request);

    if (entry.outcome) {
        const JournalOutcome& outcome = *entry.outcome;
        QStringList lines;
        lines.append(outcome.httpStatus > 0 ? tr("HTTP %1").arg(outcome.httpStatus) : tr("No HTTP answer"));
        if (!outcome.detail.isEmpty())
            lines.append(outcome.detail);
        lines.append(outcome.requestId.isEmpty() ? tr("The server sent no request id.")
                                                 : tr("Request id: %1").arg(outcome.requestId));
        QStringList escaped;
        for (const QString& line : std::as_const(lines))
            escaped.append(line.toHtmlEscaped());
        html += section(tr("Outcome"),
                        escaped.join(QStringLiteral("<br>")) + QStringLiteral("<br>") + timeHtml(outcome.at, muted));
    } else {
        html += section(tr("Outcome"),
                        tr("None recorded: Scimitar stopped between sending and hearing back.").toHtmlEscaped());
    }

    if (entry.verification) {
        const JournalVerification& verification = *entry.verification;
        html += section(
            tr("Verification"),
            QStringLiteral("%1<br>%2")
                .arg((verification.verified ? tr("In effect on re-read") : tr("Not in effect on re-read"))
                             .toHtmlEscaped() +
                         (verification.detail.isEmpty() ? QString()
                                                        : QStringLiteral(": ") + verification.detail.toHtmlEscaped()),
                     timeHtml(verification.at, muted)));
    } else {
        html += section(
            tr("Verification"),
            QStringLiteral("<span style=\"color:%1\">%2</span>").arg(muted, tr("Not re-read.").toHtmlEscaped()));
    }

    if (const QString links = undoLink(entry); !links.isEmpty())
        html += section(tr("Linked changes"), links.toHtmlEscaped());
    if (entry.canUndo()) {
        QString undo = tr("Can be undone: %1.").arg(intent.change.inverse().describe()).toHtmlEscaped();
        if (undoReactivates(entry))
            undo += QStringLiteral("<br>⚠ ") + reactivationNote().toHtmlEscaped();
        html += section(tr("Undo"), undo);
    }
    if (!intent.batch.isEmpty())
        html +=
            QStringLiteral("<p style=\"color:%1\">%2</p>").arg(muted, tr("Batch %1").arg(intent.batch).toHtmlEscaped());
    return html;
}

} // namespace scimitar::gui
