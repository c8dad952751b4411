#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/selectors/requirement.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::scheduler::plugins {

// One NodeSelectorTerm, parsed once per pod so matching a node costs no parsing
// (upstream's component-helpers nodeaffinity). matchExpressions become label
// requirements (In, NotIn, Exists, DoesNotExist, Gt, Lt); matchFields may only
// name metadata.name with In or NotIn and one value. Every requirement must hold.
// A term with no requirements, or one that does not parse, matches no node.
class NodeSelectorTermMatcher {
 public:
  static absl::StatusOr<NodeSelectorTermMatcher> Compile(const k8s::core::v1::NodeSelectorTerm& term);
  // A matcher for a term that failed to parse: it matches nothing.
  static NodeSelectorTermMatcher Never() { return NodeSelectorTermMatcher(); }

  bool Matches(const k8s::core::v1::Node& node) const;

 private:
  struct NameField {
    bool in = true;  // In (the name equals value) or NotIn
    std::string value;
  };

  bool never_ = true;
  std::vector<selectors::Requirement> labels_;
  std::vector<NameField> names_;
};

// A NodeSelector: its terms are ORed. Terms that do not parse are kept as terms
// that match nothing, as upstream's LazyErrorNodeSelector does.
class NodeSelectorMatcher {
 public:
  explicit NodeSelectorMatcher(const k8s::core::v1::NodeSelector& selector);
  bool Matches(const k8s::core::v1::Node& node) const;

 private:
  std::vector<NodeSelectorTermMatcher> terms_;
};

}  // namespace kube::scheduler::plugins
