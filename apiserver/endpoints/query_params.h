#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store.h"
#include "common/selectors/field_selector.h"
#include "common/selectors/label_selector.h"

namespace kube::apiserver {

// The query parameter `name`, or "" (kubectl sends each once).
std::string QueryParam(const httplib::Request& request, const char* name);
// A boolean query parameter as upstream reads one (Go's ParseBool: true, True, 1,
// t...); absent or unreadable is false.
bool BoolQueryParam(const httplib::Request& request, const char* name);
// A boolean whose absence means something (sendInitialEvents): nullopt when absent,
// 400 when present but not a boolean.
absl::StatusOr<std::optional<bool>> OptionalBoolQueryParam(const httplib::Request& request,
                                                           const char* name);

// ?labelSelector= and ?fieldSelector=; a malformed one is 400 with the parser's message.
absl::Status ParseSelectors(const httplib::Request& request, selectors::LabelSelector& labels,
                            selectors::FieldSelector& fields);

// ?dryRun=All. Any other value is 400.
absl::Status ValidateDryRun(const httplib::Request& request);
bool DryRun(const httplib::Request& request);
// Who a write's fields are recorded for: ?fieldManager, else the User-Agent's
// product ("kubectl" of "kubectl/v1.32.4 ..."), else "unknown".
std::string FieldManager(const httplib::Request& request);
// What a write passes to the store: ?dryRun, who asks (for admission) and the
// field manager.
WriteOptions RequestWriteOptions(const httplib::Request& request, const RequestInfo& info);

}  // namespace kube::apiserver
