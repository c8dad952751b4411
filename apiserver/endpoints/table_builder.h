#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/time/time.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver {

// What each Table row carries in `object` (the includeObject query parameter).
enum class IncludeObject { kNone, kMetadata, kObject };

struct TableOptions {
  IncludeObject include_object = IncludeObject::kMetadata;
  std::string resource_version;  // the Table's metadata.resourceVersion
  std::string continue_token;    // the Table's metadata.continue
  absl::Time now;                // ages are computed against it
};

// A meta.k8s.io/v1 Table as JSON, with the resource's printer columns and one row
// per object. kubectl reads metadata.resourceVersion to start `get -w` and needs
// the row objects for -A and --show-labels.
std::string BuildTableJson(const ResourceInfo& resource,
                           const std::vector<const google::protobuf::Message*>& objects,
                           const TableOptions& options);

}  // namespace kube::apiserver
