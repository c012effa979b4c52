#include "EmulatorFault.h"

namespace scimitar::emulator {

const QList<FaultInfo>& allFaults()
{
    static const QList<FaultInfo> kFaults{
        {Fault::ResetMidBody, "reset-mid-body", "Status, headers and half the body, then the connection is reset."},
        {Fault::TruncatedJson, "truncated-json", "200 with a JSON body cut off half way."},
        {Fault::Html200, "html-200", "200 with an HTML sign-in page instead of JSON (a proxy answered)."},
        {Fault::Html502, "html-502", "502 with a gateway's HTML page."},
        {Fault::Html504, "html-504", "504 with a gateway's HTML page."},
        {Fault::SlowBody, "slow-body", "The body trickles: a few bytes, then nothing for --fault-slow-body-ms."},
        {Fault::HugeReply, "huge-reply", "A 64 MB chunked body."},
        {Fault::DuplicateIds, "duplicate-ids", "Pages after the first start two positions early (ids repeat)."},
        {Fault::TotalChanges, "total-changes", "totalResults grows by one on every page."},
        {Fault::RetryAfterDay, "retry-after-day", "429 with Retry-After: 86400."},
        {Fault::Unauthorized, "unauthorized", "401: the token is revoked mid-listing."},
        {Fault::PatchNoReply, "patch-no-reply", "A PATCH is carried out and never answered."},
        {Fault::PatchLost, "patch-lost", "A PATCH is neither carried out nor answered."},
    };
    return kFaults;
}

std::optional<Fault> faultFromName(const QString& name)
{
    for (const FaultInfo& info : allFaults()) {
        if (name == QLatin1String(info.name))
            return info.fault;
    }
    return std::nullopt;
}

QString faultName(Fault fault)
{
    for (const FaultInfo& info : allFaults()) {
        if (info.fault == fault)
            return QLatin1String(info.name);
    }
    return {};
}

} // namespace scimitar::emulator
