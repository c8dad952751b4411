#include <catch2/catch.hpp>

#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/patch/patch.h"
#include "common/patch/test_util.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::patch {
namespace {

using testing::Json;
using testing::SameJson;
using testing::Text;
using testing::kDeployment;
using testing::kPod;


// A Deployment as the apiserver stores it, built through the codec.
rapidjson::Document WebDeployment() {
  k8s::apps::v1::Deployment deployment;
  deployment.mutable_metadata()->set_name("web");
  (*deployment.mutable_metadata()->mutable_labels())["app"] = "web";
  deployment.mutable_spec()->set_replicas(2);
  auto* pod = deployment.mutable_spec()->mutable_template_();
  (*pod->mutable_metadata()->mutable_labels())["app"] = "web";
  for (const char* name : {"web", "side"}) {
    auto* container = pod->mutable_spec()->add_containers();
    container->set_name(name);
    container->set_image(std::string(name) == "web" ? "nginx:1.25" : "busybox");
    auto* port = container->add_ports();
    port->set_containerport(std::string(name) == "web" ? 80 : 9090);
    auto* env = container->add_env();
    env->set_name("MODE");
    env->set_value(name);
  }
  return Json(codec::EncodeJson(deployment));
}

rapidjson::Value& Containers(rapidjson::Document& d) {
  return d["spec"]["template"]["spec"]["containers"];
}

TEST_CASE("kubectl apply removing a container keeps the other intact", "[patch][strategic]") {
  rapidjson::Document doc = WebDeployment();
  REQUIRE(Containers(doc).Size() == 2);
  const std::string side_before = Text(Containers(doc)[1]);
  REQUIRE(ApplyStrategicMergePatch(
              doc,
              Json(R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"}],)"
                   R"("containers":[{"$patch":"delete","name":"web"}]}}}})"),
              kDeployment)
              .ok());
  REQUIRE(Containers(doc).Size() == 1);
  CHECK(SameJson(Containers(doc)[0], side_before));
  CHECK(doc["spec"]["replicas"].GetInt() == 2);
}

TEST_CASE("kubectl apply changing an image keeps ports and env", "[patch][strategic]") {
  rapidjson::Document doc = WebDeployment();
  REQUIRE(ApplyStrategicMergePatch(
              doc,
              Json(R"({"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},)"
                   R"("spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":)"
                   R"([{"name":"web"},{"name":"side"}],"containers":[{"image":"nginx:1.26","name":"web"}]}}}})"),
              kDeployment)
              .ok());
  CHECK(doc["spec"]["replicas"].GetInt() == 3);
  CHECK(SameJson(Containers(doc),
                 R"([{"name":"web","image":"nginx:1.26","ports":[{"containerPort":80}],)"
                 R"("env":[{"name":"MODE","value":"web"}]},)"
                 R"({"name":"side","image":"busybox","ports":[{"containerPort":9090}],)"
                 R"("env":[{"name":"MODE","value":"side"}]}])"));
  CHECK(SameJson(doc["metadata"]["annotations"],
                 R"({"kubectl.kubernetes.io/last-applied-configuration":"{}\n"})"));
}

TEST_CASE("A null list or key in a merged element removes it", "[patch][strategic]") {
  rapidjson::Document doc = WebDeployment();
  REQUIRE(ApplyStrategicMergePatch(
              doc,
              Json(R"({"metadata":{"labels":null},"spec":{"template":{"spec":{"containers":)"
                   R"([{"env":[{"name":"MODE","value":"x"}],"name":"web","ports":null}]}}}})"),
              kDeployment)
              .ok());
  CHECK_FALSE(doc["metadata"].HasMember("labels"));
  CHECK(SameJson(Containers(doc)[0],
                 R"({"name":"web","image":"nginx:1.25","env":[{"name":"MODE","value":"x"}]})"));
  CHECK(Containers(doc)[1]["ports"].Size() == 1);
}

TEST_CASE("Labels and node fields follow kubectl's bodies", "[patch][strategic]") {
  rapidjson::Document pod = Json(R"({"metadata":{"name":"p","labels":{"a":"1","b":"2"}}})");
  REQUIRE(ApplyStrategicMergePatch(pod, Json(R"({"metadata":{"labels":{"a":null}}})"), kPod).ok());
  CHECK(SameJson(pod, R"({"metadata":{"name":"p","labels":{"b":"2"}}})"));

  const auto* node = k8s::core::v1::Node::descriptor();
  rapidjson::Document n = Json(R"({"metadata":{"name":"n"},"spec":{"podCIDR":"10.0.0.0/24"}})");
  REQUIRE(ApplyStrategicMergePatch(n, Json(R"({"spec":{"unschedulable":true}})"), node).ok());
  CHECK(SameJson(n, R"({"metadata":{"name":"n"},"spec":{"podCIDR":"10.0.0.0/24","unschedulable":true}})"));
  REQUIRE(ApplyStrategicMergePatch(n, Json(R"({"spec":{"unschedulable":null}})"), node).ok());
  CHECK(SameJson(n, R"({"metadata":{"name":"n"},"spec":{"podCIDR":"10.0.0.0/24"}})"));
}

