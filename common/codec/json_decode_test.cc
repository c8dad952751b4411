#include "common/codec/json_decode.h"

#include <catch2/catch.hpp>

#include "k8s/core/v1/core.pb.h"
#include <google/protobuf/util/message_differencer.h>

#include "codec_test.pb.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::Forms;
using testing::Pod;
using testing::Scalars;
using testing::Tree;

std::string ErrorOf(std::string_view json, google::protobuf::Message& message) {
  absl::Status status = DecodeJson(json, message);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  return std::string(status.message());
}

Pod SamplePod() {
  Pod pod;
  auto* meta = pod.mutable_metadata();
  meta->set_name("web-0");
  meta->set_namespace_("shop");
  meta->set_generation(3);
  meta->mutable_creationtimestamp()->set_seconds(1700000000);
  meta->set_deletiongraceperiodseconds(0);
  (*meta->mutable_labels())["app"] = "web";
  (*meta->mutable_annotations())["note"] = "x: y\nz";
  meta->add_finalizers("kubernetes");
  auto* spec = pod.mutable_spec();
  spec->set_restartpolicy("Always");
  spec->set_terminationgraceperiodseconds(30);
  spec->set_automountserviceaccounttoken(false);
  (*spec->mutable_nodeselector())["disk"] = "ssd";
  auto* c = spec->add_containers();
  c->set_name("app");
  c->set_image("busybox:1.36");
  c->add_command("sleep");
  c->add_args("3600");
  auto* port = c->add_ports();
  port->set_name("http");
  port->set_containerport(8080);
  port->set_protocol("TCP");
  (*c->mutable_resources()->mutable_limits())["cpu"].set_string("500m");
  (*c->mutable_resources()->mutable_requests())["memory"].set_string("64Mi");
  auto* probe = c->mutable_livenessprobe();
  probe->mutable_handler()->mutable_httpget()->set_path("/");
  probe->mutable_handler()->mutable_httpget()->mutable_port()->set_type(1);
  probe->mutable_handler()->mutable_httpget()->mutable_port()->set_strval("http");
  probe->set_initialdelayseconds(5);
  (*spec->mutable_containersbyname())["side"].set_image("envoy");
  pod.mutable_status()->set_phase("Running");
  return pod;
}

TEST_CASE("A pod round-trips through JSON", "[json][decode]") {
  Pod pod = SamplePod();
  std::string json = EncodeJson(pod);
  Pod back;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(json, back, &unknown).ok());
  CHECK(unknown.empty());
  CHECK(MessageDifferencer::Equals(pod, back));
  CHECK(EncodeJson(back) == json);
  CHECK(json.find(R"("livenessProbe":{"httpGet":{"path":"/","port":"http"},)") !=
        std::string::npos);
  CHECK(json.find(R"("deletionGracePeriodSeconds":0)") != std::string::npos);
}

TEST_CASE("DecodeJson reads every scalar type", "[json][decode]") {
  Scalars s;
  REQUIRE(DecodeJson(R"({"i32":-5,"i64":9007199254740993,"u32":4000000000,
      "u64":18446744073709551615,"s32":3.0,"s64":-1e3,"f32":7,"f64":8,"sf32":-9,"sf64":-10,
      "flt":0.1,"dbl":1e21,"flag":true,"str":"h\u00e9","data":"AP8Q","color":"RED",
      "ints":[1,2.0,-3],"strs":["a",null],"blobs":["","AA=="],"dbls":[0.5,1],
      "labels":{"a":"b"},"byNumber":{"-4":"x"},"counts":{"n":null},"flags":[true,false]})",
                     s)
              .ok());
  CHECK(s.i32() == -5);
  CHECK(s.i64() == 9007199254740993);
  CHECK(s.u32() == 4000000000u);
  CHECK(s.u64() == 18446744073709551615ull);
  CHECK(s.s32() == 3);
  CHECK(s.s64() == -1000);
  CHECK(s.flt() == 0.1f);
  CHECK(s.dbl() == 1e21);
  CHECK(s.flag());
  CHECK(s.str() == "h\u00e9");
  CHECK(s.data() == std::string("\x00\xff\x10", 3));
  CHECK(s.color() == testing::RED);
  CHECK(s.ints_size() == 3);
  CHECK(s.ints(1) == 2);
  CHECK(s.strs(1).empty());
  CHECK(s.blobs(1) == std::string(1, '\0'));
  CHECK(s.labels().at("a") == "b");
  CHECK(s.bynumber().at(-4) == "x");
  CHECK(s.counts().at("n") == 0);
  Scalars by_number;
  REQUIRE(DecodeJson(R"({"color":2})", by_number).ok());
  CHECK(by_number.color() == testing::GREEN);
}

