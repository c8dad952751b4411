#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "apiserver/admission/admission.h"
#include "apiserver/registry/resource.h"
#include "apiserver/storage/storage.h"
#include "apiserver/watchcache/watch_cache.h"
#include "common/auth/user_info.h"
#include "common/selectors/field_selector.h"
#include "common/selectors/label_selector.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

using ObjectPtr = std::unique_ptr<google::protobuf::Message>;

// Which rules an update follows.
enum class UpdateMode {
  kMain,       // the object: the strategy's update rules; status is kept
  kStatus,     // the /status subresource: only status changes
  kApproval,   // the /approval subresource (certificatesigningrequests)
  kUnchecked,  // server-internal writes (pods/binding): metadata rules only, no strategy
};

// The update mode a write to `subresource` ("" for the object itself) takes on a
// resource that serves it ("status", "approval"); nullopt when it serves no such
// updatable subresource. One rule for REST, gRPC and patches.
std::optional<UpdateMode> UpdateModeFor(const ResourceInfo& resource, std::string_view subresource);

struct WriteOptions {
  bool dry_run = false;  // dryRun=All: run every step but the storage write
  // Who asked (borrowed), for admission; null for the server's own writes.
  const auth::UserInfo* user = nullptr;
  // Who records the fields this write sets in metadata.managedFields (the request's
  // fieldManager, or its User-Agent's product name). "": not tracked (the server's
  // own writes, and server-side apply, which records its own).
  std::string field_manager;
  // The subresource a main-resource write came through ("scale"), for its
  // managedFields entry; /status and /approval are known from the update mode.
  std::string subresource;
};

struct ListParams {
  selectors::LabelSelector label_selector;
  selectors::FieldSelector field_selector;
  int64_t limit = 0;             // 0: everything
  std::string continue_token;    // from a previous page's metadata.continue
  std::string resource_version;  // "", "0" or a revision
  std::string resource_version_match;  // "", "NotOlderThan", "Exact"
};

struct ListResult {
  std::vector<ObjectPtr> items;
  storage::Revision revision = 0;  // the list's metadata.resourceVersion
  std::string continue_token;      // empty on the last page
};

struct WatchParams {
  selectors::LabelSelector label_selector;
  selectors::FieldSelector field_selector;
  std::string resource_version;  // "" / "0": current state as ADDED events first
  // WatchList (upstream's sendInitialEvents). Unset keeps the rule above. True: the
  // current state, at least as new as resource_version ("" is a consistent read),
  // first as ADDED events; false: only changes after resource_version ("" from now).
  std::optional<bool> send_initial_events;
  std::string resource_version_match;  // "NotOlderThan" (required with the above)
  // BOOKMARK events allowed; with send_initial_events, the end of the initial
  // events is one, annotated k8s.io/initial-events-end.
  bool allow_bookmarks = false;
};

// One event of a watch, as the wire's WatchEvent: type is ADDED, MODIFIED, DELETED,
// BOOKMARK or ERROR (object is then a Status).
struct WatchEvent {
  std::string type;
  SharedObject object;  // shared with other watchers: never modified
};

// A filtered stream of watch events for one resource (and namespace). One reader.
class WatchStream {
 public:
  virtual ~WatchStream() = default;
  // Waits up to `timeout`; returns the events ready (none on timeout). An error ends
  // the stream: the caller sends it as an ERROR event and closes.
  virtual absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) = 0;
  // The newest resourceVersion the stream has delivered or started from (for
  // bookmarks).
  virtual storage::Revision LastRevision() const = 0;
};

// Checks, on create, that the namespace an object goes into exists and is not
// terminating. Provided by the server so the store need not know other resources.
using NamespaceCheck = std::function<absl::Status(std::string_view ns,
                                                  std::string_view qualified_resource,
                                                  std::string_view name)>;

// The generic registry for one resource: create, read, update, delete, list and
// watch objects through a Storage, applying the resource's Strategy and upstream's
// metadata rules (uid, creationTimestamp, generation, resourceVersion, generateName,
// finalizers). Both transports (REST and gRPC) call it; it never sees HTTP.
// Thread-safe: it holds no mutable state of its own.
class Store {
 public:
  // With a watch cache (not owned; outlives the store), watches and unpaginated
  // lists are served from it; without, from storage. A resource stored as another
  // version's objects (`resource.stored_as`) gets that resource as `stored_as`, and
  // its cache: objects convert at every method's boundary, and the stored
  // version's strategy, prefix and admission apply.
  Store(storage::Storage& storage, const ResourceInfo& resource, NamespaceCheck namespace_check,
        WatchCache* cache = nullptr, const ResourceInfo* stored_as = nullptr);

  // The resource as served (what every method takes and returns).
  const ResourceInfo& resource() const { return served_; }

  // The admission steps writes with a user pass (not owned). Start-up only.
  void set_admission(const admission::Chain* chain) { admission_ = chain; }

  absl::StatusOr<ObjectPtr> Get(std::string_view ns, std::string_view name) const;

  // Whether the object exists, answered from the watch cache when it has it (a
  // cheap map lookup; the cache may lag storage by milliseconds) and from storage
  // otherwise, so an object created just now is never reported missing.
  absl::StatusOr<SharedObject> GetCached(std::string_view ns, std::string_view name) const;

