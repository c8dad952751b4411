// Endpoints, PodTemplates, LimitRanges, ResourceQuotas and ServiceAccounts.

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/endpoints_strategy.h"
#include "apiserver/registry/core/limit_range_strategy.h"
#include "apiserver/registry/core/pod_template_strategy.h"
#include "apiserver/registry/core/resource_quota_strategy.h"
#include "apiserver/registry/core/service_account_strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

namespace v1 = k8s::core::v1;
using testing::Parse;

TEST_CASE("endpoints") {
  EndpointsStrategy strategy;
  CHECK(strategy.Validate(Parse<v1::Endpoints>(R"(subsets { addresses { ip: "10.1.0.5" } ports { port: 80 protocol: "TCP" } })")).empty());
  api::FieldErrors errors = strategy.Validate(Parse<v1::Endpoints>(R"(subsets { }
      subsets { addresses { ip: "127.0.0.1" } addresses { ip: "nope" }
                ports { port: 80 protocol: "TCP" } ports { port: 0 name: "b" protocol: "TCP" } })"));
  CHECK_ERROR(errors, "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`");
  CHECK_ERROR(errors, "subsets[1].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");
  CHECK_ERROR(errors, "subsets[1].addresses[1].ip: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  CHECK_ERROR(errors, "subsets[1].ports[0].name: Required value");
  CHECK_ERROR(errors, "subsets[1].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive");
}

TEST_CASE("pod templates are defaulted and validated like pods") {
  PodTemplateStrategy strategy;
  auto pod_template = Parse<v1::PodTemplate>(R"(template { spec { containers { name: "web" image: "nginx" } } })");
  strategy.Default(pod_template);
  CHECK(pod_template.template_().spec().restartpolicy() == "Always");
  CHECK(strategy.Validate(pod_template).empty());
  auto broken = Parse<v1::PodTemplate>(R"(template { spec { containers { name: "web" } } })");
  strategy.Default(broken);
  CHECK_ERROR(strategy.Validate(broken), "template.spec.containers[0].image: Required value");
}

TEST_CASE("limit ranges") {
  LimitRangeStrategy strategy;
  auto range = Parse<v1::LimitRange>(R"(spec { limits { type: "Container"
      max { key: "cpu" value { string: "2" } } min { key: "memory" value { string: "64Mi" } } } })");
  strategy.Default(range);
  const auto& item = range.spec().limits(0);
  CHECK(item.default_().at("cpu").string() == "2");
  CHECK(item.defaultrequest().at("cpu").string() == "2");
  CHECK(item.defaultrequest().at("memory").string() == "64Mi");
  CHECK(strategy.Validate(range).empty());

  auto bad = Parse<v1::LimitRange>(R"(spec {
      limits { type: "Container" max { key: "cpu" value { string: "1" } } min { key: "cpu" value { string: "2" } } }
      limits { type: "Container" }
      limits { type: "Pod" default { key: "cpu" value { string: "1" } } }
      limits { type: "Thing" } })");
  api::FieldErrors errors = strategy.Validate(bad);
  CHECK_ERROR(errors, "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1");
  CHECK_ERROR(errors, "spec.limits[1].type: Duplicate value: \"Container\"");
  CHECK_ERROR(errors, "spec.limits[2].default: Forbidden: may not be specified when `type` is 'Pod'");
  CHECK_ERROR(errors, "spec.limits[3].type: Invalid value: \"Thing\": must be a standard limit type or fully qualified");
}

TEST_CASE("resource quotas") {
  ResourceQuotaStrategy strategy;
  auto quota = Parse<v1::ResourceQuota>(R"(spec { hard { key: "pods" value { string: "10" } }
      hard { key: "requests.cpu" value { string: "4" } } hard { key: "count/deployments.apps" value { string: "2" } } })");
  CHECK(strategy.Validate(quota).empty());
  api::FieldErrors errors = strategy.Validate(Parse<v1::ResourceQuota>(R"(spec {
      hard { key: "pods" value { string: "1.5" } } hard { key: "widgets" value { string: "1" } }
      hard { key: "memory" value { string: "-1" } } scopes: "BestEffort" scopes: "NotBestEffort" })"));
  CHECK_ERROR(errors, "spec.hard[pods]: Invalid value: \"1500m\": must be an integer");
  CHECK_ERROR(errors, "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource type or fully qualified");
  CHECK_ERROR(errors, "spec.hard[memory]: Invalid value: \"-1\": must be greater than or equal to 0");
  CHECK_ERROR(errors, "spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\", \"NotBestEffort\"}: conflicting scopes");

  auto scoped = Parse<v1::ResourceQuota>(R"(spec { scopes: "Terminating" })");
  CHECK_ERROR(strategy.ValidateUpdate(quota, scoped), "spec.scopes: Invalid value: []core.ResourceQuotaScope(nil): field is immutable");
  auto status = Parse<v1::ResourceQuota>(R"(status { used { key: "pods" value { string: "x" } } })");
  CHECK_ERROR_PREFIX(strategy.ValidateStatusUpdate(status, status), "status.used[pods]: Invalid value: \"x\": quantities must match");
}

TEST_CASE("service accounts have no rules of their own") {
  ServiceAccountStrategy strategy;
  CHECK(strategy.Validate(v1::ServiceAccount::default_instance()).empty());
  CHECK(strategy.allow_create_on_update());
}

}  // namespace
}  // namespace kube::apiserver::core
