#include "apiserver/registry/core/config_map_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::ConfigMap;
using testing::Parse;

TEST_CASE("config map keys and size") {
  ConfigMapStrategy strategy;
  CHECK(strategy.Validate(Parse<ConfigMap>(R"(data { key: "app.conf" value: "x" })")).empty());
  CHECK_ERROR_PREFIX(strategy.Validate(Parse<ConfigMap>(R"(data { key: "a b" value: "x" })")),
                     "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters");
  CHECK_ERROR(strategy.Validate(Parse<ConfigMap>(R"(data { key: "k" value: "x" } binaryData { key: "k" value: "y" })")),
              "data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
  ConfigMap big;
  (*big.mutable_data())["a"] = std::string(kMaxDataSize, 'x');
  (*big.mutable_binarydata())["b"] = "y";
  CHECK_ERROR_PREFIX(strategy.Validate(big), ": Too long:");
}

TEST_CASE("immutable config maps stay as they are") {
  ConfigMapStrategy strategy;
  ConfigMap old = Parse<ConfigMap>(R"(data { key: "k" value: "v" } immutable: true)");
  ConfigMap changed = Parse<ConfigMap>(R"(data { key: "k" value: "w" })");
  api::FieldErrors errors = strategy.ValidateUpdate(changed, old);
  CHECK_ERROR(errors, "immutable: Forbidden: field is immutable when `immutable` is set");
  CHECK_ERROR(errors, "data: Forbidden: field is immutable when `immutable` is set");
  CHECK(strategy.ValidateUpdate(old, old).empty());
  CHECK(strategy.ValidateUpdate(changed, Parse<ConfigMap>(R"(data { key: "k" value: "v" })")).empty());
}

}  // namespace
}  // namespace kube::apiserver::core
