#include "apiserver/registry/core/pod_qos.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/pod_defaults.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Pod;

std::string Qos(const std::string& containers) {
  Pod pod = testing::Parse<Pod>("spec { " + containers + " }");
  DefaultPod(pod);  // requests default to limits first, as on create
  return ComputePodQos(pod.spec());
}

std::string Container(const std::string& resources) {
  return R"(containers { name: "c" image: "i" resources { )" + resources + " } }";
}

const std::string kCpu1 = R"(key: "cpu" value { string: "1" })";
const std::string kMem1 = R"(key: "memory" value { string: "1Gi" })";

TEST_CASE("BestEffort without cpu or memory requests and limits") {
  CHECK(Qos(Container("")) == "BestEffort");
  CHECK(Qos(Container(R"(limits { key: "ephemeral-storage" value { string: "1Gi" } })")) == "BestEffort");
  CHECK(Qos(Container(R"(requests { key: "cpu" value { string: "0" } })")) == "BestEffort");
}

TEST_CASE("Guaranteed when every container limits cpu and memory at its requests") {
  CHECK(Qos(Container("limits { " + kCpu1 + " } limits { " + kMem1 + " }")) == "Guaranteed");
  CHECK(Qos(Container("limits { " + kCpu1 + " } limits { " + kMem1 + " } requests { " + kCpu1 +
                      " } requests { key: \"memory\" value { string: \"1024Mi\" } }")) == "Guaranteed");
  CHECK(Qos(Container("limits { " + kCpu1 + " } limits { " + kMem1 + " }") +
            R"( initContainers { name: "i" image: "i" resources { limits { )" + kCpu1 +
            " } limits { " + kMem1 + " } } }") == "Guaranteed");
}

TEST_CASE("Burstable otherwise") {
  CHECK(Qos(Container("requests { " + kCpu1 + " }")) == "Burstable");
  CHECK(Qos(Container("limits { " + kCpu1 + " }")) == "Burstable");
  CHECK(Qos(Container("limits { " + kCpu1 + " } limits { " + kMem1 + " } requests { " +
                      R"(key: "cpu" value { string: "500m" } })")) == "Burstable");
  CHECK(Qos(Container("limits { " + kCpu1 + " } limits { " + kMem1 + " }") + " " + Container("")) ==
        "Burstable");
}

}  // namespace
}  // namespace kube::apiserver::core
