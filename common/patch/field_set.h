#pragma once

// A set of field paths, as server-side apply tracks ownership (upstream's
// sigs.k8s.io/structured-merge-diff fieldpath.Set), and its FieldsV1 JSON form.
//
// Path elements keep their FieldsV1 text: "f:<field>", "k:<key object as JSON>",
// "v:<value as JSON>" and "i:<index>". A set is a tree: each node says whether its own
// path is in the set and holds the sets below it.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/patch/json_util.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

using FieldPath = std::vector<std::string>;

class FieldSet {
 public:
  // True when no path is in the set (the root's own flag does not count).
  bool Empty() const;

  void Insert(const FieldPath& path);
  bool Has(const FieldPath& path) const;
  // Drops `path` and everything below it.
  void Remove(const FieldPath& path);

  bool member() const { return member_; }
  void set_member(bool member) { member_ = member; }
  // The set below path element `element`, created if missing.
  FieldSet& Child(const std::string& element) { return children_[element]; }
  const FieldSet* Find(const std::string& element) const;
  const std::map<std::string, FieldSet>& children() const { return children_; }

  // Member-wise set algebra; the results hold no empty branches.
  static FieldSet Union(const FieldSet& a, const FieldSet& b);
  static FieldSet Difference(const FieldSet& a, const FieldSet& b);
  static FieldSet Intersection(const FieldSet& a, const FieldSet& b);

  // Makes every named field ("f:") with paths below it a member too, as upstream does
  // before pruning, so that a struct nobody owns anything in can be removed whole.
  FieldSet WithNamedFieldsAsMembers() const;

  // Every path in upstream's iteration order: at each level the members (sorted),
  // then the children's paths.
  void ForEach(const std::function<void(const FieldPath&)>& visit) const;

  bool operator==(const FieldSet& other) const = default;

 private:
  void Prune();
  void ForEach(FieldPath& prefix, const std::function<void(const FieldPath&)>& visit) const;

  bool member_ = false;
  std::map<std::string, FieldSet> children_;
};

// The FieldsV1 object of `set` ({"f:spec":{"f:replicas":{}}, ".": {} for a member with
// children), keys in upstream's order.
rapidjson::Value ToFieldsV1(const FieldSet& set, Allocator& allocator);
// Parses FieldsV1; key and value elements are normalized to compact JSON.
absl::StatusOr<FieldSet> FromFieldsV1(const rapidjson::Value& fields);

// upstream's Path.String(): ".spec.containers[name=\"web\"].image".
std::string PathString(const FieldPath& path);

}  // namespace kube::patch::internal