TEST_CASE("$retainKeys switches a volume's source and a deployment's strategy",
          "[patch][strategic]") {
  rapidjson::Document pod = Json(
      R"({"spec":{"containers":[{"name":"c","image":"i"}],)"
      R"("volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"x"}}]}})");
  REQUIRE(ApplyStrategicMergePatch(
              pod,
              Json(R"({"spec":{"$setElementOrder/volumes":[{"name":"data"},{"name":"cfg"}],)"
                   R"("volumes":[{"$retainKeys":["hostPath","name"],"emptyDir":null,)"
                   R"("hostPath":{"path":"/srv"},"name":"data"}]}})"),
              kPod)
              .ok());
  CHECK(SameJson(pod["spec"]["volumes"],
                 R"([{"name":"data","hostPath":{"path":"/srv"}},{"name":"cfg","configMap":{"name":"x"}}])"));

  rapidjson::Document d = Json(
      R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}}}})");
  REQUIRE(ApplyStrategicMergePatch(
              d, Json(R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"),
              kDeployment)
              .ok());
  CHECK(SameJson(d, R"({"spec":{"strategy":{"type":"Recreate"}}})"));

  // A key set by the patch but not listed is refused, with upstream's text.
  absl::Status status = ApplyStrategicMergePatch(
      d, Json(R"({"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":2}}}})"),
      kDeployment);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message() == "invalid patch format of retainKeys");
  CHECK(SameJson(d, R"({"spec":{"strategy":{"type":"Recreate"}}})"));
}

TEST_CASE("A patched document decodes into the typed object", "[patch][strategic]") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("p");
  auto* volume = pod.mutable_spec()->add_volumes();
  volume->set_name("data");
  volume->mutable_volumesource()->mutable_emptydir();
  pod.mutable_spec()->add_containers()->set_name("c");
  rapidjson::Document doc = Json(codec::EncodeJson(pod));
  REQUIRE(ApplyStrategicMergePatch(
              doc,
              Json(R"({"spec":{"volumes":[{"$retainKeys":["hostPath","name"],"hostPath":{"path":"/srv"},)"
                   R"("name":"data"}]}})"),
              kPod)
              .ok());
  k8s::core::v1::Pod patched;
  REQUIRE(codec::DecodeJsonValue(doc, patched).ok());
  REQUIRE(patched.spec().volumes_size() == 1);
  CHECK(patched.spec().volumes(0).volumesource().hostpath().path() == "/srv");
  CHECK_FALSE(patched.spec().volumes(0).volumesource().has_emptydir());
}

TEST_CASE("Primitive lists with merge strategy are sets", "[patch][strategic]") {
  rapidjson::Document pod = Json(R"({"metadata":{"finalizers":["a","b"]}})");
  REQUIRE(ApplyStrategicMergePatch(pod, Json(R"({"metadata":{"finalizers":["c","a"]}})"), kPod).ok());
  // Named elements in the patch's order; the live-only one keeps its place before them.
  CHECK(SameJson(pod, R"({"metadata":{"finalizers":["c","a","b"]}})"));
  REQUIRE(ApplyStrategicMergePatch(
              pod,
              Json(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a","zz"],)"
                   R"("$setElementOrder/finalizers":["b","c"]}})"),
              kPod)
              .ok());
  CHECK(SameJson(pod, R"({"metadata":{"finalizers":["b","c"]}})"));
  // Lists without a strategy are replaced.
  rapidjson::Document c = Json(R"({"spec":{"containers":[{"name":"x","args":["1","2"]}]}})");
  REQUIRE(ApplyStrategicMergePatch(c, Json(R"({"spec":{"containers":[{"name":"x","args":["3"]}]}})"),
                                   kPod)
              .ok());
  CHECK(SameJson(c, R"({"spec":{"containers":[{"name":"x","args":["3"]}]}})"));
}

TEST_CASE("$patch replace and delete on maps and lists", "[patch][strategic]") {
  rapidjson::Document pod = Json(
      R"({"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}})");
  REQUIRE(ApplyStrategicMergePatch(
              pod,
              Json(R"({"metadata":{"labels":{"$patch":"replace","c":"3"}},)"
                   R"("spec":{"containers":[{"name":"z","image":"9"},{"$patch":"replace"}]}})"),
              kPod)
              .ok());
  CHECK(SameJson(pod, R"({"metadata":{"labels":{"c":"3"}},"spec":{"containers":[{"name":"z","image":"9"}]}})"));
  REQUIRE(ApplyStrategicMergePatch(pod, Json(R"({"metadata":{"labels":{"$patch":"delete"}}})"), kPod).ok());
  CHECK(SameJson(pod["metadata"], R"({"labels":{}})"));
  // The whole document.
  REQUIRE(ApplyStrategicMergePatch(pod, Json(R"({"$patch":"replace","kind":"Pod"})"), kPod).ok());
  CHECK(SameJson(pod, R"({"kind":"Pod"})"));
}

