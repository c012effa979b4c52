#pragma once

#include "details/DetailsLink.h"
#include "model/DirectorySnapshot.h"

#include <QPalette>
#include <QString>

namespace scimitar::gui {

// Writes the details pane: a principal's or a role's access as sentences a person can read aloud
// ("holds …/pii-read through group pii-readers → pii-analysts"), as HTML with links to every group and principal
// it names. Pure: same snapshot and target, same text; the pane and the tests share it.
class AccessDescriber
{
public:
    // The palette only picks colours (muted text), so the text follows light and dark themes.
    AccessDescriber(const DirectorySnapshot& snapshot, const QPalette& palette);

    // The whole HTML document for one item; a short "not found" note when the snapshot does not have it.
    QString html(const DetailsTarget& target) const;
    // What the pane shows when nothing is selected: what was loaded, from where, and by whom.
    QString overview() const;

    // The palette's placeholder colour made opaque over the base colour: HTML in a QTextDocument has no alpha.
    static QColor mutedColor(const QPalette& palette);

    // Long lists stop here with "… and N more"; a 10,000-member group would otherwise take seconds to lay out.
    static constexpr int kMaxListItems = 400;

private:
    QString user(const User& user) const;
    QString group(const Group& group) const;
    QString servicePrincipal(const ServicePrincipal& sp) const;
    QString grant(ItemKind kind, const QString& value) const;
    QString notFound(const DetailsTarget& target) const;

    QString header(const QString& title, const QString& subtitle) const;
    // The Roles and Entitlements sections of a principal.
    QString grantSections(PrincipalKind kind, const QString& id) const;
    QString section(const QString& title, int count, const QStringList& items, const QString& empty) const;
    QString fields(const QList<std::pair<QString, QString>>& rows) const;
    QStringList membershipSentences(PrincipalKind kind, const QString& id) const;
    QStringList grantSentences(ItemKind grantKind, const QList<EffectiveGrant>& grants) const;

    QString link(ItemKind kind, const QString& id, const QString& text) const;
    QString principalLink(PrincipalKind kind, const QString& id) const;
    // Users and service principals can be deactivated (groups cannot): such a holder still holds the access on
    // paper but cannot use it, so lists mark and grey it and counts give the active ones first.
    bool isDeactivated(PrincipalKind kind, const QString& id) const;
    // "user ana@…" as a link; greyed with "(deactivated)" when it is.
    QString holderText(PrincipalKind kind, const QString& id) const;
    QString groupPath(const QStringList& groupIds) const;
    QString muted(const QString& html) const;
    QString document(const QString& body) const;

    const DirectorySnapshot& m_snapshot;
    QPalette m_palette;
};

} // namespace scimitar::gui
