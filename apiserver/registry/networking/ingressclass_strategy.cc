#include "apiserver/registry/networking/ingressclass_strategy.h"

#include <regex>
#include <string>

#include "apiserver/registry/networking/ingress_validation.h"
#include "common/validation/names.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::IngressClass;
using k8s::networking::v1::IngressClassParametersReference;

constexpr size_t kMaxControllerLength = 250;
constexpr char kHttpPathPattern[] = R"([A-Za-z0-9/\-._~%!$&'()*+,;=:]+)";

// validation.IsDomainPrefixedPath: "acme.io/foo", a DNS subdomain, '/', an HTTP path.
void CheckDomainPrefixedPath(const std::string& value, const std::string& field,
                             api::FieldErrors& errors) {
  const size_t slash = value.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == value.size()) {
    errors.push_back(
        api::Invalid(field, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    return;
  }
  const std::string host = value.substr(0, slash);
  for (const std::string& message : validation::IsDns1123Subdomain(host)) {
    errors.push_back(api::Invalid(field, host, message));
  }
  const std::string path = value.substr(slash + 1);
  static const std::regex kHttpPath(kHttpPathPattern);
  if (!std::regex_match(path, kHttpPath)) {
    errors.push_back(api::Invalid(
        field, path,
        std::string("Invalid path (regex used for validation is '") + kHttpPathPattern + "')"));
  }
}

void CheckParameters(const IngressClassParametersReference& parameters, api::FieldErrors& errors) {
  const std::string path = "spec.parameters";
  if (parameters.has_apigroup()) {
    for (const std::string& message : validation::IsDns1123Subdomain(parameters.apigroup())) {
      errors.push_back(api::Invalid(path + ".apiGroup", parameters.apigroup(), message));
    }
  }
  networking::CheckRequiredPathSegment(parameters.kind(), path + ".kind", errors);
  networking::CheckRequiredPathSegment(parameters.name(), path + ".name", errors);
  if (!parameters.has_scope()) {
    errors.push_back(api::Required(path + ".scope"));
    return;
  }
  const std::string& scope = parameters.scope();
  if (scope == "Namespace") {
    if (!parameters.has_namespace_()) {
      errors.push_back(
          api::Required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
    } else {
      for (const std::string& message : validation::IsDns1123Label(parameters.namespace_())) {
        errors.push_back(api::Invalid(path + ".namespace", parameters.namespace_(), message));
      }
    }
  } else if (scope == "Cluster") {
    if (parameters.has_namespace_()) {
      errors.push_back(
          api::Forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
    }
  } else {
    errors.push_back(api::NotSupported(path + ".scope", scope, {"Cluster", "Namespace"}));
  }
}

}  // namespace

void IngressClassStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<IngressClass&>(object).mutable_spec();
  if (spec.has_parameters() && !spec.parameters().has_scope()) {
    spec.mutable_parameters()->set_scope("Cluster");
  }
}

api::FieldErrors IngressClassStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const IngressClass&>(object).spec();
  api::FieldErrors errors;
  if (spec.controller().empty()) {
    errors.push_back(api::Required("spec.controller"));
  } else {
    if (spec.controller().size() > kMaxControllerLength) {
      errors.push_back(api::TooLong("spec.controller", "", kMaxControllerLength));
    }
    CheckDomainPrefixedPath(spec.controller(), "spec.controller", errors);
  }
  if (spec.has_parameters()) CheckParameters(spec.parameters(), errors);
  return errors;
}

api::FieldErrors IngressClassStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                      const google::protobuf::Message& old) const {
  const std::string& controller = static_cast<const IngressClass&>(object).spec().controller();
  api::FieldErrors errors;
  if (controller != static_cast<const IngressClass&>(old).spec().controller()) {
    errors.push_back(api::Invalid("spec.controller", controller, "field is immutable"));
  }
  return errors;
}

}  // namespace kube::apiserver
