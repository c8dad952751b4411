#include "apiserver/registry/networking/ingress_validation.h"

#include <array>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::networking {
namespace {

using core::Child;
using core::Index;
using k8s::networking::v1::HTTPIngressPath;
using k8s::networking::v1::IngressBackend;
using k8s::networking::v1::IngressSpec;

constexpr std::array<std::string_view, 5> kInvalidPathSequences = {"//", "/./", "/../", "%2f",
                                                                   "%2F"};
constexpr std::array<std::string_view, 2> kInvalidPathSuffixes = {"/..", "/."};

bool IsIp(const std::string& value) { return validation::IsValidIp(value).empty(); }

// Each message of `check(value)` as an Invalid error on `field`.
template <typename Check>
void AddInvalid(const std::string& field, const std::string& value, Check check,
                api::FieldErrors& errors) {
  for (const std::string& message : check(value)) {
    errors.push_back(api::Invalid(field, value, message));
  }
}

// A host with a '*' must be a wildcard subdomain, any other a plain one.
void CheckHost(const std::string& host, const std::string& field, api::FieldErrors& errors) {
  if (absl::StrContains(host, "*")) {
    AddInvalid(field, host, validation::IsWildcardDns1123Subdomain, errors);
  } else {
    AddInvalid(field, host, validation::IsDns1123Subdomain, errors);
  }
}

void CheckBackend(const IngressBackend& backend, const std::string& path,
                  api::FieldErrors& errors) {
  if (backend.has_resource() && backend.has_service()) {
    errors.push_back(api::Invalid(path, "", "cannot set both resource and service backends"));
    return;
  }
  if (backend.has_resource()) {
    const auto& resource = backend.resource();
    const std::string resource_path = Child(path, "resource");
    if (resource.has_apigroup()) {
      AddInvalid(Child(resource_path, "apiGroup"), resource.apigroup(),
                 validation::IsDns1123Subdomain, errors);
    }
    CheckRequiredPathSegment(resource.kind(), Child(resource_path, "kind"), errors);
    CheckRequiredPathSegment(resource.name(), Child(resource_path, "name"), errors);
    return;
  }
  if (!backend.has_service()) {
    errors.push_back(api::Invalid(path, "", "resource or service backend is required"));
    return;
  }
  const auto& service = backend.service();
  const std::string service_path = Child(path, "service");
  if (service.name().empty()) {
    errors.push_back(api::Required(Child(service_path, "name")));
  } else {
    // ValidateServiceName: a Service's name is an RFC 1035 label.
    AddInvalid(Child(service_path, "name"), service.name(), validation::IsDns1035Label, errors);
  }
  const auto& port = service.port();
  const std::string port_path = Child(service_path, "port");
  const bool has_name = !port.name().empty();
  const bool has_number = port.number() != 0;
  if (has_name && has_number) {
    errors.push_back(api::Invalid(path, "", "cannot set both port name & port number"));
  } else if (has_name) {
    AddInvalid(Child(port_path, "name"), port.name(), validation::IsValidPortName, errors);
  } else if (has_number) {
    for (const std::string& message : validation::IsValidPortNumber(port.number())) {
      errors.push_back(api::InvalidNumber(Child(port_path, "number"), port.number(), message));
    }
  } else {
    errors.push_back(api::Required(path, "port name or number is required"));
  }
}

void CheckPath(const HTTPIngressPath& http_path, const std::string& path,
               api::FieldErrors& errors) {
  if (!http_path.has_pathtype()) {
    errors.push_back(api::Required(Child(path, "pathType"), "pathType must be specified"));
    return;
  }
  const std::string& type = http_path.pathtype();
  const std::string& value = http_path.path();
  const std::string value_path = Child(path, "path");
  if (type == "Exact" || type == "Prefix") {
    if (!absl::StartsWith(value, "/")) {
      errors.push_back(api::Invalid(value_path, value, "must be an absolute path"));
    }
    for (std::string_view sequence : kInvalidPathSequences) {
      if (value.find(sequence) != std::string::npos) {
        errors.push_back(
            api::Invalid(value_path, value, StrCat("must not contain '", sequence, "'")));
      }
    }
    for (std::string_view suffix : kInvalidPathSuffixes) {
      if (value.size() >= suffix.size() &&
          value.compare(value.size() - suffix.size(), suffix.size(), suffix) == 0) {
        errors.push_back(api::Invalid(value_path, value, StrCat("cannot end with '", suffix, "'")));
      }
    }
  } else if (type == "ImplementationSpecific") {
    if (!value.empty() && !absl::StartsWith(value, "/")) {
      errors.push_back(api::Invalid(value_path, value, "must be an absolute path"));
    }
  } else {
    errors.push_back(api::NotSupported(Child(path, "pathType"), type,
                                       {"Exact", "ImplementationSpecific", "Prefix"}));
  }
  CheckBackend(http_path.backend(), Child(path, "backend"), errors);
}

void CheckRules(const IngressSpec& spec, api::FieldErrors& errors) {
  for (int i = 0; i < spec.rules_size(); ++i) {
    const auto& rule = spec.rules(i);
    const std::string rule_path = Index("spec.rules", i);
    if (!rule.host().empty()) {
      const std::string host_path = Child(rule_path, "host");
      if (IsIp(rule.host())) {
        errors.push_back(
            api::Invalid(host_path, rule.host(), "must be a DNS name, not an IP address"));
      }
      CheckHost(rule.host(), host_path, errors);
    }
    if (!rule.ingressrulevalue().has_http()) continue;
    const auto& http = rule.ingressrulevalue().http();
    const std::string paths_path = Child(Child(rule_path, "http"), "paths");
    if (http.paths().empty()) errors.push_back(api::Required(paths_path));
    for (int j = 0; j < http.paths_size(); ++j) {
      CheckPath(http.paths(j), Index(paths_path, j), errors);
    }
  }
}

void CheckTls(const IngressSpec& spec, api::FieldErrors& errors) {
  for (int i = 0; i < spec.tls_size(); ++i) {
    const auto& tls = spec.tls(i);
    const std::string tls_path = Index("spec.tls", i);
    for (int j = 0; j < tls.hosts_size(); ++j) {
      CheckHost(tls.hosts(j), Index(Child(tls_path, "hosts"), j), errors);
    }
    if (!tls.secretname().empty()) {
      AddInvalid(Child(tls_path, "secretName"), tls.secretname(), validation::IsDns1123Subdomain,
                 errors);
    }
  }
}

}  // namespace

