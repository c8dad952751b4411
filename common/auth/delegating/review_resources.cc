#include "common/auth/delegating/review_resources.h"

#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/authorization/v1/authorization.pb.h"

namespace kube::auth {
namespace {

// Reviews have no list kind; the object's own type stands in (never listed).
template <typename T>
client::Resource ReviewResource(const char* group, const char* plural) {
  client::Resource resource;
  resource.group = group;
  resource.version = "v1";
  resource.resource = plural;
  resource.kind = T::descriptor()->name();
  resource.namespaced = false;
  resource.prototype = &T::default_instance();
  resource.list_prototype = &T::default_instance();
  return resource;
}

}  // namespace

const client::Resource& TokenReviewResource() {
  static const client::Resource* const resource = new client::Resource(
      ReviewResource<k8s::authentication::v1::TokenReview>("authentication.k8s.io",
                                                           "tokenreviews"));
  return *resource;
}

const client::Resource& SubjectAccessReviewResource() {
  static const client::Resource* const resource = new client::Resource(
      ReviewResource<k8s::authorization::v1::SubjectAccessReview>("authorization.k8s.io",
                                                                  "subjectaccessreviews"));
  return *resource;
}

}  // namespace kube::auth
