#pragma once

// Conformance cases for reads and writes: Get/Create/Update/Delete, revisions, List.
// Included by storage_conformance.h; each function takes a fresh, empty store.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "apiserver/storage/storage.h"
#include "apiserver/storage/storage_conformance_util.h"

namespace kube::storage::conformance {

inline void CreateGetAndErrors(Storage& store) {
  CHECK(store.Get("/k/a").status().code() == absl::StatusCode::kNotFound);

  KeyValue created = MustCreate(store, "/k/a", "one");
  CHECK(created.key == "/k/a");
  CHECK(created.value == "one");
  CHECK(created.mod_revision > 0);
  CHECK(created.create_revision == created.mod_revision);
  CHECK(MustCurrent(store) == created.mod_revision);

  absl::StatusOr<KeyValue> got = store.Get("/k/a");
  REQUIRE(got.ok());
  CHECK(got->value == "one");
  CHECK(got->mod_revision == created.mod_revision);
  CHECK(got->create_revision == created.create_revision);

  absl::StatusOr<KeyValue> again = store.Create("/k/a", "two");
  CHECK(again.status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(store.Get("/k/a")->value == "one");
  // A failed write takes no revision.
  CHECK(MustCurrent(store) == created.mod_revision);

  // Values are opaque bytes: NULs, high bytes and a large value survive.
  const std::string binary("\0\x01\xff\xfe" "end", 7);
  MustCreate(store, "/k/binary", binary);
  CHECK(store.Get("/k/binary")->value == binary);
  const std::string large(512 * 1024, 'x');
  MustCreate(store, "/k/large", large);
  CHECK(store.Get("/k/large")->value == large);
  MustCreate(store, "/k/empty", "");
  CHECK(store.Get("/k/empty")->value.empty());
}

inline void UpdateDeleteAndErrors(Storage& store) {
  KeyValue created = MustCreate(store, "/k/a", "v1");

  CHECK(store.Update("/k/missing", "x", 0).status().code() == absl::StatusCode::kNotFound);
  CHECK(store.Update("/k/missing", "x", created.mod_revision).status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(store.Delete("/k/missing", 0).status().code() == absl::StatusCode::kNotFound);

  // A stale expected revision is a conflict and changes nothing.
  absl::StatusOr<KeyValue> stale = store.Update("/k/a", "x", created.mod_revision + 1000);
  CHECK(stale.status().code() == absl::StatusCode::kAborted);
  CHECK(store.Get("/k/a")->value == "v1");

  KeyValue v2 = MustUpdate(store, "/k/a", "v2", created.mod_revision);
  CHECK(v2.value == "v2");
  CHECK(v2.mod_revision > created.mod_revision);
  CHECK(v2.create_revision == created.create_revision);

  // The old revision is now stale too.
  CHECK(store.Update("/k/a", "x", created.mod_revision).status().code() ==
        absl::StatusCode::kAborted);
  CHECK(store.Delete("/k/a", created.mod_revision).status().code() ==
        absl::StatusCode::kAborted);
  CHECK(store.Get("/k/a")->value == "v2");

  KeyValue v3 = MustUpdate(store, "/k/a", "v3", 0);  // 0 accepts any revision
  CHECK(v3.mod_revision > v2.mod_revision);
  CHECK(v3.create_revision == created.create_revision);

  KeyValue deleted = MustDelete(store, "/k/a", v3.mod_revision);
  CHECK(deleted.key == "/k/a");
  CHECK(deleted.value == "v3");  // the last value the key held
  CHECK(deleted.mod_revision > v3.mod_revision);
  CHECK(deleted.create_revision == created.create_revision);
  CHECK(MustCurrent(store) == deleted.mod_revision);

  CHECK(store.Get("/k/a").status().code() == absl::StatusCode::kNotFound);
  CHECK(store.Update("/k/a", "x", 0).status().code() == absl::StatusCode::kNotFound);
  CHECK(store.Delete("/k/a", 0).status().code() == absl::StatusCode::kNotFound);

  // A key can be created again after a delete; it starts a new life.
  KeyValue reborn = MustCreate(store, "/k/a", "again");
  CHECK(reborn.create_revision == reborn.mod_revision);
  CHECK(reborn.create_revision > deleted.mod_revision);

  // Delete with 0 accepts any revision.
  MustDelete(store, "/k/a", 0);
}

inline void RevisionsIncreaseAcrossAllWrites(Storage& store) {
  Revision last = MustCurrent(store);
  CHECK(last >= 0);
  auto advance = [&](const KeyValue& kv) {
    CHECK(kv.mod_revision > last);
    CHECK(MustCurrent(store) == kv.mod_revision);
    last = kv.mod_revision;
  };
  for (int i = 0; i < 5; ++i) advance(MustCreate(store, "/r/" + std::to_string(i), "c"));
  KeyValue first = *store.Get("/r/0");
  for (int i = 0; i < 5; ++i) {
    KeyValue kv = MustUpdate(store, "/r/0", "u" + std::to_string(i));
    advance(kv);
    CHECK(kv.create_revision == first.create_revision);
    CHECK(store.Get("/r/0")->mod_revision == kv.mod_revision);
  }
  advance(MustDelete(store, "/r/1"));
  advance(MustCreate(store, "/r/1", "back"));
  CHECK(store.Delete("/r/nope", 0).status().code() == absl::StatusCode::kNotFound);
  CHECK(MustCurrent(store) == last);
  CHECK(MustList(store, Options("/r/")).revision == last);
}

inline void ListByPrefixInKeyOrder(Storage& store) {
  // Created out of order, with neighbours that share a string prefix.
  for (const char* key : {"/a/c", "/ab", "/a/a", "/b/x", "/a", "/a/b/deep", "/a/b"}) {
    MustCreate(store, key, std::string("v") + key);
  }
  ListResult list = MustList(store, Options("/a/"));
  CHECK(Keys(list.items) == std::vector<std::string>{"/a/a", "/a/b", "/a/b/deep", "/a/c"});
  CHECK_FALSE(list.more);
  CHECK(list.revision == MustCurrent(store));
  for (const KeyValue& kv : list.items) {
    CHECK(kv.value == "v" + kv.key);
    CHECK(kv.mod_revision == store.Get(kv.key)->mod_revision);
  }

  CHECK(Keys(MustList(store, Options("/a")).items) ==
        std::vector<std::string>{"/a", "/a/a", "/a/b", "/a/b/deep", "/a/c", "/ab"});
  CHECK(MustList(store, Options("/")).items.size() == 7);
  CHECK(MustList(store, Options("")).items.size() == 7);
  CHECK(MustList(store, Options("/none/")).items.empty());

  // Deleted keys disappear from the latest list.
  MustDelete(store, "/a/b");
  CHECK(Keys(MustList(store, Options("/a/")).items) ==
        std::vector<std::string>{"/a/a", "/a/b/deep", "/a/c"});
}

inline void ListAtOlderRevision(Storage& store) {
  KeyValue a1 = MustCreate(store, "/l/a", "a1");
  MustCreate(store, "/l/b", "b1");
  MustCreate(store, "/l/c", "c1");
  const Revision before = MustCurrent(store);

  KeyValue a2 = MustUpdate(store, "/l/a", "a2");
  const Revision middle = MustCurrent(store);
  MustDelete(store, "/l/b");
  MustCreate(store, "/l/d", "d1");
  MustCreate(store, "/m/outside", "x");

  ListResult old = MustList(store, Options("/l/", before));
  CHECK(old.revision == before);
  CHECK(Keys(old.items) == std::vector<std::string>{"/l/a", "/l/b", "/l/c"});
  CHECK(old.items[0].value == "a1");
  CHECK(old.items[0].mod_revision == a1.mod_revision);
  CHECK(old.items[1].value == "b1");

  ListResult mid = MustList(store, Options("/l/", middle));
  CHECK(Keys(mid.items) == std::vector<std::string>{"/l/a", "/l/b", "/l/c"});
  CHECK(mid.items[0].value == "a2");
  CHECK(mid.items[0].mod_revision == a2.mod_revision);
  CHECK(mid.items[0].create_revision == a1.create_revision);

  ListResult now = MustList(store, Options("/l/"));
  CHECK(Keys(now.items) == std::vector<std::string>{"/l/a", "/l/c", "/l/d"});
  CHECK(now.items[0].value == "a2");
}

inline void ListPaginatesAtOneRevision(Storage& store) {
  std::vector<std::string> all;
  for (int i = 0; i < 10; ++i) {
    all.push_back("/p/" + std::to_string(10 + i));
    MustCreate(store, all.back(), "orig");
  }
  MustCreate(store, "/q/after", "x");  // just past the prefix

  ListResult page1 = MustList(store, Options("/p/", 0, "", 4));
  CHECK(page1.items.size() == 4);
  CHECK(page1.more);
  const Revision at = page1.revision;

  // Writes between pages must not show in later pages read at the same revision.
  MustUpdate(store, "/p/15", "changed");
  MustDelete(store, "/p/16");
  MustCreate(store, "/p/145", "new");

  std::vector<KeyValue> seen = page1.items;
  ListResult page = page1;
  for (int pages = 1; page.more && pages < 10; ++pages) {
    page = MustList(store, Options("/p/", at, seen.back().key + std::string(1, '\0'), 4));
    CHECK(page.revision == at);
    seen.insert(seen.end(), page.items.begin(), page.items.end());
  }
  CHECK_FALSE(page.more);
  CHECK(Keys(seen) == all);
  for (const KeyValue& kv : seen) CHECK(kv.value == "orig");

  // A limit that exactly fits is not "more".
  ListResult exact = MustList(store, Options("/p/", at, "", 10));
  CHECK(exact.items.size() == 10);
  CHECK_FALSE(exact.more);

  // start_key alone, at the latest revision.
  ListResult tail = MustList(store, Options("/p/", 0, "/p/17"));
  CHECK(Keys(tail.items) == std::vector<std::string>{"/p/17", "/p/18", "/p/19"});
}

}  // namespace kube::storage::conformance
