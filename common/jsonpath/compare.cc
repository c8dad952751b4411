#include "common/jsonpath/compare.h"

#include <string>
#include <string_view>

#include "common/jsonpath/go_format.h"

namespace kube::jsonpath {
namespace {

enum class Kind { kInvalid, kBool, kInt, kFloat, kString };

Kind KindOf(const rapidjson::Value& value) {
  if (value.IsBool()) return Kind::kBool;
  if (value.IsString()) return Kind::kString;
  if (value.IsNumber()) return IsGoInt(value) ? Kind::kInt : Kind::kFloat;
  return Kind::kInvalid;
}

absl::Status BadType() { return absl::InvalidArgumentError("invalid type for comparison"); }
absl::Status Incompatible() {
  return absl::InvalidArgumentError("incompatible types for comparison");
}

absl::StatusOr<bool> Equal(const rapidjson::Value& a, const rapidjson::Value& b) {
  const Kind ka = KindOf(a);
  const Kind kb = KindOf(b);
  if (ka == Kind::kInvalid || kb == Kind::kInvalid) return BadType();
  if (ka != kb) return Incompatible();
  switch (ka) {
    case Kind::kBool:
      return a.GetBool() == b.GetBool();
    case Kind::kInt:
      return a.GetInt64() == b.GetInt64();
    case Kind::kFloat:
      return a.GetDouble() == b.GetDouble();
    case Kind::kString:
      return StringOf(a) == StringOf(b);
    case Kind::kInvalid:
      break;
  }
  return BadType();
}

absl::StatusOr<bool> Less(const rapidjson::Value& a, const rapidjson::Value& b) {
  const Kind ka = KindOf(a);
  const Kind kb = KindOf(b);
  if (ka == Kind::kInvalid || kb == Kind::kInvalid) return BadType();
  if (ka != kb) return Incompatible();
  switch (ka) {
    case Kind::kInt:
      return a.GetInt64() < b.GetInt64();
    case Kind::kFloat:
      return a.GetDouble() < b.GetDouble();
    case Kind::kString:
      return StringOf(a) < StringOf(b);
    case Kind::kBool:
    case Kind::kInvalid:
      break;
  }
  return BadType();
}

absl::StatusOr<bool> LessEqual(const rapidjson::Value& a, const rapidjson::Value& b) {
  absl::StatusOr<bool> less = Less(a, b);
  if (!less.ok() || *less) return less;
  return Equal(a, b);
}

absl::StatusOr<bool> Not(absl::StatusOr<bool> result) {
  if (!result.ok()) return result.status();
  return !*result;
}

}  // namespace

absl::StatusOr<bool> Compare(const rapidjson::Value& left, std::string_view op,
                             const rapidjson::Value& right) {
  if (op == "==") return Equal(left, right);
  if (op == "!=") return Not(Equal(left, right));
  if (op == "<") return Less(left, right);
  if (op == "<=") return LessEqual(left, right);
  if (op == ">") return Not(LessEqual(left, right));
  if (op == ">=") return Not(Less(left, right));
  return absl::InvalidArgumentError("unrecognized filter operator " + std::string(op));
}

}  // namespace kube::jsonpath
