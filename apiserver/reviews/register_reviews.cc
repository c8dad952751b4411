#include "apiserver/reviews/register_reviews.h"

#include "apiserver/reviews/access_reviews.h"
#include "apiserver/reviews/identity_reviews.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/authorization/v1/authorization.pb.h"

namespace kube::apiserver::reviews {
namespace {

using k8s::authentication::v1::SelfSubjectReview;
using k8s::authentication::v1::TokenReview;
using k8s::authorization::v1::LocalSubjectAccessReview;
using k8s::authorization::v1::SelfSubjectAccessReview;
using k8s::authorization::v1::SelfSubjectRulesReview;
using k8s::authorization::v1::SubjectAccessReview;

void AddReview(ResourceRegistry& registry, std::string group, std::string kind,
               std::string resource, bool namespaced, const google::protobuf::Message& prototype) {
  ResourceInfo info;
  info.group = std::move(group);
  info.version = "v1";
  info.singular = resource.substr(0, resource.size() - 1);
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.namespaced = namespaced;
  info.prototype = &prototype;
  info.strategy = std::make_unique<Strategy>();
  info.stored = false;
  registry.Add(std::move(info));
}

template <typename T, typename Review>
void Attach(ResourceRegistry& registry, const std::string& group, Review review) {
  ResourceInfo* info = registry.MutableFindByKind(group, T::descriptor()->name());
  if (info == nullptr) return;
  info->review = [review](const auth::UserInfo& requester, std::string_view ns,
                          const google::protobuf::Message& posted)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    absl::StatusOr<std::unique_ptr<T>> answer =
        review(requester, ns, static_cast<const T&>(posted));
    if (!answer.ok()) return answer.status();
    return std::unique_ptr<google::protobuf::Message>(std::move(*answer));
  };
}

}  // namespace

void RegisterReviewResources(ResourceRegistry& registry) {
  constexpr char kAuthentication[] = "authentication.k8s.io";
  constexpr char kAuthorization[] = "authorization.k8s.io";
  AddReview(registry, kAuthentication, "TokenReview", "tokenreviews", false,
            TokenReview::default_instance());
  AddReview(registry, kAuthentication, "SelfSubjectReview", "selfsubjectreviews", false,
            SelfSubjectReview::default_instance());
  AddReview(registry, kAuthorization, "LocalSubjectAccessReview", "localsubjectaccessreviews",
            true, LocalSubjectAccessReview::default_instance());
  AddReview(registry, kAuthorization, "SelfSubjectAccessReview", "selfsubjectaccessreviews",
            false, SelfSubjectAccessReview::default_instance());
  AddReview(registry, kAuthorization, "SelfSubjectRulesReview", "selfsubjectrulesreviews", false,
            SelfSubjectRulesReview::default_instance());
  AddReview(registry, kAuthorization, "SubjectAccessReview", "subjectaccessreviews", false,
            SubjectAccessReview::default_instance());
}

void AttachReviews(ResourceRegistry& registry, const ReviewBackends& backends) {
  constexpr char kAuthentication[] = "authentication.k8s.io";
  constexpr char kAuthorization[] = "authorization.k8s.io";
  const authentication::RequestAuthenticator* authenticator = backends.authenticator;
  const auth::Authorizer* authorizer = backends.authorizer;
  const rbac::RbacAuthorizer* rbac = backends.rbac;
  std::vector<std::string> audiences = backends.api_audiences;
  Attach<TokenReview>(registry, kAuthentication,
                      [authenticator, audiences](const auth::UserInfo&, std::string_view,
                                                 const TokenReview& review) {
                        return ReviewToken(*authenticator, audiences, review);
                      });
  Attach<SelfSubjectReview>(
      registry, kAuthentication,
      [](const auth::UserInfo& requester, std::string_view, const SelfSubjectReview& review)
          -> absl::StatusOr<std::unique_ptr<SelfSubjectReview>> {
        return ReviewSelfSubject(requester, review);
      });
  Attach<SubjectAccessReview>(registry, kAuthorization,
                              [authorizer](const auth::UserInfo&, std::string_view,
                                           const SubjectAccessReview& review) {
                                return ReviewSubjectAccess(*authorizer, review);
                              });
  Attach<LocalSubjectAccessReview>(registry, kAuthorization,
                                   [authorizer](const auth::UserInfo&, std::string_view ns,
                                                const LocalSubjectAccessReview& review) {
                                     return ReviewLocalSubjectAccess(*authorizer, ns, review);
                                   });
  Attach<SelfSubjectAccessReview>(registry, kAuthorization,
                                  [authorizer](const auth::UserInfo& requester, std::string_view,
                                               const SelfSubjectAccessReview& review) {
                                    return ReviewSelfSubjectAccess(*authorizer, requester, review);
                                  });
  Attach<SelfSubjectRulesReview>(registry, kAuthorization,
                                 [rbac](const auth::UserInfo& requester, std::string_view,
                                        const SelfSubjectRulesReview& review) {
                                   return ReviewSelfSubjectRules(rbac, requester, review);
                                 });
}

}  // namespace kube::apiserver::reviews