  // `ns` is the namespace from the request path ("" for cluster-scoped kinds).
  absl::StatusOr<ObjectPtr> Create(std::string_view ns, ObjectPtr object,
                                   const WriteOptions& options) const;

  // Produces the object to store from the current one; returning an error aborts.
  // May be called more than once if another writer races (conflict retries).
  using UpdateFunc = std::function<absl::StatusOr<ObjectPtr>(const google::protobuf::Message& current)>;

  // Read-modify-write: strategies, validation and metadata rules applied to what
  // `update` returns, per `mode`. A result equal to the stored object is not
  // written (its resourceVersion stays). A resourceVersion set in the produced
  // object must match the stored one (409 Conflict otherwise); without one,
  // conflicts are retried.
  absl::StatusOr<ObjectPtr> Update(std::string_view ns, std::string_view name,
                                   const UpdateFunc& update, UpdateMode mode,
                                   const WriteOptions& options) const;

  // PUT: replaces the object with `object`. Kinds that allow it create a missing
  // object; `created` (optional) reports whether that happened.
  absl::StatusOr<ObjectPtr> Replace(std::string_view ns, std::string_view name, ObjectPtr object,
                                    UpdateMode mode, const WriteOptions& options,
                                    bool* created = nullptr) const;

  // Deletes, honouring preconditions, graceful deletion (the strategy's grace
  // period) and finalizers: such an object is only marked (deletionTimestamp) and
  // returned. propagationPolicy Orphan and Foreground add the "orphan" and
  // "foregroundDeletion" finalizers for the garbage collector, as upstream.
  struct DeleteResult {
    ObjectPtr object;      // the object as last stored (or as marked)
    bool deleted = false;  // false: marked, still in storage
  };
  absl::StatusOr<DeleteResult> Delete(std::string_view ns, std::string_view name,
                                      const k8s::meta::v1::DeleteOptions& options,
                                      const WriteOptions& write_options) const;

  // `ns` empty lists across all namespaces.
  absl::StatusOr<ListResult> List(std::string_view ns, const ListParams& params) const;

  // Every object in `ns` ("" for all) as the watch cache holds it, shared rather than
  // copied, for the server's own frequent reads (authorizers). The cache may lag
  // storage by milliseconds; without a cache, storage is read.
  absl::StatusOr<std::vector<SharedObject>> ListShared(std::string_view ns) const;

  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(std::string_view ns,
                                                     const WatchParams& params) const;

  // Whether the kind supports `field` in field selectors (name and namespace always).
  bool SupportsField(std::string_view field) const;
  // A stored value as an object (in the stored version), with resourceVersion set
  // from its revision.
  absl::StatusOr<ObjectPtr> Decode(const storage::KeyValue& kv) const;
  static absl::StatusOr<ObjectPtr> DecodeStored(const ResourceInfo& resource,
                                                const storage::KeyValue& kv);
  // Upstream's DeletionFinalizersForGarbageCollection: the finalizer the policy adds.
  static std::optional<std::string> PropagationFinalizer(std::string_view policy);

  // Whether `object` (in the stored version) passes both selectors.
  bool Matches(const google::protobuf::Message& object, const selectors::LabelSelector& labels,
               const selectors::FieldSelector& fields) const;

 private:
  std::string Key(std::string_view ns, std::string_view name) const;
  std::string Prefix(std::string_view ns) const;
  std::string Encode(const google::protobuf::Message& object) const;
  absl::Status CheckSelectors(const selectors::FieldSelector& fields) const;

  absl::StatusOr<ListResult> ListFromCache(std::string_view ns, const ListParams& params) const;

  // The methods above in the stored version; the public ones convert around them.
  absl::StatusOr<ObjectPtr> GetStored(std::string_view ns, std::string_view name) const;
  absl::StatusOr<ObjectPtr> CreateStored(std::string_view ns, ObjectPtr object,
                                         const WriteOptions& options) const;
  absl::StatusOr<ObjectPtr> UpdateStored(std::string_view ns, std::string_view name,
                                         const UpdateFunc& update, UpdateMode mode,
                                         const WriteOptions& options) const;
  absl::StatusOr<DeleteResult> DeleteStored(std::string_view ns, std::string_view name,
                                            const k8s::meta::v1::DeleteOptions& options,
                                            const WriteOptions& write_options) const;
  absl::StatusOr<ListResult> ListStored(std::string_view ns, const ListParams& params) const;
  // Between the served and the stored version; plain moves when they are the same.
  absl::StatusOr<ObjectPtr> ToStored(ObjectPtr served) const;
  absl::StatusOr<ObjectPtr> ToServed(absl::StatusOr<ObjectPtr> stored) const;
  // The served version's own rules (its strategy's Validate), before conversion.
  absl::Status ValidateServed(const google::protobuf::Message& served, std::string_view name) const;

  storage::Storage& storage_;
  const ResourceInfo& served_;
  const ResourceInfo& resource_;  // the stored version: strategy, prefix, prototype
  const NamespaceCheck namespace_check_;
  WatchCache* const cache_;
  const admission::Chain* admission_ = nullptr;  // set at start-up, then read-only
};

}  // namespace kube::apiserver
