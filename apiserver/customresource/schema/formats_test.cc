#include "apiserver/customresource/schema/formats.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

TEST_CASE("EffectiveFormat keeps only the formats apiextensions supports per type") {
  CHECK(EffectiveFormat(Json(R"({"type":"string","format":"date-time"})")) == "date-time");
  CHECK(EffectiveFormat(Json(R"({"type":"string","format":"int32"})")).empty());
  CHECK(EffectiveFormat(Json(R"({"type":"string","format":"k8s-unknown"})")).empty());
  CHECK(EffectiveFormat(Json(R"({"type":"integer","format":"int32"})")) == "int32");
  CHECK(EffectiveFormat(Json(R"({"type":"integer","format":"uuid"})")).empty());
  CHECK(EffectiveFormat(Json(R"({"type":"number","format":"double"})")) == "double");
  CHECK(EffectiveFormat(Json(R"({"type":"object","format":"uuid"})")).empty());
  CHECK(EffectiveFormat(Json(R"({"x-kubernetes-int-or-string":true,"format":"uuid"})")) == "uuid");
}

TEST_CASE("String formats accept and reject as strfmt does") {
  CHECK(MatchesStringFormat("date-time", "2024-02-29T23:59:59.123+01:00"));
  CHECK(MatchesStringFormat("datetime", "2024-02-29t10:00:00z"));
  CHECK_FALSE(MatchesStringFormat("date-time", "2023-02-29T10:00:00Z"));
  CHECK_FALSE(MatchesStringFormat("date-time", "2024-01-01T24:00:00Z"));
  CHECK(MatchesStringFormat("date", "2024-12-31"));
  CHECK_FALSE(MatchesStringFormat("date", "2024-13-01"));
  CHECK(MatchesStringFormat("uuid", "123E4567-E89B-12D3-A456-426614174000"));
  CHECK_FALSE(MatchesStringFormat("uuid4", "123e4567-e89b-12d3-a456-426614174000"));
  CHECK(MatchesStringFormat("byte", "aGVsbG8="));
  CHECK_FALSE(MatchesStringFormat("byte", "aGVsbG8"));
  CHECK(MatchesStringFormat("hostname", "my-host.example.com"));
  CHECK_FALSE(MatchesStringFormat("hostname", "-bad"));
  CHECK(MatchesStringFormat("ipv4", "10.0.0.1"));
  CHECK_FALSE(MatchesStringFormat("ipv4", "10.0.0.256"));
  CHECK(MatchesStringFormat("ipv6", "fd00::1"));
  CHECK(MatchesStringFormat("cidr", "10.0.0.0/8"));
  CHECK_FALSE(MatchesStringFormat("cidr", "10.0.0.0/33"));
  CHECK(MatchesStringFormat("mac", "01:23:45:67:89:ab"));
  CHECK(MatchesStringFormat("email", "someone@example.com"));
  CHECK_FALSE(MatchesStringFormat("email", "someone"));
  CHECK(MatchesStringFormat("duration", "1h30m"));
  CHECK(MatchesStringFormat("duration", "3 days"));
  CHECK_FALSE(MatchesStringFormat("duration", "soon"));
  CHECK(MatchesStringFormat("isbn13", "978-0321751041"));
  CHECK(MatchesStringFormat("password", "anything"));
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
