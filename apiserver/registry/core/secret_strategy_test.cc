#include "apiserver/registry/core/secret_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Secret;
using testing::Parse;

TEST_CASE("secrets default to Opaque and fold stringData into data") {
  SecretStrategy strategy;
  Secret secret = Parse<Secret>(R"(data { key: "a" value: "old" } stringData { key: "a" value: "new" } stringData { key: "b" value: "2" })");
  strategy.Default(secret);
  CHECK(secret.type() == "Opaque");
  CHECK(secret.data().at("a") == "new");
  CHECK(secret.data().at("b") == "2");
  CHECK(secret.stringdata().empty());
  CHECK(strategy.Validate(secret).empty());
}

TEST_CASE("secret validation") {
  SecretStrategy strategy;
  CHECK_ERROR_PREFIX(strategy.Validate(Parse<Secret>(R"(type: "Opaque" data { key: "a/b" value: "x" })")),
                     "data[a/b]: Invalid value: \"a/b\"");
  CHECK_ERROR(strategy.Validate(Parse<Secret>(R"(type: "kubernetes.io/service-account-token")")),
              "metadata.annotations[kubernetes.io/service-account.name]: Required value");
  api::FieldErrors tls = strategy.Validate(Parse<Secret>(R"(type: "kubernetes.io/tls")"));
  CHECK_ERROR(tls, "data[tls.crt]: Required value");
  CHECK_ERROR(tls, "data[tls.key]: Required value");
  Secret big;
  big.set_type("Opaque");
  (*big.mutable_data())["a"] = std::string(1024 * 1024 + 1, 'x');
  CHECK_ERROR_PREFIX(strategy.Validate(big), "data: Too long:");
}

TEST_CASE("a secret's type is fixed and immutable secrets stay") {
  SecretStrategy strategy;
  Secret old = Parse<Secret>(R"(type: "Opaque" data { key: "a" value: "1" } immutable: true)");
  Secret changed = Parse<Secret>(R"(type: "kubernetes.io/basic-auth" data { key: "a" value: "2" } immutable: true)");
  api::FieldErrors errors = strategy.ValidateUpdate(changed, old);
  CHECK_ERROR(errors, "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
  CHECK_ERROR(errors, "data: Forbidden: field is immutable when `immutable` is set");
  CHECK(strategy.SelectableField(old, "type") == "Opaque");
  CHECK(strategy.SelectableField(Secret::default_instance(), "type") == "");
}

}  // namespace
}  // namespace kube::apiserver::core
