#include "apiserver/registry/certificates/register_certificates.h"

#include "apiserver/registry/certificates/csr_strategy.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::apiserver {

void RegisterCertificatesResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo csrs;
  csrs.group = "certificates.k8s.io";
  csrs.version = "v1";
  csrs.kind = "CertificateSigningRequest";
  csrs.resource = "certificatesigningrequests";
  csrs.singular = "certificatesigningrequest";
  csrs.short_names = {"csr"};
  csrs.namespaced = false;
  csrs.prototype = &k8s::certificates::v1::CertificateSigningRequest::default_instance();
  csrs.list_prototype = &k8s::certificates::v1::CertificateSigningRequestList::default_instance();
  csrs.subresources.status = true;
  csrs.subresources.approval = true;
  csrs.strategy = std::make_unique<CertificateSigningRequestStrategy>();
  registry.Add(std::move(csrs));
}

}  // namespace kube::apiserver
