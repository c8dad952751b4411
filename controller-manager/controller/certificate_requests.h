#pragma once

#include "common/pki/certificate_request.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::kcm {

// Upstream's ValidateKubeletClientCSR, the shape of a kubelet's client certificate
// request: signer kubernetes.io/kube-apiserver-client-kubelet, CN
// system:node:<name>, O exactly system:nodes, no DNS or IP names, and usages
// among digital signature, key encipherment and client auth, with client auth.
bool IsKubeletClientRequest(const k8s::certificates::v1::CertificateSigningRequest& csr,
                            const pki::CertificateRequestInfo& request);

// Why `csr` cannot be signed by its (built-in) signer, "" when it can: the kubelet
// client shape above; for kubernetes.io/kubelet-serving a node's subject, DNS or IP
// names, server auth; for kubernetes.io/kube-apiserver-client client auth.
std::string SignerValidationError(const k8s::certificates::v1::CertificateSigningRequest& csr,
                                  const pki::CertificateRequestInfo& request);

// The signers csrsigning signs for.
inline constexpr char kKubeletClientSigner[] = "kubernetes.io/kube-apiserver-client-kubelet";
inline constexpr char kKubeletServingSigner[] = "kubernetes.io/kubelet-serving";
inline constexpr char kApiserverClientSigner[] = "kubernetes.io/kube-apiserver-client";

}  // namespace kube::kcm
