#include "apiserver/registry/flowcontrol/mandatory_configuration.h"

#include <google/protobuf/util/message_differencer.h>

#include <memory>

#include "common/auth/user_info.h"
#include "common/codec/zero_values.h"

namespace kube::apiserver::flowcontrol {
namespace {

using k8s::flowcontrol::v1::FlowSchema;
using k8s::flowcontrol::v1::PolicyRulesWithSubjects;
using k8s::flowcontrol::v1::PriorityLevelConfiguration;

template <typename T>
T Named(const char* name) {
  T object;
  object.mutable_metadata()->set_name(name);
  (*object.mutable_metadata()->mutable_annotations())[kAutoUpdateAnnotation] = "true";
  return object;
}

// Every verb on every resource (cluster-scoped and in every namespace) and every
// non-resource URL, for the given groups of users.
PolicyRulesWithSubjects EverythingFor(std::initializer_list<const char*> groups) {
  PolicyRulesWithSubjects rules;
  for (const char* group : groups) {
    auto& subject = *rules.add_subjects();
    subject.set_kind("Group");
    subject.mutable_group()->set_name(group);
  }
  auto& resource = *rules.add_resourcerules();
  resource.add_verbs("*");
  resource.add_apigroups("*");
  resource.add_resources("*");
  resource.add_namespaces("*");
  resource.set_clusterscope(true);
  auto& non_resource = *rules.add_nonresourcerules();
  non_resource.add_verbs("*");
  non_resource.add_nonresourceurls("*");
  return rules;
}

}  // namespace

const std::vector<PriorityLevelConfiguration>& MandatoryPriorityLevelConfigurations() {
  static const auto* const kLevels = [] {
    auto catch_all = Named<PriorityLevelConfiguration>(kCatchAll);
    auto& limited = *catch_all.mutable_spec()->mutable_limited();
    catch_all.mutable_spec()->set_type("Limited");
    limited.set_nominalconcurrencyshares(5);
    limited.set_lendablepercent(0);
    limited.mutable_limitresponse()->set_type("Reject");

    auto exempt = Named<PriorityLevelConfiguration>(kExempt);
    exempt.mutable_spec()->set_type("Exempt");
    exempt.mutable_spec()->mutable_exempt()->set_nominalconcurrencyshares(0);
    exempt.mutable_spec()->mutable_exempt()->set_lendablepercent(0);
    return new std::vector<PriorityLevelConfiguration>{catch_all, exempt};
  }();
  return *kLevels;
}

const std::vector<FlowSchema>& MandatoryFlowSchemas() {
  static const auto* const kSchemas = [] {
    auto exempt = Named<FlowSchema>(kExempt);
    exempt.mutable_spec()->mutable_prioritylevelconfiguration()->set_name(kExempt);
    exempt.mutable_spec()->set_matchingprecedence(1);
    *exempt.mutable_spec()->add_rules() = EverythingFor({auth::kSystemMasters});

    auto catch_all = Named<FlowSchema>(kCatchAll);
    catch_all.mutable_spec()->mutable_prioritylevelconfiguration()->set_name(kCatchAll);
    catch_all.mutable_spec()->set_matchingprecedence(10000);
    catch_all.mutable_spec()->mutable_distinguishermethod()->set_type("ByUser");
    *catch_all.mutable_spec()->add_rules() =
        EverythingFor({auth::kAllUnauthenticated, auth::kAllAuthenticated});
    return new std::vector<FlowSchema>{exempt, catch_all};
  }();
  return *kSchemas;
}

const PriorityLevelConfiguration* MandatoryPriorityLevel(const std::string& name) {
  for (const auto& level : MandatoryPriorityLevelConfigurations()) {
    if (level.metadata().name() == name) return &level;
  }
  return nullptr;
}

const FlowSchema* MandatoryFlowSchema(const std::string& name) {
  for (const auto& schema : MandatoryFlowSchemas()) {
    if (schema.metadata().name() == name) return &schema;
  }
  return nullptr;
}

bool SameSpec(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  std::unique_ptr<google::protobuf::Message> left(a.New());
  std::unique_ptr<google::protobuf::Message> right(b.New());
  left->CopyFrom(a);
  right->CopyFrom(b);
  codec::ClearZeroValues(*left);
  codec::ClearZeroValues(*right);
  return google::protobuf::util::MessageDifferencer::Equals(*left, *right);
}

}  // namespace kube::apiserver::flowcontrol
