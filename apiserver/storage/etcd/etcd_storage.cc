#include "apiserver/storage/etcd/etcd_storage.h"

#include <algorithm>
#include <utility>

#include "apiserver/storage/etcd/etcd_client.h"
#include "apiserver/storage/etcd/etcd_compaction.h"
#include "apiserver/storage/etcd/etcd_keys.h"
#include "apiserver/storage/etcd/etcd_status.h"
#include "apiserver/storage/etcd/etcd_watch.h"
#include "common/util/strings.h"

namespace kube::storage {
namespace {

using etcd::CompactedMark;
using etcd::EtcdClient;
using etcd::EtcdEndpoint;
using etcd::KeyRange;
using etcd::KeySpace;
using etcdserverpb::Compare;

// The guard "the key exists, at `expected` if that is not 0".
void AddRevisionGuard(etcdserverpb::TxnRequest& txn, const std::string& key, Revision expected) {
  Compare* compare = txn.add_compare();
  compare->set_key(key);
  if (expected == 0) {
    compare->set_target(Compare::CREATE);
    compare->set_result(Compare::GREATER);
    compare->set_create_revision(0);
  } else {
    compare->set_target(Compare::MOD);
    compare->set_result(Compare::EQUAL);
    compare->set_mod_revision(expected);
  }
  // When the guard fails, read the key to tell NotFound from Aborted.
  txn.add_failure()->mutable_request_range()->set_key(key);
}

absl::Status UnknownOutcome(std::string_view what, std::string_view key) {
  return absl::UnavailableError(
      StrCat("etcd ", what, " ", key,
             ": outcome unknown: an attempt failed after reaching etcd, and the retry "
             "found the precondition broken, possibly by that attempt; read and retry"));
}

class EtcdStorage final : public Storage {
 public:
  EtcdStorage(std::shared_ptr<EtcdClient> client, const EtcdOptions& options)
      : client_(std::move(client)),
        keys_(options.key_prefix),
        probe_key_(options.key_prefix.empty() ? std::string(1, '\0') : options.key_prefix),
        watch_buffer_events_(options.watch_buffer_events) {}
  ~EtcdStorage() override { watches_->Close(); }

  EtcdStorage(const EtcdStorage&) = delete;
  EtcdStorage& operator=(const EtcdStorage&) = delete;

  // Storage:
  absl::StatusOr<KeyValue> Get(std::string_view key) override;
  absl::StatusOr<ListResult> List(const ListOptions& options) override;
  absl::StatusOr<KeyValue> Create(std::string_view key, std::string_view value) override;
  absl::StatusOr<KeyValue> Update(std::string_view key, std::string_view value,
                                  Revision expected_revision) override;
  absl::StatusOr<KeyValue> Delete(std::string_view key, Revision expected_revision) override;
  absl::StatusOr<std::unique_ptr<Watch>> WatchPrefix(std::string_view prefix,
                                                     Revision after_revision) override;
  absl::Status Compact(Revision revision) override;
  absl::StatusOr<Revision> CurrentRevision() override;
  absl::StatusOr<Revision> CompactedRevision() override;

 private:
  // A linearizable read. A read at a compacted revision fails with CompactedError.
  absl::StatusOr<etcdserverpb::RangeResponse> Range(std::string_view what,
                                                    const etcdserverpb::RangeRequest& request);
  // A transaction; see EtcdClient::Call for `maybe_applied`.
  absl::StatusOr<etcdserverpb::TxnResponse> Txn(std::string_view what,
                                                const etcdserverpb::TxnRequest& request,
                                                bool* maybe_applied);
  // The error for a guarded write whose guard failed: the failure branch's read
  // tells NotFound from Aborted.
  absl::Status GuardFailed(std::string_view what, std::string_view key, Revision expected,
                           const etcdserverpb::TxnResponse& response, bool maybe_applied);

