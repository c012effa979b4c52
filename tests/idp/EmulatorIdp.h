#pragma once

// A Dataset whose IdP side the Okta and Graph tests share: one set of people, two faces.

#include "Dataset.h"
#include "EmulatorThread.h"
#include "IdpDataset.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace scimitar::test {

// dbx-pii: 450 direct members (statuses cycle through ACTIVE, DEPROVISIONED, SUSPENDED, LOCKED_OUT, STAGED);
// dbx-pii-archive: a name that only starts like dbx-pii; dbx-admins: 3 members; dbx-all: 1 member plus dbx-admins
// nested (Graph expands it, Okta does not nest); two groups both named "Twins"; `O'Brien "Ops" Team` with 1 member.
// In no group, for look-ups by email: carla (DEPROVISIONED) whose email differs from her login, dup1 (ACTIVE) and
// dup2 (SUSPENDED) sharing one email, and quote whose email holds a quote and a backslash.
inline emulator::Dataset idpDataset()
{
    static const QStringList statuses{"ACTIVE", "DEPROVISIONED", "SUSPENDED", "LOCKED_OUT", "STAGED"};
    QJsonArray users;
    const auto addUser = [&](const QString& id, const QString& login, const QString& status,
                             const QString& email = QString()) {
        QJsonObject user{
            {"id", id}, {"login", login}, {"firstName", QStringLiteral("First")}, {"lastName", id}, {"status", status}};
        if (!email.isEmpty())
            user.insert(QStringLiteral("email"), email);
        users.append(user);
    };
    QJsonArray pii;
    for (int i = 0; i < 450; ++i) {
        const QString id = QStringLiteral("00upii%1").arg(i, 4, 10, QLatin1Char('0'));
        addUser(id, QStringLiteral("pii%1@acme.example").arg(i), statuses[i % statuses.size()]);
        pii.append(id);
    }
    QJsonArray admins;
    for (int i = 0; i < 3; ++i) {
        const QString id = QStringLiteral("00uadm%1").arg(i);
        addUser(id, QStringLiteral("admin%1@acme.example").arg(i), QStringLiteral("ACTIVE"));
        admins.append(id);
    }
    addUser(QStringLiteral("00uana"), QStringLiteral("ana@acme.example"), QStringLiteral("ACTIVE"));
    addUser(QStringLiteral("00ugone"), QStringLiteral("gone@acme.example"), QStringLiteral("DEPROVISIONED"));
    addUser(QStringLiteral("00ucarla"), QStringLiteral("carla@acme.example"), QStringLiteral("DEPROVISIONED"),
            QStringLiteral("carla.mail@acme.example"));
    addUser(QStringLiteral("00udup1"), QStringLiteral("dup1@acme.example"), QStringLiteral("ACTIVE"),
            QStringLiteral("shared@acme.example"));
    addUser(QStringLiteral("00udup2"), QStringLiteral("dup2@acme.example"), QStringLiteral("SUSPENDED"),
            QStringLiteral("shared@acme.example"));
    addUser(QStringLiteral("00uquote"), QStringLiteral("quote@acme.example"), QStringLiteral("ACTIVE"),
            QStringLiteral("o\"ne\\il@acme.example"));
    const QJsonArray groups{
        QJsonObject{{"id", "00gpii"}, {"name", "dbx-pii"}, {"members", pii}},
        QJsonObject{{"id", "00gpiiarchive"}, {"name", "dbx-pii-archive"}, {"members", QJsonArray{"00uana"}}},
        QJsonObject{{"id", "00gadmins"}, {"name", "dbx-admins"}, {"members", admins}},
        QJsonObject{{"id", "00gall"},
                    {"name", "dbx-all"},
                    {"members", QJsonArray{"00uana"}},
                    {"groups", QJsonArray{"00gadmins"}}},
        QJsonObject{{"id", "00gtwin1"}, {"name", "Twins"}, {"members", QJsonArray{"00uana"}}},
        QJsonObject{{"id", "00gtwin2"}, {"name", "Twins"}, {"members", QJsonArray{"00ugone"}}},
        QJsonObject{{"id", "00gquote"}, {"name", "O'Brien \"Ops\" Team"}, {"members", QJsonArray{"00uana"}}},
    };
    QString error;
    std::optional<emulator::IdpDataset> idp =
        emulator::IdpDataset::fromJson(QJsonObject{{"users", users}, {"groups", groups}}, &error);
    Q_ASSERT_X(idp, "idpDataset", qPrintable(error));
    emulator::Dataset dataset = emulator::Dataset::generate(5, 2, 7);
    if (idp)
        dataset.setIdp(std::move(*idp));
    return dataset;
}

// Look-ups by email against idpDataset(), the same for the Okta and the Graph face: emails asked, the logins found
// (in order) and the emails not found.
inline void emailLookupRows()
{
    QTest::addColumn<QStringList>("emails");
    QTest::addColumn<QStringList>("foundLogins");
    QTest::addColumn<QStringList>("notFound");
    QTest::newRow("email differs from the login")
        << QStringList{"carla.mail@acme.example"} << QStringList{"carla@acme.example"} << QStringList{};
    QTest::newRow("any case") << QStringList{"CARLA.Mail@acme.example"} << QStringList{"carla@acme.example"}
                              << QStringList{};
    QTest::newRow("a login is not an email")
        << QStringList{"carla@acme.example"} << QStringList{} << QStringList{"carla@acme.example"};
    QTest::newRow("not found") << QStringList{"nobody@acme.example"} << QStringList{}
                               << QStringList{"nobody@acme.example"};
    QTest::newRow("two people share an email: both")
        << QStringList{"shared@acme.example"} << QStringList{"dup1@acme.example", "dup2@acme.example"} << QStringList{};
    QTest::newRow("quote and backslash") << QStringList{"o\"ne\\il@acme.example"} << QStringList{"quote@acme.example"}
                                         << QStringList{};
    QTest::newRow("several at once") << QStringList{"nobody@acme.example", "shared@acme.example",
                                                    "carla.mail@acme.example"}
                                     << QStringList{"dup1@acme.example", "dup2@acme.example", "carla@acme.example"}
                                     << QStringList{"nobody@acme.example"};
}

} // namespace scimitar::test
