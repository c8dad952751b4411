#include "apiserver/registry/core/node_strategy.h"

#include <map>
#include <set>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "apiserver/registry/core/pod_validation.h"
#include "apiserver/registry/core/resource_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Node;

const Node& AsNode(const google::protobuf::Message& object) { return static_cast<const Node&>(object); }

// Go's %#v of a core.Taint, as upstream reports a duplicate with.
std::string TaintValue(const k8s::core::v1::Taint& taint) {
  return StrCat("core.Taint{Key:", api::QuoteValue(taint.key()), ", Value:", api::QuoteValue(taint.value()),
                ", Effect:", api::QuoteValue(taint.effect()), ", TimeAdded:<nil>}");
}

void ValidateTaints(const Node& node, api::FieldErrors& errors) {
  // Upstream reports taints under metadata.taints; kubectl users see that path.
  const std::string path = "metadata.taints";
  std::set<std::pair<std::string, std::string>> seen;  // (effect, key)
  for (int i = 0; i < node.spec().taints_size(); ++i) {
    const auto& taint = node.spec().taints(i);
    const std::string item = Index(path, i);
    for (const std::string& message : validation::IsQualifiedName(taint.key())) {
      errors.push_back(api::Invalid(Child(item, "key"), taint.key(), message));
    }
    std::vector<std::string> messages = validation::IsValidLabelValue(taint.value());
    if (!messages.empty()) {
      errors.push_back(api::Invalid(Child(item, "value"), taint.value(), StrJoin(messages, ";")));
    }
    ValidateTaintEffect(taint.effect(), false, Child(item, "effect"), errors);
    if (!seen.insert({taint.effect(), taint.key()}).second) {
      errors.push_back({api::FieldError::Type::kDuplicate, item, TaintValue(taint),
                        "taints must be unique by key and effect pair"});
    }
  }
}

void ValidateResources(const Node& node, api::FieldErrors& errors) {
  auto check = [&](const ResourceList& list, const std::string& path) {
    std::map<std::string, const k8s::resource::Quantity*> sorted;
    for (const auto& [name, quantity] : list) sorted.emplace(name, &quantity);
    for (const auto& [name, quantity] : sorted) {
      ValidateQuantityValue(name, *quantity, Child(path, name), errors);
    }
  };
  check(node.status().capacity(), "status.capacity");
  check(node.status().allocatable(), "status.allocatable");
}

void ValidateUniqueAddresses(const Node& node, api::FieldErrors& errors) {
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < node.status().addresses_size(); ++i) {
    const auto& address = node.status().addresses(i);
    if (!seen.insert({address.type(), address.address()}).second) {
      errors.push_back({api::FieldError::Type::kDuplicate, Index("status.addresses", i),
                        StrCat("core.NodeAddress{Type:", api::QuoteValue(address.type()),
                               ", Address:", api::QuoteValue(address.address()), "}"),
                        ""});
    }
  }
}

}  // namespace

void NodeStrategy::Default(google::protobuf::Message& object) const {
  auto* status = static_cast<Node&>(object).mutable_status();
  if (status->allocatable().empty() && !status->capacity().empty()) {
    *status->mutable_allocatable() = status->capacity();
  }
}

api::FieldErrors NodeStrategy::Validate(const google::protobuf::Message& object) const {
  const Node& node = AsNode(object);
  api::FieldErrors errors;
  ValidateTaints(node, errors);
  ValidateResources(node, errors);
  const auto& cidrs = node.spec().podcidrs();
  for (int i = 0; i < cidrs.size(); ++i) ValidateCidr(cidrs.Get(i), Index("spec.podCIDRs", i), errors);
  if (cidrs.size() > 1) {
    std::set<std::string> seen;
    for (int i = 0; i < cidrs.size(); ++i) {
      if (!seen.insert(cidrs.Get(i)).second) {
        errors.push_back(api::Duplicate(Index("spec.podCIDRs", i), cidrs.Get(i)));
      }
    }
  }
  return errors;
}

api::FieldErrors NodeStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                              const google::protobuf::Message& old) const {
  const Node& node = AsNode(object);
  const Node& previous = AsNode(old);
  api::FieldErrors errors;
  ValidateUniqueAddresses(node, errors);
  const auto& old_cidrs = previous.spec().podcidrs();
  if (!old_cidrs.empty()) {
    bool changed = old_cidrs.size() != node.spec().podcidrs_size();
    for (int i = 0; !changed && i < old_cidrs.size(); ++i) changed = old_cidrs.Get(i) != node.spec().podcidrs(i);
    if (changed) {
      errors.push_back(api::Forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
    }
  }
  if (!previous.spec().providerid().empty() && previous.spec().providerid() != node.spec().providerid()) {
    errors.push_back(api::Forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
  }
  if (previous.spec().externalid() != node.spec().externalid()) {
    errors.push_back(api::Forbidden("spec.externalID", "may not be updated"));
  }
  return errors;
}

api::FieldErrors NodeStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                    const google::protobuf::Message& old) const {
  api::FieldErrors errors;
  ValidateResources(AsNode(object), errors);
  ValidateUniqueAddresses(AsNode(object), errors);
  return errors;
}

std::optional<std::string> NodeStrategy::SelectableField(const google::protobuf::Message& object,
                                                         std::string_view field) const {
  if (field == "spec.unschedulable") return AsNode(object).spec().unschedulable() ? "true" : "false";
  return std::nullopt;
}

}  // namespace kube::apiserver::core
