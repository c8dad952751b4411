#include "common/patch/apply.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "common/codec/json_text.h"
#include "common/codec/yaml.h"
#include "common/patch/apply_merge.h"
#include "common/patch/field_set.h"
#include "common/patch/json_util.h"
#include "common/patch/managed_fields.h"
#include "common/patch/schema.h"
#include "common/patch/typed_walk.h"
#include "common/util/strings.h"

namespace kube::patch {
namespace {

using internal::FieldSet;
using internal::ManagerEntry;

// "apps/v1, Kind=Deployment" or "/v1, Kind=Pod", as upstream prints a GVK.
std::string Gvk(std::string_view api_version, const google::protobuf::Descriptor* type) {
  const std::string_view group = api_version.find('/') == std::string_view::npos ? "/" : "";
  return StrCat(group, api_version, ", Kind=", type->name());
}

absl::Status CheckInput(const rapidjson::Value& value, std::string_view what) {
  if (!value.IsObject()) return absl::InvalidArgumentError(StrCat(what, " must be a JSON object"));
  if (!codec::WithinDepth(value, internal::kMaxDepth)) {
    return absl::InvalidArgumentError(
        StrCat(what, " nests deeper than ", internal::kMaxDepth, " levels"));
  }
  return absl::OkStatus();
}

// The entries of `object`, or none if they are malformed (as upstream, which then
// starts over rather than failing the write).
std::vector<ManagerEntry> EntriesOrNone(const rapidjson::Value& object) {
  absl::StatusOr<std::vector<ManagerEntry>> entries = internal::ReadManagedFields(object);
  return entries.ok() ? std::move(*entries) : std::vector<ManagerEntry>();
}

internal::Comparison Diff(const rapidjson::Value& before, const rapidjson::Value& after,
                          const google::protobuf::Descriptor* type) {
  internal::Comparison diff = internal::Compare(before, after, internal::RootType(type));
  internal::StripUntracked(diff.added);
  internal::StripUntracked(diff.modified);
  internal::StripUntracked(diff.removed);
  return diff;
}

absl::Status ConflictError(const std::vector<std::pair<const ManagerEntry*, FieldSet>>& conflicts) {
  std::map<std::string, std::vector<std::string>> by_manager;
  size_t total = 0;
  for (const auto& [entry, set] : conflicts) {
    std::vector<std::string>& paths = by_manager[entry->Describe()];
    set.ForEach([&](const internal::FieldPath& path) {
      paths.push_back(internal::PathString(path));
      ++total;
    });
  }
  if (total == 1) {
    const auto& [manager, paths] = *by_manager.begin();
    return absl::FailedPreconditionError(
        StrCat("Apply failed with 1 conflict: conflict with ", manager, ": ", paths[0]));
  }
  std::vector<std::string> lines;
  for (const auto& [manager, paths] : by_manager) {
    lines.push_back(StrCat("conflicts with ", manager, ":"));
    for (const std::string& path : paths) lines.push_back(StrCat("- ", path));
  }
  return absl::FailedPreconditionError(
      StrCat("Apply failed with ", total, " conflicts: ", StrJoin(lines, "\n")));
}

void DropEmpty(std::vector<ManagerEntry>& entries) {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [](const ManagerEntry& e) { return e.fields.Empty(); }),
                entries.end());
}

}  // namespace

absl::StatusOr<rapidjson::Document> ParseApplyBody(std::string_view body) {
  absl::StatusOr<std::vector<std::string>> documents = codec::YamlToJson(body);
  if (!documents.ok()) return documents.status();
  if (documents->size() != 1) {
    return absl::InvalidArgumentError(
        StrCat("an apply patch must hold exactly one object, got ", documents->size()));
  }
  rapidjson::Document out;
  if (absl::Status status = codec::ParseJson(documents->front(), out); !status.ok()) return status;
  if (!out.IsObject()) return absl::InvalidArgumentError("an apply patch must be an object");
  return out;
}