TEST_CASE("New list elements are ordered as upstream orders them", "[patch][strategic]") {
  const char* live = R"({"spec":{"ports":[{"port":1},{"port":2},{"port":3}]}})";
  const auto* service = k8s::core::v1::Service::descriptor();
  // Without $setElementOrder a new element comes before the live ones.
  rapidjson::Document doc = Json(live);
  REQUIRE(ApplyStrategicMergePatch(doc, Json(R"({"spec":{"ports":[{"port":4}]}})"), service).ok());
  CHECK(SameJson(doc, R"({"spec":{"ports":[{"port":4},{"port":1},{"port":2},{"port":3}]}})"));
  doc = Json(live);
  REQUIRE(ApplyStrategicMergePatch(doc, Json(R"({"spec":{"ports":[{"port":2,"name":"b"},{"port":4}]}})"),
                                   service)
              .ok());
  CHECK(SameJson(doc, R"({"spec":{"ports":[{"port":1},{"port":2,"name":"b"},{"port":4},{"port":3}]}})"));
  // $setElementOrder orders the named elements; unnamed ones keep their live place.
  doc = Json(live);
  REQUIRE(ApplyStrategicMergePatch(
              doc,
              Json(R"({"spec":{"$setElementOrder/ports":[{"port":3},{"port":4},{"port":1}],"ports":[{"port":4}]}})"),
              service)
              .ok());
  // port 2 precedes port 3 live, so it stays first (upstream's mergeSortedSlice).
  CHECK(SameJson(doc, R"({"spec":{"ports":[{"port":2},{"port":3},{"port":4},{"port":1}]}})"));
}

TEST_CASE("Patch values for absent fields are cleaned of directives", "[patch][strategic]") {
  rapidjson::Document pod = Json(R"({"metadata":{"name":"p"}})");
  REQUIRE(ApplyStrategicMergePatch(
              pod,
              Json(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":1},{"$patch":"delete","containerPort":2}],)"
                   R"("env":null}],"$setElementOrder/containers":[{"name":"a"}]},"metadata":{"labels":{"x":null,"y":"1"}}})"),
              kPod)
              .ok());
  CHECK(SameJson(pod, R"({"metadata":{"name":"p","labels":{"y":"1"}},"spec":{"containers":[{"name":"a","ports":[{"containerPort":1}]}]}})"));
}

TEST_CASE("Strategic merge patch errors read like upstream's", "[patch][strategic]") {
  const char* live = R"({"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"a","image":"1"}]}})";
  struct Case {
    const char* patch;
    const char* message;
  };
  const Case cases[] = {
      {R"({"metadata":{"labels":{"$patch":"bogus"}}})", "unknown patch type: bogus in map: map[$patch:bogus]"},
      {R"({"spec":{"containers":[{"$patch":"merge","name":"a"}]}})",
       "merging lists cannot yet be specified in the patch"},
      {R"({"spec":{"containers":[{"image":"2"}]}})",
       "map: map[image:2] does not contain declared merge key: name"},
      {R"({"spec":{"containers":[{"$patch":"delete"}]}})",
       "map: map[$patch:delete] does not contain declared merge key: name"},
      {R"({"spec":{"$setElementOrder/containers":[{"name":"b"}],"containers":[{"name":"a","image":"2"}]}})",
       "The order in patch list:\n[map[image:2 name:a]]\n doesn't match $setElementOrder list:\n[map[name:b]]\n"},
      {R"({"spec":{"$setElementOrder":[]}})", "invalid patch format of setElementOrder list"},
      {R"({"spec":{"$setElementOrder/containers":{}}})", "expected a slice, but received a map"},
      {R"({"metadata":{"$deleteFromPrimitiveListfinalizers":["a"]}})", "invalid patch format of primitive list"},
      {R"({"metadata":{"labels":{"$retainKeys":"a"}}})", "invalid patch format of retainKeys"},
      {R"({"spec":{"containers":[["a"]]}})", "list element types are not identical: [[map[image:1 name:a]] [[a]]]"},
      {R"({"spec":{"bogus":{"x":1}}})", ""},  // an unknown field absent from the object is stored
      {R"([])", "json: cannot unmarshal array into Go value of type map[string]interface {}"},
  };
  for (const Case& c : cases) {
    rapidjson::Document doc = Json(live);
    absl::Status status = ApplyStrategicMergePatch(doc, Json(c.patch), kPod);
    INFO(c.patch << " -> " << status);
    if (*c.message == '\0') {
      CHECK(status.ok());
      continue;
    }
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(status.message() == c.message);
    CHECK(SameJson(doc, live));  // unchanged on error
  }
  rapidjson::Document doc = Json(R"({"spec":{"bogus":{"x":1}}})");
  absl::Status status = ApplyStrategicMergePatch(doc, Json(R"({"spec":{"bogus":{"x":2}}})"), kPod);
  CHECK(status.message() == "unable to find api field in struct PodSpec for the json field \"bogus\"");
}

}  // namespace
}  // namespace kube::patch
