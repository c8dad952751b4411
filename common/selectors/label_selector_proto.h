#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "common/selectors/label_selector.h"
#include "common/selectors/operator.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::selectors {

// metav1's operator names: "In", "NotIn", "Exists", "DoesNotExist". Anything
// else is InvalidArgument `"Foo" is not a valid label selector operator`.
absl::StatusOr<Operator> ParseLabelSelectorOperator(std::string_view name);

// upstream's metav1.LabelSelectorAsSelector: a missing selector (nullptr)
// matches nothing, an empty one everything; otherwise as
// LabelSelector::FromRequirements.
absl::StatusOr<LabelSelector> LabelSelectorFromProto(const k8s::meta::v1::LabelSelector* selector);

}  // namespace kube::selectors
