#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace scimitar::emulator {

// The faults of the reliability matrix (docs/reliability.md): each a way a real network, proxy or server breaks an
// answer. Each has its own command-line flag (--fault-<name>) and strikes authenticated SCIM requests from the
// `faultFrom`th on, every one after it too, so a client's retries and re-reads meet it again (what a revoked token,
// a broken proxy or a failing gateway does).
enum class Fault
{
    ResetMidBody,  // status and headers, half the body, then a reset connection
    TruncatedJson, // 200 with the JSON cut off half way
    Html200,       // 200 with an HTML sign-in page (a proxy in front of Databricks); the request goes no further
    Html502,       // 502 with a gateway's HTML page; the request goes no further
    Html504,       // 504 with a gateway's HTML page; the request goes no further
    SlowBody,      // status, headers and a few bytes, then the rest only after slowBodyMs
    HugeReply,     // a chunked body of hugeReplyBytes that never stops being sent on time
    DuplicateIds,  // pages after the first start two positions early: ids repeat across pages
    TotalChanges,  // totalResults grows by one on every page
    RetryAfterDay, // 429 with Retry-After: 86400
    Unauthorized,  // 401: the token was revoked mid-listing
    PatchNoReply,  // PATCH only: carried out, then no answer at all
    PatchLost,     // PATCH only: not carried out, and no answer at all
};

enum class FaultTarget
{
    Any,   // every authenticated SCIM request
    Patch, // PATCH requests only (to put the fault on the write itself)
};

struct FaultInfo
{
    Fault fault;
    const char* name; // the flag is --fault-<name>; docs/reliability.md names rows by it
    const char* description;
};

// Every fault, in the order of docs/reliability.md.
const QList<FaultInfo>& allFaults();
std::optional<Fault> faultFromName(const QString& name);
QString faultName(Fault fault);

} // namespace scimitar::emulator
