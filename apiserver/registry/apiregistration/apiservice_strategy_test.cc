#include "apiserver/registry/apiregistration/apiservice_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apiregistration/availability.h"
#include "apiserver/registry/apiregistration/local_apiservices.h"
#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apiregistration::v1::APIService;
using testing::Describe;
using testing::HasError;

APIService Parse(const std::string& text) { return testing::Parse<APIService>(text); }

TEST_CASE("APIService validation as the aggregator's") {
  ApiServiceStrategy strategy;
  APIService metrics = Parse(R"(
    metadata { name: "v1beta1.metrics.k8s.io" }
    spec { group: "metrics.k8s.io" version: "v1beta1" groupPriorityMinimum: 100
           versionPriority: 100 insecureSkipTLSVerify: true
           service { namespace: "kube-system" name: "metrics-server" } })");
  strategy.Default(metrics);
  CHECK(metrics.spec().service().port() == 443);
  CHECK(strategy.Validate(metrics).empty());

  APIService misnamed = Parse(R"(
    metadata { name: "v1.wrong" }
    spec { group: "" version: "v2" groupPriorityMinimum: 0 versionPriority: 1001
           insecureSkipTLSVerify: true })");
  const api::FieldErrors errors = strategy.Validate(misnamed);
  INFO(Describe(errors));
  CHECK(HasError(errors,
                 "metadata.name: Invalid value: \"v1.wrong\": must be "
                 "`spec.version+\".\"+spec.group`: \"v2.\""));
  CHECK(HasError(errors,
                 "spec.group: Required value: only v1 may have an empty group and it "
                 "better be legacy kube"));
  CHECK(HasError(errors,
                 "spec.groupPriorityMinimum: Invalid value: 0: must be positive and less "
                 "than 20000"));
  CHECK(HasError(errors,
                 "spec.versionPriority: Invalid value: 1001: must be positive and less "
                 "than 1000"));
  CHECK(HasError(errors,
                 "spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may "
                 "not have insecureSkipTLSVerify"));
}

TEST_CASE("Local APIServices come from the registry's group-versions") {
  ResourceRegistry registry;
  for (const auto& [group, version, kind] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"", "v1", "Pod"}, {"apps", "v1", "Deployment"}, {"example.com", "v1", "Widget"}}) {
    ResourceInfo info;
    info.group = group;
    info.version = version;
    info.kind = kind;
    info.resource = kind + "s";
    info.prototype = &k8s::core::v1::Pod::default_instance();
    info.list_prototype = &k8s::core::v1::PodList::default_instance();
    info.strategy = std::make_unique<Strategy>();
    registry.Add(std::move(info));
  }
  const auto services = apiregistration::LocalApiServices(registry);
  // A group-version upstream lists no priority for gets no APIService.
  REQUIRE(services.size() == 2);
  CHECK(services[0].metadata().name() == "v1.");
  CHECK(services[0].spec().group().empty());
  CHECK(services[0].spec().grouppriorityminimum() == 18000);
  CHECK(services[0].spec().versionpriority() == 1);
  CHECK_FALSE(services[0].spec().has_service());
  CHECK(services[1].metadata().name() == "v1.apps");
  CHECK(services[1].spec().grouppriorityminimum() == 17800);
  CHECK(services[1].spec().versionpriority() == 15);
  CHECK(services[1].metadata().labels().at("kube-aggregator.kubernetes.io/automanaged") ==
        "onstart");
  ApiServiceStrategy strategy;
  for (const APIService& service : services) CHECK(strategy.Validate(service).empty());
  CHECK(apiregistration::BuiltinPriority("autoscaling", "v2")->version == 30);
}

TEST_CASE("The Available condition: Local, or not available without a proxy") {
  const auto none = [](const std::string&, const std::string&) { return false; };
  const auto all = [](const std::string&, const std::string&) { return true; };
  APIService local = Parse("metadata { name: 'v1.apps' } spec { group: 'apps' version: 'v1' }");
  auto condition = apiregistration::AvailableCondition(local, none);
  CHECK(condition.status() == "True");
  CHECK(condition.reason() == "Local");
  CHECK(condition.message() == "Local APIServices are always available");

  APIService remote = Parse(
      "spec { group: 'metrics.k8s.io' version: 'v1beta1' "
      "service { namespace: 'kube-system' name: 'metrics-server' } }");
  condition = apiregistration::AvailableCondition(remote, none);
  CHECK(condition.status() == "False");
  CHECK(condition.reason() == "ServiceNotFound");
  CHECK(condition.message() == "service/metrics-server in \"kube-system\" is not present");
  CHECK(apiregistration::AvailableCondition(remote, all).reason() == "ServiceNotProxied");

  k8s::apiregistration::v1::APIServiceStatus status;
  k8s::meta::v1::Time first;
  first.set_seconds(100);
  CHECK(apiregistration::SetCondition(status, condition, first));
  CHECK_FALSE(apiregistration::SetCondition(status, condition, first));
  k8s::meta::v1::Time later;
  later.set_seconds(200);
  CHECK(apiregistration::SetCondition(status, apiregistration::AvailableCondition(remote, all),
                                      later));
  REQUIRE(status.conditions_size() == 1);
  // Same status: the transition time stays.
  CHECK(status.conditions(0).lasttransitiontime().seconds() == 100);
}

}  // namespace
}  // namespace kube::apiserver