absl::StatusOr<ApplyResult> ServerSideApply(const rapidjson::Value* live,
                                            const rapidjson::Value& applied,
                                            const std::string& manager, bool force,
                                            const google::protobuf::Descriptor* type,
                                            std::string_view api_version,
                                            std::string_view now_rfc3339) {
  if (type == nullptr) return absl::InvalidArgumentError("server-side apply needs a schema");
  if (manager.empty()) {
    return absl::InvalidArgumentError("fieldManager: Required value: is required for apply requests");
  }
  if (absl::Status status = CheckInput(applied, "the applied configuration"); !status.ok()) {
    return status;
  }
  if (live != nullptr) {
    if (absl::Status status = CheckInput(*live, "the live object"); !status.ok()) return status;
  }
  if (const rapidjson::Value* metadata = internal::FindMember(applied, "metadata");
      metadata != nullptr && metadata->IsObject()) {
    const rapidjson::Value* managed = internal::FindMember(*metadata, "managedFields");
    if (managed != nullptr && !managed->IsNull()) {
      return absl::InvalidArgumentError("metadata.managedFields must be nil");
    }
  }
  const internal::ValueType root = internal::RootType(type);
  absl::StatusOr<FieldSet> applied_set = internal::ConfigFieldSet(applied, root);
  if (!applied_set.ok()) {
    return absl::InvalidArgumentError(StrCat("failed to create typed patch object (",
                                             Gvk(api_version, type), "): ",
                                             applied_set.status().message()));
  }
  // Upstream strips the untracked fields only when storing the set: while pruning, the
  // applier still owns metadata.name and the like, which keeps metadata itself alive.
  const FieldSet applied_full = *applied_set;
  internal::StripUntracked(*applied_set);

  static const rapidjson::Value kNothing(rapidjson::kObjectType);
  const rapidjson::Value& before = live != nullptr ? *live : kNothing;
  std::vector<ManagerEntry> entries = live != nullptr ? EntriesOrNone(*live) : std::vector<ManagerEntry>();
  // An object nobody tracked yet (written before fields were tracked): what it holds
  // belongs to "before-first-apply", so the first apply conflicts where it changes
  // a value, as upstream. Status is the status writers', never the main resource's.
  if (live != nullptr && entries.empty()) {
    // As an update from nothing to the live object.
    static const rapidjson::Value kEmpty(rapidjson::kObjectType);
    FieldSet existing = Diff(kEmpty, *live, type).added;
    internal::StripUntracked(existing);
    existing.Remove({"f:status"});
    if (!existing.Empty()) {
      entries.push_back(ManagerEntry{"before-first-apply", internal::kUpdate,
                                     std::string(api_version), "", "", std::move(existing)});
    }
  }

  ApplyResult result;
  rapidjson::Document& merged = result.object;
  static_cast<rapidjson::Value&>(merged) =
      internal::MergeForApply(live, applied, root, merged.GetAllocator());

  auto self = std::find_if(entries.begin(), entries.end(),
                           [&](const ManagerEntry& e) { return e.Is(manager, internal::kApply, ""); });
  const bool existed = self != entries.end();
  if (!existed) {
    entries.push_back(ManagerEntry{manager, internal::kApply, std::string(api_version), "", "", {}});
    self = entries.end() - 1;
  }
  const FieldSet last = std::move(self->fields);
  self->fields = *applied_set;
  self->api_version = std::string(api_version);

  // Fields applied last time and no more go, unless someone (this applier included)
  // still owns them.
  if (!last.Empty()) {
    FieldSet owned = applied_full;
    for (const ManagerEntry& entry : entries) owned = FieldSet::Union(owned, entry.fields);
    internal::RemoveItems(merged,
                          FieldSet::Difference(last.WithNamedFieldsAsMembers(),
                                               owned.WithNamedFieldsAsMembers()),
                          root);
  }

  const internal::Comparison diff = Diff(before, merged, type);
  const FieldSet changed = FieldSet::Union(diff.added, diff.modified);
  std::vector<std::pair<const ManagerEntry*, FieldSet>> conflicts;
  for (const ManagerEntry& entry : entries) {
    if (&entry == &*self) continue;
    FieldSet overlap = FieldSet::Intersection(entry.fields, changed);
    if (!overlap.Empty()) conflicts.emplace_back(&entry, std::move(overlap));
  }
  if (!conflicts.empty() && !force) return ConflictError(conflicts);
  for (auto& [entry, overlap] : conflicts) {
    auto& owner = const_cast<ManagerEntry&>(*entry);
    owner.fields = FieldSet::Difference(owner.fields, overlap);
  }
  for (ManagerEntry& entry : entries) {
    if (&entry != &*self) entry.fields = FieldSet::Difference(entry.fields, diff.removed);
  }
  if (!existed || !(self->fields == last) || !diff.Empty()) self->time = std::string(now_rfc3339);

  DropEmpty(entries);
  internal::CapUpdaters(entries);
  internal::WriteManagedFields(merged, std::move(entries), merged.GetAllocator());
  return result;
}

