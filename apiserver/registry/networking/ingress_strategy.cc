#include "apiserver/registry/networking/ingress_strategy.h"

#include "apiserver/registry/networking/ingress_validation.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {

using k8s::networking::v1::Ingress;

api::FieldErrors IngressStrategy::Validate(const google::protobuf::Message& object) const {
  return networking::ValidateIngressSpec(static_cast<const Ingress&>(object).spec());
}

api::FieldErrors IngressStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                       const google::protobuf::Message& old) const {
  return networking::ValidateIngressLoadBalancerStatus(
      static_cast<const Ingress&>(object).status().loadbalancer());
}

}  // namespace kube::apiserver
