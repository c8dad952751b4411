#pragma once

// metadata.managedFields as server-side apply keeps it: one entry per manager, each
// with the set of fields it owns.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/patch/field_set.h"
#include "common/patch/json_util.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

inline constexpr char kApply[] = "Apply";
inline constexpr char kUpdate[] = "Update";

struct ManagerEntry {
  std::string manager;
  std::string operation;  // kApply or kUpdate
  std::string api_version;
  std::string time;  // RFC 3339, "" if unknown
  std::string subresource;
  FieldSet fields;

  // Upstream identifies a manager by name, operation and subresource, and an updater
  // also by API version.
  bool Is(std::string_view name, std::string_view op, std::string_view version,
          std::string_view sub = "") const {
    return manager == name && operation == op && subresource == sub &&
           (op == kApply || api_version == version);
  }
  // upstream's printManager: "\"kubectl\"" or "\"kubectl-edit\" using v1".
  std::string Describe() const;
};

// The entries of `object`'s metadata.managedFields; none if it has none. Malformed
// entries (not FieldsV1, bad paths) are an error.
absl::StatusOr<std::vector<ManagerEntry>> ReadManagedFields(const rapidjson::Value& object);

// Merges the oldest updaters into "ancient-changes" entries beyond `max_updaters`, as
// upstream does, so the list stays bounded.
void CapUpdaters(std::vector<ManagerEntry>& entries, size_t max_updaters = 10);

// Writes `entries` in upstream's order (operation, time, manager, version) to
// `object`'s metadata.managedFields; removes it if there are none.
void WriteManagedFields(rapidjson::Value& object, std::vector<ManagerEntry> entries,
                        Allocator& allocator);

}  // namespace kube::patch::internal
