#pragma once

// Small RapidJSON helpers shared by the patch engine: member lookup by string_view,
// value equality with Go's decoded-JSON semantics, and Go's %v text for messages.

#include <string>
#include <string_view>

#include "common/codec/json_text.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

using Allocator = rapidjson::Document::AllocatorType;

// Every patch and document is refused beyond the codec's nesting bound, so the
// recursive walks of the patch engine stay shallow.
inline constexpr int kMaxDepth = codec::kMaxNestingDepth;

std::string_view View(const rapidjson::Value& string);
rapidjson::Value MakeString(std::string_view text, Allocator& allocator);

// The first member named `key`, or nullptr. `object` must be an object.
const rapidjson::Value* FindMember(const rapidjson::Value& object, std::string_view key);
rapidjson::Value* FindMember(rapidjson::Value& object, std::string_view key);
// Replaces the value of `key` in place, or appends the member.
void SetMember(rapidjson::Value& object, std::string_view key, rapidjson::Value&& value,
               Allocator& allocator);
// Removes every member named `key`, keeping the order of the others.
bool RemoveMember(rapidjson::Value& object, std::string_view key);

// A deep copy of `value` whose strings live in `allocator`.
rapidjson::Value Copy(const rapidjson::Value& value, Allocator& allocator);

// Equality of decoded JSON as Go's reflect.DeepEqual sees it: numbers compare as
// float64, objects ignore member order.
using codec::JsonEqual;
bool IsScalar(const rapidjson::Value& value);

// Go's fmt "%v" of the decoded value ("map[a:1 b:[x y]]", "<nil>"), for error texts
// that must read like upstream's.
std::string GoFormat(const rapidjson::Value& value);
// Go's %q of a string (a double-quoted literal with escapes).
std::string GoQuote(std::string_view text);
// The reflect.Kind name of the decoded value: map, slice, string, float64, bool, nil.
const char* GoKind(const rapidjson::Value& value);

}  // namespace kube::patch::internal
