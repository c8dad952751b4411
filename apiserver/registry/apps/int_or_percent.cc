#include "apiserver/registry/apps/int_or_percent.h"

#include <optional>

#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"

namespace kube::apiserver {
namespace {

constexpr int64_t kStringType = 1;

// The number in "<digits>%", or nullopt when the text is not a valid percent.
std::optional<int64_t> ParsePercent(const std::string& text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  int64_t value = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    if (value < (int64_t{1} << 40)) value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Go's strconv.Atoi as IntOrString.IntValue uses it: 0 when malformed.
int AtoiOrZero(const std::string& text) {
  if (text.empty()) return 0;
  size_t i = (text[0] == '+' || text[0] == '-') ? 1 : 0;
  if (i == text.size()) return 0;
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    value = value * 10 + (text[i] - '0');
    if (value > INT32_MAX) return 0;
  }
  return static_cast<int>(text[0] == '-' ? -value : value);
}

}  // namespace

void CheckIntOrPercent(const k8s::util::intstr::IntOrString& value, const std::string& field,
                       api::FieldErrors& errors) {
  if (value.type() == kStringType) {
    if (!ParsePercent(value.strval())) {
      errors.push_back(InvalidRendered(
          field, GoIntOrString(value),
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. "
          "'1%',  or '93%', regex used for validation is '[0-9]+%')"));
    }
    return;
  }
  CheckNonnegative(value.intval(), field, errors);
}

void CheckNotMoreThan100Percent(const k8s::util::intstr::IntOrString& value,
                                const std::string& field, api::FieldErrors& errors) {
  if (value.type() != kStringType) return;
  std::optional<int64_t> percent = ParsePercent(value.strval());
  if (percent && *percent > 100) {
    errors.push_back(InvalidRendered(field, GoIntOrString(value), "must not be greater than 100%"));
  }
}

int IntOrPercentValue(const k8s::util::intstr::IntOrString& value) {
  if (value.type() != kStringType) return value.intval();
  if (std::optional<int64_t> percent = ParsePercent(value.strval())) {
    return static_cast<int>(*percent);
  }
  return AtoiOrZero(value.strval());
}

k8s::util::intstr::IntOrString IntOrStringFromInt(int value) {
  k8s::util::intstr::IntOrString out;
  out.set_type(0);
  out.set_intval(value);
  return out;
}

k8s::util::intstr::IntOrString IntOrStringFromString(std::string value) {
  k8s::util::intstr::IntOrString out;
  out.set_type(kStringType);
  out.set_strval(std::move(value));
  return out;
}

}  // namespace kube::apiserver
