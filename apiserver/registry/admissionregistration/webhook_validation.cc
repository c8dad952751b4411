#include "apiserver/registry/admissionregistration/webhook_validation.h"

#include <set>
#include <type_traits>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "apiserver/registry/admissionregistration/rule_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::admissionregistration {
namespace {

using core::Child;
using core::Index;
using google::protobuf::RepeatedPtrField;
using k8s::admissionregistration::v1::MutatingWebhook;
using k8s::admissionregistration::v1::ServiceReference;
using k8s::admissionregistration::v1::ValidatingWebhook;
using k8s::admissionregistration::v1::WebhookClientConfig;

constexpr int32_t kDefaultTimeoutSeconds = 10;
constexpr int32_t kDefaultServicePort = 443;
// The AdmissionReview versions this server (and the one before it) understands.
const std::vector<std::string> kAcceptedReviewVersions = {"v1", "v1beta1"};
// v1 webhooks must be free of side effects, or suppress them on dry runs.
const std::vector<std::string> kNoSideEffectClasses = {"None", "NoneOnDryRun"};

template <typename Webhook>
void DefaultCommon(Webhook& webhook) {
  if (!webhook.has_failurepolicy()) webhook.set_failurepolicy("Fail");
  if (!webhook.has_matchpolicy()) webhook.set_matchpolicy("Equivalent");
  webhook.mutable_namespaceselector();
  webhook.mutable_objectselector();
  if (!webhook.has_timeoutseconds()) webhook.set_timeoutseconds(kDefaultTimeoutSeconds);
  for (auto& rule : *webhook.mutable_rules()) DefaultRule(*rule.mutable_rule());
  WebhookClientConfig& config = *webhook.mutable_clientconfig();
  if (config.has_service() && !config.service().has_port()) {
    config.mutable_service()->set_port(kDefaultServicePort);
  }
}

// validation.IsFullyQualifiedName: a DNS subdomain of at least three segments.
void CheckFullyQualifiedName(const std::string& name, const std::string& path,
                             api::FieldErrors& errors) {
  if (name.empty()) {
    errors.push_back(api::Required(path));
    return;
  }
  if (auto messages = validation::IsDns1123Subdomain(name); !messages.empty()) {
    errors.push_back(api::Invalid(path, name, absl::StrJoin(messages, ",")));
    return;
  }
  if (std::vector<std::string>(absl::StrSplit(name, '.')).size() < 3) {
    errors.push_back(api::Invalid(
        path, name, "should be a domain with at least three segments separated by dots"));
  }
}

// webhook.ValidateWebhookService.
void ValidateService(const ServiceReference& service, const std::string& path,
                     api::FieldErrors& errors) {
  if (service.name().empty()) {
    errors.push_back(api::Required(Child(path, "name"), "service name is required"));
  }
  if (service.namespace_().empty()) {
    errors.push_back(api::Required(Child(path, "namespace"), "service namespace is required"));
  }
  if (auto messages = validation::IsValidPortNumber(service.port()); !messages.empty()) {
    errors.push_back(api::InvalidNumber(Child(path, "port"), service.port(),
                                        "port is not valid: " + absl::StrJoin(messages, ", ")));
  }
  if (!service.has_path()) return;
  const std::string& url_path = service.path();
  const std::string path_field = Child(path, "path");
  if (url_path.empty() || url_path == "/") return;
  if (url_path == "//") {
    errors.push_back(api::Invalid(path_field, url_path, "segment[0] may not be empty"));
    return;
  }
  if (url_path[0] != '/') {
    errors.push_back(api::Invalid(path_field, url_path, "must start with a '/'"));
  }
  std::string to_check = url_path.substr(1);
  if (!to_check.empty() && to_check.back() == '/') to_check.pop_back();
  std::vector<std::string> steps = absl::StrSplit(to_check, '/');
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].empty()) {
      errors.push_back(
          api::Invalid(path_field, url_path, StrCat("segment[", i, "] may not be empty")));
      continue;
    }
    for (const std::string& message : validation::IsDns1123Subdomain(steps[i])) {
      errors.push_back(api::Invalid(path_field, url_path, StrCat("segment[", i, "]: ", message)));
    }
  }
}

