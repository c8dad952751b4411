#include "apiserver/serviceaccount/key_set.h"

namespace kube::serviceaccount {

std::vector<const PublicKey*> PublicKeySet::CandidatesFor(std::string_view key_id) const {
  std::vector<const PublicKey*> candidates;
  for (const PublicKey& key : keys_) {
    if (key_id.empty() || key.key_id() == key_id) candidates.push_back(&key);
  }
  return candidates;
}

}  // namespace kube::serviceaccount
