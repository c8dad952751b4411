#pragma once

// For tests: an in-memory apiserver for leader election. Several candidates get a
// CandidateTransport each over one SharedStore, so a test can cut one candidate
// off or slip a competing write in front of its next update. (testing::FakeTransport
// in fake_transport.h is a single client; elections need one view per candidate.)

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/api/errors.h"
#include "common/client/transport.h"
#include "common/util/strings.h"

namespace kube::client::leader_election_testing {

// Objects by resource, namespace and name, with a global resourceVersion and the
// apiserver's optimistic concurrency: an update naming an old resourceVersion fails
// with a conflict. Thread-safe.
class SharedStore {
 public:
  absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                const std::string& name) {
    absl::MutexLock lock(&mu_);
    auto it = objects_.find(Key(resource, ns, name));
    if (it == objects_.end()) return api::NotFoundError(resource.resource, name);
    return Copy(*it->second);
  }

  absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object) {
    absl::MutexLock lock(&mu_);
    std::string name = Meta(object).name();
    std::string key = Key(resource, ns, name);
    if (objects_.contains(key)) return api::AlreadyExistsError(resource.resource, name);
    return StoreLocked(key, object);
  }

  // `force` skips the resourceVersion check (a write from outside the test's view).
  absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object, bool force = false) {
    absl::MutexLock lock(&mu_);
    std::string name = Meta(object).name();
    std::string key = Key(resource, ns, name);
    auto it = objects_.find(key);
    if (it == objects_.end()) return api::NotFoundError(resource.resource, name);
    const std::string& wanted = Meta(object).resourceversion();
    if (!force && !wanted.empty() && wanted != Meta(*it->second).resourceversion()) {
      return api::ConflictError(resource.resource, name, api::kObjectModified);
    }
    return StoreLocked(key, object);
  }

  absl::Status Delete(const Resource& resource, const std::string& ns, const std::string& name) {
    absl::MutexLock lock(&mu_);
    if (objects_.erase(Key(resource, ns, name)) == 0) {
      return api::NotFoundError(resource.resource, name);
    }
    return absl::OkStatus();
  }

 private:
  static std::string Key(const Resource& resource, const std::string& ns, const std::string& name) {
    return kube::StrCat(resource.group, "/", resource.resource, "/",
                        resource.namespaced ? ns : "", "/", name);
  }
  static ObjectPtr Copy(const google::protobuf::Message& object) {
    ObjectPtr copy(object.New());
    copy->CopyFrom(object);
    return copy;
  }
  static const google::protobuf::FieldDescriptor* MetaField(const google::protobuf::Message& m) {
    return m.GetDescriptor()->FindFieldByName("metadata");
  }
  static const k8s::meta::v1::ObjectMeta& Meta(const google::protobuf::Message& object) {
    return static_cast<const k8s::meta::v1::ObjectMeta&>(
        object.GetReflection()->GetMessage(object, MetaField(object)));
  }

  ObjectPtr StoreLocked(const std::string& key, const google::protobuf::Message& object)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    ObjectPtr stored = Copy(object);
    auto* meta = static_cast<k8s::meta::v1::ObjectMeta*>(
        stored->GetReflection()->MutableMessage(stored.get(), MetaField(*stored)));
    meta->set_resourceversion(std::to_string(++revision_));
    ObjectPtr reply = Copy(*stored);
    objects_[key] = std::move(stored);
    return reply;
  }

  absl::Mutex mu_;
  std::map<std::string, ObjectPtr> objects_ ABSL_GUARDED_BY(mu_);
  int64_t revision_ ABSL_GUARDED_BY(mu_) = 0;
};

// One client's view of a SharedStore. Thread-safe.
class CandidateTransport : public Transport {
 public:
  explicit CandidateTransport(SharedStore& store) : store_(store) {}

  // While partitioned, every call fails with Unavailable (a network cut).
  void SetPartitioned(bool partitioned) {
    absl::MutexLock lock(&mu_);
    partitioned_ = partitioned;
  }
  // Runs `hook` once, just before the next Update reaches the store.
  void BeforeNextUpdate(std::function<void()> hook) {
    absl::MutexLock lock(&mu_);
    before_update_ = std::move(hook);
  }

  // Transport
  absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                const std::string& name, const std::string&) override {
    if (Partitioned()) return Unreachable();
    return store_.Get(resource, ns, name);
  }
  absl::StatusOr<ListResult> List(const Resource&, const std::string&,
                                  const ListOptions&) override {
    return absl::UnimplementedError("candidate transport: list");
  }
  absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object, const WriteOptions&,
                                   const std::string&) override {
    if (Partitioned()) return Unreachable();
    return store_.Create(resource, ns, object);
  }
  absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object, const WriteOptions&,
                                   const std::string&) override {
    if (Partitioned()) return Unreachable();
    std::function<void()> hook;
    {
      absl::MutexLock lock(&mu_);
      hook = std::exchange(before_update_, nullptr);
    }
    if (hook) hook();
    return store_.Update(resource, ns, object);
  }
  absl::StatusOr<ObjectPtr> Patch(const Resource&, const std::string&, const std::string&,
                                  const std::string&, const std::string&, const WriteOptions&,
                                  const std::string&) override {
    return absl::UnimplementedError("candidate transport: patch");
  }
  absl::StatusOr<ObjectPtr> Delete(const Resource& resource, const std::string& ns,
                                   const std::string& name,
                                   const k8s::meta::v1::DeleteOptions&) override {
    if (Partitioned()) return Unreachable();
    absl::Status status = store_.Delete(resource, ns, name);
    if (!status.ok()) return status;
    return ObjectPtr();
  }
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource&, const std::string&,
                                                     const ListOptions&) override {
    return absl::UnimplementedError("candidate transport: watch");
  }

 private:
  bool Partitioned() {
    absl::MutexLock lock(&mu_);
    return partitioned_;
  }
  static absl::Status Unreachable() { return absl::UnavailableError("candidate transport: partitioned"); }

  SharedStore& store_;
  absl::Mutex mu_;
  bool partitioned_ ABSL_GUARDED_BY(mu_) = false;
  std::function<void()> before_update_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::client::leader_election_testing
