#include "apiserver/registry/core/replication_controller_strategy.h"

#include "apiserver/registry/core/core_test_util.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::ReplicationController;
using testing::Parse;

ReplicationController Defaulted(const std::string& text) {
  ReplicationControllerStrategy strategy;
  auto rc = Parse<ReplicationController>(text);
  strategy.Default(rc);
  strategy.PrepareForCreate(rc);
  return rc;
}

constexpr char kTemplate[] = R"(template { metadata { labels { key: "app" value: "web" } }
    spec { containers { name: "web" image: "nginx" } } })";

TEST_CASE("replication controller defaults come from the template") {
  auto rc = Defaulted(std::string("spec { ") + kTemplate + " }");
  CHECK(rc.spec().replicas() == 1);
  CHECK(rc.spec().selector().at("app") == "web");
  CHECK(rc.metadata().labels().at("app") == "web");
  CHECK(rc.spec().template_().spec().restartpolicy() == "Always");
  CHECK(rc.spec().template_().spec().containers(0).imagepullpolicy() == "Always");
  CHECK(ReplicationControllerStrategy().Validate(rc).empty());
}

TEST_CASE("replication controller validation") {
  ReplicationControllerStrategy strategy;
  auto mismatch = Defaulted(std::string(R"(spec { selector { key: "app" value: "db" } )") + kTemplate + " }");
  CHECK_ERROR(strategy.Validate(mismatch),
              "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
  auto no_template = Defaulted(R"(spec { selector { key: "app" value: "db" } })");
  CHECK_ERROR(strategy.Validate(no_template), "spec.template: Required value");
  auto empty = Defaulted(R"(spec { template { spec { containers { name: "web" image: "nginx" } } } })");
  CHECK_ERROR(strategy.Validate(empty), "spec.selector: Required value");
  auto negative = Defaulted(std::string("spec { replicas: -1 ") + kTemplate + " }");
  CHECK_ERROR(strategy.Validate(negative), "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  auto never = Defaulted(R"(spec { template { metadata { labels { key: "a" value: "b" } }
      spec { restartPolicy: "Never" containers { name: "web" image: "nginx" } } } })");
  CHECK_ERROR(strategy.Validate(never),
              "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
}

TEST_CASE("replication controller status and field selector") {
  ReplicationControllerStrategy strategy;
  auto rc = Parse<ReplicationController>(R"(status { replicas: 2 readyReplicas: 3 availableReplicas: 1 })");
  CHECK_ERROR(strategy.ValidateStatusUpdate(rc, rc),
              "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas");
  CHECK(strategy.SelectableField(rc, "status.replicas") == "2");
  CHECK(strategy.SelectableField(ReplicationController::default_instance(), "status.replicas") == "0");
  CHECK(strategy.allow_create_on_update());
}

}  // namespace
}  // namespace kube::apiserver::core