  const std::shared_ptr<EtcdClient> client_;  // constant after construction
  const KeySpace keys_;                       // constant after construction
  // A key read (never written) to learn revisions from the response header.
  const std::string probe_key_;
  const size_t watch_buffer_events_;  // constant after construction
  const std::shared_ptr<CompactedMark> compacted_ = std::make_shared<CompactedMark>();
  const std::shared_ptr<etcd::WatchRegistry> watches_ = std::make_shared<etcd::WatchRegistry>();
};

absl::StatusOr<etcdserverpb::RangeResponse> EtcdStorage::Range(
    std::string_view what, const etcdserverpb::RangeRequest& request) {
  etcdserverpb::RangeResponse response;
  absl::Status status =
      client_->Call(what, [&](const EtcdEndpoint& endpoint, grpc::ClientContext& context) {
        return endpoint.kv->Range(&context, request, &response);
      });
  if (IsCompacted(status)) {
    // A read at r fails exactly when r is below the compacted revision.
    compacted_->Raise(request.revision() + 1);
    return CompactedError(request.revision(), compacted_->lower_bound());
  }
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<etcdserverpb::TxnResponse> EtcdStorage::Txn(std::string_view what,
                                                           const etcdserverpb::TxnRequest& request,
                                                           bool* maybe_applied) {
  etcdserverpb::TxnResponse response;
  absl::Status status = client_->Call(
      what,
      [&](const EtcdEndpoint& endpoint, grpc::ClientContext& context) {
        return endpoint.kv->Txn(&context, request, &response);
      },
      maybe_applied);
  if (!status.ok()) return status;
  return response;
}

absl::Status EtcdStorage::GuardFailed(std::string_view what, std::string_view key,
                                      Revision expected, const etcdserverpb::TxnResponse& response,
                                      bool maybe_applied) {
  if (maybe_applied) return UnknownOutcome(what, key);
  const bool exists =
      response.responses_size() == 1 && response.responses(0).response_range().kvs_size() > 0;
  if (!exists) return absl::NotFoundError(StrCat("key ", key, " not found"));
  return absl::AbortedError(StrCat("key ", key, " is at revision ",
                                   response.responses(0).response_range().kvs(0).mod_revision(),
                                   ", not ", expected));
}

absl::StatusOr<KeyValue> EtcdStorage::Get(std::string_view key) {
  etcdserverpb::RangeRequest request;
  request.set_key(keys_.Full(key));
  absl::StatusOr<etcdserverpb::RangeResponse> response = Range("get", request);
  if (!response.ok()) return response.status();
  if (response->kvs_size() == 0) return absl::NotFoundError(StrCat("key ", key, " not found"));
  return keys_.ToStore(response->kvs(0));
}

absl::StatusOr<ListResult> EtcdStorage::List(const ListOptions& options) {
  if (options.revision < 0 || options.limit < 0) {
    return absl::InvalidArgumentError("negative revision or limit");
  }
  const KeyRange range = keys_.Prefix(options.prefix, options.start_key);
  etcdserverpb::RangeRequest request;
  request.set_revision(options.revision);
  if (KeySpace::Empty(range)) {
    // start_key lies past the prefix: nothing to read, but the revision still
    // has to be checked and reported.
    request.set_key(probe_key_);
    request.set_count_only(true);
  } else {
    request.set_key(range.begin);
    request.set_range_end(range.end);
    request.set_limit(options.limit);
  }
  absl::StatusOr<etcdserverpb::RangeResponse> response = Range("list", request);
  if (!response.ok()) return response.status();
  ListResult result;
  result.revision = options.revision != 0 ? options.revision : response->header().revision();
  if (request.count_only()) return result;
  result.items.reserve(response->kvs_size());
  for (const mvccpb::KeyValue& kv : response->kvs()) result.items.push_back(keys_.ToStore(kv));
  result.more = response->more();
  return result;
}

absl::StatusOr<KeyValue> EtcdStorage::Create(std::string_view key, std::string_view value) {
  if (key.empty()) return absl::InvalidArgumentError("empty key");
  const std::string full = keys_.Full(key);
  etcdserverpb::TxnRequest txn;
  Compare* absent = txn.add_compare();
  absent->set_key(full);
  absent->set_target(Compare::CREATE);
  absent->set_result(Compare::EQUAL);
  absent->set_create_revision(0);
  etcdserverpb::PutRequest* put = txn.add_success()->mutable_request_put();
  put->set_key(full);
  put->set_value(std::string(value));
  bool maybe_applied = false;
  absl::StatusOr<etcdserverpb::TxnResponse> response = Txn("create", txn, &maybe_applied);
  if (!response.ok()) return response.status();
  if (!response->succeeded()) {
    if (maybe_applied) return UnknownOutcome("create", key);
    return absl::AlreadyExistsError(StrCat("key ", key, " already exists"));
  }
  KeyValue created;
  created.key = std::string(key);
  created.value = std::string(value);
  created.create_revision = created.mod_revision = response->header().revision();
  return created;
}

absl::StatusOr<KeyValue> EtcdStorage::Update(std::string_view key, std::string_view value,
                                             Revision expected_revision) {
  if (key.empty()) return absl::InvalidArgumentError("empty key");
  const std::string full = keys_.Full(key);
  etcdserverpb::TxnRequest txn;
  AddRevisionGuard(txn, full, expected_revision);
  etcdserverpb::PutRequest* put = txn.add_success()->mutable_request_put();
  put->set_key(full);
  put->set_value(std::string(value));
  put->set_prev_kv(true);  // for create_revision
  bool maybe_applied = false;
  absl::StatusOr<etcdserverpb::TxnResponse> response = Txn("update", txn, &maybe_applied);
  if (!response.ok()) return response.status();
  if (!response->succeeded()) {
    return GuardFailed("update", key, expected_revision, *response, maybe_applied);
  }
  KeyValue updated;
  updated.key = std::string(key);
  updated.value = std::string(value);
  updated.create_revision = response->responses(0).response_put().prev_kv().create_revision();
  updated.mod_revision = response->header().revision();
  return updated;
}

absl::StatusOr<KeyValue> EtcdStorage::Delete(std::string_view key, Revision expected_revision) {
  if (key.empty()) return absl::InvalidArgumentError("empty key");
  const std::string full = keys_.Full(key);
  etcdserverpb::TxnRequest txn;
  AddRevisionGuard(txn, full, expected_revision);
  etcdserverpb::DeleteRangeRequest* remove = txn.add_success()->mutable_request_delete_range();
  remove->set_key(full);
  remove->set_prev_kv(true);  // the last value, which Delete returns
  bool maybe_applied = false;
  absl::StatusOr<etcdserverpb::TxnResponse> response = Txn("delete", txn, &maybe_applied);
  if (!response.ok()) return response.status();
  if (!response->succeeded()) {
    return GuardFailed("delete", key, expected_revision, *response, maybe_applied);
  }
  const etcdserverpb::DeleteRangeResponse& deleted = response->responses(0).response_delete_range();
  if (deleted.prev_kvs_size() != 1) {
    return absl::InternalError(StrCat("etcd delete ", key, ": no previous value returned"));
  }
  KeyValue last = keys_.ToStore(deleted.prev_kvs(0));
  last.mod_revision = response->header().revision();
  return last;
}

absl::StatusOr<std::unique_ptr<Watch>> EtcdStorage::WatchPrefix(std::string_view prefix,
                                                                Revision after_revision) {
  if (after_revision < 0) return absl::InvalidArgumentError("negative revision");
  // One read pins "from now" to a revision, and checks that after_revision is not
  // compacted: etcd would report that only later, on the stream.
  etcdserverpb::RangeRequest probe;
  probe.set_key(probe_key_);
  probe.set_count_only(true);
  probe.set_revision(after_revision);
  absl::StatusOr<etcdserverpb::RangeResponse> response = Range("watch", probe);
  Revision start = after_revision + 1;
  if (after_revision == 0) {
    if (!response.ok()) return response.status();
    start = response->header().revision() + 1;
  } else if (!response.ok() && !absl::IsInvalidArgument(response.status())) {
    return response.status();  // a future after_revision is fine: events will come
  }
  etcd::WatchSpec spec;
  spec.range = keys_.Prefix(prefix);
  spec.start_revision = start;
  spec.buffer_events = watch_buffer_events_;
  return std::unique_ptr<Watch>(
      etcd::EtcdWatch::Start(client_, watches_, compacted_, keys_, std::move(spec)));
}

absl::Status EtcdStorage::Compact(Revision revision) {
  if (revision <= 0) return absl::OkStatus();
  etcdserverpb::CompactionRequest request;
  request.set_revision(revision);
  etcdserverpb::CompactionResponse response;
  absl::Status status =
      client_->Call("compact", [&](const EtcdEndpoint& endpoint, grpc::ClientContext& context) {
        return endpoint.kv->Compact(&context, request, &response);
      });
  // At or below the compacted revision etcd answers "compacted": nothing to do.
  if (!status.ok() && !IsCompacted(status)) return status;
  compacted_->Raise(revision);
  return absl::OkStatus();
}

absl::StatusOr<Revision> EtcdStorage::CurrentRevision() {
  etcdserverpb::RangeRequest request;
  request.set_key(probe_key_);
  request.set_count_only(true);
  absl::StatusOr<etcdserverpb::RangeResponse> response = Range("current revision", request);
  if (!response.ok()) return response.status();
  return response->header().revision();
}

absl::StatusOr<Revision> EtcdStorage::CompactedRevision() {
  return etcd::FindCompactedRevision(*client_, probe_key_, *compacted_);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Storage>> OpenEtcdStorage(const EtcdOptions& options) {
  etcd::EtcdClientOptions client_options;
  client_options.endpoints = options.endpoints;
  client_options.request_timeout = options.request_timeout;
  client_options.retry_timeout = options.retry_timeout;
  absl::StatusOr<std::shared_ptr<EtcdClient>> client = EtcdClient::Connect(client_options);
  if (!client.ok()) return client.status();
  auto store = std::make_unique<EtcdStorage>(*std::move(client), options);
  if (absl::StatusOr<Revision> revision = store->CurrentRevision(); !revision.ok()) {
    return revision.status();
  }
  return std::unique_ptr<Storage>(std::move(store));
}

}  // namespace kube::storage
