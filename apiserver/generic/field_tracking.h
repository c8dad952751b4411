#pragma once

#include <string_view>

#include <google/protobuf/message.h>

#include "absl/status/status.h"

namespace kube::apiserver {

// Upstream's field manager for writes that are not server-side apply: records in
// `object`'s metadata.managedFields that `manager` owns the fields it set, as an
// "Update" entry labelled `api_version` and `subresource` ("status" for /status).
// `old` is the stored object (null on create). As upstream, every create is
// tracked, but an update of an object nobody tracks yet (no managedFields before or
// sent) stays untracked. managedFields the client sent are kept when well formed;
// otherwise (and always through a subresource) the stored ones carry over.
absl::Status TrackFieldManager(const google::protobuf::Message* old,
                               google::protobuf::Message& object, std::string_view manager,
                               std::string_view api_version, std::string_view subresource);

}  // namespace kube::apiserver
