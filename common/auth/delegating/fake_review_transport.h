#pragma once

// A Transport for tests of the delegating authenticator and authorizer: it answers
// TokenReview and SubjectAccessReview creates with functions the test gives and
// counts them; everything else is Unimplemented. Header-only, for tests.

#include <functional>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "common/client/transport.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/authorization/v1/authorization.pb.h"

namespace kube::auth::testing {

class FakeReviewTransport final : public client::Transport {
 public:
  using TokenReviewer = std::function<absl::StatusOr<k8s::authentication::v1::TokenReviewStatus>(
      const k8s::authentication::v1::TokenReviewSpec&)>;
  using AccessReviewer =
      std::function<absl::StatusOr<k8s::authorization::v1::SubjectAccessReviewStatus>(
          const k8s::authorization::v1::SubjectAccessReviewSpec&)>;

  FakeReviewTransport(TokenReviewer tokens, AccessReviewer access)
      : tokens_(std::move(tokens)), access_(std::move(access)) {}

  int token_reviews() const { absl::MutexLock lock(&mu_); return token_reviews_; }
  int access_reviews() const { absl::MutexLock lock(&mu_); return access_reviews_; }

  // client::Transport
  absl::StatusOr<client::ObjectPtr> Create(const client::Resource& resource, const std::string&,
                                           const google::protobuf::Message& object,
                                           const client::WriteOptions&,
                                           const std::string&) override {
    if (const auto* review = dynamic_cast<const k8s::authentication::v1::TokenReview*>(&object)) {
      {
        absl::MutexLock lock(&mu_);
        ++token_reviews_;
      }
      if (resource.resource != "tokenreviews") return absl::InvalidArgumentError(resource.resource);
      auto status = tokens_(review->spec());
      if (!status.ok()) return status.status();
      auto answer = std::make_unique<k8s::authentication::v1::TokenReview>(*review);
      *answer->mutable_status() = *status;
      return client::ObjectPtr(std::move(answer));
    }
    if (const auto* review =
            dynamic_cast<const k8s::authorization::v1::SubjectAccessReview*>(&object)) {
      {
        absl::MutexLock lock(&mu_);
        ++access_reviews_;
      }
      if (resource.resource != "subjectaccessreviews") {
        return absl::InvalidArgumentError(resource.resource);
      }
      auto status = access_(review->spec());
      if (!status.ok()) return status.status();
      auto answer = std::make_unique<k8s::authorization::v1::SubjectAccessReview>(*review);
      *answer->mutable_status() = *status;
      return client::ObjectPtr(std::move(answer));
    }
    return absl::UnimplementedError("not a review");
  }
  absl::StatusOr<client::ObjectPtr> Get(const client::Resource&, const std::string&,
                                        const std::string&, const std::string&) override {
    return absl::UnimplementedError("get");
  }
  absl::StatusOr<client::ListResult> List(const client::Resource&, const std::string&,
                                          const client::ListOptions&) override {
    return absl::UnimplementedError("list");
  }
  absl::StatusOr<client::ObjectPtr> Update(const client::Resource&, const std::string&,
                                           const google::protobuf::Message&,
                                           const client::WriteOptions&,
                                           const std::string&) override {
    return absl::UnimplementedError("update");
  }
  absl::StatusOr<client::ObjectPtr> Patch(const client::Resource&, const std::string&,
                                          const std::string&, const std::string&,
                                          const std::string&, const client::WriteOptions&,
                                          const std::string&) override {
    return absl::UnimplementedError("patch");
  }
  absl::StatusOr<client::ObjectPtr> Delete(const client::Resource&, const std::string&,
                                           const std::string&,
                                           const k8s::meta::v1::DeleteOptions&) override {
    return absl::UnimplementedError("delete");
  }
  absl::StatusOr<std::unique_ptr<client::WatchStream>> Watch(const client::Resource&,
                                                             const std::string&,
                                                             const client::ListOptions&) override {
    return absl::UnimplementedError("watch");
  }

 private:
  const TokenReviewer tokens_;
  const AccessReviewer access_;
  mutable absl::Mutex mu_;
  int token_reviews_ ABSL_GUARDED_BY(mu_) = 0;
  int access_reviews_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::auth::testing
