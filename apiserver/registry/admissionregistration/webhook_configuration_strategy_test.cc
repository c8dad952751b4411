#include "apiserver/registry/admissionregistration/webhook_configuration_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/admissionregistration/register_admissionregistration.h"
#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

namespace kube::apiserver {
namespace {

using k8s::admissionregistration::v1::MutatingWebhookConfiguration;
using k8s::admissionregistration::v1::ValidatingWebhookConfiguration;
using testing::HasError;
using testing::Parse;

// What the ingress-nginx chart renders, before defaults.
constexpr char kIngressNginx[] = R"(
metadata { name: "ingress-nginx-admission" }
webhooks {
  name: "validate.nginx.ingress.kubernetes.io"
  matchPolicy: "Equivalent"
  rules {
    operations: "CREATE" operations: "UPDATE"
    rule { apiGroups: "networking.k8s.io" apiVersions: "v1" resources: "ingresses" }
  }
  failurePolicy: "Fail"
  sideEffects: "None"
  admissionReviewVersions: "v1"
  clientConfig {
    service { namespace: "ingress-nginx" name: "ingress-nginx-controller-admission"
              path: "/networking/v1/ingresses" }
  }
})";

TEST_CASE("Webhook configurations get upstream's defaults") {
  ValidatingWebhookConfigurationStrategy strategy;
  auto config = Parse<ValidatingWebhookConfiguration>(kIngressNginx);
  strategy.Default(config);
  const auto& webhook = config.webhooks(0);
  CHECK(webhook.failurepolicy() == "Fail");
  CHECK(webhook.matchpolicy() == "Equivalent");
  CHECK(webhook.has_namespaceselector());
  CHECK(webhook.has_objectselector());
  CHECK(webhook.timeoutseconds() == 10);
  CHECK(webhook.rules(0).rule().scope() == "*");
  CHECK(webhook.clientconfig().service().port() == 443);
  CHECK(strategy.Validate(config).empty());

  MutatingWebhookConfigurationStrategy mutating;
  auto mutating_config = Parse<MutatingWebhookConfiguration>(
      "webhooks { name: 'inject.example.com' sideEffects: 'NoneOnDryRun' "
      "admissionReviewVersions: 'v1beta1' clientConfig { url: 'https://hooks.example.com/x' } "
      "failurePolicy: 'Ignore' timeoutSeconds: 5 }");
  mutating.Default(mutating_config);
  CHECK(mutating_config.webhooks(0).reinvocationpolicy() == "Never");
  CHECK(mutating_config.webhooks(0).failurepolicy() == "Ignore");
  CHECK(mutating_config.webhooks(0).timeoutseconds() == 5);
  CHECK(mutating.Validate(mutating_config).empty());
}

TEST_CASE("Webhook validation names the field as upstream") {
  ValidatingWebhookConfigurationStrategy strategy;
  auto config = Parse<ValidatingWebhookConfiguration>(R"(
    webhooks { name: "hook" admissionReviewVersions: "v2"
               clientConfig { url: "http://example.com/x?y=1#z" } timeoutSeconds: 31
               rules { rule { apiGroups: "*" apiGroups: "apps" resources: "*/*" resources: "pods" } } }
    webhooks { name: "a.b.c" sideEffects: "Some" admissionReviewVersions: "v1"
               clientConfig { url: "https://x.example.com" service { name: "s" namespace: "n" } } }
    webhooks { name: "a.b.c" sideEffects: "None" admissionReviewVersions: "v1"
               clientConfig { service { name: "s" namespace: "n" port: 0 path: "no-slash" } } }
  )");
  strategy.Default(config);
  const api::FieldErrors errors = strategy.Validate(config);
  INFO(testing::Describe(errors));
  CHECK(HasError(errors,
                 "webhooks[0].name: Invalid value: \"hook\": should be a domain with at "
                 "least three segments separated by dots"));
  CHECK(HasError(errors,
                 "webhooks[0].sideEffects: Required value: must specify one of None, "
                 "NoneOnDryRun"));
  CHECK(HasError(errors,
                 "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must "
                 "be between 1 and 30 seconds"));
  CHECK(HasError(errors,
                 "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the "
                 "only allowed URL scheme; desired format: https://host[/path]"));
  CHECK(HasError(errors,
                 "webhooks[0].clientConfig.url: Invalid value: \"z\": fragments are not "
                 "permitted in the URL"));
  CHECK(HasError(errors,
                 "webhooks[0].clientConfig.url: Invalid value: \"y=1\": query "
                 "parameters are not permitted in the URL"));
  CHECK(HasError(errors,
                 "webhooks[0].admissionReviewVersions: Invalid value: []string{\"v2\"}: "
                 "must include at least one of v1, v1beta1"));
  CHECK(HasError(errors, "webhooks[0].rules[0].operations: Required value"));
  CHECK(HasError(errors,
                 "webhooks[0].rules[0].apiGroups: Invalid value: []string{\"*\", "
                 "\"apps\"}: if '*' is present, must not specify other API groups"));
  CHECK(HasError(errors, "webhooks[0].rules[0].apiVersions: Required value"));
  CHECK(HasError(errors,
                 "webhooks[0].rules[0].resources: Invalid value: []string{\"*/*\", "
                 "\"pods\"}: if '*/*' is present, must not specify other resources"));
  CHECK(HasError(errors,
                 "webhooks[1].sideEffects: Unsupported value: \"Some\": supported "
                 "values: \"None\", \"NoneOnDryRun\""));
  CHECK(HasError(errors,
                 "webhooks[1].clientConfig: Required value: exactly one of url or "
                 "service is required"));
  CHECK(HasError(errors, "webhooks[2].name: Duplicate value: \"a.b.c\""));
  CHECK(HasError(errors,
                 "webhooks[2].clientConfig.service.port: Invalid value: 0: port is not "
                 "valid: must be between 1 and 65535, inclusive"));
  CHECK(HasError(errors,
                 "webhooks[2].clientConfig.service.path: Invalid value: \"no-slash\": "
                 "must start with a '/'"));
}

TEST_CASE("Webhook configurations through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterAdmissionRegistrationResources(fixture.registry(), fixture.config());
  const ResourceInfo* info = fixture.registry().FindByKind("admissionregistration.k8s.io", "v1",
                                                           "ValidatingWebhookConfiguration");
  REQUIRE(info != nullptr);
  CHECK_FALSE(info->namespaced);
  CHECK(info->categories == std::vector<std::string>{"api-extensions"});

  Store& store = fixture.StoreFor("admissionregistration.k8s.io", "ValidatingWebhookConfiguration");
  auto created = store.Create("",
                              std::make_unique<ValidatingWebhookConfiguration>(
                                  Parse<ValidatingWebhookConfiguration>(kIngressNginx)),
                              {});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const ValidatingWebhookConfiguration&>(**created);
  CHECK(stored.metadata().generation() == 1);
  CHECK(stored.webhooks(0).timeoutseconds() == 10);

  auto relabelled = fixture.Edit<ValidatingWebhookConfiguration>(
      store, "", "ingress-nginx-admission", false, [](ValidatingWebhookConfiguration& c) {
        (*c.mutable_metadata()->mutable_labels())["a"] = "b";
      });
  REQUIRE(relabelled.ok());
  CHECK(static_cast<const ValidatingWebhookConfiguration&>(**relabelled).metadata().generation() ==
        1);
  auto retimed = fixture.Edit<ValidatingWebhookConfiguration>(
      store, "", "ingress-nginx-admission", false,
      [](ValidatingWebhookConfiguration& c) { c.mutable_webhooks(0)->set_timeoutseconds(20); });
  REQUIRE(retimed.ok());
  CHECK(static_cast<const ValidatingWebhookConfiguration&>(**retimed).metadata().generation() == 2);
}

}  // namespace
}  // namespace kube::apiserver
