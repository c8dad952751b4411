#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "apiserver/storage/storage.h"

namespace kube::apiserver {

// The opaque `continue` value of a paginated list: where the next page starts and
// the revision every page is read at. Encoded like upstream's (base64url of
// {"v":"meta.k8s.io/v1","rv":N,"start":"<key relative to the prefix>"}).
struct ContinueToken {
  storage::Revision revision = 0;
  std::string start_key;  // relative to the list's storage prefix
};

std::string EncodeContinueToken(const ContinueToken& token);
// A token this server did not produce is a 400 BadRequest.
absl::StatusOr<ContinueToken> DecodeContinueToken(const std::string& text);

}  // namespace kube::apiserver
