#include "common/selectors/label_selector_proto.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

namespace kube::selectors {
namespace {

using LabelMap = std::map<std::string, std::string>;

TEST_CASE("LabelSelectorFromProto converts metav1.LabelSelector") {
  k8s::meta::v1::LabelSelector proto;
  (*proto.mutable_matchlabels())["app"] = "web";
  k8s::meta::v1::LabelSelectorRequirement* e = proto.add_matchexpressions();
  e->set_key("tier");
  e->set_operator_("NotIn");
  e->add_values("db");
  absl::StatusOr<LabelSelector> selector = LabelSelectorFromProto(&proto);
  REQUIRE(selector.ok());
  CHECK(selector->ToString() == "app=web,tier notin (db)");
  CHECK(selector->Matches(LabelMap{{"app", "web"}}));
  CHECK_FALSE(selector->Matches(LabelMap{{"app", "web"}, {"tier", "db"}}));
  // The selector can be applied to the proto's own map type too.
  CHECK(selector->Matches(proto.matchlabels()));
}

TEST_CASE("LabelSelectorFromProto: nil matches nothing, empty everything") {
  CHECK(LabelSelectorFromProto(nullptr)->IsNothing());
  k8s::meta::v1::LabelSelector empty;
  CHECK(LabelSelectorFromProto(&empty)->Empty());
}

TEST_CASE("LabelSelectorFromProto rejects unknown operators as upstream") {
  k8s::meta::v1::LabelSelector proto;
  k8s::meta::v1::LabelSelectorRequirement* e = proto.add_matchexpressions();
  e->set_key("tier");
  e->set_operator_("in");
  e->add_values("db");
  CHECK(LabelSelectorFromProto(&proto).status().message() ==
        "\"in\" is not a valid label selector operator");
  e->set_operator_("Exists");
  CHECK(LabelSelectorFromProto(&proto).status().message() ==
        "values: Invalid value: [\"db\"]: values set must be empty for exists and does not "
        "exist");
  CHECK(ParseLabelSelectorOperator("DoesNotExist").value() == Operator::kDoesNotExist);
  CHECK(ParseLabelSelectorOperator("Gt").status().message() ==
        "\"Gt\" is not a valid label selector operator");
}

}  // namespace
}  // namespace kube::selectors
