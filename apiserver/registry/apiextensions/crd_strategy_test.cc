#include "apiserver/registry/apiextensions/crd_strategy.h"

#include <catch2/catch.hpp>

#include "common/codec/json_decode.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apiextensions::v1::CustomResourceDefinition;

CustomResourceDefinition Parse(const std::string& json) {
  CustomResourceDefinition crd;
  REQUIRE(codec::DecodeJson(json, crd).ok());
  return crd;
}

const std::string kValid = R"({"metadata":{"name":"crontabs.stable.example.com"},
  "spec":{"group":"stable.example.com","scope":"Namespaced",
    "names":{"plural":"crontabs","kind":"CronTab","shortNames":["ct"]},
    "versions":[{"name":"v1","served":true,"storage":true,
      "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object",
        "properties":{"replicas":{"type":"integer","readOnly":true}}}}}}}]}})";

std::vector<std::string> Errors(const CustomResourceDefinition& crd) {
  std::vector<std::string> texts;
  for (const api::FieldError& error : CustomResourceDefinitionStrategy().Validate(crd)) {
    texts.push_back(error.ToString());
  }
  return texts;
}

TEST_CASE("A CRD is defaulted and prepared as upstream's strategy does", "[crd]") {
  CustomResourceDefinitionStrategy strategy;
  CustomResourceDefinition crd = Parse(kValid);
  strategy.Default(crd);
  strategy.PrepareForCreate(crd);
  CHECK(crd.spec().names().singular() == "crontab");
  CHECK(crd.spec().names().listkind() == "CronTabList");
  CHECK(crd.spec().conversion().strategy() == "None");
  // Keywords JSONSchemaProps has no field for are dropped.
  CHECK(crd.spec().versions(0).schema().openapiv3schema().raw().find("readOnly") ==
        std::string::npos);
  REQUIRE(crd.status().storedversions_size() == 1);
  CHECK(crd.status().storedversions(0) == "v1");
  REQUIRE(crd.metadata().finalizers_size() == 1);
  CHECK(crd.metadata().finalizers(0) == kCustomResourceCleanupFinalizer);
  CHECK(Errors(crd).empty());
}

TEST_CASE("A CRD's names, group, scope, versions and schema are validated with upstream's words",
          "[crd]") {
  CustomResourceDefinition crd = Parse(kValid);
  CustomResourceDefinitionStrategy().Default(crd);

  SECTION("the name must be plural.group") {
    crd.mutable_metadata()->set_name("crontab.stable.example.com");
    CHECK(Errors(crd) ==
          std::vector<std::string>{
              "metadata.name: Invalid value: \"crontab.stable.example.com\": must be "
              "spec.names.plural+\".\"+spec.group"});
  }
  SECTION("the group needs a dot") {
    crd.mutable_spec()->set_group("example");
    crd.mutable_metadata()->set_name("crontabs.example");
    CHECK(Errors(crd) == std::vector<std::string>{"spec.group: Invalid value: \"example\": should "
                                                  "be a domain with at least one dot"});
  }
  SECTION("scope is Cluster or Namespaced") {
    crd.mutable_spec()->set_scope("Global");
    CHECK(Errors(crd) == std::vector<std::string>{"spec.scope: Unsupported value: \"Global\": "
                                                  "supported values: \"Cluster\", \"Namespaced\""});
  }
  SECTION("exactly one storage version") {
    crd.mutable_spec()->mutable_versions(0)->set_storage(false);
    CHECK(Errors(crd) == std::vector<std::string>{
                             "spec.versions: Invalid value: [1 versions]: must have exactly one "
                             "version marked as storage version"});
  }
  SECTION("a schema is required and must be structural") {
    crd.mutable_spec()->mutable_versions(0)->mutable_schema()->mutable_openapiv3schema()->set_raw(
        R"({"type":"object","properties":{"spec":{"properties":{"a":{"type":"string"}}}}})");
    std::vector<std::string> errors = Errors(crd);
    REQUIRE(!errors.empty());
    CHECK(errors[0].find("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: "
                         "Required value") == 0);
    crd.mutable_spec()->mutable_versions(0)->clear_schema();
    CHECK(Errors(crd) == std::vector<std::string>{
                             "spec.versions[0].schema.openAPIV3Schema: Required value: schemas "
                             "are required"});
  }
}

TEST_CASE("A CRD's scope is immutable and stored versions must stay in spec.versions", "[crd]") {
  CustomResourceDefinitionStrategy strategy;
  CustomResourceDefinition old = Parse(kValid);
  strategy.Default(old);
  strategy.PrepareForCreate(old);
  CustomResourceDefinition changed = old;
  changed.mutable_spec()->set_scope("Cluster");
  changed.mutable_spec()->mutable_versions(0)->set_name("v2");
  std::vector<std::string> texts;
  for (const auto& error : strategy.ValidateUpdate(changed, old)) texts.push_back(error.ToString());
  CHECK(texts == std::vector<std::string>{
                     "spec.scope: Invalid value: \"Cluster\": field is immutable",
                     "status.storedVersions: Invalid value: \"v1\": must appear in spec.versions"});
  // A new storage version is recorded on update.
  strategy.PrepareForUpdate(changed, old);
  CHECK(changed.status().storedversions_size() == 2);
}

}  // namespace
}  // namespace kube::apiserver