void CheckRequiredPathSegment(const std::string& value, const std::string& field,
                              api::FieldErrors& errors) {
  if (value.empty()) {
    errors.push_back(api::Required(field));
  } else {
    AddInvalid(field, value, validation::IsValidPathSegmentName, errors);
  }
}

api::FieldErrors ValidateIngressSpec(const IngressSpec& spec) {
  api::FieldErrors errors;
  if (spec.rules().empty() && !spec.has_defaultbackend()) {
    // Upstream renders the (nil) rules list as JSON.
    errors.push_back({api::FieldError::Type::kInvalid, "spec", "null",
                      "either `defaultBackend` or `rules` must be specified"});
  }
  if (spec.has_defaultbackend()) CheckBackend(spec.defaultbackend(), "spec.defaultBackend", errors);
  CheckRules(spec, errors);
  CheckTls(spec, errors);
  if (spec.has_ingressclassname()) {
    AddInvalid("spec.ingressClassName", spec.ingressclassname(), validation::IsDns1123Subdomain,
               errors);
  }
  return errors;
}

api::FieldErrors ValidateIngressLoadBalancerStatus(
    const k8s::networking::v1::IngressLoadBalancerStatus& status) {
  api::FieldErrors errors;
  for (int i = 0; i < status.ingress_size(); ++i) {
    const auto& ingress = status.ingress(i);
    const std::string path = Index("status.loadBalancer.ingress", i);
    if (!ingress.ip().empty()) core::ValidateIp(ingress.ip(), Child(path, "ip"), errors);
    if (!ingress.hostname().empty()) {
      const std::string hostname_path = Child(path, "hostname");
      AddInvalid(hostname_path, ingress.hostname(), validation::IsDns1123Subdomain, errors);
      if (IsIp(ingress.hostname())) {
        errors.push_back(api::Invalid(hostname_path, ingress.hostname(),
                                      "must be a DNS name, not an IP address"));
      }
    }
  }
  return errors;
}

}  // namespace kube::apiserver::networking
