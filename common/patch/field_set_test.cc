#include "common/patch/field_set.h"

#include <catch2/catch.hpp>

#include "common/patch/test_util.h"

namespace kube::patch::internal {
namespace {

using testing::Json;
using testing::Text;

TEST_CASE("FieldsV1 reads and writes upstream's form", "[patch][fieldset]") {
  const char* text =
      R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:ports":{)"
      R"("k:{\"port\":9}":{".":{},"f:port":{}},"k:{\"port\":10}":{".":{},"f:port":{}}}}})";
  absl::StatusOr<FieldSet> set = FromFieldsV1(Json(text));
  REQUIRE(set.ok());
  CHECK(set->Has({"f:metadata", "f:labels"}));
  CHECK(set->Has({"f:metadata", "f:labels", "f:app"}));
  CHECK_FALSE(set->Has({"f:metadata"}));
  CHECK(set->Has({"f:spec", "f:ports", R"(k:{"port":10})", "f:port"}));
  rapidjson::Document out;
  // Numeric keys order as numbers, as upstream sorts them.
  CHECK(Text(ToFieldsV1(*set, out.GetAllocator())) == text);

  CHECK_FALSE(FromFieldsV1(Json(R"({"x:y":{}})")).ok());
  CHECK_FALSE(FromFieldsV1(Json(R"({"k:notjson":{}})")).ok());
  CHECK_FALSE(FromFieldsV1(Json(R"({"f:a":1})")).ok());
  // Keys are normalized, so differently spelled equal keys meet.
  absl::StatusOr<FieldSet> spaced = FromFieldsV1(Json(R"({"k:{ \"port\": 9.0 }":{}})"));
  REQUIRE(spaced.ok());
  CHECK(spaced->Has({R"(k:{"port":9})"}));
}

TEST_CASE("FieldSet algebra works member by member", "[patch][fieldset]") {
  FieldSet a, b;
  a.Insert({"f:spec", "f:replicas"});
  a.Insert({"f:spec", "f:template", "f:image"});
  b.Insert({"f:spec", "f:replicas"});
  b.Insert({"f:status"});
  FieldSet diff = FieldSet::Difference(a, b);
  CHECK_FALSE(diff.Has({"f:spec", "f:replicas"}));
  CHECK(diff.Has({"f:spec", "f:template", "f:image"}));
  FieldSet both = FieldSet::Intersection(a, b);
  CHECK(both.Has({"f:spec", "f:replicas"}));
  CHECK_FALSE(both.Has({"f:status"}));
  CHECK(FieldSet::Union(a, b).Has({"f:status"}));
  CHECK(FieldSet::Difference(a, a).Empty());

  FieldSet named = a.WithNamedFieldsAsMembers();
  CHECK(named.Has({"f:spec"}));
  CHECK(named.Has({"f:spec", "f:template"}));

  std::vector<std::string> paths;
  FieldSet c = FieldSet::Union(a, b);
  c.Insert({"f:spec", "f:containers", R"(k:{"name":"web"})", "f:image"});
  c.ForEach([&](const FieldPath& path) { paths.push_back(PathString(path)); });
  CHECK(paths == std::vector<std::string>{".status", ".spec.replicas",
                                          R"(.spec.containers[name="web"].image)",
                                          ".spec.template.image"});
  CHECK(PathString({"f:metadata", "f:finalizers", R"(v:"x")"}) == R"(.metadata.finalizers[="x"])");

  c.Remove({"f:spec"});
  CHECK_FALSE(c.Has({"f:spec", "f:replicas"}));
  CHECK(c.Has({"f:status"}));
}

}  // namespace
}  // namespace kube::patch::internal
