#include "common/jsonpath/field_path.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/jsonpath/go_format.h"

namespace kube::jsonpath {
namespace {

// Characters that make a path more than keys and dots.
constexpr std::string_view kNotSimple = "[]*?@${}()\\'\" \t,";

absl::Status NotSimple(std::string_view path, std::string_view reason) {
  return absl::InvalidArgumentError(
      "\"" + std::string(path) +
      "\" is not a simple field path like .spec.replicas: " + std::string(reason));
}

// upstream's jsonPath(fields): ".a.b".
std::string JoinedPath(const std::vector<std::string>& fields, size_t count) {
  return absl::StrCat(
      ".", absl::StrJoin(fields.begin(), fields.begin() + static_cast<ptrdiff_t>(count), "."));
}

rapidjson::Value::MemberIterator FindMember(rapidjson::Value& object, const std::string& key) {
  return object.FindMember(rapidjson::StringRef(key.data(), key.size()));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> SplitFieldPath(std::string_view path) {
  if (path.empty() || path.front() != '.') return NotSimple(path, "it must start with .");
  std::vector<std::string> fields = absl::StrSplit(std::string(path.substr(1)), '.');
  for (const std::string& field : fields) {
    if (field.empty()) return NotSimple(path, "it has an empty field name");
    if (size_t bad = field.find_first_of(kNotSimple); bad != std::string::npos) {
      return NotSimple(path, absl::StrCat("\"", field, "\" has '", field.substr(bad, 1), "'"));
    }
  }
  return fields;
}

absl::StatusOr<const rapidjson::Value*> GetField(const rapidjson::Value& object,
                                                 std::string_view path) {
  absl::StatusOr<std::vector<std::string>> fields = SplitFieldPath(path);
  if (!fields.ok()) return fields.status();
  const rapidjson::Value* value = &object;
  for (size_t i = 0; i < fields->size(); ++i) {
    if (value->IsNull()) return nullptr;
    if (!value->IsObject()) {
      return absl::InvalidArgumentError(absl::StrCat(
          JoinedPath(*fields, i + 1), " accessor error: ", GoValueText(*value), " is of the type ",
          GoTypeName(*value), ", expected map[string]interface{}"));
    }
    const std::string& key = (*fields)[i];
    auto member = value->FindMember(rapidjson::StringRef(key.data(), key.size()));
    if (member == value->MemberEnd()) return nullptr;
    value = &member->value;
  }
  return value;
}

absl::Status SetField(rapidjson::Value& object, std::string_view path, rapidjson::Value value,
                      rapidjson::Value::AllocatorType& allocator) {
  absl::StatusOr<std::vector<std::string>> fields = SplitFieldPath(path);
  if (!fields.ok()) return fields.status();
  if (!object.IsObject()) {
    return absl::InvalidArgumentError("value cannot be set because the object is not a map");
  }
  // Check the way first so that a failure leaves the object as it was.
  const rapidjson::Value* existing = &object;
  for (size_t i = 0; i + 1 < fields->size(); ++i) {
    auto member =
        existing->FindMember(rapidjson::StringRef((*fields)[i].data(), (*fields)[i].size()));
    if (member == existing->MemberEnd() || member->value.IsNull()) break;
    if (!member->value.IsObject()) {
      return absl::InvalidArgumentError(absl::StrCat("value cannot be set because ",
                                                     JoinedPath(*fields, i + 1),
                                                     " is not a map[string]interface{}"));
    }
    existing = &member->value;
  }
  rapidjson::Value* current = &object;
  for (size_t i = 0; i < fields->size(); ++i) {
    const std::string& key = (*fields)[i];
    const bool last = i + 1 == fields->size();
    auto member = FindMember(*current, key);
    if (member == current->MemberEnd()) {
      current->AddMember(
          rapidjson::Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator),
          last ? std::move(value) : rapidjson::Value(rapidjson::kObjectType), allocator);
      member = FindMember(*current, key);
    } else if (last) {
      member->value = std::move(value);
    } else if (member->value.IsNull()) {
      member->value.SetObject();
    }
    current = &member->value;
  }
  return absl::OkStatus();
}

}  // namespace kube::jsonpath
