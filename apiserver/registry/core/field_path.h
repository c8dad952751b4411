#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_ptr_field.h>

#include "common/api/field_error.h"

// Small helpers the core strategies share to name fields and render values the
// way upstream's field.Path and field.Error print them, so kubectl shows the same
// text for our 422s as for upstream's.
namespace kube::apiserver::core {

// "spec" + "containers" -> "spec.containers" (field.Path.Child).
std::string Child(std::string_view path, std::string_view name);
// "spec.containers" + 2 -> "spec.containers[2]" (field.Path.Index).
std::string Index(std::string_view path, int index);
// "data" + "a.b" -> "data[a.b]" (field.Path.Key).
std::string Key(std::string_view path, std::string_view key);

// Go's %#v of a map[string]string: map[string]string{"a":"b", "c":"d"}, keys
// sorted; an empty map prints as the nil map, map[string]string(nil).
std::string GoStringMap(const google::protobuf::Map<std::string, std::string>& map);
// Go's %#v of a []string: []string{"a", "b"}; empty prints as []string(nil).
std::string GoStringSlice(const google::protobuf::RepeatedPtrField<std::string>& items);

// A field error whose value is already rendered (GoStringMap, a number, ...).
api::FieldError InvalidRendered(std::string field, std::string rendered_value, std::string detail);
api::FieldError NotSupportedRendered(std::string field, std::string rendered_value,
                                     const std::vector<std::string>& supported);

// Upstream's ValidateNonnegativeField: "must be greater than or equal to 0".
void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors);

// Appends `more` to `errors`.
inline void Append(api::FieldErrors& errors, api::FieldErrors more) {
  errors.insert(errors.end(), std::make_move_iterator(more.begin()),
                std::make_move_iterator(more.end()));
}

inline constexpr std::string_view kNegativeMessage = "must be greater than or equal to 0";
inline constexpr std::string_view kImmutableMessage = "field is immutable";

}  // namespace kube::apiserver::core
