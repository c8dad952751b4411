#include "apiserver/registry/core/event_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Event;
using testing::Parse;

TEST_CASE("an event's namespace matches its object's") {
  EventStrategy strategy;
  CHECK(strategy.Validate(Parse<Event>(R"(metadata { namespace: "web" } involvedObject { kind: "Pod" namespace: "web" name: "p" })")).empty());
  CHECK(strategy.Validate(Parse<Event>(R"(metadata { namespace: "default" } involvedObject { kind: "Node" name: "n1" })")).empty());
  CHECK_ERROR(strategy.Validate(Parse<Event>(R"(metadata { namespace: "web" } involvedObject { namespace: "db" })")),
              "involvedObject.namespace: Invalid value: \"db\": does not match event.namespace");
  CHECK_ERROR(strategy.Validate(Parse<Event>(R"(metadata { namespace: "web" } involvedObject { kind: "Node" })")),
              "involvedObject.namespace: Invalid value: \"\": does not match event.namespace");
}

TEST_CASE("events with an eventTime need the reporting fields") {
  EventStrategy strategy;
  api::FieldErrors errors = strategy.Validate(Parse<Event>(
      R"(metadata { namespace: "web" } involvedObject { namespace: "web" } eventTime { seconds: 1700000000 })"));
  CHECK_ERROR(errors, "reportingComponent: Required value");
  CHECK_ERROR(errors, "reportingInstance: Required value");
  CHECK_ERROR(errors, "action: Required value");
  CHECK_ERROR(errors, "reason: Required value");
}

TEST_CASE("event field selectors") {
  EventStrategy strategy;
  Event event = Parse<Event>(R"(involvedObject { kind: "Pod" namespace: "web" name: "p" uid: "u"
      apiVersion: "v1" resourceVersion: "7" fieldPath: "spec.containers{web}" }
      reason: "Pulled" type: "Normal" source { component: "kubelet" } reportingComponent: "kubelet")");
  CHECK(strategy.SelectableField(event, "involvedObject.kind") == "Pod");
  CHECK(strategy.SelectableField(event, "involvedObject.namespace") == "web");
  CHECK(strategy.SelectableField(event, "involvedObject.name") == "p");
  CHECK(strategy.SelectableField(event, "involvedObject.uid") == "u");
  CHECK(strategy.SelectableField(event, "involvedObject.apiVersion") == "v1");
  CHECK(strategy.SelectableField(event, "involvedObject.resourceVersion") == "7");
  CHECK(strategy.SelectableField(event, "involvedObject.fieldPath") == "spec.containers{web}");
  CHECK(strategy.SelectableField(event, "reason") == "Pulled");
  CHECK(strategy.SelectableField(event, "type") == "Normal");
  CHECK(strategy.SelectableField(event, "source") == "kubelet");
  CHECK(strategy.SelectableField(event, "reportingComponent") == "kubelet");
  CHECK_FALSE(strategy.SelectableField(event, "message").has_value());
  CHECK(strategy.allow_create_on_update());
}

}  // namespace
}  // namespace kube::apiserver::core
