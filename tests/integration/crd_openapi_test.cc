// Custom resources in /openapi/v2 and /openapi/v3: a CRD's schema, with its
// descriptions, reaches kubectl explain, and kubectl's default strict validation
// of custom resources is left to the server (it finds fieldValidation on their
// patch operations).

#include <rapidjson/pointer.h>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/eventually.h"
#include "tests/support/subprocess.h"

namespace kube::testing {
namespace {

constexpr char kDocumentedCrd[] = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
    schema:
      openAPIV3Schema:
        type: object
        description: CronTab runs a command on a schedule.
        properties:
          spec:
            type: object
            description: CronTabSpec says what to run and when.
            required: [cronSpec]
            properties:
              cronSpec:
                type: string
                description: The schedule in cron format.
              image:
                type: string
                description: The container image that runs the command.
              replicas:
                type: integer
                minimum: 1
                nullable: true
                description: How many copies run at once.
          status:
            type: object
            properties:
              lastRun:
                type: string
)";

constexpr char kGroupVersion[] = "apis/stable.example.com/v1";
constexpr char kItemPath[] = "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}";

bool HasFieldValidation(const rapidjson::Value& operation) {
  if (!operation.IsObject() || !operation.HasMember("parameters")) return false;
  for (const auto& parameter : operation["parameters"].GetArray()) {
    if (JsonString(parameter, "/name") == "fieldValidation") return true;
  }
  return false;
}

bool InV3Index(ApiClient& client) {
  HttpResult index = client.Get("/openapi/v3");
  return index.status == 200 && Contains(index.body, std::string("\"") + kGroupVersion + "\"");
}

TEST_CASE("a CRD's schema is published in OpenAPI v2 and v3 for kubectl", "[crd][openapi]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  ApiClient client(server);
  TempDir dir;
  const std::string crd_file = dir.path() + "/crontab-crd.yaml";
  WriteFile(crd_file, kDocumentedCrd);
  MustRun(kubectl, {"apply", "-f", crd_file});
  MustRun(kubectl, {"wait", "--for=condition=Established", "crd/crontabs.stable.example.com",
                    "--timeout=60s"});
  REQUIRE(Eventually([&] { return InV3Index(client); }));

  // v3: the schema as the CRD gives it, plus type meta and metadata.
  HttpResult v3 = client.Get(std::string("/openapi/v3/") + kGroupVersion);
  REQUIRE(v3.status == 200);
  rapidjson::Document document = ParseJson(v3.body);
  const char* kind = "/components/schemas/com.example.stable.v1.CronTab";
  CHECK(JsonString(document, (std::string(kind) + "/description").c_str()) ==
        "CronTab runs a command on a schedule.");
  CHECK(JsonString(document,
                   (std::string(kind) + "/x-kubernetes-group-version-kind/0/kind").c_str()) ==
        "CronTab");
  CHECK(JsonString(document,
                   (std::string(kind) + "/x-kubernetes-group-version-kind/0/group").c_str()) ==
        "stable.example.com");
  CHECK(JsonString(document, (std::string(kind) + "/properties/metadata/$ref").c_str()) ==
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  CHECK(JsonString(document, (std::string(kind) + "/properties/apiVersion/type").c_str()) ==
        "string");
  CHECK(rapidjson::Pointer(
            (std::string(kind) + "/properties/spec/properties/replicas/nullable").c_str())
            .Get(document) != nullptr);
  CHECK(JsonString(document,
                   "/components/schemas/com.example.stable.v1.CronTabList/"
                   "x-kubernetes-group-version-kind/0/kind") == "CronTabList");
  CHECK(document["components"]["schemas"].HasMember(
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
  REQUIRE(document["paths"].HasMember(kItemPath));
  const rapidjson::Value& patch = document["paths"][kItemPath]["patch"];
  CHECK(HasFieldValidation(patch));
  CHECK(JsonString(patch, "/x-kubernetes-action") == "patch");
  CHECK(JsonString(patch, "/x-kubernetes-group-version-kind/kind") == "CronTab");
  CHECK(document["paths"].HasMember(
      "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status"));

  // v2: the same kind, converted (nullable gone with the type it qualified).
  HttpResult v2 = client.Get("/openapi/v2");
  REQUIRE(v2.status == 200);
  rapidjson::Document swagger = ParseJson(v2.body);
  const char* v2_kind = "/definitions/com.example.stable.v1.CronTab";
  CHECK(JsonString(
            swagger,
            (std::string(v2_kind) + "/properties/spec/properties/cronSpec/description").c_str()) ==
        "The schedule in cron format.");
  CHECK(JsonString(swagger,
                   (std::string(v2_kind) + "/x-kubernetes-group-version-kind/0/version").c_str()) ==
        "v1");
  CHECK(rapidjson::Pointer(
            (std::string(v2_kind) + "/properties/spec/properties/replicas/nullable").c_str())
            .Get(swagger) == nullptr);
  CHECK(swagger["definitions"].HasMember("com.example.stable.v1.CronTabList"));
  REQUIRE(swagger["paths"].HasMember(kItemPath));
  CHECK(HasFieldValidation(swagger["paths"][kItemPath]["patch"]));

  // kubectl explain reads the descriptions and fields.
  CommandResult spec = MustRun(kubectl, {"explain", "crontabs.spec"});
  CHECK(Contains(spec.out, "KIND:       CronTab"));
  CHECK(Contains(spec.out, "CronTabSpec says what to run and when."));
  CHECK(Contains(spec.out, "cronSpec"));
  CHECK(Contains(spec.out, "The schedule in cron format."));
  CHECK(Contains(spec.out, "-required-"));
  // The same from /openapi/v2's protobuf, where the custom part is merged into the
  // built-in document.
  CommandResult v2_spec =
      MustRun(kubectl, {"explain", "crontabs.spec", "--output=plaintext-openapiv2"});
  CHECK(Contains(v2_spec.out, "CronTabSpec says what to run and when."));
  CHECK(Contains(v2_spec.out, "The schedule in cron format."));
  CommandResult pods =
      MustRun(kubectl, {"explain", "pods.spec.restartPolicy", "--output=plaintext-openapiv2"});
  CHECK(Contains(pods.out, "restartPolicy"));
  CommandResult recursive = MustRun(kubectl, {"explain", "crontab", "--recursive"});
  CHECK(Contains(recursive.out, "CronTab runs a command on a schedule."));
  for (const char* field :
       {"apiVersion", "metadata", "spec", "cronSpec", "image", "replicas", "status", "lastRun"}) {
    INFO(field << "\n" << recursive.out);
    CHECK(Contains(recursive.out, field));
  }

  // kubectl apply validates strictly by default and, seeing fieldValidation, leaves
  // that to the server: the unknown field comes back as the server's error.
  const std::string bad_file = dir.path() + "/bad-crontab.yaml";
  WriteFile(bad_file,
            "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: bad\n"
            "spec:\n  cronSpec: '* * * * */5'\n  bogus: 1\n");
  CommandResult bad = kubectl.Run({"apply", "-f", bad_file});
  INFO(bad.out << bad.err);
  CHECK(bad.exit_code != 0);
  CHECK(Contains(bad.err, "strict decoding error"));
  CHECK(Contains(bad.err, "unknown field \"spec.bogus\""));
  const std::string good_file = dir.path() + "/good-crontab.yaml";
  WriteFile(good_file,
            "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: good\n"
            "spec:\n  cronSpec: '* * * * */5'\n  image: busybox\n");
  MustRun(kubectl, {"apply", "-f", good_file});
  CHECK(JsonPathOf(kubectl, "crontab/good", ".spec.image") == "busybox");

  // Deleting the CRD takes its group-version out of /openapi/v3 (and v2).
  MustRun(kubectl, {"delete", "crd", "crontabs.stable.example.com"});
  CHECK(Eventually([&] { return !InV3Index(client); }));
  CHECK(client.Get(std::string("/openapi/v3/") + kGroupVersion).status == 404);
  CHECK_FALSE(Contains(client.Get("/openapi/v2").body, "com.example.stable.v1.CronTab"));
}

}  // namespace
}  // namespace kube::testing
