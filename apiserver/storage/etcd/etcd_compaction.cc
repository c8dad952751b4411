#include "apiserver/storage/etcd/etcd_compaction.h"

#include <algorithm>

#include "apiserver/storage/etcd/etcd_status.h"

namespace kube::storage::etcd {
namespace {

// The outcome of one probing read.
struct Probe {
  bool readable = false;  // the read at the revision succeeded (not compacted)
  Revision current = 0;   // the store's revision, from the header (when readable)
};

absl::StatusOr<Probe> ReadAt(const EtcdClient& client, const std::string& key, Revision revision) {
  etcdserverpb::RangeRequest request;
  request.set_key(key);
  request.set_revision(revision);
  request.set_count_only(true);
  etcdserverpb::RangeResponse response;
  bool compacted = false;
  absl::Status status = client.Call(
      "find compacted revision", [&](const EtcdEndpoint& endpoint, grpc::ClientContext& context) {
        grpc::Status result = endpoint.kv->Range(&context, request, &response);
        if (IsCompactedError(result)) {
          compacted = true;
          return grpc::Status::OK;
        }
        return result;
      });
  if (!status.ok()) return status;
  Probe probe;
  probe.readable = !compacted;
  probe.current = response.header().revision();
  return probe;
}

}  // namespace

void CompactedMark::Raise(Revision revision) {
  Revision known = lower_bound_.load();
  while (revision > known && !lower_bound_.compare_exchange_weak(known, revision)) {
  }
}

absl::StatusOr<Revision> FindCompactedRevision(const EtcdClient& client,
                                               const std::string& probe_key, CompactedMark& mark) {
  // etcd's history starts at revision 1; a read at revision 0 means "latest".
  const Revision known = std::max<Revision>(mark.lower_bound(), 1);
  absl::StatusOr<Probe> first = ReadAt(client, probe_key, known);
  if (!first.ok()) return first.status();
  if (first->readable) return known == 1 ? 0 : known;

  // Compacted beyond `known`: the answer lies in (known, current], and the current
  // revision is always readable.
  absl::StatusOr<Probe> latest = ReadAt(client, probe_key, 0);
  if (!latest.ok()) return latest.status();
  Revision unreadable = known;
  Revision readable = latest->current;
  while (readable - unreadable > 1) {
    const Revision middle = unreadable + (readable - unreadable) / 2;
    absl::StatusOr<Probe> probe = ReadAt(client, probe_key, middle);
    if (!probe.ok()) return probe.status();
    (probe->readable ? readable : unreadable) = middle;
  }
  mark.Raise(readable);
  return readable;
}

}  // namespace kube::storage::etcd
