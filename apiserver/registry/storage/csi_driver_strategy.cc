#include "apiserver/registry/storage/csi_driver_strategy.h"

#include <set>

#include "apiserver/registry/core/field_path.h"
#include "common/util/strings.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using core::Child;
using core::Index;
using k8s::storage::v1::CSIDriver;
using k8s::storage::v1::CSIDriverSpec;

constexpr int64_t kMinTokenExpirationSeconds = 10 * 60;
constexpr int64_t kMaxTokenExpirationSeconds = int64_t{1} << 32;

void ValidateTokenRequests(const CSIDriverSpec& spec, api::FieldErrors& errors) {
  std::set<std::string> audiences;
  for (int i = 0; i < spec.tokenrequests_size(); ++i) {
    const auto& request = spec.tokenrequests(i);
    const std::string path = Index("spec.tokenRequests", i);
    if (!audiences.insert(request.audience()).second) {
      errors.push_back(api::Duplicate(Child(path, "audience"), request.audience()));
      continue;
    }
    if (!request.has_expirationseconds()) continue;
    const int64_t seconds = request.expirationseconds();
    if (seconds < kMinTokenExpirationSeconds) {
      errors.push_back(api::InvalidNumber(Child(path, "expirationSeconds"), seconds,
                                          "may not specify a duration less than 10 minutes"));
    }
    if (seconds > kMaxTokenExpirationSeconds) {
      errors.push_back(api::InvalidNumber(Child(path, "expirationSeconds"), seconds,
                                          "may not specify a duration larger than 2^32 seconds"));
    }
  }
}

// Go's %#v of a []storage.VolumeLifecycleMode, as upstream prints the immutable
// field.
std::string RenderModes(const google::protobuf::RepeatedPtrField<std::string>& modes) {
  if (modes.empty()) return "[]storage.VolumeLifecycleMode(nil)";
  std::vector<std::string> quoted;
  for (const std::string& mode : modes) quoted.push_back(api::QuoteValue(mode));
  return StrCat("[]storage.VolumeLifecycleMode{", StrJoin(quoted, ", "), "}");
}

std::string RenderBool(bool present, bool value) {
  return present ? (value ? "true" : "false") : "null";
}

}  // namespace

void CSIDriverStrategy::Default(google::protobuf::Message& object) const {
  CSIDriverSpec& spec = *static_cast<CSIDriver&>(object).mutable_spec();
  if (!spec.has_attachrequired()) spec.set_attachrequired(true);
  if (!spec.has_podinfoonmount()) spec.set_podinfoonmount(false);
  if (!spec.has_storagecapacity()) spec.set_storagecapacity(false);
  if (!spec.has_fsgrouppolicy()) spec.set_fsgrouppolicy("ReadWriteOnceWithFSType");
  if (spec.volumelifecyclemodes().empty()) spec.add_volumelifecyclemodes("Persistent");
  if (!spec.has_requiresrepublish()) spec.set_requiresrepublish(false);
  if (!spec.has_selinuxmount()) spec.set_selinuxmount(false);
}

api::FieldErrors CSIDriverStrategy::Validate(const google::protobuf::Message& object) const {
  const CSIDriverSpec& spec = static_cast<const CSIDriver&>(object).spec();
  api::FieldErrors errors;
  // Upstream's path says "attachedRequired".
  if (!spec.has_attachrequired()) errors.push_back(api::Required("spec.attachedRequired"));
  if (!spec.has_podinfoonmount()) errors.push_back(api::Required("spec.podInfoOnMount"));
  if (!spec.has_storagecapacity()) errors.push_back(api::Required("spec.storageCapacity"));
  if (spec.has_fsgrouppolicy()) {
    const std::string& policy = spec.fsgrouppolicy();
    if (policy != "File" && policy != "None" && policy != "ReadWriteOnceWithFSType") {
      errors.push_back(api::NotSupported("spec.fsGroupPolicy", policy,
                                         {"File", "None", "ReadWriteOnceWithFSType"}));
    }
  }
  ValidateTokenRequests(spec, errors);
  for (const std::string& mode : spec.volumelifecyclemodes()) {
    if (mode != "Persistent" && mode != "Ephemeral") {
      errors.push_back(
          api::NotSupported("spec.volumeLifecycleModes", mode, {"Persistent", "Ephemeral"}));
    }
  }
  if (!spec.has_selinuxmount()) errors.push_back(api::Required("spec.seLinuxMount"));
  return errors;
}

api::FieldErrors CSIDriverStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                   const google::protobuf::Message& old) const {
  const CSIDriverSpec& spec = static_cast<const CSIDriver&>(object).spec();
  const CSIDriverSpec& old_spec = static_cast<const CSIDriver&>(old).spec();
  api::FieldErrors errors;
  if (spec.has_attachrequired() != old_spec.has_attachrequired() ||
      spec.attachrequired() != old_spec.attachrequired()) {
    errors.push_back(core::InvalidRendered(
        "spec.attachedRequired", RenderBool(spec.has_attachrequired(), spec.attachrequired()),
        std::string(core::kImmutableMessage)));
  }
  if (!std::equal(spec.volumelifecyclemodes().begin(), spec.volumelifecyclemodes().end(),
                  old_spec.volumelifecyclemodes().begin(), old_spec.volumelifecyclemodes().end())) {
    errors.push_back(core::InvalidRendered("spec.volumeLifecycleModes",
                                           RenderModes(spec.volumelifecyclemodes()),
                                           std::string(core::kImmutableMessage)));
  }
  return errors;
}

}  // namespace kube::apiserver
