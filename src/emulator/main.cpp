// scimitar-emulator: a loopback Databricks SCIM server (plus Okta and Microsoft Graph faces over the
// same dataset's IdP side) for demos, manual testing and benchmarks.
// Prints the chosen port alone on the first line of stdout (so scripts can read it), then
// human-readable information on stderr. Bad flag values exit with status 2.

#include "Dataset.h"
#include "EmulatorFault.h"
#include "EmulatorOptions.h"
#include "EmulatorServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <optional>

using namespace scimitar::emulator;

namespace {

[[noreturn]] void usageError(const QString& message)
{
    std::fprintf(stderr, "scimitar-emulator: %s\n", qPrintable(message));
    std::exit(2);
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback, int minimum, int maximum)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = parser.value(name);
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        usageError(QStringLiteral("invalid value for --%1: '%2' (expected an integer from %3 to %4)")
                       .arg(name, text)
                       .arg(minimum)
                       .arg(maximum));
    return value;
}

// Seconds for a Retry-After header: a non-negative decimal, or empty for "no header".
QString retryAfterOption(const QCommandLineParser& parser, const QString& name, const QString& fallback)
{
    if (!parser.isSet(name))
        return fallback;
    const QString value = parser.value(name).trimmed();
    bool ok = true;
    if (!value.isEmpty() && (value.toDouble(&ok) < 0 || !ok))
        usageError(QStringLiteral("invalid value for --%1: '%2' (expected seconds, e.g. 1 or 0.2, "
                                  "or an empty string for no header)")
                       .arg(name, value));
    return value;
}

