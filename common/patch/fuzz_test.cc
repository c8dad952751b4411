// Random patches against real objects: nothing may crash, hang or leave the document
// changed when an error is returned. Bounded and seeded, so it runs in every build.

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/patch/apply.h"
#include "common/patch/patch.h"
#include "common/patch/test_util.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::patch {
namespace {

using testing::Json;
using testing::Text;

constexpr char kPodJson[] = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1"},
  "finalizers":["x","y"],"managedFields":[{"manager":"m","operation":"Update","apiVersion":"v1",
  "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:a":{}}}}}]},
  "spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80},{"containerPort":81}],
  "env":[{"name":"A","value":"1"}]},{"name":"side","image":"busybox"}],
  "volumes":[{"name":"data","emptyDir":{}}],"tolerations":[{"key":"k"}]}})";

const char* const kPatches[] = {
    R"({"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"$patch":"delete","name":"web"},{"name":"new","image":"x"}]}})",
    R"({"metadata":{"labels":{"a":null,"$patch":"replace"},"$deleteFromPrimitiveList/finalizers":["x"],"$setElementOrder/finalizers":["y"]}})",
    R"({"spec":{"volumes":[{"$retainKeys":["name","hostPath"],"name":"data","hostPath":{"path":"/x"}}],"containers":[{"name":"web","ports":null,"env":[{"$patch":"replace"}]}]}})",
    R"([{"op":"add","path":"/spec/containers/-","value":{"name":"z"}},{"op":"move","from":"/metadata/labels","path":"/spec/x"},{"op":"copy","from":"/spec","path":"/spec/y"},{"op":"test","path":"/metadata/name","value":"p"},{"op":"remove","path":"/spec/containers/0"},{"op":"replace","path":"/metadata/finalizers/1","value":"q"}])",
};

// Random JSON, directives and keys the engine treats specially included.
class Mutator {
 public:
  explicit Mutator(uint32_t seed) : rng_(seed) {}

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  rapidjson::Value RandomValue(rapidjson::Document::AllocatorType& a, int depth) {
    static const char* const kStrings[] = {"", "web", "side", "delete", "replace", "merge",
                                           "/", "-", "0", "~1", "name", "x"};
    switch (Pick(depth > 3 ? 5 : 8)) {
      case 0: return rapidjson::Value();
      case 1: return rapidjson::Value(Pick(2) == 0);
      case 2: return rapidjson::Value(Pick(200) - 50);
      case 3: return rapidjson::Value(Pick(3) == 0 ? 1e300 : 0.5);
      case 4: return internal::MakeString(kStrings[Pick(12)], a);
      case 5: case 6: {
        rapidjson::Value object(rapidjson::kObjectType);
        for (int i = Pick(4); i > 0; --i) {
          rapidjson::Value key = internal::MakeString(RandomKey(), a);
          rapidjson::Value value = RandomValue(a, depth + 1);
          object.AddMember(key, value, a);
        }
        return object;
      }
      default: {
        rapidjson::Value array(rapidjson::kArrayType);
        for (int i = Pick(4); i > 0; --i) array.PushBack(RandomValue(a, depth + 1), a);
        return array;
      }
    }
  }

  std::string RandomKey() {
    static const char* const kKeys[] = {
        "$patch", "$retainKeys", "$setElementOrder/containers", "$setElementOrder/ports",
        "$deleteFromPrimitiveList/finalizers", "$setElementOrder", "$deleteFromPrimitiveList/x",
        "name", "containerPort", "containers", "ports", "env", "labels", "image", "spec",
        "metadata", "finalizers", "volumes", "emptyDir", "hostPath", "bogus", "op", "path",
        "from", "value", "managedFields", "tolerations", "kind", "apiVersion"};
    return kKeys[Pick(sizeof(kKeys) / sizeof(kKeys[0]))];
  }