void ValidateClientConfig(const WebhookClientConfig& config, const std::string& path,
                          api::FieldErrors& errors) {
  if (config.has_url() == config.has_service()) {
    errors.push_back(
        api::Required(Child(path, "clientConfig"), "exactly one of url or service is required"));
  } else if (config.has_url()) {
    ValidateWebhookUrl(config.url(), Child(Child(path, "clientConfig"), "url"), errors);
  } else {
    ValidateService(config.service(), Child(Child(path, "clientConfig"), "service"), errors);
  }
}

// validateAdmissionReviewVersions with a recognized version required.
void ValidateReviewVersions(const RepeatedPtrField<std::string>& versions, const std::string& path,
                            api::FieldErrors& errors) {
  if (versions.empty()) {
    errors.push_back(
        api::Required(path, "must specify one of " + absl::StrJoin(kAcceptedReviewVersions, ", ")));
    return;
  }
  std::set<std::string> seen;
  bool accepted = false;
  for (int i = 0; i < versions.size(); ++i) {
    const std::string& version = versions.Get(i);
    if (!seen.insert(version).second) {
      errors.push_back(api::Invalid(Index(path, i), version, "duplicate version"));
      continue;
    }
    for (const std::string& message : validation::IsDns1035Label(version)) {
      errors.push_back(api::Invalid(Index(path, i), version, message));
    }
    accepted = accepted || Contains(kAcceptedReviewVersions, version);
  }
  if (!accepted) {
    errors.push_back(core::InvalidRendered(
        path, core::GoStringSlice(versions),
        "must include at least one of " + absl::StrJoin(kAcceptedReviewVersions, ", ")));
  }
}

template <typename Webhook>
void ValidateWebhook(const Webhook& webhook, const std::string& path, api::FieldErrors& errors) {
  CheckFullyQualifiedName(webhook.name(), Child(path, "name"), errors);
  for (int i = 0; i < webhook.rules_size(); ++i) {
    ValidateRuleWithOperations(webhook.rules(i), Index(Child(path, "rules"), i), errors);
  }
  if (webhook.has_failurepolicy() && !Contains(FailurePolicies(), webhook.failurepolicy())) {
    errors.push_back(api::NotSupported(Child(path, "failurePolicy"), webhook.failurepolicy(),
                                       FailurePolicies()));
  }
  if (webhook.has_matchpolicy() && !Contains(MatchPolicies(), webhook.matchpolicy())) {
    errors.push_back(
        api::NotSupported(Child(path, "matchPolicy"), webhook.matchpolicy(), MatchPolicies()));
  }
  if (!webhook.has_sideeffects()) {
    errors.push_back(
        api::Required(Child(path, "sideEffects"),
                      "must specify one of " + absl::StrJoin(kNoSideEffectClasses, ", ")));
  } else if (!Contains(kNoSideEffectClasses, webhook.sideeffects())) {
    errors.push_back(
        api::NotSupported(Child(path, "sideEffects"), webhook.sideeffects(), kNoSideEffectClasses));
  }
  if (webhook.has_timeoutseconds() &&
      (webhook.timeoutseconds() > 30 || webhook.timeoutseconds() < 1)) {
    errors.push_back(api::InvalidNumber(Child(path, "timeoutSeconds"), webhook.timeoutseconds(),
                                        "the timeout value must be between 1 and 30 seconds"));
  }
  if (webhook.has_namespaceselector()) {
    ValidateSelector(webhook.namespaceselector(), Child(path, "namespaceSelector"), errors);
  }
  if (webhook.has_objectselector()) {
    ValidateSelector(webhook.objectselector(), Child(path, "objectSelector"), errors);
  }
  if constexpr (std::is_same_v<Webhook, MutatingWebhook>) {
    static const std::vector<std::string> kReinvocationPolicies = {"IfNeeded", "Never"};
    if (webhook.has_reinvocationpolicy() &&
        !Contains(kReinvocationPolicies, webhook.reinvocationpolicy())) {
      errors.push_back(api::NotSupported(Child(path, "reinvocationPolicy"),
                                         webhook.reinvocationpolicy(), kReinvocationPolicies));
    }
  }
  ValidateClientConfig(webhook.clientconfig(), path, errors);
  ValidateMatchConditions(webhook.matchconditions(), Child(path, "matchConditions"), errors);
}

