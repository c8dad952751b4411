#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "common/pki/certificate_spec.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// A certificate init keeps in DIR/NAME.{crt,key}.
struct NamedSpec {
  std::string name;
  CertificateSpec spec;
};

// kubeadm's control-plane certificates, each valid one year:
//  - apiserver: CN kube-apiserver, serverAuth; DNS kubernetes, kubernetes.default,
//    kubernetes.default.svc, kubernetes.default.svc.<domain>, localhost; IPs
//    127.0.0.1 and the first address of each service CIDR; plus --apiserver-san;
//  - apiserver-kubelet-client: CN kube-apiserver-kubelet-client, O system:masters,
//    clientAuth (the apiserver's identity towards kubelets);
//  - admin: CN kubernetes-admin, O system:masters, clientAuth.
// InvalidArgument for a bad service CIDR or SAN.
absl::StatusOr<std::vector<NamedSpec>> ControlPlaneSpecs(const InitOptions& options);

// kube-pki init: makes DIR (mode 0700), then keeps or (re)writes ca.{crt,key}, the
// control-plane pairs and sa.{key,pub} by the rules of certificate_files.h, and
// reports every file in that order. `now` is when renewal is judged.
absl::StatusOr<std::vector<FileReport>> RunInit(const InitOptions& options, absl::Time now = absl::Now());

}  // namespace kube::pki::app
