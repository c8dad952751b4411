#pragma once

#include "google/protobuf/repeated_ptr_field.h"
#include "kubelet/status/pod_status.h"

namespace kube::kubelet {

// The status of each container of `containers` (spec order), from its newest and
// previous instances in the runtime, the last sync's errors and the probes.
// Init containers are ready once they completed.
google::protobuf::RepeatedPtrField<k8s::core::v1::ContainerStatus> ContainerStatuses(
    const PodStatusInput& input,
    const google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& containers, bool init);

}  // namespace kube::kubelet
