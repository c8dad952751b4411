#pragma once

#include <string>

#include <google/protobuf/map.h>

#include "common/api/field_error.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// metav1validation.ValidateLabelSelector, strict about values (as every workload
// kind validates new objects): matchLabels, and each matchExpression's operator,
// values and key, under `field` ("spec.selector").
api::FieldErrors ValidateLabelSelector(const k8s::meta::v1::LabelSelector& selector,
                                       const std::string& field);

// Whether the selector (nullptr: none, which matches nothing, as upstream's
// LabelSelectorAsSelector) selects `labels`. An invalid selector matches nothing.
bool SelectorMatches(const k8s::meta::v1::LabelSelector* selector,
                     const google::protobuf::Map<std::string, std::string>& labels);

// Whether the selector converts to a labels.Selector (LabelSelectorAsSelector
// returns no error). An absent selector converts (to "nothing").
bool SelectorConverts(const k8s::meta::v1::LabelSelector* selector);

// True for a present selector with neither matchLabels nor matchExpressions.
inline bool SelectorIsEmpty(const k8s::meta::v1::LabelSelector& selector) {
  return selector.matchlabels().empty() && selector.matchexpressions().empty();
}

}  // namespace kube::apiserver
