#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/int_or_percent.h"
#include "apiserver/registry/apps/label_selector_validation.h"

namespace kube::apiserver {
namespace {

using testing::Describe;
using testing::HasError;
using testing::Parse;

TEST_CASE("label selector validation reads like upstream") {
  auto selector = Parse<k8s::meta::v1::LabelSelector>(R"(
    matchExpressions { key: "tier" operator: "In" }
    matchExpressions { key: "env" operator: "Exists" values: "x" }
    matchExpressions { key: "bad key!" operator: "Near" values: "a b" }
  )");
  api::FieldErrors errors = ValidateLabelSelector(selector, "spec.selector");
  INFO(Describe(errors));
  CHECK(HasError(errors,
                 "spec.selector.matchExpressions[0].values: Required value: must be specified "
                 "when `operator` is 'In' or 'NotIn'"));
  CHECK(HasError(errors,
                 "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when "
                 "`operator` is 'Exists' or 'DoesNotExist'"));
  CHECK(HasError(errors,
                 "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid "
                 "selector operator"));
  bool key_error = false;
  bool value_error = false;
  for (const auto& error : errors) {
    key_error |= error.field == "spec.selector.matchExpressions[2].key";
    value_error |= error.field == "spec.selector.matchExpressions[2].values[0]";
  }
  CHECK(key_error);
  CHECK(value_error);
}

TEST_CASE("selector matching follows LabelSelectorAsSelector") {
  google::protobuf::Map<std::string, std::string> labels;
  labels["app"] = "web";
  auto selector = Parse<k8s::meta::v1::LabelSelector>(R"(matchLabels { key: "app" value: "web" })");
  CHECK(SelectorMatches(&selector, labels));
  CHECK_FALSE(SelectorMatches(nullptr, labels));  // nil selects nothing
  k8s::meta::v1::LabelSelector empty;
  CHECK(SelectorMatches(&empty, labels));  // empty selects everything
}

TEST_CASE("values render as Go prints them") {
  google::protobuf::Map<std::string, std::string> labels;
  labels["b"] = "2";
  labels["a"] = "1";
  CHECK(GoStringMap(labels) == R"(map[string]string{"a":"1", "b":"2"})");
  CHECK(GoStringMap({}) == "map[string]string(nil)");
  auto selector = Parse<k8s::meta::v1::LabelSelector>(R"(
    matchLabels { key: "app" value: "web" }
    matchExpressions { key: "tier" operator: "In" values: "a" values: "b" })");
  CHECK(GoLabelSelector(&selector) ==
        "&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]"
        "LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[a b],},},}");
  CHECK(GoLabelSelector(nullptr) == "null");
}

TEST_CASE("int-or-percent rules") {
  api::FieldErrors errors;
  CheckIntOrPercent(IntOrStringFromString("abc"), "f", errors);
  CheckIntOrPercent(IntOrStringFromInt(-1), "g", errors);
  CheckNotMoreThan100Percent(IntOrStringFromString("150%"), "h", errors);
  CheckIntOrPercent(IntOrStringFromString("30%"), "ok", errors);
  CheckNotMoreThan100Percent(IntOrStringFromString("100%"), "ok", errors);
  INFO(Describe(errors));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].ToString() ==
        "f: Invalid value: abc: a valid percent string must be a numeric string followed by an "
        "ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
  CHECK(errors[1].ToString() == "g: Invalid value: -1: must be greater than or equal to 0");
  CHECK(errors[2].ToString() == "h: Invalid value: 150%: must not be greater than 100%");
  CHECK(IntOrPercentValue(IntOrStringFromString("25%")) == 25);
  CHECK(IntOrPercentValue(IntOrStringFromInt(3)) == 3);
}

}  // namespace
}  // namespace kube::apiserver