TEST_CASE("DecodeJson errors name the field path", "[json][decode][errors]") {
  Pod pod;
  CHECK(ErrorOf(R"({"spec":{"containers":[{"name":"a"},{"ports":[{},{"containerPort":"80"}]}]}})",
                pod) == "spec.containers[1].ports[1].containerPort: expected integer, got string");
  CHECK(ErrorOf(R"({"spec":{"containers":[{"ports":[{"containerPort":1.5}]}]}})", pod) ==
        "spec.containers[0].ports[0].containerPort: expected integer, got 1.5");
  CHECK(ErrorOf(R"({"spec":{"containers":[{"ports":[{"containerPort":4294967296}]}]}})", pod) ==
        "spec.containers[0].ports[0].containerPort: integer 4294967296 out of range");
  CHECK(ErrorOf(R"({"metadata":{"labels":{"a":1}}})", pod) ==
        "metadata.labels.a: expected string, got number");
  CHECK(ErrorOf(R"({"metadata":{"labels":[]}})", pod) ==
        "metadata.labels: expected object, got array");
  CHECK(ErrorOf(R"({"spec":{"containers":{}}})", pod) ==
        "spec.containers: expected array, got object");
  CHECK(ErrorOf(R"({"spec":{"hostNetwork":"true"}})", pod) ==
        "spec.hostNetwork: expected bool, got string");
  CHECK(ErrorOf(R"({"spec":"x"})", pod) == "spec: expected object, got string");
  CHECK(ErrorOf(R"({"spec":{"containersByName":{"s":{"stdin":1}}}})", pod) ==
        "spec.containersByName.s.stdin: expected bool, got number");
  CHECK(ErrorOf(R"({"metadata":{"creationTimestamp":"yesterday"}})", pod)
            .rfind("metadata.creationTimestamp: invalid RFC 3339 time \"yesterday\"", 0) == 0);
  CHECK(ErrorOf(R"({"kind":5})", pod) == "kind: expected string, got number");
  CHECK(ErrorOf("[]", pod) == "expected object, got array");
  Scalars s;
  CHECK(ErrorOf(R"({"u32":-1})", s) == "u32: integer -1 out of range");
  CHECK(ErrorOf(R"({"data":"AP8"})", s) ==
        "data: invalid base64: length is not a multiple of 4");
  CHECK(ErrorOf(R"({"color":"BLUE"})", s) == R"(color: unknown value "BLUE")");
  CHECK(ErrorOf(R"({"color":7})", s) == "color: unknown value 7");
  CHECK(ErrorOf(R"({"byNumber":{"x":"y"}})", s) ==
        R"(byNumber.x: invalid map key "x" for int32)");
  CHECK(ErrorOf(R"({"flt":1e39})", s) == "flt: number 1e+39 out of range for float");
  CHECK(ErrorOf(R"({"strs":["a",1]})", s) == "strs[1]: expected string, got number");
}

TEST_CASE("DecodeJson reports malformed and too deep JSON", "[json][decode][errors]") {
  Pod pod;
  CHECK(ErrorOf(R"({"spec":)", pod).rfind("invalid JSON at offset 8", 0) == 0);
  CHECK(ErrorOf(R"({} {})", pod).rfind("invalid JSON", 0) == 0);
  CHECK(ErrorOf("{\"metadata\":{\"name\":\"\xff\"}}", pod).rfind("invalid JSON", 0) == 0);
  Tree tree;
  std::string ok, deep;
  for (int i = 0; i < 99; ++i) ok += R"({"child":)";
  ok += "{}" + std::string(99, '}');
  REQUIRE(DecodeJson(ok, tree).ok());
  for (int i = 0; i < 100; ++i) deep += R"({"child":)";
  deep += "{}" + std::string(100, '}');
  CHECK(ErrorOf(deep, tree) == "JSON nests deeper than 100 levels");
  CHECK(ErrorOf(std::string(100000, '['), tree).rfind("invalid JSON", 0) == 0);
}