template <typename Webhook>
api::FieldErrors ValidateAll(const RepeatedPtrField<Webhook>& webhooks) {
  api::FieldErrors errors;
  std::set<std::string> names;
  for (int i = 0; i < webhooks.size(); ++i) {
    const Webhook& webhook = webhooks.Get(i);
    const std::string path = Index("webhooks", i);
    ValidateWebhook(webhook, path, errors);
    ValidateReviewVersions(webhook.admissionreviewversions(),
                           Child(path, "admissionReviewVersions"), errors);
    if (!webhook.name().empty() && !names.insert(webhook.name()).second) {
      errors.push_back(api::Duplicate(Child(path, "name"), webhook.name()));
    }
  }
  return errors;
}

}  // namespace

void DefaultWebhook(ValidatingWebhook& webhook) { DefaultCommon(webhook); }

void DefaultWebhook(MutatingWebhook& webhook) {
  DefaultCommon(webhook);
  if (!webhook.has_reinvocationpolicy()) webhook.set_reinvocationpolicy("Never");
}

api::FieldErrors ValidateWebhooks(const RepeatedPtrField<ValidatingWebhook>& webhooks) {
  return ValidateAll(webhooks);
}

api::FieldErrors ValidateWebhooks(const RepeatedPtrField<MutatingWebhook>& webhooks) {
  return ValidateAll(webhooks);
}

void ValidateWebhookUrl(const std::string& url, const std::string& path, api::FieldErrors& errors) {
  constexpr char kForm[] = "; desired format: https://host[/path]";
  // The parts url.Parse finds: scheme://[user@]host[/path][?query][#fragment].
  std::string rest = url;
  std::string fragment;
  if (size_t hash = rest.find('#'); hash != std::string::npos) {
    fragment = rest.substr(hash + 1);
    rest.resize(hash);
  }
  std::string query;
  if (size_t mark = rest.find('?'); mark != std::string::npos) {
    query = rest.substr(mark + 1);
    rest.resize(mark);
  }
  std::string scheme;
  if (size_t colon = rest.find(':');
      colon != std::string::npos && colon > 0 && rest.find('/') > colon) {
    scheme = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  std::string user;
  std::string host;
  if (rest.rfind("//", 0) == 0) {
    std::string authority = rest.substr(2, rest.find('/', 2) - 2);
    if (size_t at = authority.rfind('@'); at != std::string::npos) {
      user = authority.substr(0, at);
      authority = authority.substr(at + 1);
    }
    host = authority;
  }
  if (scheme != "https") {
    errors.push_back(
        api::Invalid(path, scheme, std::string("'https' is the only allowed URL scheme") + kForm));
  }
  if (host.empty()) {
    errors.push_back(api::Invalid(path, host, std::string("host must be specified") + kForm));
  }
  if (!user.empty()) {
    errors.push_back(api::Invalid(path, user, "user information is not permitted in the URL"));
  }
  if (!fragment.empty()) {
    errors.push_back(api::Invalid(path, fragment, "fragments are not permitted in the URL"));
  }
  if (!query.empty()) {
    errors.push_back(api::Invalid(path, query, "query parameters are not permitted in the URL"));
  }
}

}  // namespace kube::apiserver::admissionregistration
