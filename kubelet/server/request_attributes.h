#pragma once

#include <string>
#include <string_view>

#include "common/auth/authorizer.h"

namespace kube::kubelet {

// What a request to the kubelet's API asks, as upstream's kubelet authorizes it: a
// verb (from the HTTP method: GET and HEAD get, POST create, PUT update, PATCH patch,
// DELETE delete) on the node object's subresource: /stats/... is nodes/stats,
// /metrics/... nodes/metrics, /logs/... nodes/log, /spec/... nodes/spec,
// /checkpoint/... nodes/checkpoint, and everything else (exec, containerLogs,
// portForward, pods, healthz) nodes/proxy. So a SubjectAccessReview for the
// `system:kubelet-api-admin` role, or a narrower one (monitoring: nodes/metrics and
// nodes/stats), decides it. `user` is left unset.
auth::Attributes KubeletRequestAttributes(std::string_view method, std::string_view path,
                                          const std::string& node_name);

}  // namespace kube::kubelet
