#pragma once

#include "k8s/core/v1/core.pb.h"
#include "k8s/events/v1/events.pb.h"

namespace kube::apiserver::events {

// events.k8s.io/v1 and core/v1 Events are one object with two sets of names
// (upstream pkg/apis/events/v1/conversion.go): regarding is involvedObject, note is
// message, reportingController is reportingComponent, and the deprecated* fields
// are the core ones. Lossless both ways.
k8s::core::v1::Event ToCoreEvent(const k8s::events::v1::Event& event);
k8s::events::v1::Event FromCoreEvent(const k8s::core::v1::Event& event);

}  // namespace kube::apiserver::events
