#pragma once

#include "apiserver/admission/admission.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver::admission {

// Upstream's ServiceAccount admission plugin, for pods being created (mirror pods
// excepted):
//  - spec.serviceAccountName defaults to "default" (and the deprecated
//    spec.serviceAccount mirrors it);
//  - the account must exist: 403 "pods "x" is forbidden: error looking up service
//    account NS/NAME: serviceaccount "NAME" not found" otherwise (the default
//    account, which a controller creates with the namespace, is looked up a few
//    times over about a second first, as upstream);
//  - unless spec.automountServiceAccountToken (else the account's) is false, a
//    projected volume kube-api-access-<5 random characters> (a bound token for the
//    API's audiences, 3607 s, the kube-root-ca.crt ConfigMap's ca.crt, the
//    namespace) is added and mounted read-only at
//    /var/run/secrets/kubernetes.io/serviceaccount in every container and init
//    container that has nothing mounted there;
//  - the account's imagePullSecrets are copied when the pod has none.
// Thread-safe.
class ServiceAccountAdmission final : public Plugin {
 public:
  // `service_accounts` (not owned) outlives the plugin.
  explicit ServiceAccountAdmission(const Store& service_accounts)
      : service_accounts_(service_accounts) {}

  absl::Status Admit(Request& request) const override;

 private:
  const Store& service_accounts_;
};

// Where the account's credentials are mounted in every container.
inline constexpr char kServiceAccountMountPath[] = "/var/run/secrets/kubernetes.io/serviceaccount";

}  // namespace kube::apiserver::admission
