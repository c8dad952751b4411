#pragma once

#include <string_view>
#include <vector>

#include "apiserver/serviceaccount/public_key.h"

namespace kube::serviceaccount {

// The keys that verify tokens (--service-account-key-file, every file), as upstream's
// static public keys getter. Immutable; safe to share between threads.
class PublicKeySet {
 public:
  explicit PublicKeySet(std::vector<PublicKey> keys) : keys_(std::move(keys)) {}

  PublicKeySet(const PublicKeySet&) = delete;
  PublicKeySet& operator=(const PublicKeySet&) = delete;

  // Every key, in the order read (duplicates kept, as upstream's JWKS keeps them).
  const std::vector<PublicKey>& keys() const { return keys_; }

  // The keys that may have signed a token with this "kid": every key when the token
  // names none, else exactly those with that id (none for an unknown id; upstream does
  // not fall back to the other keys then).
  std::vector<const PublicKey*> CandidatesFor(std::string_view key_id) const;

 private:
  const std::vector<PublicKey> keys_;
};

}  // namespace kube::serviceaccount
