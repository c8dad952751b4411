#include "controller-manager/replicaset/expectations.h"

namespace kube::kcm::replicaset {

void Expectations::ExpectCreations(const std::string& key, int count) {
  absl::MutexLock lock(&mu_);
  Record& record = records_[key];
  record.creations = count;
  record.deletions.clear();
  record.timestamp = clock_();
}

void Expectations::ExpectDeletions(const std::string& key, const std::set<std::string>& uids) {
  absl::MutexLock lock(&mu_);
  Record& record = records_[key];
  record.creations = 0;
  record.deletions = uids;
  record.timestamp = clock_();
}

void Expectations::CreationObserved(const std::string& key) { LowerCreations(key, 1); }

void Expectations::LowerCreations(const std::string& key, int count) {
  absl::MutexLock lock(&mu_);
  auto it = records_.find(key);
  if (it == records_.end()) return;
  it->second.creations = std::max(0, it->second.creations - count);
}

void Expectations::DeletionObserved(const std::string& key, const std::string& uid) {
  absl::MutexLock lock(&mu_);
  auto it = records_.find(key);
  if (it == records_.end()) return;
  it->second.deletions.erase(uid);
}

bool Expectations::Satisfied(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = records_.find(key);
  if (it == records_.end()) return true;
  const Record& record = it->second;
  if (record.creations <= 0 && record.deletions.empty()) return true;
  return clock_() - record.timestamp > ttl_;
}

void Expectations::Delete(const std::string& key) {
  absl::MutexLock lock(&mu_);
  records_.erase(key);
}

}  // namespace kube::kcm::replicaset
