#include "apiserver/registry/core/pod_strategy.h"

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "apiserver/registry/core/pod_admission.h"
#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/pod_qos.h"
#include "apiserver/registry/core/pod_update_validation.h"
#include "apiserver/registry/core/pod_validation.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Pod;

const Pod& AsPod(const google::protobuf::Message& object) { return static_cast<const Pod&>(object); }
Pod& AsPod(google::protobuf::Message& object) { return static_cast<Pod&>(object); }

}  // namespace

void PodStrategy::Default(google::protobuf::Message& object) const { DefaultPod(AsPod(object)); }

void PodStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Pod& pod = AsPod(object);
  k8s::core::v1::PodSpec& spec = *pod.mutable_spec();
  AdmitDefaultTolerations(spec);
  pod.clear_status();
  pod.mutable_status()->set_phase("Pending");
  pod.mutable_status()->set_qosclass(ComputePodQos(spec));
}

api::FieldErrors PodStrategy::Validate(const google::protobuf::Message& object) const {
  return ValidatePodSpec(AsPod(object).spec(), "spec");
}

api::FieldErrors PodStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                             const google::protobuf::Message& old) const {
  return ValidatePodSpecUpdate(AsPod(object).spec(), AsPod(old).spec());
}

api::FieldErrors PodStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                   const google::protobuf::Message& old) const {
  const k8s::core::v1::PodStatus& status = AsPod(object).status();
  api::FieldErrors errors;
  if (!status.nominatednodename().empty()) {
    for (const std::string& message : validation::IsDns1123Subdomain(status.nominatednodename())) {
      errors.push_back(api::Invalid("status.nominatedNodeName", status.nominatednodename(), message));
    }
  }
  if (!status.podip().empty()) ValidateIp(status.podip(), "status.podIP", errors);
  for (int i = 0; i < status.podips_size(); ++i) {
    ValidateIp(status.podips(i).ip(), Index("status.podIPs", i), errors);
  }
  if (!status.hostip().empty()) ValidateIp(status.hostip(), "status.hostIP", errors);
  return errors;
}

std::optional<std::string> PodStrategy::SelectableField(const google::protobuf::Message& object,
                                                        std::string_view field) const {
  const Pod& pod = AsPod(object);
  if (field == "spec.nodeName") return pod.spec().nodename();
  if (field == "spec.restartPolicy") return pod.spec().restartpolicy();
  if (field == "spec.schedulerName") return pod.spec().schedulername();
  if (field == "spec.serviceAccountName") return pod.spec().serviceaccountname();
  if (field == "spec.hostNetwork") return pod.spec().hostnetwork() ? "true" : "false";
  if (field == "status.phase") return pod.status().phase();
  if (field == "status.podIP") {
    return pod.status().podips_size() > 0 ? pod.status().podips(0).ip() : pod.status().podip();
  }
  if (field == "status.nominatedNodeName") return pod.status().nominatednodename();
  return std::nullopt;
}

std::optional<int64_t> PodStrategy::GracefulDeletionPeriod(
    const google::protobuf::Message& object, const k8s::meta::v1::DeleteOptions& options) const {
  const auto& pod = static_cast<const k8s::core::v1::Pod&>(object);
  int64_t period = 0;
  if (options.has_graceperiodseconds()) {
    period = options.graceperiodseconds();
  } else if (pod.spec().has_terminationgraceperiodseconds()) {
    period = pod.spec().terminationgraceperiodseconds();
  }
  if (period < 0) period = 1;  // upstream treats a negative period as the shortest one
  if (pod.spec().nodename().empty()) period = 0;  // no kubelet runs it: nothing to wait for
  if (pod.status().phase() == "Failed" || pod.status().phase() == "Succeeded") period = 0;
  return period;
}

}  // namespace kube::apiserver::core
