#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/selectors/requirement.h"
#include "common/selectors/string_map_view.h"

namespace kube::selectors {

// A label selector, as upstream's labels.Selector: the AND of requirements,
// kept sorted by key. The default selector matches everything. Immutable and
// cheap to share; Matches is safe to call from many threads at once.
class LabelSelector {
 public:
  // Matches everything.
  LabelSelector() = default;

  // Parses the string form sent in `?labelSelector=`: "app=web,tier in (a,b)",
  // "k!=v", "k notin (a)", "k", "!k", "k>5", ... An empty string matches
  // everything. InvalidArgument carries upstream's message, e.g.
  // "unable to parse requirement: found '', expected: in, notin, =, ==, !=, gt, lt".
  static absl::StatusOr<LabelSelector> Parse(std::string_view selector);

  // Every pair must be present (ReplicationController's selector). Not
  // validated, as upstream's SelectorFromSet; an empty map matches everything.
  static LabelSelector FromMatchLabels(const std::map<std::string, std::string>& labels);

  // metav1.LabelSelector: match_labels as Equals requirements plus
  // match_expressions, whose operators must be In, NotIn, Exists or
  // DoesNotExist. Everything is validated as by Requirement::Create. Both
  // empty matches everything; for "no selector at all" use Nothing().
  static absl::StatusOr<LabelSelector> FromRequirements(
      const std::map<std::string, std::string>& match_labels,
      const std::vector<Requirement>& match_expressions);

  // Matches nothing: upstream's selector for a nil metav1.LabelSelector.
  static LabelSelector Nothing();

  // Whether every requirement holds for labels.
  bool Matches(const Labels& labels) const {
    if (nothing_) return false;
    for (const Requirement& r : requirements_) {
      if (!r.Matches(labels)) return false;
    }
    return true;
  }

  // True when the selector matches everything (never for Nothing()).
  bool Empty() const { return !nothing_ && requirements_.empty(); }

  // True for Nothing(): upstream reports such a selector as not selectable.
  bool IsNothing() const { return nothing_; }

  // Canonical text: requirements by key, values sorted, joined by ",". Parse
  // gives back an equal selector, except for Nothing(), whose text is "".
  std::string ToString() const;

  // The requirements, sorted by key (empty for Nothing()).
  const std::vector<Requirement>& Requirements() const { return requirements_; }

  // The value a matching object must have for key, when the first requirement
  // on key is "=", "==" or an "in" of one value (lets callers use an index).
  std::optional<std::string> RequiresExactMatch(std::string_view key) const;

  friend bool operator==(const LabelSelector&, const LabelSelector&) = default;

 private:
  LabelSelector(std::vector<Requirement> requirements, bool nothing)
      : requirements_(std::move(requirements)), nothing_(nothing) {}

  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

}  // namespace kube::selectors
