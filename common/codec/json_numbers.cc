#include "common/codec/json_numbers.h"

#include <cfloat>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/codec/json_text.h"

namespace kube::codec::internal {
namespace {

absl::Status NotInteger(const rapidjson::Value& value) {
  if (value.IsNumber()) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected integer, got ", FormatGoFloat(value.GetDouble())));
  }
  return absl::InvalidArgumentError(absl::StrCat("expected integer, got ", JsonTypeName(value)));
}

absl::Status OutOfRange(const rapidjson::Value& value) {
  std::string text = value.IsInt64()    ? absl::StrCat(value.GetInt64())
                     : value.IsUint64() ? absl::StrCat(value.GetUint64())
                                        : FormatGoFloat(value.GetDouble());
  return absl::InvalidArgumentError(absl::StrCat("integer ", text, " out of range"));
}

// 2^63 and 2^64 as doubles: the first values past int64/uint64.
constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

}  // namespace

absl::StatusOr<int64_t> JsonToInt(const rapidjson::Value& value, int64_t min, int64_t max) {
  if (!value.IsNumber()) return NotInteger(value);
  int64_t result;
  if (value.IsInt64()) {
    result = value.GetInt64();
  } else if (value.IsUint64()) {
    return OutOfRange(value);
  } else {
    double d = value.GetDouble();
    if (!std::isfinite(d) || d != std::trunc(d)) return NotInteger(value);
    if (d < -kTwoTo63 || d >= kTwoTo63) return OutOfRange(value);
    result = static_cast<int64_t>(d);
  }
  if (result < min || result > max) return OutOfRange(value);
  return result;
}

absl::StatusOr<uint64_t> JsonToUint(const rapidjson::Value& value, uint64_t max) {
  if (!value.IsNumber()) return NotInteger(value);
  uint64_t result;
  if (value.IsUint64()) {
    result = value.GetUint64();
  } else if (value.IsInt64()) {
    return OutOfRange(value);  // negative
  } else {
    double d = value.GetDouble();
    if (!std::isfinite(d) || d != std::trunc(d)) return NotInteger(value);
    if (d < 0 || d >= kTwoTo64) return OutOfRange(value);
    result = static_cast<uint64_t>(d);
  }
  if (result > max) return OutOfRange(value);
  return result;
}

absl::StatusOr<double> JsonToDouble(const rapidjson::Value& value, int bits) {
  if (!value.IsNumber()) {
    return absl::InvalidArgumentError(absl::StrCat("expected number, got ", JsonTypeName(value)));
  }
  double d = value.GetDouble();
  if (bits == 32 && std::fabs(d) > FLT_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat("number ", FormatGoFloat(d), " out of range for float"));
  }
  return d;
}

}  // namespace kube::codec::internal
