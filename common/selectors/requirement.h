#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/selectors/operator.h"
#include "common/selectors/string_map_view.h"

namespace kube::selectors {

// One clause of a label selector: key, operator and values, as upstream's
// labels.Requirement. Build it with Create, which validates and normalizes;
// a Requirement made by hand is only trusted after LabelSelector validates it.
struct Requirement {
  std::string key;
  Operator op = Operator::kExists;
  // Sorted and free of duplicates once created; a single value for the
  // equality and comparison operators, none for kExists and kDoesNotExist.
  std::vector<std::string> values;

  // Upstream's NewRequirement: checks that key is a qualified name, that each
  // value is a valid label value, and that the number of values fits op (In
  // and NotIn need some, the equality operators exactly one, Exists and
  // DoesNotExist none, Gt and Lt one integer). InvalidArgument carries
  // upstream's field-error text, e.g. `values: Invalid value: null: for 'in',
  // 'notin' operators, values set can't be empty`.
  static absl::StatusOr<Requirement> Create(std::string key, Operator op,
                                            std::vector<std::string> values);

  // Whether labels satisfy this clause. NotIn, NotEquals and DoesNotExist also
  // match when the key is absent; Gt and Lt need the label to be an integer.
  bool Matches(const Labels& labels) const;

  // Upstream's text form: "k=v", "k!=v", "k in (a,b)", "!k", "k>5", ...
  std::string ToString() const;

  friend bool operator==(const Requirement&, const Requirement&) = default;
};

}  // namespace kube::selectors
