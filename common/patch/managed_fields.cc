#include "common/patch/managed_fields.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "common/util/strings.h"

namespace kube::patch::internal {
namespace {

std::string StringMember(const rapidjson::Value& object, std::string_view key) {
  const rapidjson::Value* value = FindMember(object, key);
  return value != nullptr && value->IsString() ? std::string(View(*value)) : std::string();
}

bool Older(const ManagerEntry& a, const ManagerEntry& b) {
  // RFC 3339 UTC times of one format order as text; unknown times sort first.
  return a.time < b.time;
}

}  // namespace

std::string ManagerEntry::Describe() const {
  std::string out = GoQuote(manager);
  if (!subresource.empty()) StrAppend(&out, " with subresource ", GoQuote(subresource));
  if (operation == kUpdate) StrAppend(&out, " using ", api_version);
  return out;
}

absl::StatusOr<std::vector<ManagerEntry>> ReadManagedFields(const rapidjson::Value& object) {
  std::vector<ManagerEntry> out;
  if (!object.IsObject()) return out;
  const rapidjson::Value* metadata = FindMember(object, "metadata");
  if (metadata == nullptr || !metadata->IsObject()) return out;
  const rapidjson::Value* list = FindMember(*metadata, "managedFields");
  if (list == nullptr || list->IsNull()) return out;
  if (!list->IsArray()) return absl::InvalidArgumentError("metadata.managedFields must be a list");
  for (const auto& item : list->GetArray()) {
    if (!item.IsObject()) return absl::InvalidArgumentError("a managedFields entry must be an object");
    ManagerEntry entry;
    entry.manager = StringMember(item, "manager");
    entry.operation = StringMember(item, "operation");
    entry.api_version = StringMember(item, "apiVersion");
    entry.time = StringMember(item, "time");
    entry.subresource = StringMember(item, "subresource");
    if (entry.operation != kApply && entry.operation != kUpdate) {
      return absl::InvalidArgumentError(
          StrCat("managedFields entry has an unknown operation ", GoQuote(entry.operation)));
    }
    if (StringMember(item, "fieldsType") != "FieldsV1") {
      return absl::InvalidArgumentError("managedFields entries must have fieldsType FieldsV1");
    }
    const rapidjson::Value* fields = FindMember(item, "fieldsV1");
    if (fields != nullptr && !fields->IsNull()) {
      absl::StatusOr<FieldSet> set = FromFieldsV1(*fields);
      if (!set.ok()) return set.status();
      entry.fields = std::move(*set);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

void CapUpdaters(std::vector<ManagerEntry>& entries, size_t max_updaters) {
  auto count = [&entries] {
    return std::count_if(entries.begin(), entries.end(),
                         [](const ManagerEntry& e) { return e.operation == kUpdate; });
  };
  while (static_cast<size_t>(count()) > max_updaters) {
    // The two oldest updaters become one "ancient-changes" entry.
    std::vector<size_t> updaters;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].operation == kUpdate) updaters.push_back(i);
    }
    std::stable_sort(updaters.begin(), updaters.end(),
                     [&](size_t a, size_t b) { return Older(entries[a], entries[b]); });
    ManagerEntry& keep = entries[updaters[1]];
    const ManagerEntry& merged = entries[updaters[0]];
    keep.fields = FieldSet::Union(keep.fields, merged.fields);
    keep.manager = "ancient-changes";
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(updaters[0]));
  }
}

void WriteManagedFields(rapidjson::Value& object, std::vector<ManagerEntry> entries,
                        Allocator& allocator) {
  if (!object.IsObject()) return;
  rapidjson::Value* metadata = FindMember(object, "metadata");
  if (metadata == nullptr || !metadata->IsObject()) {
    if (entries.empty()) return;
    SetMember(object, "metadata", rapidjson::Value(rapidjson::kObjectType), allocator);
    metadata = FindMember(object, "metadata");
  }
  if (entries.empty()) {
    RemoveMember(*metadata, "managedFields");
    return;
  }
  std::stable_sort(entries.begin(), entries.end(), [](const ManagerEntry& a, const ManagerEntry& b) {
    return std::tie(a.operation, a.time, a.manager, a.api_version, a.subresource) <
           std::tie(b.operation, b.time, b.manager, b.api_version, b.subresource);
  });
  rapidjson::Value list(rapidjson::kArrayType);
  for (const ManagerEntry& entry : entries) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("manager", MakeString(entry.manager, allocator), allocator);
    item.AddMember("operation", MakeString(entry.operation, allocator), allocator);
    item.AddMember("apiVersion", MakeString(entry.api_version, allocator), allocator);
    if (!entry.time.empty()) item.AddMember("time", MakeString(entry.time, allocator), allocator);
    item.AddMember("fieldsType", "FieldsV1", allocator);
    item.AddMember("fieldsV1", ToFieldsV1(entry.fields, allocator), allocator);
    if (!entry.subresource.empty()) {
      item.AddMember("subresource", MakeString(entry.subresource, allocator), allocator);
    }
    list.PushBack(item, allocator);
  }
  SetMember(*metadata, "managedFields", std::move(list), allocator);
}

}  // namespace kube::patch::internal