// A credential from its flag, else from the environment, else the public demo value. *chosen tells
// whether the user supplied it, in which case it is never printed.
QString credentialOption(const QCommandLineParser& parser, const QString& name, const char* environment,
                         const char* demoValue, bool* chosen)
{
    QString value = QString::fromLatin1(demoValue);
    *chosen = true;
    if (parser.isSet(name))
        value = parser.value(name);
    else if (!qEnvironmentVariable(environment).isEmpty())
        value = qEnvironmentVariable(environment);
    else
        *chosen = false;
    if (value.isEmpty())
        usageError(QStringLiteral("invalid value for --%1: it must not be empty").arg(name));
    return value;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("scimitar-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMITAR_EMULATOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loopback Databricks SCIM 2.0, Okta and Microsoft Graph emulator (listens on 127.0.0.1 only)."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QList<QCommandLineOption> options{
        {QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free one (default 0)."),
         QStringLiteral("N")},
        {QStringLiteral("dataset"), QStringLiteral("Load the workspace from a JSON dataset file."),
         QStringLiteral("FILE")},
        {QStringLiteral("users"), QStringLiteral("Generate N users (default 200)."), QStringLiteral("N")},
        {QStringLiteral("groups"), QStringLiteral("Generate M groups (default 40)."), QStringLiteral("M")},
        {QStringLiteral("seed"), QStringLiteral("Generator seed (default 1)."), QStringLiteral("S")},
        {QStringLiteral("save-dataset"), QStringLiteral("Write the dataset in use to FILE and continue."),
         QStringLiteral("FILE")},
        {QStringLiteral("token"),
         QStringLiteral("Accepted bearer token (default: $SCIMITAR_EMULATOR_TOKEN, else %1).")
             .arg(QLatin1String(EmulatorOptions::kDemoToken)),
         QStringLiteral("T")},
        {QStringLiteral("account-id"), QStringLiteral("Only accept this account id in account URLs."),
         QStringLiteral("ID")},
        {QStringLiteral("org-id"), QStringLiteral("X-Databricks-Org-Id value for workspace calls."),
         QStringLiteral("ID")},
        {{QStringLiteral("page-cap"), QStringLiteral("max-page-size")},
         QStringLiteral("Cap on count for every list response, filtered ones too (default 100)."),
         QStringLiteral("N")},
        {QStringLiteral("ignore-count"), QStringLiteral("Pages hold --page-cap items whatever count asked for.")},
        {QStringLiteral("uneven-pages"), QStringLiteral("Pages hold a varying number of items.")},
        {QStringLiteral("grow-total"), QStringLiteral("Append N users after each Users list request."),
         QStringLiteral("N")},
        {QStringLiteral("grow-times"), QStringLiteral("Grow after only the first N Users list requests (0: all)."),
         QStringLiteral("N")},
        {QStringLiteral("repeat-first-page"), QStringLiteral("Ignore startIndex (a buggy server).")},
        {QStringLiteral("omit-resources-after"), QStringLiteral("Pages with startIndex > N carry no Resources key."),
         QStringLiteral("N")},
        {QStringLiteral("omit-members"), QStringLiteral("Workspace group lists omit members.")},
        {QStringLiteral("patch-no-content"), QStringLiteral("Successful PATCH answers 204.")},
        {QStringLiteral("throttle-every"), QStringLiteral("Every Nth request gets 429."), QStringLiteral("N")},
        {QStringLiteral("retry-after"),
         QStringLiteral("Retry-After for 429, e.g. 1 or 0.2; empty: no header (default 1)."), QStringLiteral("S")},
        {QStringLiteral("limit-exceeded-every"), QStringLiteral("Every Nth request gets 500 REQUEST_LIMIT_EXCEEDED."),
         QStringLiteral("N")},
        {QStringLiteral("unavailable-every"), QStringLiteral("Every Nth request gets 503."), QStringLiteral("N")},
        {QStringLiteral("malformed-every"), QStringLiteral("Every Nth request gets a truncated 200 body."),
         QStringLiteral("N")},
        {QStringLiteral("drop-connection-every"), QStringLiteral("Every Nth request: connection closed, no reply."),
         QStringLiteral("N")},
        {QStringLiteral("drop-after-apply-every"),
         QStringLiteral("Every Nth request is carried out, then its connection closed without a reply."),
         QStringLiteral("N")},
        {QStringLiteral("drop-after-apply-times"),
         QStringLiteral("--drop-after-apply-every strikes only the first N times (0: always)."), QStringLiteral("N")},
        {QStringLiteral("fail-path"), QStringLiteral("Requests whose path+query contain TEXT fail."),
         QStringLiteral("TEXT")},
        {QStringLiteral("fail-status"), QStringLiteral("Status for --fail-path (default 500)."), QStringLiteral("N")},
        {QStringLiteral("fail-echoes-headers"),
         QStringLiteral("The --fail-path failure's detail echoes the request's headers, token included (as a "
                        "WAF's may).")},
        {QStringLiteral("latency-ms"), QStringLiteral("Delay every reply by N ms."), QStringLiteral("N")},
        {QStringLiteral("max-concurrent"),
         QStringLiteral("More requests in flight than N get 500 REQUEST_LIMIT_EXCEEDED; 0 = no limit (default 4)."),
         QStringLiteral("N")},
        {QStringLiteral("log-requests"), QStringLiteral("Print one line per request on stderr.")},
        {QStringLiteral("okta-token"),
         QStringLiteral("Accepted Okta API token, as SSWS or Bearer (default: $SCIMITAR_EMULATOR_OKTA_TOKEN, else %1).")
             .arg(QLatin1String(EmulatorOptions::kDemoOktaToken)),
         QStringLiteral("T")},
        {QStringLiteral("okta-rate-limit"),
         QStringLiteral(
             "Okta requests per 60 s window (X-Rate-Limit-Limit); beyond it 429; 0 = no limit (default 600)."),
         QStringLiteral("N")},
        {QStringLiteral("okta-merged-link-headers"),
         QStringLiteral("Send Okta's Link relations in one merged header instead of one header line each.")},
        {QStringLiteral("okta-throttle-every"), QStringLiteral("Every Nth Okta request gets 429 E0000047."),
         QStringLiteral("N")},
        {QStringLiteral("okta-throttle-reset"),
         QStringLiteral("X-Rate-Limit-Reset of those 429s is now + S seconds (default 1)."), QStringLiteral("S")},
        {QStringLiteral("okta-omit-deprovisioned-members"),
         QStringLiteral("Okta group member lists leave DEPROVISIONED users out.")},
        {QStringLiteral("entra-tenant"), QStringLiteral("Only accept this tenant in the token URL (default: any)."),
         QStringLiteral("T")},
        {QStringLiteral("entra-client-id"),
         QStringLiteral("Accepted client_id (default %1).").arg(QLatin1String(EmulatorOptions::kDemoEntraClientId)),
         QStringLiteral("ID")},
        {QStringLiteral("entra-client-secret"),
         QStringLiteral("Accepted client_secret (default: $SCIMITAR_EMULATOR_ENTRA_CLIENT_SECRET, else %1).")
             .arg(QLatin1String(EmulatorOptions::kDemoEntraClientSecret)),
         QStringLiteral("S")},
        {QStringLiteral("entra-token-lifetime"),
         QStringLiteral("Lifetime of issued Graph tokens in seconds (expires_in; default 3599)."), QStringLiteral("S")},
        {QStringLiteral("graph-throttle-every"), QStringLiteral("Every Nth Graph request gets 429 TooManyRequests."),
         QStringLiteral("N")},
        {QStringLiteral("graph-retry-after"),
         QStringLiteral("Retry-After for Graph 429s, fractional seconds allowed; empty: no header (default 0.3)."),
         QStringLiteral("S")},
        {QStringLiteral("graph-require-consistency-level"),
         QStringLiteral("OData casts on members need 'ConsistencyLevel: eventual' and $count=true.")},
    };
    QList<QCommandLineOption> faultOptions;
    for (const FaultInfo& info : allFaults())
        faultOptions.append({QStringLiteral("fault-") + QLatin1String(info.name), QLatin1String(info.description)});
    faultOptions.append(
        {QStringLiteral("fault-from"),
         QStringLiteral("The --fault-* flags strike authenticated SCIM requests from the Nth on "
                        "(default 4: the first pages of users, groups and service principals get through)."),
         QStringLiteral("N")});
    faultOptions.append({QStringLiteral("fault-patch-only"),
                         QStringLiteral("The --fault-* flags strike PATCH requests only (the writes themselves).")});
    faultOptions.append({QStringLiteral("fault-slow-body-ms"),
                         QStringLiteral("How long --fault-slow-body holds back the rest of a body (default 120000)."),
                         QStringLiteral("N")});
    parser.addOptions(options);
    parser.addOptions(faultOptions);
    if (!parser.parse(QCoreApplication::arguments()))
        usageError(parser.errorText());
    if (parser.isSet(help))
        parser.showHelp(0);
    if (parser.isSet(version))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    constexpr int kMax = 1'000'000'000;
    const int port = intOption(parser, QStringLiteral("port"), 0, 0, 65535);

    EmulatorOptions emulatorOptions;
    const QString envToken = qEnvironmentVariable("SCIMITAR_EMULATOR_TOKEN");
    if (parser.isSet(QStringLiteral("token")))
        emulatorOptions.token = parser.value(QStringLiteral("token"));
    else if (!envToken.isEmpty())
        emulatorOptions.token = envToken;
    if (emulatorOptions.token.isEmpty())
        usageError(QStringLiteral("invalid value for --token: the token must not be empty"));
    emulatorOptions.accountId = parser.value(QStringLiteral("account-id"));
    if (parser.isSet(QStringLiteral("org-id")))
        emulatorOptions.orgId = parser.value(QStringLiteral("org-id"));
    emulatorOptions.maxPageSize = intOption(parser, QStringLiteral("page-cap"), 100, 1, kMax);
    emulatorOptions.ignoreCount = parser.isSet(QStringLiteral("ignore-count"));
    emulatorOptions.unevenPages = parser.isSet(QStringLiteral("uneven-pages"));
    emulatorOptions.growTotalPerListRequest = intOption(parser, QStringLiteral("grow-total"), 0, 0, 100000);
    emulatorOptions.growTotalTimes = intOption(parser, QStringLiteral("grow-times"), 0, 0, kMax);
    emulatorOptions.repeatFirstPage = parser.isSet(QStringLiteral("repeat-first-page"));
    emulatorOptions.omitResourcesAfter = intOption(parser, QStringLiteral("omit-resources-after"), 0, 0, kMax);
    emulatorOptions.omitMembersInLists = parser.isSet(QStringLiteral("omit-members"));
    emulatorOptions.patchNoContent = parser.isSet(QStringLiteral("patch-no-content"));
    emulatorOptions.throttleEvery = intOption(parser, QStringLiteral("throttle-every"), 0, 0, kMax);
    emulatorOptions.retryAfter = retryAfterOption(parser, QStringLiteral("retry-after"), emulatorOptions.retryAfter);
    emulatorOptions.limitExceededEvery = intOption(parser, QStringLiteral("limit-exceeded-every"), 0, 0, kMax);
    emulatorOptions.unavailableEvery = intOption(parser, QStringLiteral("unavailable-every"), 0, 0, kMax);
    emulatorOptions.malformedEvery = intOption(parser, QStringLiteral("malformed-every"), 0, 0, kMax);
    emulatorOptions.dropConnectionEvery = intOption(parser, QStringLiteral("drop-connection-every"), 0, 0, kMax);
    emulatorOptions.dropAfterApplyEvery = intOption(parser, QStringLiteral("drop-after-apply-every"), 0, 0, kMax);
    emulatorOptions.dropAfterApplyTimes = intOption(parser, QStringLiteral("drop-after-apply-times"), 0, 0, kMax);
    for (const FaultInfo& info : allFaults()) {
        if (parser.isSet(QStringLiteral("fault-") + QLatin1String(info.name)))
            emulatorOptions.faults.append(info.fault);
    }
    emulatorOptions.faultFrom = intOption(parser, QStringLiteral("fault-from"), 4, 1, kMax);
    if (parser.isSet(QStringLiteral("fault-patch-only")))
        emulatorOptions.faultTarget = FaultTarget::Patch;
    emulatorOptions.slowBodyMs = intOption(parser, QStringLiteral("fault-slow-body-ms"), 120000, 0, 3600000);
    emulatorOptions.failPath = parser.value(QStringLiteral("fail-path"));
    emulatorOptions.failEchoesHeaders = parser.isSet(QStringLiteral("fail-echoes-headers"));
    emulatorOptions.failStatus = intOption(parser, QStringLiteral("fail-status"), 500, 200, 599);
    if (!EmulatorServer::isSupportedStatus(emulatorOptions.failStatus))
        usageError(QStringLiteral("invalid value for --fail-status: %1 (use a common status such as 400, 403, "
                                  "404, 409, 429, 500, 502, 503 or 504)")
                       .arg(emulatorOptions.failStatus));
    emulatorOptions.latencyMs = intOption(parser, QStringLiteral("latency-ms"), 0, 0, 600000);
    emulatorOptions.maxConcurrent = intOption(parser, QStringLiteral("max-concurrent"), 4, 0, kMax);

    bool oktaTokenChosen = false;
    bool entraSecretChosen = false;
    emulatorOptions.oktaToken = credentialOption(parser, QStringLiteral("okta-token"), "SCIMITAR_EMULATOR_OKTA_TOKEN",
                                                 EmulatorOptions::kDemoOktaToken, &oktaTokenChosen);
    emulatorOptions.oktaRateLimit = intOption(parser, QStringLiteral("okta-rate-limit"), 600, 0, kMax);
    emulatorOptions.oktaMergedLinkHeaders = parser.isSet(QStringLiteral("okta-merged-link-headers"));
    emulatorOptions.oktaThrottleEvery = intOption(parser, QStringLiteral("okta-throttle-every"), 0, 0, kMax);
    emulatorOptions.oktaThrottleResetSeconds = intOption(parser, QStringLiteral("okta-throttle-reset"), 1, 0, 86400);
    emulatorOptions.oktaOmitDeprovisionedMembers = parser.isSet(QStringLiteral("okta-omit-deprovisioned-members"));
    emulatorOptions.entraTenant = parser.value(QStringLiteral("entra-tenant"));
    if (parser.isSet(QStringLiteral("entra-client-id")))
        emulatorOptions.entraClientId = parser.value(QStringLiteral("entra-client-id"));
    if (emulatorOptions.entraClientId.isEmpty())
        usageError(QStringLiteral("invalid value for --entra-client-id: it must not be empty"));
    emulatorOptions.entraClientSecret =
        credentialOption(parser, QStringLiteral("entra-client-secret"), "SCIMITAR_EMULATOR_ENTRA_CLIENT_SECRET",
                         EmulatorOptions::kDemoEntraClientSecret, &entraSecretChosen);
    emulatorOptions.entraTokenLifetimeSeconds =
        intOption(parser, QStringLiteral("entra-token-lifetime"), 3599, 0, 86400);
    emulatorOptions.graphThrottleEvery = intOption(parser, QStringLiteral("graph-throttle-every"), 0, 0, kMax);
    emulatorOptions.graphRetryAfter =
        retryAfterOption(parser, QStringLiteral("graph-retry-after"), emulatorOptions.graphRetryAfter);
    emulatorOptions.graphRequireConsistencyLevel = parser.isSet(QStringLiteral("graph-require-consistency-level"));

    std::optional<Dataset> dataset;
    if (parser.isSet(QStringLiteral("dataset"))) {
        for (const char* generatorFlag : {"users", "groups", "seed"}) {
            if (parser.isSet(QLatin1String(generatorFlag)))
                usageError(QStringLiteral("--dataset cannot be combined with --%1").arg(QLatin1String(generatorFlag)));
        }
        QString error;
        dataset = Dataset::load(parser.value(QStringLiteral("dataset")), &error);
        if (!dataset)
            usageError(error);
    } else {
        const int users = intOption(parser, QStringLiteral("users"), 200, 0, 1000000);
        const int groups = intOption(parser, QStringLiteral("groups"), 40, 0, 500000);
        const int seed = intOption(parser, QStringLiteral("seed"), 1, 0, 2147483647);
        dataset = Dataset::generate(users, groups, quint32(seed));
    }
    if (parser.isSet(QStringLiteral("save-dataset"))) {
        QString error;
        if (!dataset->save(parser.value(QStringLiteral("save-dataset")), &error))
            usageError(error);
    }

    EmulatorServer server(*dataset, emulatorOptions);
    QString listenError;
    const quint16 chosenPort = server.listenLocal(quint16(port), &listenError);
    if (chosenPort == 0) {
        std::fprintf(stderr, "scimitar-emulator: %s\n", qPrintable(listenError));
        return 1;
    }
    std::fprintf(stdout, "%u\n", unsigned(chosenPort));
    std::fflush(stdout);

    // Only the public demo credentials are ever echoed; chosen ones are not.
    const bool tokenChosen = parser.isSet(QStringLiteral("token")) || !envToken.isEmpty();
    auto shown = [](bool chosen, const QString& value) {
        return chosen ? QStringLiteral("(as configured, not shown)") : value + QStringLiteral(" (demo)");
    };
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(chosenPort);
    const QString text =
        QStringLiteral("scimitar-emulator listening on %1\n"
                       "  workspace SCIM: %1/api/2.0/preview/scim/v2/\n"
                       "  account SCIM:   %1/api/2.0/accounts/<account-id>/scim/v2/\n"
                       "  token: %2\n"
                       "  %3 users, %4 groups, %5 service principals; /Me is %6\n"
                       "  Okta:           %1/api/v1/  (token %7, as SSWS or Bearer)\n"
                       "  Entra token:    %1/%8/oauth2/v2.0/token  (client_id %9, client_secret %10)\n"
                       "  Graph:          %1/v1.0/\n"
                       "  IdP: %11 users, %12 groups\n")
            .arg(base, shown(tokenChosen, emulatorOptions.token))
            .arg(dataset->count(ResourceKind::User))
            .arg(dataset->count(ResourceKind::Group))
            .arg(dataset->count(ResourceKind::ServicePrincipal))
            .arg(dataset->me().isEmpty() ? QStringLiteral("unset") : dataset->me(),
                 shown(oktaTokenChosen, emulatorOptions.oktaToken),
                 emulatorOptions.entraTenant.isEmpty() ? QStringLiteral("<any-tenant>") : emulatorOptions.entraTenant,
                 emulatorOptions.entraClientId, shown(entraSecretChosen, emulatorOptions.entraClientSecret))
            .arg(dataset->idp().users().size())
            .arg(dataset->idp().groups().size());
    std::fputs(qPrintable(text), stderr);

    if (parser.isSet(QStringLiteral("log-requests"))) {
        // The server keeps a request log; print its new entries periodically rather than adding
        // a logging hook to the request path.
        auto* timer = new QTimer(&app);
        auto printedUpTo = std::make_shared<qint64>(0); // value of totalRequests already printed
        QObject::connect(timer, &QTimer::timeout, &server, [&server, printedUpTo] {
            const EmulatorStats stats = server.stats();
            // The log keeps only the most recent entries, so count new ones from totalRequests.
            const qsizetype fresh =
                qsizetype(std::min<qint64>(stats.requests.size(), stats.totalRequests - *printedUpTo));
            for (qsizetype i = stats.requests.size() - fresh; i < stats.requests.size(); ++i) {
                const auto& entry = stats.requests.at(i);
                std::fprintf(stderr, "%d %s %s\n", entry.status, qPrintable(entry.method),
                             qPrintable(entry.pathAndQuery));
            }
            *printedUpTo = stats.totalRequests;
        });
        timer->start(200);
    }
    return app.exec();
}