  // Replaces, removes or adds at a random place of `value`.
  void Mutate(rapidjson::Value& value, rapidjson::Document::AllocatorType& a, int depth = 0) {
    const bool container = value.IsObject() ? !value.ObjectEmpty() : value.IsArray() && !value.Empty();
    if (!container || Pick(4) == 0 || depth > 8) {
      switch (Pick(3)) {
        case 0:
          value = RandomValue(a, depth);
          return;
        case 1:
          if (value.IsObject()) {
            rapidjson::Value key = internal::MakeString(RandomKey(), a);
            rapidjson::Value member = RandomValue(a, depth + 1);
            value.AddMember(key, member, a);
            return;
          }
          if (value.IsArray()) {
            value.PushBack(RandomValue(a, depth + 1), a);
            return;
          }
          value = RandomValue(a, depth);
          return;
        default:
          if (value.IsObject() && !value.ObjectEmpty()) {
            value.EraseMember(value.MemberBegin() + Pick(static_cast<int>(value.MemberCount())));
          } else if (value.IsArray() && !value.Empty()) {
            value.Erase(value.Begin() + Pick(static_cast<int>(value.Size())));
          }
          return;
      }
    }
    if (value.IsObject()) {
      Mutate((value.MemberBegin() + Pick(static_cast<int>(value.MemberCount())))->value, a, depth + 1);
    } else {
      Mutate(value[Pick(static_cast<int>(value.Size()))], a, depth + 1);
    }
  }

 private:
  std::mt19937 rng_;
};

TEST_CASE("Random patches never crash and never half-apply", "[patch][fuzz]") {
  const auto* pod = k8s::core::v1::Pod::descriptor();
  // KUBE_PATCH_FUZZ_ROUNDS and KUBE_PATCH_FUZZ_SEED run longer or other searches by hand.
  const char* rounds_env = std::getenv("KUBE_PATCH_FUZZ_ROUNDS");
  const char* seed_env = std::getenv("KUBE_PATCH_FUZZ_SEED");
  const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 3000;
  Mutator mutator(seed_env != nullptr ? static_cast<uint32_t>(std::atoll(seed_env)) : 20240501);
  int ok = 0, failed = 0;
  for (int round = 0; round < rounds; ++round) {
    rapidjson::Document doc = Json(kPodJson);
    rapidjson::Document patch = Json(kPatches[mutator.Pick(4)]);
    for (int m = mutator.Pick(4) + 1; m > 0; --m) mutator.Mutate(patch, patch.GetAllocator());
    if (mutator.Pick(5) == 0) mutator.Mutate(doc, doc.GetAllocator());
    const std::string before = Text(doc);
    absl::Status status;
    switch (round % 3) {
      case 0: status = ApplyStrategicMergePatch(doc, patch, pod); break;
      case 1: status = ApplyJsonPatch(doc, patch); break;
      default: status = ApplyMergePatch(doc, patch); break;
    }
    if (!status.ok()) {
      ++failed;
      INFO(Text(patch) << " -> " << status);
      REQUIRE(Text(doc) == before);
    } else {
      ++ok;
    }

    // Server-side apply and update tracking on the same random material.
    rapidjson::Document live = Json(kPodJson);
    if (mutator.Pick(3) == 0) mutator.Mutate(live, live.GetAllocator());
    absl::StatusOr<ApplyResult> applied = ServerSideApply(
        mutator.Pick(4) == 0 ? nullptr : &live, patch.IsObject() ? patch : doc, "fuzz",
        mutator.Pick(2) == 0, pod, "v1", "2024-01-01T00:00:00Z");
    if (applied.ok()) {
      rapidjson::Document again = Json(Text(applied->object));
      (void)TrackUpdate(again, &live, "fuzz-edit", pod, "v1", "2024-01-01T00:00:01Z");
    }
    (void)TrackUpdate(doc, &live, "fuzz-edit", pod, "v1", "2024-01-01T00:00:01Z");
  }
  // The mutations should exercise both outcomes.
  CHECK(ok > rounds / 30);
  CHECK(failed > rounds / 30);
}

}  // namespace
}  // namespace kube::patch
