#include "apiserver/registry/storage/csi_node_strategy.h"

#include <google/protobuf/util/message_differencer.h>

#include <set>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/storage/storage_names.h"
#include "common/util/strings.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using core::Child;
using core::Index;
using k8s::storage::v1::CSINode;
using k8s::storage::v1::CSINodeDriver;

// Upstream allows 256 only on updates of objects that already have a longer ID,
// which creates here never made, so 192 holds throughout.
constexpr size_t kNodeIdMaxLength = 192;

// Go's %#v of a storage.CSINodeDriver, as upstream prints the immutable driver.
std::string RenderDriver(const CSINodeDriver& driver) {
  std::vector<std::string> keys;
  for (const std::string& key : driver.topologykeys()) keys.push_back(api::QuoteValue(key));
  std::string topology =
      keys.empty() ? "[]string(nil)" : StrCat("[]string{", StrJoin(keys, ", "), "}");
  std::string allocatable = "(*storage.VolumeNodeResources)(nil)";
  if (driver.has_allocatable()) {
    allocatable =
        driver.allocatable().has_count()
            ? StrCat("&storage.VolumeNodeResources{Count:", driver.allocatable().count(), "}")
            : "&storage.VolumeNodeResources{Count:(*int32)(nil)}";
  }
  return StrCat("storage.CSINodeDriver{Name:", api::QuoteValue(driver.name()),
                ", NodeID:", api::QuoteValue(driver.nodeid()), ", TopologyKeys:", topology,
                ", Allocatable:", allocatable, "}");
}

}  // namespace

api::FieldErrors CSINodeStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& node = static_cast<const CSINode&>(object);
  api::FieldErrors errors;
  std::set<std::string> names;
  for (int i = 0; i < node.spec().drivers_size(); ++i) {
    const CSINodeDriver& driver = node.spec().drivers(i);
    const std::string path = Index("spec.drivers", i);
    storage_rules::ValidateCsiDriverName(driver.name(), Child(path, "name"), errors);
    if (driver.nodeid().empty()) errors.push_back(api::Required(Child(path, "nodeID")));
    if (driver.nodeid().size() > kNodeIdMaxLength) {
      errors.push_back(api::Invalid(Child(path, "nodeID"), driver.nodeid(),
                                    StrCat("must be ", kNodeIdMaxLength, " characters or less")));
    }
    if (driver.has_allocatable() && driver.allocatable().has_count()) {
      core::CheckNonnegative(driver.allocatable().count(),
                             Child(Child(path, "allocatable"), "count"), errors);
    }
    if (!names.insert(driver.name()).second) {
      errors.push_back(api::Duplicate(Child(path, "name"), driver.name()));
    }
    std::set<std::string> keys;
    for (const std::string& key : driver.topologykeys()) {
      if (key.empty()) errors.push_back(api::Required(path));
      if (!keys.insert(key).second) errors.push_back(api::Duplicate(path, key));
      storage_rules::ValidateQualifiedName(key, path, errors);
    }
  }
  return errors;
}

void CSINodeStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  static_cast<CSINode&>(object).mutable_metadata()->clear_generation();
}

api::FieldErrors CSINodeStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                 const google::protobuf::Message& old) const {
  const auto& node = static_cast<const CSINode&>(object);
  const auto& old_node = static_cast<const CSINode&>(old);
  api::FieldErrors errors;
  for (const CSINodeDriver& old_driver : old_node.spec().drivers()) {
    for (const CSINodeDriver& driver : node.spec().drivers()) {
      if (driver.name() != old_driver.name()) continue;
      if (!google::protobuf::util::MessageDifferencer::Equals(driver, old_driver)) {
        errors.push_back(core::InvalidRendered("spec.drivers", RenderDriver(driver),
                                               std::string(core::kImmutableMessage)));
      }
    }
  }
  return errors;
}

}  // namespace kube::apiserver
