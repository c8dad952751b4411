#include "apiserver/registry/admissionregistration/register_admissionregistration.h"

#include "apiserver/registry/admissionregistration/admission_policy_strategy.h"
#include "apiserver/registry/admissionregistration/webhook_configuration_strategy.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

namespace kube::apiserver {

using namespace k8s::admissionregistration::v1;

namespace {

ResourceInfo ClusterResource(std::string kind, std::string resource, std::string singular) {
  ResourceInfo info;
  info.group = "admissionregistration.k8s.io";
  info.version = "v1";
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.singular = std::move(singular);
  info.namespaced = false;
  info.categories = {"api-extensions"};
  return info;
}

}  // namespace

void RegisterAdmissionRegistrationResources(ResourceRegistry& registry,
                                            const RegistryConfig& config) {
  ResourceInfo validating =
      ClusterResource("ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
                      "validatingwebhookconfiguration");
  validating.prototype = &ValidatingWebhookConfiguration::default_instance();
  validating.list_prototype = &ValidatingWebhookConfigurationList::default_instance();
  validating.strategy = std::make_unique<ValidatingWebhookConfigurationStrategy>();
  registry.Add(std::move(validating));

  ResourceInfo mutating =
      ClusterResource("MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
                      "mutatingwebhookconfiguration");
  mutating.prototype = &MutatingWebhookConfiguration::default_instance();
  mutating.list_prototype = &MutatingWebhookConfigurationList::default_instance();
  mutating.strategy = std::make_unique<MutatingWebhookConfigurationStrategy>();
  registry.Add(std::move(mutating));

  ResourceInfo policies = ClusterResource(
      "ValidatingAdmissionPolicy", "validatingadmissionpolicies", "validatingadmissionpolicy");
  policies.prototype = &ValidatingAdmissionPolicy::default_instance();
  policies.list_prototype = &ValidatingAdmissionPolicyList::default_instance();
  policies.subresources.status = true;
  policies.strategy = std::make_unique<ValidatingAdmissionPolicyStrategy>();
  registry.Add(std::move(policies));

  ResourceInfo bindings =
      ClusterResource("ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings",
                      "validatingadmissionpolicybinding");
  bindings.prototype = &ValidatingAdmissionPolicyBinding::default_instance();
  bindings.list_prototype = &ValidatingAdmissionPolicyBindingList::default_instance();
  bindings.strategy = std::make_unique<ValidatingAdmissionPolicyBindingStrategy>();
  registry.Add(std::move(bindings));
}

}  // namespace kube::apiserver
