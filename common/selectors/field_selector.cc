#include "common/selectors/field_selector.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/selectors/go_errors.h"

namespace kube::selectors {
namespace {

// Splits on commas that are not escaped; escapes stay in the terms.
std::vector<std::string_view> SplitTerms(std::string_view selector) {
  std::vector<std::string_view> terms;
  if (selector.empty()) return terms;
  size_t start = 0;
  bool in_slash = false;
  for (size_t i = 0; i < selector.size(); ++i) {
    const char c = selector[i];
    if (in_slash) {
      in_slash = false;
    } else if (c == '\\') {
      in_slash = true;
    } else if (c == ',') {
      terms.push_back(selector.substr(start, i - start));
      start = i + 1;
    }
  }
  terms.push_back(selector.substr(start));
  return terms;
}

// Splits at the first operator; "!=" and "==" win over "=" at the same spot.
// Fields cannot be escaped, so the first operator anywhere is the split.
bool SplitTerm(std::string_view term, std::string_view* lhs, std::string_view* op,
               std::string_view* rhs) {
  static constexpr std::string_view kOperators[] = {"!=", "==", "="};
  for (size_t i = 0; i < term.size(); ++i) {
    for (std::string_view candidate : kOperators) {
      if (term.substr(i).starts_with(candidate)) {
        *lhs = term.substr(0, i);
        *op = candidate;
        *rhs = term.substr(i + candidate.size());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string EscapeFieldValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == ',' || c == '=') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<std::string> UnescapeFieldValue(std::string_view value) {
  if (value.find_first_of("\\,=") == std::string_view::npos) return std::string(value);
  // Upstream walks runes, so invalid UTF-8 becomes U+FFFD on this path.
  std::string out;
  out.reserve(value.size());
  bool in_slash = false;
  for (size_t pos = 0; pos < value.size();) {
    char32_t rune;
    const size_t len = internal::DecodeRune(value, pos, &rune);
    pos += len;
    if (in_slash) {
      if (rune != '\\' && rune != ',' && rune != '=') {
        std::string sequence = "\\";
        internal::AppendRune(rune, &sequence);
        return absl::InvalidArgumentError(
            absl::StrCat("invalid field selector: invalid escape sequence: ", sequence));
      }
      out.push_back(static_cast<char>(rune));
      in_slash = false;
    } else if (rune == '\\') {
      in_slash = true;
    } else if (rune == ',' || rune == '=') {
      // Go prints the rune with %v, i.e. as its number.
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid field selector: unescaped character in value: ", static_cast<int>(rune)));
    } else {
      internal::AppendRune(rune, &out);
    }
  }
  if (in_slash) {
    return absl::InvalidArgumentError("invalid field selector: invalid escape sequence: \\");
  }
  return out;
}

absl::StatusOr<FieldSelector> FieldSelector::Parse(std::string_view selector) {
  std::vector<std::string_view> parts = SplitTerms(selector);
  std::sort(parts.begin(), parts.end());
  std::vector<FieldRequirement> requirements;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    std::string_view lhs, op, rhs;
    if (!SplitTerm(part, &lhs, &op, &rhs)) {
      std::string message = "invalid selector: '";
      message.append(selector).append("'; can't understand '").append(part).append("'");
      return absl::InvalidArgumentError(message);
    }
    absl::StatusOr<std::string> value = UnescapeFieldValue(rhs);
    if (!value.ok()) return value.status();
    // Upstream drops a term whose field and value are both empty ("=", "!=").
    if (lhs.empty() && value->empty()) continue;
    requirements.push_back(FieldRequirement{std::string(lhs),
                                            op == "!=" ? Operator::kNotEquals : Operator::kEquals,
                                            *std::move(value)});
  }
  return FieldSelector(std::move(requirements));
}

FieldSelector FieldSelector::OneTermEqual(std::string field, std::string value) {
  return FieldSelector({FieldRequirement{std::move(field), Operator::kEquals, std::move(value)}});
}

bool FieldSelector::Matches(FieldLookup lookup) const {
  for (const FieldRequirement& r : requirements_) {
    const std::optional<std::string> have = lookup(r.field);
    const std::string_view value = have ? std::string_view(*have) : std::string_view();
    if ((value == r.value) != (r.op == Operator::kEquals)) return false;
  }
  return true;
}

bool FieldSelector::Matches(const Fields& fields) const {
  for (const FieldRequirement& r : requirements_) {
    const std::string* have = fields.Find(r.field);
    const std::string_view value = have ? std::string_view(*have) : std::string_view();
    if ((value == r.value) != (r.op == Operator::kEquals)) return false;
  }
  return true;
}

std::optional<std::string> FieldSelector::RequiresExactMatch(std::string_view field) const {
  for (const FieldRequirement& r : requirements_) {
    if (r.op == Operator::kEquals && r.field == field) return r.value;
  }
  return std::nullopt;
}

std::string FieldSelector::ToString() const {
  std::string out;
  for (size_t i = 0; i < requirements_.size(); ++i) {
    const FieldRequirement& r = requirements_[i];
    absl::StrAppend(&out, i == 0 ? "" : ",", r.field, r.op == Operator::kNotEquals ? "!=" : "=",
                    EscapeFieldValue(r.value));
  }
  return out;
}

}  // namespace kube::selectors
