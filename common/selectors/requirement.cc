#include "common/selectors/requirement.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/selectors/go_errors.h"
#include "common/validation/names.h"

namespace kube::selectors {
namespace {

// strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else.
std::optional<int64_t> ParseInt64(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  // Accumulate as a negative number so INT64_MIN fits.
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (value < (INT64_MIN + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == INT64_MIN) return std::nullopt;
    value = -value;
  }
  return value;
}

}  // namespace

absl::StatusOr<Requirement> Requirement::Create(std::string key, Operator op,
                                                std::vector<std::string> values) {
  std::vector<std::string> errs;
  if (std::vector<std::string> key_errs = validation::IsQualifiedName(key); !key_errs.empty()) {
    errs.push_back(
        internal::InvalidValue("key", internal::GoQuote(key), absl::StrJoin(key_errs, "; ")));
  }
  // Upstream's callers pass nil for "no values", which encoding/json shows as null.
  const std::string rendered = internal::JsonStringList(values, values.empty());
  switch (op) {
    case Operator::kIn:
    case Operator::kNotIn:
      if (values.empty()) {
        errs.push_back(internal::InvalidValue(
            "values", rendered, "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case Operator::kEquals:
    case Operator::kDoubleEquals:
    case Operator::kNotEquals:
      if (values.size() != 1) {
        errs.push_back(internal::InvalidValue(
            "values", rendered, "exact-match compatibility requires one single value"));
      }
      break;
    case Operator::kExists:
    case Operator::kDoesNotExist:
      if (!values.empty()) {
        errs.push_back(internal::InvalidValue(
            "values", rendered, "values set must be empty for exists and does not exist"));
      }
      break;
    case Operator::kGreaterThan:
    case Operator::kLessThan:
      if (values.size() != 1) {
        errs.push_back(internal::InvalidValue(
            "values", rendered, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      for (size_t i = 0; i < values.size(); ++i) {
        if (!ParseInt64(values[i])) {
          errs.push_back(
              internal::InvalidValue(absl::StrCat("values[", i, "]"), internal::GoQuote(values[i]),
                                     "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      }
      break;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::vector<std::string> value_errs = validation::IsValidLabelValue(values[i]); !value_errs.empty()) {
      errs.push_back(internal::InvalidValue(absl::StrCat("values[", i, "][", key, "]"),
                                            internal::GoQuote(values[i]),
                                            absl::StrJoin(value_errs, "; ")));
    }
  }
  if (!errs.empty()) return absl::InvalidArgumentError(internal::Aggregate(errs));

  // A set, as upstream's parser builds it: order and repeats carry no meaning.
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return Requirement{std::move(key), op, std::move(values)};
}

bool Requirement::Matches(const Labels& labels) const {
  const std::string* value = labels.Find(key);
  const auto has_value = [&] {
    return std::find(values.begin(), values.end(), *value) != values.end();
  };
  switch (op) {
    case Operator::kIn:
    case Operator::kEquals:
    case Operator::kDoubleEquals:
      return value != nullptr && has_value();
    case Operator::kNotIn:
    case Operator::kNotEquals:
      return value == nullptr || !has_value();
    case Operator::kExists:
      return value != nullptr;
    case Operator::kDoesNotExist:
      return value == nullptr;
    case Operator::kGreaterThan:
    case Operator::kLessThan: {
      if (value == nullptr || values.size() != 1) return false;
      const std::optional<int64_t> have = ParseInt64(*value);
      const std::optional<int64_t> want = ParseInt64(values[0]);
      if (!have || !want) return false;
      return op == Operator::kGreaterThan ? *have > *want : *have < *want;
    }
  }
  return false;
}

std::string Requirement::ToString() const {
  std::string out;
  if (op == Operator::kDoesNotExist) out = "!";
  out += key;
  switch (op) {
    case Operator::kExists:
    case Operator::kDoesNotExist:
      return out;
    case Operator::kIn:
    case Operator::kNotIn: {
      std::vector<std::string> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      absl::StrAppend(&out, op == Operator::kIn ? " in (" : " notin (", absl::StrJoin(sorted, ","),
                      ")");
      return out;
    }
    case Operator::kEquals:
      out += "=";
      break;
    case Operator::kDoubleEquals:
      out += "==";
      break;
    case Operator::kNotEquals:
      out += "!=";
      break;
    case Operator::kGreaterThan:
      out += ">";
      break;
    case Operator::kLessThan:
      out += "<";
      break;
  }
  std::vector<std::string> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  out += absl::StrJoin(sorted, ",");
  return out;
}

}  // namespace kube::selectors