TEST_CASE("DecodeJson lists unknown and repeated keys", "[json][decode][unknown]") {
  Pod pod;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(R"({"kind":"Pod","apiVersion":"v1","bogus":1,
      "metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},
      "spec":{"containers":[{"name":"c"},{"imagee":"busybox","kind":"x"}],
              "containersByName":{"s":{"nam":"s"}}}})",
                     pod, &unknown)
              .ok());
  CHECK(unknown == std::vector<std::string>{"bogus", "metadata.name", "metadata.labels.x",
                                            "spec.containers[1].imagee",
                                            "spec.containers[1].kind",
                                            "spec.containersByName.s.nam"});
  CHECK(pod.metadata().name() == "b");  // the last one wins, as in Go
  CHECK(pod.metadata().labels().at("x") == "2");
  CHECK(pod.metadata().labels().size() == 1);
  CHECK(DecodeJson(R"({"bogus":1})", pod).ok());  // without a list, unknown keys are fine
}

TEST_CASE("DecodeJson reads inline members from the enclosing object", "[json][decode]") {
  testing::Probe probe;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(R"({"exec":{"command":["true"]},"timeoutSeconds":2,"handler":{}})",
                     probe, &unknown)
              .ok());
  CHECK(probe.handler().exec().command(0) == "true");
  CHECK(probe.timeoutseconds() == 2);
  CHECK(unknown == std::vector<std::string>{"handler"});
}

TEST_CASE("DecodeJson treats null as absent", "[json][decode]") {
  Pod pod;
  REQUIRE(DecodeJson(R"({"metadata":null,"spec":{"containers":null,
      "terminationGracePeriodSeconds":null,"nodeSelector":null}})",
                     pod)
              .ok());
  CHECK_FALSE(pod.has_metadata());
  CHECK(pod.spec().containers_size() == 0);
  CHECK_FALSE(pod.spec().has_terminationgraceperiodseconds());
  REQUIRE(DecodeJson("null", pod).ok());
  CHECK_FALSE(pod.has_spec());
}

TEST_CASE("DecodeJson clears the message first", "[json][decode]") {
  Pod pod = SamplePod();
  REQUIRE(DecodeJson(R"({"status":{}})", pod).ok());
  CHECK_FALSE(pod.has_metadata());
  CHECK(pod.has_status());
}

TEST_CASE("DecodeJsonValue decodes a parsed document", "[json][decode]") {
  rapidjson::Document doc;
  REQUIRE(ParseJson(R"({"metadata":{"name":"x"}})", doc).ok());
  Pod pod;
  REQUIRE(DecodeJsonValue(doc, pod).ok());
  CHECK(pod.metadata().name() == "x");
}

}  // namespace
}  // namespace kube::codec

namespace kube::codec {
namespace {

TEST_CASE("non-pointer fields holding their zero value decode as absent", "[decode]") {
  k8s::core::v1::Container container;
  REQUIRE(DecodeJson(R"({"name":"","image":"busybox","stdin":false,"ports":[{"containerPort":0,"hostPort":0}]})",
                     container)
              .ok());
  CHECK_FALSE(container.has_name());
  CHECK_FALSE(container.has_stdin());
  CHECK(container.image() == "busybox");
  CHECK_FALSE(container.ports(0).has_containerport());
  // Pointer fields keep a present zero: it means something.
  k8s::core::v1::PodSpec spec;
  REQUIRE(DecodeJson(R"({"terminationGracePeriodSeconds":0,"automountServiceAccountToken":false})", spec).ok());
  CHECK(spec.has_terminationgraceperiodseconds());
  CHECK(spec.has_automountserviceaccounttoken());
  // Zero values of the wrong JSON type are still type errors.
  CHECK_FALSE(DecodeJson(R"({"stdin":0})", container).ok());
}

}  // namespace
}  // namespace kube::codec
