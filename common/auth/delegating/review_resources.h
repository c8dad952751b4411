#pragma once

#include "common/client/transport.h"

namespace kube::auth {

// The review resources the delegating authenticator and authorizer create on the
// apiserver (never stored; the answer is the object with its status filled), as
// client::Resource values for Transport::Create. They live for the whole process.
// authentication.k8s.io/v1 tokenreviews.
const client::Resource& TokenReviewResource();
// authorization.k8s.io/v1 subjectaccessreviews.
const client::Resource& SubjectAccessReviewResource();

}  // namespace kube::auth
