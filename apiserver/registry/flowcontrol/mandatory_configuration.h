#pragma once

#include <vector>

#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

// Upstream's mandatory API Priority and Fairness configuration
// (k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap): the "exempt" and "catch-all"
// FlowSchemas and PriorityLevelConfigurations every cluster has. The apiserver
// creates them at start when missing; their specs may not be changed (the exempt
// level's spec.exempt excepted).
namespace kube::apiserver::flowcontrol {

inline constexpr char kExempt[] = "exempt";
inline constexpr char kCatchAll[] = "catch-all";
// Marks objects whose spec the apiserver keeps current.
inline constexpr char kAutoUpdateAnnotation[] = "apf.kubernetes.io/autoupdate-spec";

// catch-all, then exempt (upstream's order).
const std::vector<k8s::flowcontrol::v1::PriorityLevelConfiguration>&
MandatoryPriorityLevelConfigurations();
// exempt, then catch-all.
const std::vector<k8s::flowcontrol::v1::FlowSchema>& MandatoryFlowSchemas();

// The mandatory object of that name, or nullptr.
const k8s::flowcontrol::v1::PriorityLevelConfiguration* MandatoryPriorityLevel(
    const std::string& name);
const k8s::flowcontrol::v1::FlowSchema* MandatoryFlowSchema(const std::string& name);

// Semantic equality of two specs, as upstream's apiequality.Semantic.DeepEqual: a
// present zero value (clusterScope: false) equals an absent one.
bool SameSpec(const google::protobuf::Message& a, const google::protobuf::Message& b);

}  // namespace kube::apiserver::flowcontrol
