#pragma once

// The strategic merge patch engine behind ApplyStrategicMergePatch, split over
// strategic_merge.cc (objects and directives) and strategic_list.cc (lists and their
// order). It follows k8s.io/apimachinery/pkg/util/strategicpatch, server side.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/patch/json_util.h"
#include "common/patch/schema.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

// Upstream's error texts (k8s.io/apimachinery/pkg/util/mergepatch).
inline constexpr char kBadPrimitiveList[] = "invalid patch format of primitive list";
inline constexpr char kBadRetainKeys[] = "invalid patch format of retainKeys";
inline constexpr char kBadSetElementOrder[] =
    "invalid patch format of setElementOrder list";
absl::Status NoMergeKeyError(const rapidjson::Value& map, std::string_view key);
absl::Status BadArgTypeError(std::string_view expected, const rapidjson::Value& actual);
absl::Status BadPatchTypeError(const rapidjson::Value& directive, const rapidjson::Value& map);
absl::Status UnknownFieldError(const ValueType& type, std::string_view key);

class StrategicMerger {
 public:
  explicit StrategicMerger(Allocator& allocator) : allocator_(allocator) {}

  // Merges the object `patch` into `original` (an object of `type`).
  absl::Status MergeMap(rapidjson::Value& original, const rapidjson::Value& patch,
                        const ValueType& type, int depth);

  // The value `patch` creates where `field` had none: directives applied, nulls
  // dropped (upstream stores the raw patch there; the result decodes the same).
  absl::StatusOr<rapidjson::Value> Fresh(const rapidjson::Value& patch, const FieldType& field,
                                         int depth);

  // Merges the array `patch` into the array `original` of a list with merge strategy.
  // `delete_list`: `patch` is a $deleteFromPrimitiveList list.
  absl::Status MergeList(rapidjson::Value& original, const rapidjson::Value& patch,
                         const FieldType& field, bool delete_list, int depth);

  // Handles every "$setElementOrder/<list>" of `patch` (with the list it orders) and
  // appends the names of the lists it merged to `handled`.
  absl::Status ApplySetElementOrders(rapidjson::Value& original, const rapidjson::Value& patch,
                                     const ValueType& type, std::vector<std::string>& handled,
                                     int depth);

 private:
  absl::Status MergeMembers(rapidjson::Value& original, const rapidjson::Value& patch,
                            const ValueType& type, int depth);
  absl::Status MergeMember(rapidjson::Value& original, std::string_view key,
                           const rapidjson::Value& value, const ValueType& type, int depth);

  Allocator& allocator_;
};

// "$setElementOrder/containers" -> "containers"; errors name the directive's format.
absl::StatusOr<std::string_view> ExtractListKey(std::string_view key, std::string_view prefix);

inline constexpr std::string_view kDirective = "$patch";
inline constexpr std::string_view kRetainKeys = "$retainKeys";
inline constexpr std::string_view kSetElementOrder = "$setElementOrder";
inline constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList";

}  // namespace kube::patch::internal
