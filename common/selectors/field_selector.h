#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "common/selectors/operator.h"
#include "common/selectors/string_map_view.h"

namespace kube::selectors {

// One clause of a field selector: field, then kEquals or kNotEquals, then the
// (unescaped) value.
struct FieldRequirement {
  std::string field;
  Operator op = Operator::kEquals;
  std::string value;

  friend bool operator==(const FieldRequirement&, const FieldRequirement&) = default;
};

// An object's selectable fields as a map ("metadata.name" -> "web-1").
using Fields = StringMapView;

// Looks up one field of an object; nullopt when the object has no such field.
using FieldLookup = absl::FunctionRef<std::optional<std::string>(std::string_view field)>;

// A field selector, as upstream's fields.Selector: the AND of "f=v", "f==v"
// and "f!=v" terms. The server decides which fields exist (see Requirements).
// The default selector matches everything. Immutable; safe to share.
class FieldSelector {
 public:
  // Matches everything.
  FieldSelector() = default;

  // Parses `?fieldSelector=`: comma-separated terms; in values, "\," "\=" and
  // "\\" stand for the literal characters (upstream's escapes). An empty string
  // matches everything. InvalidArgument carries upstream's message, e.g.
  // "invalid selector: 'a'; can't understand 'a'" or
  // "invalid field selector: invalid escape sequence: \x".
  static absl::StatusOr<FieldSelector> Parse(std::string_view selector);

  // The single term field=value (upstream's OneTermEqualSelector).
  static FieldSelector OneTermEqual(std::string field, std::string value);

  // Whether every term holds; a field the object does not have reads as "".
  bool Matches(FieldLookup lookup) const;
  bool Matches(const Fields& fields) const;

  // True when the selector matches everything.
  bool Empty() const { return requirements_.empty(); }

  // The terms, in upstream's order (sorted by their text as written), so a
  // server can reject unsupported fields ("field label not supported: x").
  const std::vector<FieldRequirement>& Requirements() const { return requirements_; }

  // The value a matching object must have for field, if some term is field=value.
  std::optional<std::string> RequiresExactMatch(std::string_view field) const;

  // "f=v,g!=w" with values escaped, which Parse reads back to the same terms.
  std::string ToString() const;

 private:
  explicit FieldSelector(std::vector<FieldRequirement> requirements)
      : requirements_(std::move(requirements)) {}

  std::vector<FieldRequirement> requirements_;
};

// Escapes "\", "," and "=" with a backslash so value can sit in a field selector.
std::string EscapeFieldValue(std::string_view value);

// Reverses EscapeFieldValue, failing as upstream on unknown escapes and on a
// bare "," or "=".
absl::StatusOr<std::string> UnescapeFieldValue(std::string_view value);

}  // namespace kube::selectors