absl::Status TrackUpdate(rapidjson::Document& object, const rapidjson::Value* old_object,
                         const std::string& manager, const google::protobuf::Descriptor* type,
                         std::string_view api_version, std::string_view now_rfc3339,
                         std::string_view subresource) {
  if (type == nullptr) return absl::InvalidArgumentError("field tracking needs a schema");
  if (absl::Status status = CheckInput(object, "the object"); !status.ok()) return status;
  if (old_object != nullptr) {
    if (absl::Status status = CheckInput(*old_object, "the old object"); !status.ok()) return status;
  }
  const std::string name = manager.empty() ? "unknown" : manager;

  // managedFields written by the client win when well formed; [{}] resets them.
  std::vector<ManagerEntry> entries;
  if (const rapidjson::Value* metadata = internal::FindMember(object, "metadata");
      metadata != nullptr && metadata->IsObject()) {
    const rapidjson::Value* sent = internal::FindMember(*metadata, "managedFields");
    if (sent != nullptr && sent->IsArray() && sent->Size() == 1 && (*sent)[0].IsObject() &&
        (*sent)[0].ObjectEmpty()) {
      internal::WriteManagedFields(object, {}, object.GetAllocator());
      return absl::OkStatus();
    }
    entries = EntriesOrNone(object);
  }
  if (entries.empty() && old_object != nullptr) entries = EntriesOrNone(*old_object);

  static const rapidjson::Value kNothing(rapidjson::kObjectType);
  const internal::Comparison diff =
      Diff(old_object != nullptr ? *old_object : kNothing, object, type);
  const FieldSet changed = FieldSet::Union(diff.added, diff.modified);

  auto self = std::find_if(entries.begin(), entries.end(), [&](const ManagerEntry& e) {
    return e.Is(name, internal::kUpdate, api_version, subresource);
  });
  const bool existed = self != entries.end();
  if (!existed) {
    entries.push_back(ManagerEntry{name, internal::kUpdate, std::string(api_version), "",
                                   std::string(subresource), {}});
    self = entries.end() - 1;
  }
  for (ManagerEntry& entry : entries) {
    if (&entry == &*self) continue;
    entry.fields = FieldSet::Difference(FieldSet::Difference(entry.fields, changed), diff.removed);
  }
  FieldSet mine = FieldSet::Difference(FieldSet::Union(self->fields, changed), diff.removed);
  if (!existed || !(mine == self->fields)) self->time = std::string(now_rfc3339);
  self->fields = std::move(mine);

  DropEmpty(entries);
  internal::CapUpdaters(entries);
  internal::WriteManagedFields(object, std::move(entries), object.GetAllocator());
  return absl::OkStatus();
}

}  // namespace kube::patch
