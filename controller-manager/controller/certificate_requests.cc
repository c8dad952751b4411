#include "controller-manager/controller/certificate_requests.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::kcm {
namespace {

// Every usage is one of `allowed`, and `required` is among them.
bool UsagesWithin(const k8s::certificates::v1::CertificateSigningRequest& csr,
                  const std::vector<std::string>& allowed, const std::string& required) {
  bool has_required = false;
  for (const std::string& usage : csr.spec().usages()) {
    if (std::find(allowed.begin(), allowed.end(), usage) == allowed.end()) return false;
    has_required |= usage == required;
  }
  return has_required;
}

bool IsNodeSubject(const pki::CertificateRequestInfo& request) {
  return request.common_name.starts_with("system:node:") &&
         request.common_name.size() > std::string_view("system:node:").size() &&
         request.organizations == std::vector<std::string>{"system:nodes"};
}

}  // namespace

bool IsKubeletClientRequest(const k8s::certificates::v1::CertificateSigningRequest& csr,
                            const pki::CertificateRequestInfo& request) {
  return csr.spec().signername() == kKubeletClientSigner && IsNodeSubject(request) &&
         request.dns_names.empty() && request.ip_addresses.empty() &&
         UsagesWithin(csr, {"digital signature", "key encipherment", "client auth"},
                      "client auth");
}

std::string SignerValidationError(const k8s::certificates::v1::CertificateSigningRequest& csr,
                                  const pki::CertificateRequestInfo& request) {
  const std::string& signer = csr.spec().signername();
  if (signer == kKubeletClientSigner) {
    return IsKubeletClientRequest(csr, request)
               ? ""
               : "a kubelet client certificate is for system:node:<name> in system:nodes, "
                 "with no alternative names and client auth usages only";
  }
  if (signer == kKubeletServingSigner) {
    if (!IsNodeSubject(request)) {
      return "a kubelet serving certificate is for system:node:<name> in system:nodes";
    }
    if (request.dns_names.empty() && request.ip_addresses.empty()) {
      return "a kubelet serving certificate needs at least one DNS or IP name";
    }
    if (!UsagesWithin(csr, {"digital signature", "key encipherment", "server auth"},
                      "server auth")) {
      return "invalid usage for a kubelet serving certificate: only digital signature, key "
             "encipherment and server auth (which is required)";
    }
    return "";
  }
  if (signer == kApiserverClientSigner) {
    if (!UsagesWithin(csr, {"digital signature", "key encipherment", "client auth"},
                      "client auth")) {
      return "invalid usage for a client certificate: only digital signature, key "
             "encipherment and client auth (which is required)";
    }
    return "";
  }
  return StrCat("signer \"", signer, "\" is not one of this controller-manager's");
}

}  // namespace kube::kcm
