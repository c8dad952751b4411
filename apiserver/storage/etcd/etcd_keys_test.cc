#include "apiserver/storage/etcd/etcd_keys.h"

#include <catch2/catch.hpp>

#include <string>

#include "apiserver/storage/etcd/etcd_client.h"
#include "apiserver/storage/etcd/etcd_status.h"

namespace kube::storage::etcd {
namespace {

const std::string kAll(1, '\0');  // etcd's "no upper bound"

TEST_CASE("etcd keys: prefix end", "[etcd][unit]") {
  CHECK(PrefixEnd("/a/") == "/a0");
  CHECK(PrefixEnd("a") == "b");
  CHECK(PrefixEnd(std::string("a\xff", 2)) == "b");
  CHECK(PrefixEnd(std::string("\xff\xff", 2)) == kAll);
  CHECK(PrefixEnd("") == kAll);
}

TEST_CASE("etcd keys: ranges inside a key space", "[etcd][unit]") {
  KeySpace space("/c1");
  CHECK(space.Full("/pods/a") == "/c1/pods/a");
  KeyRange range = space.Prefix("/pods/");
  CHECK(range.begin == "/c1/pods/");
  CHECK(range.end == "/c1/pods0");
  range = space.Prefix("/pods/", "/pods/b");
  CHECK(range.begin == "/c1/pods/b");
  range = space.Prefix("/pods/", "/a");  // a start before the prefix changes nothing
  CHECK(range.begin == "/c1/pods/");
  CHECK_FALSE(KeySpace::Empty(range));
  CHECK(KeySpace::Empty(space.Prefix("/pods/", "/q")));

  KeySpace root("");
  range = root.Prefix("");
  CHECK(range.begin == kAll);
  CHECK(range.end == kAll);
  CHECK_FALSE(KeySpace::Empty(range));
}

TEST_CASE("etcd keys: events in the store's form", "[etcd][unit]") {
  KeySpace space("/c1");
  mvccpb::Event put;
  put.mutable_kv()->set_key("/c1/k");
  put.mutable_kv()->set_value("v1");
  put.mutable_kv()->set_create_revision(5);
  put.mutable_kv()->set_mod_revision(5);
  Event added = space.ToStore(put);
  CHECK(added.type == EventType::kAdded);
  CHECK(added.kv.key == "/k");
  CHECK(added.prev_kv.key.empty());

  mvccpb::Event update = put;
  update.mutable_kv()->set_mod_revision(7);
  update.mutable_kv()->set_value("v2");
  *update.mutable_prev_kv() = put.kv();
  Event modified = space.ToStore(update);
  CHECK(modified.type == EventType::kModified);
  CHECK(modified.prev_kv.value == "v1");
  CHECK(modified.prev_kv.key == "/k");

  mvccpb::Event remove;
  remove.set_type(mvccpb::Event::DELETE);
  remove.mutable_kv()->set_key("/c1/k");
  remove.mutable_kv()->set_mod_revision(9);
  *remove.mutable_prev_kv() = update.kv();
  Event deleted = space.ToStore(remove);
  CHECK(deleted.type == EventType::kDeleted);
  CHECK(deleted.kv.key == "/k");
  CHECK(deleted.kv.value == "v2");
  CHECK(deleted.kv.mod_revision == 9);
  CHECK(deleted.kv.create_revision == 5);
  CHECK(deleted.prev_kv.mod_revision == 7);
}

TEST_CASE("etcd status: what is retried and how codes map", "[etcd][unit]") {
  const grpc::Status no_leader(grpc::StatusCode::UNAVAILABLE, "etcdserver: no leader");
  CHECK(Classify(no_leader) == Failure::kTransient);
  CHECK_FALSE(NeverSent(no_leader));
  CHECK(NeverSent(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "failed to connect to all addresses; last error: refused")));
  CHECK(Classify(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "")) == Failure::kTransient);
  CHECK(Classify(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                              "etcdserver: too many requests")) == Failure::kTransient);
  CHECK(Classify(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "x")) == Failure::kFinal);

  const grpc::Status compacted(grpc::StatusCode::OUT_OF_RANGE,
                               "etcdserver: mvcc: required revision has been compacted");
  const grpc::Status future(grpc::StatusCode::OUT_OF_RANGE,
                            "etcdserver: mvcc: required revision is a future revision");
  CHECK(IsCompactedError(compacted));
  CHECK_FALSE(IsCompactedError(future));
  CHECK(IsFutureRevisionError(future));
  CHECK(IsCompacted(ToAbsl(compacted, "list")));
  CHECK(ToAbsl(future, "list").code() == absl::StatusCode::kInvalidArgument);
  CHECK(ToAbsl(no_leader, "get").code() == absl::StatusCode::kUnavailable);
  CHECK(ToAbsl(grpc::Status(grpc::StatusCode::NOT_FOUND, "lease"), "get").code() ==
        absl::StatusCode::kInternal);
}

TEST_CASE("etcd client: endpoint URLs", "[etcd][unit]") {
  CHECK(TargetFromUrl("http://127.0.0.1:2379").value_or("") == "127.0.0.1:2379");
  CHECK(TargetFromUrl("http://10.0.0.1:2379/").value_or("") == "10.0.0.1:2379");
  CHECK(TargetFromUrl("localhost:2379").value_or("") == "localhost:2379");
  CHECK_FALSE(TargetFromUrl("https://127.0.0.1:2379").ok());
  CHECK_FALSE(TargetFromUrl("http://").ok());
  CHECK_FALSE(TargetFromUrl("http://a:1/path").ok());
}

}  // namespace
}  // namespace kube::storage::etcd
