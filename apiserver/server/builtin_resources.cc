#include "apiserver/server/builtin_resources.h"

#include "apiserver/registry/admissionregistration/register_admissionregistration.h"
#include "apiserver/registry/apiregistration/register_apiregistration.h"
#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/apps/register_apps.h"
#include "apiserver/registry/autoscaling/register_autoscaling.h"
#include "apiserver/registry/batch/register_batch.h"
#include "apiserver/registry/certificates/register_certificates.h"
#include "apiserver/registry/coordination/register_coordination.h"
#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/pod_validation.h"
#include "apiserver/registry/core/register_core.h"
#include "apiserver/registry/discovery/register_discovery.h"
#include "apiserver/registry/events/register_events.h"
#include "apiserver/registry/flowcontrol/register_flowcontrol.h"
#include "apiserver/registry/networking/register_networking.h"
#include "apiserver/registry/node/register_node.h"
#include "apiserver/registry/apiextensions/register_apiextensions.h"
#include "apiserver/registry/policy/register_policy.h"
#include "apiserver/reviews/register_reviews.h"
#include "apiserver/registry/rbac/register_rbac.h"
#include "apiserver/registry/scheduling/register_scheduling.h"
#include "apiserver/registry/storage/register_storage.h"

namespace kube::apiserver {

absl::Status RegisterBuiltinResources(ResourceRegistry& registry, const RegistryConfig& config) {
  // Workload kinds embed pod templates: they get the core group's pod defaults and
  // pod-spec validation, so every pod a controller stamps out was valid already.
  PodTemplateHooks hooks;
  hooks.default_template = [](k8s::core::v1::PodTemplateSpec& template_spec) {
    core::DefaultPodSpec(*template_spec.mutable_spec());
  };
  hooks.validate_template = [](const k8s::core::v1::PodTemplateSpec& template_spec,
                               const std::string& path) {
    return core::ValidatePodTemplateSpec(template_spec, path);
  };

  RegisterCoreResources(registry, config);
  RegisterAppsResources(registry, config, hooks);
  RegisterBatchResources(registry, config, hooks);
  RegisterAutoscalingResources(registry, config);
  RegisterCertificatesResources(registry, config);
  RegisterNetworkingResources(registry, config);
  RegisterCoordinationResources(registry, config);
  RegisterDiscoveryResources(registry, config);
  RegisterPolicyResources(registry, config);
  RegisterRbacResources(registry, config);
  RegisterEventsResources(registry, config);
  RegisterStorageResources(registry, config);
  RegisterSchedulingResources(registry, config);
  RegisterNodeResources(registry, config);
  RegisterApiextensionsResources(registry, config);
  RegisterAdmissionRegistrationResources(registry, config);
  RegisterFlowControlResources(registry, config);
  RegisterApiRegistrationResources(registry, config);
  reviews::RegisterReviewResources(registry);
  return absl::OkStatus();
}

}  // namespace kube::apiserver
