#include "apiserver/registry/events/event_conversion.h"

#include <catch2/catch.hpp>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

namespace kube::apiserver::events {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  REQUIRE(google::protobuf::TextFormat::ParseFromString(text, &message));
  return message;
}

TEST_CASE("events.k8s.io/v1 and core/v1 Events convert both ways without loss") {
  const auto full = Parse<k8s::events::v1::Event>(R"(
      metadata { name: "e" namespace: "default" uid: "u" }
      eventTime { seconds: 1700000000 nanos: 123000 }
      series { count: 4 lastObservedTime { seconds: 1700000100 } }
      reportingController: "kubelet" reportingInstance: "node-1" action: "Pulling"
      reason: "Pulling" regarding { kind: "Pod" name: "p" namespace: "default" }
      related { kind: "Node" name: "node-1" } note: "pulling image" type: "Normal"
      deprecatedSource { component: "kubelet" host: "node-1" }
      deprecatedFirstTimestamp { seconds: 1699999999 }
      deprecatedLastTimestamp { seconds: 1700000001 } deprecatedCount: 7)");
  k8s::core::v1::Event core = ToCoreEvent(full);
  CHECK(core.message() == "pulling image");
  CHECK(core.involvedobject().name() == "p");
  CHECK(core.reportingcomponent() == "kubelet");
  CHECK(core.source().host() == "node-1");
  CHECK(core.count() == 7);
  CHECK(core.series().count() == 4);
  CHECK(google::protobuf::util::MessageDifferencer::Equals(FromCoreEvent(core), full));

  // Unset stays unset (no empty sub-messages appear).
  const auto sparse = Parse<k8s::events::v1::Event>(R"(metadata { name: "s" } note: "n")");
  k8s::core::v1::Event sparse_core = ToCoreEvent(sparse);
  CHECK(!sparse_core.has_series());
  CHECK(!sparse_core.has_source());
  CHECK(!sparse_core.has_involvedobject());
  CHECK(google::protobuf::util::MessageDifferencer::Equals(FromCoreEvent(sparse_core), sparse));
}

}  // namespace
}  // namespace kube::apiserver::events
