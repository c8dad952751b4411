#include "common/patch/strategic_merge.h"

#include <algorithm>
#include <utility>

#include "common/codec/json_text.h"
#include "common/patch/patch.h"
#include "common/util/strings.h"

namespace kube::patch {
namespace internal {
namespace {

absl::Status TooDeep() {
  return absl::InvalidArgumentError(
      StrCat("patch nests deeper than ", kMaxDepth, " levels"));
}

bool IsOrderingKey(std::string_view key) {
  return key.starts_with(kSetElementOrder) ||
         key.starts_with(kDeleteFromPrimitiveList);
}

}  // namespace

absl::Status NoMergeKeyError(const rapidjson::Value& map, std::string_view key) {
  return absl::InvalidArgumentError(
      StrCat("map: ", GoFormat(map), " does not contain declared merge key: ", key));
}

absl::Status BadArgTypeError(std::string_view expected, const rapidjson::Value& actual) {
  return absl::InvalidArgumentError(
      StrCat("expected a ", expected, ", but received a ", GoKind(actual)));
}

absl::Status BadPatchTypeError(const rapidjson::Value& directive, const rapidjson::Value& map) {
  return absl::InvalidArgumentError(
      StrCat("unknown patch type: ", GoFormat(directive), " in map: ", GoFormat(map)));
}

absl::Status UnknownFieldError(const ValueType& type, std::string_view key) {
  return absl::InvalidArgumentError(StrCat("unable to find api field in struct ", TypeName(type),
                                           " for the json field ", GoQuote(key)));
}

absl::StatusOr<std::string_view> ExtractListKey(std::string_view key, std::string_view prefix) {
  const size_t slash = key.find('/');
  if (slash == std::string_view::npos || key.substr(0, slash) != prefix) {
    if (prefix == kDeleteFromPrimitiveList) return absl::InvalidArgumentError(kBadPrimitiveList);
    return absl::InvalidArgumentError(kBadSetElementOrder);
  }
  return key.substr(slash + 1);
}

absl::Status StrategicMerger::MergeMap(rapidjson::Value& original, const rapidjson::Value& patch,
                                       const ValueType& type, int depth) {
  if (depth > kMaxDepth) return TooDeep();
  if (!original.IsObject()) original.SetObject();
  if (const rapidjson::Value* directive = FindMember(patch, kDirective)) {
    const std::string_view name = directive->IsString() ? View(*directive) : "";
    if (name == "replace") {
      // The patch, minus the directive, is the whole new map.
      original.SetObject();
    } else if (name == "delete") {
      original.SetObject();
      return absl::OkStatus();
    } else if (name != "merge") {  // upstream refuses "merge" here; it is the default anyway
      return BadPatchTypeError(*directive, patch);
    }
  }
  return MergeMembers(original, patch, type, depth);
}

absl::Status StrategicMerger::MergeMembers(rapidjson::Value& original,
                                           const rapidjson::Value& patch, const ValueType& type,
                                           int depth) {
  // $retainKeys: keys of the original not listed go; every key set by the patch must
  // be listed.
  if (const rapidjson::Value* retain = FindMember(patch, kRetainKeys)) {
    if (!retain->IsArray()) return absl::InvalidArgumentError(kBadRetainKeys);
    auto listed = [retain](std::string_view key) {
      for (const auto& entry : retain->GetArray()) {
        if (entry.IsString() && View(entry) == key) return true;
      }
      return false;
    };
    for (const auto& member : patch.GetObject()) {
      const std::string_view key = View(member.name);
      if (member.value.IsNull() || key == kRetainKeys || key == kDirective ||
          IsOrderingKey(key)) {
        continue;
      }
      if (!listed(key)) return absl::InvalidArgumentError(kBadRetainKeys);
    }
    for (auto it = original.MemberBegin(); it != original.MemberEnd();) {
      if (listed(View(it->name))) {
        ++it;
      } else {
        it = original.EraseMember(it);
      }
    }
  }

  std::vector<std::string> handled;
  if (absl::Status status = ApplySetElementOrders(original, patch, type, handled, depth);
      !status.ok()) {
    return status;
  }

  for (const auto& member : patch.GetObject()) {
    const std::string_view key = View(member.name);
    if (key == kDirective || key == kRetainKeys || key.starts_with(kSetElementOrder)) {
      continue;
    }
    if (std::find(handled.begin(), handled.end(), key) != handled.end()) continue;
    if (absl::Status status = MergeMember(original, key, member.value, type, depth);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status StrategicMerger::MergeMember(rapidjson::Value& original, std::string_view key,
                                          const rapidjson::Value& value, const ValueType& type,
                                          int depth) {
  bool delete_list = false;
  if (key.starts_with(kDeleteFromPrimitiveList)) {
    absl::StatusOr<std::string_view> list_key = ExtractListKey(key, kDeleteFromPrimitiveList);
    if (!list_key.ok()) return list_key.status();
    key = *list_key;
    delete_list = true;
  }
  if (value.IsNull()) {
    RemoveMember(original, key);
    return absl::OkStatus();
  }
  const FieldType field = LookupField(type, key);
  rapidjson::Value* current = FindMember(original, key);
  if (current == nullptr || std::string_view(GoKind(*current)) != GoKind(value)) {
    // Nothing to merge with: the patch's value is taken. (Upstream would also turn a
    // deletion list for a missing list into the list itself; it is dropped here.)
    if (delete_list && current == nullptr) return absl::OkStatus();
    absl::StatusOr<rapidjson::Value> fresh = Fresh(value, field, depth + 1);
    if (!fresh.ok()) return fresh.status();
    SetMember(original, key, std::move(*fresh), allocator_);
    return absl::OkStatus();
  }
  if (!field.known) return UnknownFieldError(type, key);
  if (current->IsObject()) {
    if (field.replace) {
      absl::StatusOr<rapidjson::Value> fresh = Fresh(value, field, depth + 1);
      if (!fresh.ok()) return fresh.status();
      *current = std::move(*fresh);
      return absl::OkStatus();
    }
    return MergeMap(*current, value, field.list ? ValueType{} : field.value, depth + 1);
  }
  if (current->IsArray()) {
    if (field.merge) return MergeList(*current, value, field, delete_list, depth + 1);
    absl::StatusOr<rapidjson::Value> fresh = Fresh(value, field, depth + 1);
    if (!fresh.ok()) return fresh.status();
    *current = std::move(*fresh);
    return absl::OkStatus();
  }
  *current = Copy(value, allocator_);
  return absl::OkStatus();
}

absl::StatusOr<rapidjson::Value> StrategicMerger::Fresh(const rapidjson::Value& patch,
                                                        const FieldType& field, int depth) {
  if (depth > kMaxDepth) return TooDeep();
  rapidjson::Value out;
  if (patch.IsObject()) {
    out.SetObject();
    absl::Status status = MergeMap(out, patch, field.list ? ValueType{} : field.value, depth);
    if (!status.ok()) return status;
    return out;
  }
  if (!patch.IsArray()) return Copy(patch, allocator_);
  out.SetArray();
  if (field.list && field.merge) {
    absl::Status status = MergeList(out, patch, field, /*delete_list=*/false, depth);
    if (!status.ok()) return status;
    return out;
  }
  // A replaced list: its elements are taken whole, cleaned of directives and nulls.
  const ValueType element = field.list ? field.value : ValueType{};
  for (const auto& item : patch.GetArray()) {
    if (item.IsObject()) {
      rapidjson::Value copy(rapidjson::kObjectType);
      absl::Status status = MergeMap(copy, item, element, depth + 1);
      if (!status.ok()) return status;
      out.PushBack(copy, allocator_);
    } else {
      out.PushBack(Copy(item, allocator_), allocator_);
    }
  }
  return out;
}

}  // namespace internal

absl::Status ApplyStrategicMergePatch(rapidjson::Document& document,
                                      const rapidjson::Value& patch,
                                      const google::protobuf::Descriptor* type) {
  if (type == nullptr) return absl::InvalidArgumentError("strategic merge patch needs a schema");
  if (patch.IsNull()) return absl::OkStatus();  // Go decodes null as an empty patch
  if (!patch.IsObject()) {
    return absl::InvalidArgumentError(
        StrCat("json: cannot unmarshal ", codec::JsonTypeName(patch),
               " into Go value of type map[string]interface {}"));
  }
  if (!document.IsObject()) return absl::InvalidArgumentError("invalid JSON document");
  if (!codec::WithinDepth(patch, internal::kMaxDepth) ||
      !codec::WithinDepth(document, internal::kMaxDepth)) {
    return absl::InvalidArgumentError(
        StrCat("patch nests deeper than ", internal::kMaxDepth, " levels"));
  }
  rapidjson::Document work;
  work.CopyFrom(document, work.GetAllocator());
  internal::StrategicMerger merger(work.GetAllocator());
  absl::Status status = merger.MergeMap(work, patch, internal::RootType(type), 0);
  if (!status.ok()) return status;
  document.Swap(work);
  return absl::OkStatus();
}

}  // namespace kube::patch
