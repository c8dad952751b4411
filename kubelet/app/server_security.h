#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/client/transport.h"
#include "kubelet/app/options.h"
#include "kubelet/node/machine_info.h"
#include "kubelet/server/kubelet_server.h"

namespace kube::kubelet {

// The TLS, authentication and authorization of the kubelet's port as `options` say
// (upstream's kubelet server auth): the serving certificate from --tls-cert-file,
// or a self-signed one for the node's name and address kept in --cert-dir; client
// certificates from --client-ca-file; bearer tokens reviewed by the API server
// (--authentication-token-webhook); requests authorized by SubjectAccessReviews
// (--authorization-mode=Webhook). Reviews go through `transport`. InvalidArgument
// naming the flag for unusable files.
absl::StatusOr<KubeletServerSecurity> NewKubeletServerSecurity(
    const KubeletOptions& options, const MachineInfo& machine,
    std::shared_ptr<client::Transport> transport);

}  // namespace kube::kubelet
