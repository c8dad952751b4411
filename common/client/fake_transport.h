#pragma once

// An in-memory Transport for tests of code built on the client library: a tiny
// apiserver with one global revision, watch history, compaction (410 Expired) and
// hooks to break watches and fail lists. Header-only so that it stays out of the
// production library.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/client/indexer.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/patch/patch.h"
#include "common/client/transport.h"
#include "common/client/watch_status.h"
#include "common/selectors/label_selector.h"
#include "common/util/strings.h"

namespace kube::client::testing {

class FakeTransport final : public Transport {
 public:
  // Test hooks.
  // Drops history up to the current revision: watches from before it get 410.
  void Compact() {
    absl::MutexLock lock(&mu_);
    compacted_ = revision_;
    history_.clear();
  }
  // Ends every open watch cleanly (as a server timeout does).
  void CloseWatches() {
    absl::MutexLock lock(&mu_);
    ++generation_;
  }
  // While broken, watches fail as if the server were away (Unavailable): open
  // ones end and new ones are refused. Lists still work.
  void BreakWatches(bool broken) {
    absl::MutexLock lock(&mu_);
    watches_broken_ = broken;
    ++generation_;
  }
  // The next `count` List calls fail with `status`.
  void FailLists(absl::Status status, int count) {
    absl::MutexLock lock(&mu_);
    list_error_ = std::move(status);
    list_failures_ = count;
  }
  int list_calls() const { absl::MutexLock lock(&mu_); return list_calls_; }
  int watch_calls() const { absl::MutexLock lock(&mu_); return watch_calls_; }
  int watch_list_refusals() const { absl::MutexLock lock(&mu_); return watch_list_refusals_; }
  int open_watches() const { absl::MutexLock lock(&mu_); return open_watches_; }

  // Transport
  absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                const std::string& name, const std::string& = "") override {
    absl::MutexLock lock(&mu_);
    auto& objects = store_[resource.resource];
    auto it = objects.find(Key(resource, ns, name));
    if (it == objects.end()) return api::NotFoundError(resource.resource, name);
    return Clone(*it->second);
  }

  absl::StatusOr<ListResult> List(const Resource& resource, const std::string& ns,
                                  const ListOptions& options) override {
    absl::MutexLock lock(&mu_);
    ++list_calls_;
    if (list_failures_ > 0) {
      --list_failures_;
      return list_error_;
    }
    absl::StatusOr<selectors::LabelSelector> selector =
        selectors::LabelSelector::Parse(options.label_selector);
    if (!selector.ok()) return selector.status();
    ListResult result;
    for (const auto& [key, object] : store_[resource.resource]) {
      if (Matches(*object, ns, *selector)) result.items.push_back(Clone(*object));
    }
    result.resource_version = StrCat(revision_);
    return result;
  }

  absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& = {}, const std::string& = "") override {
    absl::MutexLock lock(&mu_);
    ObjectPtr stored = Clone(object);
    k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(*stored);
    if (resource.namespaced && meta->namespace_().empty()) meta->set_namespace_(ns);
    // generateName: a suffix unique in this fake (the next revision).
    if (meta->name().empty() && !meta->generatename().empty()) {
      meta->set_name(StrCat(meta->generatename(), "g", revision_ + 1));
    }
    std::string key = Key(resource, meta->namespace_(), meta->name());
    auto& objects = store_[resource.resource];
    if (objects.contains(key)) return api::AlreadyExistsError(resource.resource, meta->name());
    meta->set_uid(StrCat("uid-", revision_ + 1));
    return Commit(resource, "ADDED", key, std::move(stored));
  }

  absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& = {}, const std::string& = "") override {
    absl::MutexLock lock(&mu_);
    ObjectPtr stored = Clone(object);
    k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(*stored);
    if (resource.namespaced && meta->namespace_().empty()) meta->set_namespace_(ns);
    std::string key = Key(resource, meta->namespace_(), meta->name());
    auto& objects = store_[resource.resource];
    auto it = objects.find(key);
    if (it == objects.end()) return api::NotFoundError(resource.resource, meta->name());
    const std::string& current = api::ObjectMetaOf(*it->second)->resourceversion();
    if (!meta->resourceversion().empty() && meta->resourceversion() != current) {
      return api::ConflictError(resource.resource, meta->name(), api::kObjectModified);
    }
    return Commit(resource, "MODIFIED", key, std::move(stored));
  }

  // JSON merge patches only (what the controllers send), with the server's uid and
  // resourceVersion preconditions.
  absl::StatusOr<ObjectPtr> Patch(const Resource& resource, const std::string& ns,
                                  const std::string& name, const std::string& patch_type,
                                  const std::string& patch, const WriteOptions& options = {},
                                  const std::string& subresource = "") override {
    if (patch_type != "application/merge-patch+json") {
      return absl::UnimplementedError(
          StrCat("FakeTransport: ", patch_type, " patch of ", resource.resource, " ", name));
    }
    ObjectPtr current;
    {
      absl::MutexLock lock(&mu_);
      auto& objects = store_[resource.resource];
      auto it = objects.find(Key(resource, ns, name));
      if (it == objects.end()) return api::NotFoundError(resource.resource, name);
      current = Clone(*it->second);
    }
    rapidjson::Document document;
    document.Parse(codec::EncodeJson(*current).c_str());
    rapidjson::Document parsed;
    parsed.Parse(patch.c_str());
    if (parsed.HasParseError()) return api::BadRequestError("FakeTransport: patch is not JSON");
    if (absl::Status applied = patch::ApplyMergePatch(document, parsed); !applied.ok()) {
      return applied;
    }
    ObjectPtr patched(current->New());
    if (absl::Status decoded = codec::DecodeJsonValue(document, *patched); !decoded.ok()) {
      return decoded;
    }
    if (api::ObjectMetaOf(*patched)->uid() != api::ObjectMetaOf(*current)->uid()) {
      return api::ConflictError(resource.resource, name, "Precondition failed: UID mismatch");
    }
    return Update(resource, ns, *patched, options, subresource);
  }

  absl::StatusOr<ObjectPtr> Delete(const Resource& resource, const std::string& ns,
                                   const std::string& name,
                                   const k8s::meta::v1::DeleteOptions& = {}) override {
    absl::MutexLock lock(&mu_);
    auto& objects = store_[resource.resource];
    std::string key = Key(resource, ns, name);
    auto it = objects.find(key);
    if (it == objects.end()) return api::NotFoundError(resource.resource, name);
    ObjectPtr last = std::move(it->second);
    objects.erase(it);
    ++revision_;
    api::MutableObjectMetaOf(*last)->set_resourceversion(StrCat(revision_));
    history_.push_back(Event{resource.resource, "DELETED", revision_, Clone(*last)});
    return ObjectPtr(nullptr);
  }

  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource,
                                                     const std::string& ns,
                                                     const ListOptions& options) override {
    absl::MutexLock lock(&mu_);
    ++watch_calls_;
    if (options.send_initial_events.has_value()) {
      // As a server without WatchList (upstream with the feature gate off).
      ++watch_list_refusals_;
      return api::InvalidError(
          "meta.k8s.io", "ListOptions", "",
          {api::Forbidden("sendInitialEvents",
                          "sendInitialEvents is forbidden for watch unless the WatchList "
                          "feature gate is enabled")});
    }
    if (watches_broken_) return absl::UnavailableError("FakeTransport: watches are broken");
    absl::StatusOr<selectors::LabelSelector> selector =
        selectors::LabelSelector::Parse(options.label_selector);
    if (!selector.ok()) return selector.status();
    int64_t from = revision_;
    if (!options.resource_version.empty() &&
        !absl::SimpleAtoi(options.resource_version, &from)) {
      return absl::InvalidArgumentError("FakeTransport: bad resourceVersion");
    }
    return std::unique_ptr<WatchStream>(
        new Stream(this, resource.resource, ns, *selector, from, generation_));
  }

 private:
  struct Event {
    std::string resource;
    std::string type;
    int64_t revision;
    ObjectPtr object;
  };

  class Stream final : public WatchStream {
   public:
    Stream(FakeTransport* fake, std::string resource, std::string ns,
           selectors::LabelSelector selector, int64_t from, int generation)
        ABSL_EXCLUSIVE_LOCKS_REQUIRED(fake->mu_)
        : fake_(fake), resource_(std::move(resource)), ns_(std::move(ns)),
          selector_(std::move(selector)), last_(from), generation_(generation) {
      ++fake_->open_watches_;
    }
    ~Stream() override {
      absl::MutexLock lock(&fake_->mu_);
      --fake_->open_watches_;
    }

    absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
      absl::MutexLock lock(&fake_->mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(fake_->mu_) {
        return fake_->revision_ > last_ || fake_->generation_ != generation_;
      };
      fake_->mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
      if (last_ < fake_->compacted_ && !expired_sent_) {
        expired_sent_ = true;
        k8s::meta::v1::Status status =
            api::ToApiStatus(api::ExpiredError(StrCat("too old resource version: ", last_)));
        std::vector<WatchEvent> events;
        events.push_back(WatchEvent{"ERROR", std::make_unique<k8s::meta::v1::Status>(status)});
        return events;
      }
      if (fake_->watches_broken_) return absl::UnavailableError("FakeTransport: connection reset");
      if (expired_sent_ || fake_->generation_ != generation_) return WatchClosedError();
      std::vector<WatchEvent> events;
      for (const Event& event : fake_->history_) {
        if (event.revision <= last_ || event.resource != resource_) continue;
        if (!Matches(*event.object, ns_, selector_)) continue;
        events.push_back(WatchEvent{event.type, Clone(*event.object)});
      }
      last_ = fake_->revision_;
      return events;
    }

   private:
    FakeTransport* const fake_;
    const std::string resource_;
    const std::string ns_;
    const selectors::LabelSelector selector_;
    int64_t last_;  // the revision delivered up to
    const int generation_;
    bool expired_sent_ = false;
  };

  static ObjectPtr Clone(const google::protobuf::Message& object) {
    ObjectPtr copy(object.New());
    copy->CopyFrom(object);
    return copy;
  }
  static std::string Key(const Resource& resource, const std::string& ns,
                         const std::string& name) {
    return ObjectKey(resource.namespaced ? ns : "", name);
  }
  static bool Matches(const google::protobuf::Message& object, const std::string& ns,
                      const selectors::LabelSelector& selector) {
    const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
    return (ns.empty() || meta->namespace_() == ns) && selector.Matches(meta->labels());
  }

  absl::StatusOr<ObjectPtr> Commit(const Resource& resource, const char* type,
                                   const std::string& key, ObjectPtr stored)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    ++revision_;
    api::MutableObjectMetaOf(*stored)->set_resourceversion(StrCat(revision_));
    history_.push_back(Event{resource.resource, type, revision_, Clone(*stored)});
    ObjectPtr result = Clone(*stored);
    store_[resource.resource][key] = std::move(stored);
    return result;
  }

  mutable absl::Mutex mu_;
  int64_t revision_ ABSL_GUARDED_BY(mu_) = 100;
  int64_t compacted_ ABSL_GUARDED_BY(mu_) = 0;
  int generation_ ABSL_GUARDED_BY(mu_) = 0;  // bumped to close open watches
  bool watches_broken_ ABSL_GUARDED_BY(mu_) = false;
  // By resource plural, then key.
  std::map<std::string, std::map<std::string, ObjectPtr>> store_ ABSL_GUARDED_BY(mu_);
  std::vector<Event> history_ ABSL_GUARDED_BY(mu_);  // since compacted_
  absl::Status list_error_ ABSL_GUARDED_BY(mu_);
  int list_failures_ ABSL_GUARDED_BY(mu_) = 0;
  int list_calls_ ABSL_GUARDED_BY(mu_) = 0;
  int watch_calls_ ABSL_GUARDED_BY(mu_) = 0;
  int watch_list_refusals_ ABSL_GUARDED_BY(mu_) = 0;
  int open_watches_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::client::testing
