#pragma once

// A small JSON value for building OpenAPI documents: objects keep their keys sorted
// (as upstream's Go marshalling does), so the output is deterministic.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::apiserver::openapi {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::map<std::string, Json, std::less<>>;

  Json() = default;  // null
  Json(bool value) : value_(value) {}
  Json(int value) : value_(int64_t{value}) {}
  Json(int64_t value) : value_(value) {}
  Json(double value) : value_(value) {}
  Json(const char* value) : value_(std::string(value)) {}
  Json(std::string value) : value_(std::move(value)) {}
  Json(std::string_view value) : value_(std::string(value)) {}
  Json(Array value) : value_(std::move(value)) {}
  Json(Object value) : value_(std::move(value)) {}

  static Json MakeObject() { return Json(Object{}); }
  static Json MakeArray() { return Json(Array{}); }

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_bool() const { return std::holds_alternative<bool>(value_); }
  bool is_int() const { return std::holds_alternative<int64_t>(value_); }
  bool is_double() const { return std::holds_alternative<double>(value_); }
  bool is_string() const { return std::holds_alternative<std::string>(value_); }
  bool is_array() const { return std::holds_alternative<Array>(value_); }
  bool is_object() const { return std::holds_alternative<Object>(value_); }

  // Accessors; each requires the matching type.
  bool as_bool() const { return std::get<bool>(value_); }
  int64_t as_int() const { return std::get<int64_t>(value_); }
  double as_double() const { return std::get<double>(value_); }
  const std::string& as_string() const { return std::get<std::string>(value_); }
  const Array& items() const { return std::get<Array>(value_); }
  Array& items() { return std::get<Array>(value_); }
  const Object& members() const { return std::get<Object>(value_); }
  Object& members() { return std::get<Object>(value_); }

  friend bool operator==(const Json& a, const Json& b) { return a.value_ == b.value_; }

  // Object member, created as null if missing; a null value becomes an object first.
  Json& operator[](std::string_view key);
  // Object member or nullptr (also when this is not an object).
  const Json* Find(std::string_view key) const;
  // Whether the object member `key` is the boolean true (a schema's flags).
  bool IsTrue(std::string_view key) const {
    const Json* value = Find(key);
    return value != nullptr && value->is_bool() && value->as_bool();
  }
  // Appends to an array; a null value becomes an array first.
  void Append(Json value);

  // Parses JSON text (as kube::codec::ParseJson accepts it). Integers that fit int64
  // stay integers; other numbers become doubles.
  static absl::StatusOr<Json> Parse(std::string_view text);

  // Compact JSON text; doubles in Go's number format.
  std::string Dump() const;
  void DumpTo(std::string& out) const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> value_;
};

}  // namespace kube::apiserver::openapi
