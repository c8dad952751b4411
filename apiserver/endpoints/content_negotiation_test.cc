#include "apiserver/endpoints/content_negotiation.h"

#include <catch2/catch.hpp>

#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

TEST_CASE("Accept headers choose the output format kubectl needs") {
  CHECK(*NegotiateOutput("") == OutputFormat::kJson);
  CHECK(*NegotiateOutput("application/json") == OutputFormat::kJson);
  CHECK(*NegotiateOutput("*/*") == OutputFormat::kJson);
  CHECK(*NegotiateOutput("application/json, */*") == OutputFormat::kJson);
  CHECK(*NegotiateOutput("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;"
                         "as=Table;v=v1beta1;g=meta.k8s.io,application/json") ==
        OutputFormat::kTable);
  // Typed clients list protobuf first; JSON is what they get when acceptable.
  CHECK(*NegotiateOutput("application/vnd.kubernetes.protobuf,application/json") ==
        OutputFormat::kJson);
  CHECK(*NegotiateOutput("application/vnd.kubernetes.protobuf") == OutputFormat::kProtobuf);
  CHECK(*NegotiateOutput("application/yaml") == OutputFormat::kYaml);
  CHECK(*NegotiateOutput("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io") ==
        OutputFormat::kPartialMeta);
  absl::StatusOr<OutputFormat> html = NegotiateOutput("text/html");
  REQUIRE_FALSE(html.ok());
  CHECK(api::HttpCode(html.status()) == 406);
}

TEST_CASE("bodies decode from JSON, YAML and protobuf, and others are 415") {
  const k8s::core::v1::ConfigMap& prototype = k8s::core::v1::ConfigMap::default_instance();
  absl::StatusOr<DecodedBody> json = DecodeBody(
      "application/json", R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"bogus":1})",
      prototype);
  REQUIRE(json.ok());
  CHECK(json->kind == "ConfigMap");
  CHECK(json->api_version == "v1");
  CHECK(static_cast<const k8s::core::v1::ConfigMap&>(*json->object).metadata().name() == "a");
  CHECK(json->unknown_fields == std::vector<std::string>{"bogus"});

  absl::StatusOr<DecodedBody> yaml =
      DecodeBody("application/yaml", "metadata:\n  name: b\ndata:\n  k: v\n", prototype);
  REQUIRE(yaml.ok());
  CHECK(static_cast<const k8s::core::v1::ConfigMap&>(*yaml->object).data().at("k") == "v");

  absl::StatusOr<DecodedBody> missing_type = DecodeBody("", R"({"metadata":{"name":"c"}})", prototype);
  CHECK(missing_type.ok());

  absl::StatusOr<DecodedBody> xml = DecodeBody("application/xml", "<a/>", prototype);
  REQUIRE_FALSE(xml.ok());
  CHECK(api::HttpCode(xml.status()) == 415);

  absl::StatusOr<DecodedBody> broken = DecodeBody("application/json", "{", prototype);
  REQUIRE_FALSE(broken.ok());
  CHECK(api::HttpCode(broken.status()) == 400);
}

}  // namespace
}  // namespace kube::apiserver
